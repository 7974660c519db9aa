"""Criterion (f) with Art. 18.8.3 on the public form: who is warned before filing about which
Party. A person of the United States (a US national or permanent resident, or an organization
constituted there) may not file about the United States, even one who is also Peruvian."""

import pytest

from submissions.models import Submission
from tests.filing.conftest import filing_data

pytestmark = pytest.mark.django_db

US_PERSON = "is a person of the United States. Under Article 18.8.3"
BOTH = "is a person of the United States as well as of Peru"
NEITHER = "does not appear to be a person of Peru or of the United States"


@pytest.mark.parametrize(
    "kind, nationality, residence, party, warning",
    [
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
)
def test_who_is_warned_about_which_party(client, kind, nationality, residence, party, warning):
    data = filing_data(
        **{
            "s0-kind": kind,
            "s0-name": "Rosa Huamán",
            "s0-nationality": nationality,
            "s0-residence": residence,
            "f-party": party,
        }
    )
    response = client.post("/en/file/", data)
    if warning is None:
        assert response.status_code == 302
        assert Submission.objects.get().party.code == party
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Rosa Huamán {warning}" in html
    assert 'name="f-eligibility_confirmed"' in html
    assert Submission.objects.count() == 0
    # The warning is advice: confirmed, the filing goes through and the Secretariat decides.
    data["f-eligibility_confirmed"] = "on"
    assert client.post("/en/file/", data).status_code == 302
    assert Submission.objects.get().party.code == party


def test_the_form_says_who_may_not_file_about_the_united_states(client):
    html = client.get("/en/file/").content.decode()
    assert "even one who is also Peruvian" in html
    assert "may not file a submission about the United States (Article 18.8.3)" in html
