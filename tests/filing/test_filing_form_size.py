"""The filing form small: one submitter fieldset, one shared list of countries, and "Add another
submitter" as a plain submit button that brings the form back with one more fieldset."""

import re

import pytest

from submissions.models import Submission, Submitter
from tests.filing.conftest import filing_data, pdf
from tests.parties import SLUG, A, name

pytestmark = pytest.mark.django_db


def submitter_fieldsets(html: str) -> list[int]:
    return sorted({int(n) for n in re.findall(r'name="s(\d+)-name"', html)})


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_form_is_small_with_one_submitter_and_one_country_list(client, language):
    html = client.get(f"/{language}/file/").content.decode()
    assert len(html.encode()) < 40_000
    assert submitter_fieldsets(html) == [0]
    assert html.count("<datalist") == 1
    assert html.count('list="countries"') == 2  # nationality and residence point at it
    assert html.count("<select") < 10  # no country <select> left
    assert f'<option value="{name(A, language)}">' in html
    assert 'name="add_submitter"' in html


def test_add_another_submitter_without_script_keeps_the_answers_and_the_file(client):
    data = filing_data(
        **{
            "s0-identity_document": pdf("dni.pdf"),
            "f-attachment_0": pdf("informe.pdf"),
            "f-attachment_0_title": "Informe técnico",
            "submitters": "1",
            "add_submitter": "1",
        }
    )
    response = client.post("/en/file/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert submitter_fieldsets(html) == [0, 1]
    assert 'value="Asociación Amazónica"' in html
    assert 'value="amazonica@example.org"' in html
    assert "Jr. Lima 123, Iquitos" in html
    assert 'name="submitters" value="2"' in html
    assert "Identity document already received: dni.pdf" in html
    assert "Already received: informe.pdf" in html
    assert "field__errors" not in html  # nothing was sent yet: no errors shown
    # The second fieldset filled in, the form is sent with both submitters and both files.
    tokens = dict(re.findall(r'name="((?:s0|f)-[a-z_0-9]+_token)" value="([^"]+)"', html))
    assert set(tokens) == {"s0-identity_document_token", "f-attachment_0_token"}
    second = filing_data(
        **tokens,
        **{
            "submitters": "2",
            "f-attachment_0_title": "Informe técnico",
            "s1-kind": "individual",
            "s1-name": "Rosa Quispe",
            "s1-nationality": name(A, "es"),
            "s1-email": "rosa@example.org",
            "s1-preferred_language": "es",
        },
    )
    assert client.post("/en/file/", second).status_code == 302
    submission = Submission.objects.get()
    people = [m.submitter for m in submission.memberships.order_by("position")]
    assert [(p.name, p.nationality) for p in people] == [
        ("Asociación Amazónica", A),
        ("Rosa Quispe", A),
    ]
    assert [d.original_name for d in submission.documents.all()] == ["informe.pdf"]


# What people type for a country of a Party: its code, its name in either language, or (the
# walk in Spanish on a phone found "Peruana" refused) a word for a nationality.
TYPED = {
    "us-peru-tpa": [
        ("PE", "PE"),
        ("pe", "PE"),
        ("Perú", "PE"),
        ("peru", "PE"),
        ("Estados Unidos", "US"),
        ("Peruana", "PE"),
        ("peruano", "PE"),
        ("Estadounidense", "US"),
        ("American", "US"),
    ],
    "usmca-cec": [
        ("MX", "MX"),
        ("mx", "MX"),
        ("México", "MX"),
        ("mexico", "MX"),
        ("Estados Unidos", "US"),
        ("Mexicana", "MX"),
        ("mexicano", "MX"),
        ("Estadounidense", "US"),
        ("American", "US"),
        ("Canadá", "CA"),
        ("canadiense", "CA"),
        ("Canadienne", "CA"),
    ],
    "cafta-dr": [
        ("GT", "GT"),
        ("gt", "GT"),
        ("Guatemala", "GT"),
        ("guatemala", "GT"),
        ("Estados Unidos", "US"),
        ("Guatemalteca", "GT"),
        ("guatemalteco", "GT"),
        ("Estadounidense", "US"),
        ("American", "US"),
        ("República Dominicana", "DO"),
        ("dominicana", "DO"),
        ("Costarricense", "CR"),
        ("salvadoreño", "SV"),
        ("hondureña", "HN"),
        ("nicaragüense", "NI"),
    ],
}[SLUG]

# The error's example: a Party of the profile.
UNKNOWN = {
    "us-peru-tpa": "Choose a country from the list (for example, Peru).",
    "usmca-cec": "Choose a country from the list (for example, Canada).",
    "cafta-dr": "Choose a country from the list (for example, Costa Rica).",
}[SLUG]


@pytest.mark.parametrize(("typed", "code"), TYPED)
def test_a_country_is_its_code_or_its_name(client, typed, code):
    assert client.post("/es/file/", filing_data(**{"s0-nationality": typed})).status_code == 302
    assert Submitter.objects.get().nationality == code


def test_an_unknown_country_is_an_error_tied_to_its_field(client):
    response = client.post("/en/file/", filing_data(**{"s0-nationality": "Atlantis"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_s0-nationality-error"' in html
    assert 'value="Atlantis"' in html
    assert UNKNOWN in html
    assert "two-letter code" not in html


def test_the_country_list_holds_no_test_region_or_part_of_a_country(client):
    from secretariat.web.countries import country_code, country_datalist

    for language in ("en", "es"):
        html = client.get(f"/{language}/file/").content.decode()
        for region in ("Pseudo-Accents", "Pseudoacentos", "Canary Islands", "Canarias"):
            assert f'value="{region}"' not in html
    assert country_code("Pseudoacentos") is None
    listed = str(country_datalist())
    assert f'value="{name(A, "es")}"' in listed or f'value="{name(A, "en")}"' in listed


def test_every_country_the_page_suggests_is_taken_back_in_its_language(client, settings):
    """The datalist names countries in the page's language; whatever it suggests, in any of
    the site's languages (the CEC's French: "Mexique", "Chili"), the form takes back."""
    import re
    from html import unescape

    from secretariat.web.countries import country_code

    for language, _name in settings.LANGUAGES:
        html = client.get(f"/{language}/file/").content.decode()
        datalist = html.split('<datalist id="countries">')[1].split("</datalist>")[0]
        suggested = re.findall(r'<option value="([^"]+)">', datalist)
        assert len(suggested) > 200, language
        refused = [value for value in suggested if country_code(unescape(value)) is None]
        assert refused == [], (language, refused[:5])


# Typed on the page in its own language: a French page under the CEC.
IN_PAGE_LANGUAGE = {
    "us-peru-tpa": ("es", "Perú", "Chile", "PE", "CL"),
    "usmca-cec": ("fr", "Mexique", "Chili", "MX", "CL"),
    "cafta-dr": ("es", "Guatemala", "Chile", "GT", "CL"),
}[SLUG]


def test_a_country_named_in_the_pages_language_is_taken(client):
    language, nationality, residence, code, residence_code = IN_PAGE_LANGUAGE
    data = filing_data(**{"s0-nationality": nationality, "s0-residence": residence})
    data["f-eligibility_confirmed"] = "on"  # the residence may make this a person of no Party
    response = client.post(f"/{language}/file/", data)
    assert response.status_code == 302
    submitter = Submitter.objects.get()
    assert (submitter.nationality, submitter.residence) == (code, residence_code)
