"""Who is warned before filing about which Party, under the profile's rule of standing.

US–Peru TPA: criterion (f) with Art. 18.8.3. A person of the United States (a US national or
permanent resident, or an organization constituted there) may not file about the United States,
even one who is also Peruvian. USMCA–CEC: any person residing or established in a Party may
file about any of the three Parties, their own included (Art. 24.27(1)); only a person of no
Party is warned. CAFTA-DR: the TPA's rule among seven Parties, Art. 17.7.2(f) and 17.7.3: a
person of the United States may not file about the United States; a person of any Party may
file about any other Party, and a person of a Party other than the United States about their
own."""

import pytest

from submissions.models import Submission
from tests.filing.conftest import filing_data
from tests.parties import SLUG

pytestmark = pytest.mark.django_db

US_PERSON = {
    "us-peru-tpa": "is a person of the United States. Under Article 18.8.3",
    "usmca-cec": None,  # no such rule
    "cafta-dr": "is a person of the United States. Under Article 17.7.3",
}[SLUG]
BOTH = {
    "us-peru-tpa": "is a person of the United States as well as of Peru",
    "usmca-cec": None,  # no such rule
    "cafta-dr": "is a person of the United States as well as of another Party",
}[SLUG]
NEITHER = {
    "us-peru-tpa": "does not appear to be a person of Peru or of the United States",
    "usmca-cec": "does not appear to reside or be established in Canada, Mexico or the United "
    "States. Under Article 24.27(1)",
    "cafta-dr": "does not appear to be a person of a Party to the CAFTA-DR. Under Article "
    "17.7.2(f)",
}[SLUG]

CASES = {
    "us-peru-tpa": [
        # A Peruvian national may file about the United States.
        ("individual", "PE", "", "US", None),
        # A dual Peru/US national (nationality US, the form's second country PE) is a person of
        # the United States: warned.
        ("individual", "US", "PE", "US", BOTH),
        # A Peruvian national who is a US permanent resident: a person of the United States.
        ("individual", "PE", "US", "US", BOTH),
        # A US national may file about Peru.
        ("individual", "US", "", "PE", None),
        # An organization constituted in the United States, about the United States: warned.
        ("organization", "US", "", "US", US_PERSON),
        # ... and about Peru it may file.
        ("organization", "US", "", "PE", None),
        # A third-country national resident in the United States is a person of the United
        # States: about the United States, warned; about Peru, not.
        ("individual", "MX", "US", "US", US_PERSON),
        ("individual", "MX", "US", "PE", None),
        # A person of neither Party is warned whichever Party.
        ("individual", "CL", "", "PE", NEITHER),
    ],
    "usmca-cec": [
        # A Mexican national may file about the United States, and about Mexico.
        ("individual", "MX", "", "US", None),
        ("individual", "MX", "", "MX", None),
        # No exception like the TPA's Art. 18.8.3: a person of the United States may file about
        # the United States, an organization established there too.
        ("individual", "US", "", "US", None),
        ("organization", "US", "", "US", None),
        ("organization", "CA", "", "CA", None),
        # A third-country national resident in the United States may file about any Party.
        ("individual", "CL", "US", "US", None),
        ("individual", "CL", "US", "MX", None),
        # A person of no Party is warned whichever Party.
        ("individual", "CL", "", "MX", NEITHER),
        ("individual", "PE", "", "US", NEITHER),
        # Residence decides, not nationality (NAAEC 14(1)(f), "residing or established"): a
        # Mexican national who resides in Chile is warned; one residing in Canada is not.
        ("individual", "MX", "CL", "US", NEITHER),
        ("individual", "MX", "CA", "MX", None),
    ],
    "cafta-dr": [
        # A Guatemalan national may file about the United States, and about Guatemala.
        ("individual", "GT", "", "US", None),
        ("individual", "GT", "", "GT", None),
        # A dual Guatemala/US national (nationality US, the form's second country GT) is a
        # person of the United States: warned.
        ("individual", "US", "GT", "US", BOTH),
        # A Guatemalan national who is a US permanent resident: a person of the United States.
        ("individual", "GT", "US", "US", BOTH),
        # A US national may file about Guatemala, and about any other Party.
        ("individual", "US", "", "GT", None),
        ("individual", "US", "", "NI", None),
        # An organization constituted in the United States, about the United States: warned.
        ("organization", "US", "", "US", US_PERSON),
        # ... and about Guatemala it may file.
        ("organization", "US", "", "GT", None),
        # A person of another Party may file about a third Party, and about their own.
        ("individual", "CR", "", "GT", None),
        ("organization", "DO", "", "DO", None),
        # A third-country national resident in the United States is a person of the United
        # States: about the United States, warned; about Guatemala, not.
        ("individual", "MX", "US", "US", US_PERSON),
        ("individual", "MX", "US", "GT", None),
        # A person of no Party is warned whichever Party.
        ("individual", "CL", "", "GT", NEITHER),
        ("individual", "PE", "", "US", NEITHER),
    ],
}[SLUG]


def _filer(kind, nationality, residence, party) -> dict:
    """A filing by Rosa Huamán, of ``kind``, ``nationality`` and ``residence``, about ``party``."""
    return filing_data(
        **{
            "s0-kind": kind,
            "s0-name": "Rosa Huamán",
            "s0-nationality": nationality,
            "s0-residence": residence,
            "f-party": party,
        }
    )


@pytest.mark.parametrize("kind, nationality, residence, party, warning", CASES)
def test_who_is_warned_about_which_party(client, kind, nationality, residence, party, warning):
    data = _filer(kind, nationality, residence, party)
    response = client.post("/en/file/", data)
    if warning is None:
        assert response.status_code == 302
        assert Submission.objects.get().party.code == party
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Rosa Huamán {warning}" in html
    assert 'name="f-eligibility_confirmed"' in html
    # It takes the focus when the page loads (walk 91: below the fold on a phone).
    assert 'role="alert" tabindex="-1" data-focus-on-load>' in html
    assert 'id="error-summary"' not in html  # else the summary would take it
    assert Submission.objects.count() == 0
    # The warning is advice: confirmed, the filing goes through and the Secretariat decides.
    data["f-eligibility_confirmed"] = "on"
    assert client.post("/en/file/", data).status_code == 302
    assert Submission.objects.get().party.code == party


RULE = {
    "us-peru-tpa": (
        "even one who is also Peruvian",
        "may not file a submission about the United States (Article 18.8.3)",
    ),
    "usmca-cec": (
        "be made by a person residing or established in Canada, Mexico or the United States "
        "(Article 24.27(1))",
        "may file about any of the three Parties, their own included (Article 24.27(1))",
    ),
    "cafta-dr": (
        "be made by a person of a Party: Costa Rica, the Dominican Republic, El Salvador, "
        "Guatemala, Honduras, Nicaragua or the United States (Article 17.7.2(f))",
        "even one who is also a national of another Party",
        "may not file a submission about the United States (Article 17.7.3)",
    ),
}[SLUG]


def test_the_form_says_who_may_file_about_which_party(client):
    html = client.get("/en/file/").content.decode()
    for sentence in RULE:
        assert sentence in html


def test_the_warning_comes_with_the_forms_other_problems(client):
    """Walk 137: a filer who had also left the declaration unticked was told of who may file
    only once that was mended, and sent the form a third time."""
    outsider = next(case for case in CASES if case[-1] is not None)
    kind, nationality, residence, party, warning = outsider
    data = _filer(kind, nationality, residence, party)
    del data["f-declaration"]
    html = client.post("/en/file/", data).content.decode()
    assert "Tick the box to make the declaration." in html
    assert f"Rosa Huamán {warning}" in html
    assert 'name="f-eligibility_confirmed"' in html
    data["f-declaration"] = "on"
    data["f-eligibility_confirmed"] = "on"
    assert client.post("/en/file/", data).status_code == 302
