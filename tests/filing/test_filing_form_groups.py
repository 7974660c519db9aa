"""Walk 83: the filing form's repeated groups say which one a field, an error or a kept file
belongs to. Two submitters' errors read alike in the summary; four rows of laws had the same
two labels and no number; a kept file was not named by its input or by its "Remove" box."""

import re

import lxml.html
import pytest

from tests.filing.conftest import filing_data, pdf

pytestmark = pytest.mark.django_db


def _summary(page) -> dict[str, str]:
    """The error summary's links: anchor -> text, spaces squeezed."""
    return {
        link.get("href")[1:]: re.sub(r"\s+", " ", link.text_content()).strip()
        for link in page.get_element_by_id("error-summary").iter("a")
    }


def _page(response):
    return lxml.html.fromstring(response.content.decode())


CO_SUBMITTER = {
    "submitters": "2",
    "s1-name": "Juan Pérez",  # started, so checked: the rest of the fieldset is missing
    "s0-kind": None,
    "s0-email": "not an email",
}


@pytest.mark.parametrize(
    ("language", "first"),
    [
        ("en", "Filing as: This field is required."),
        ("es", "Presenta en calidad de: Este campo es obligatorio."),
    ],
)
def test_each_submitters_errors_say_whose_they_are(client, language, first):
    page = _page(client.post(f"/{language}/file/", filing_data(**CO_SUBMITTER)))
    links = _summary(page)
    assert links["id_s0-kind_0"] == first
    assert links["id_s1-kind_0"] != first
    assert links["id_s1-kind_0"].endswith(f" 1, {first}")
    # Every field of the co-submitter is named so, not only the choice; not the first's.
    prefix = links["id_s1-kind_0"].removesuffix(first)
    assert links["id_s1-email"].startswith(prefix)
    assert not links["id_s0-email"].startswith(prefix)


def test_the_summary_names_the_co_submitter_by_its_legend(client):
    page = _page(client.post("/en/file/", filing_data(**CO_SUBMITTER)))
    links = _summary(page)
    assert links["id_s1-kind_0"] == "Co-submitter 1, Filing as: This field is required."
    assert links["id_s0-kind_0"] == "Filing as: This field is required."
    # The prefix is the legend the fieldset shows, so the link leads where it says.
    legend = page.get_element_by_id("co-submitter-1").find("legend").text_content().strip()
    assert links["id_s1-kind_0"].startswith(f"{legend}, ")


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_law_row_is_a_numbered_fieldset(client, language):
    page = _page(client.get(f"/{language}/file/"))
    legends = []
    for i in range(4):
        name = page.get_element_by_id(f"id_f-law_{i}_name")
        fieldset = next(name.iterancestors("fieldset"))
        assert "law" in fieldset.classes
        legends.append(fieldset.find("legend").text_content().strip())
        assert legends[-1].endswith(f" {i + 1}")
        provisions = page.get_element_by_id(f"id_f-law_{i}_provisions")
        assert next(provisions.iterancestors("fieldset")) is fieldset
    if language == "en":
        assert legends == ["Law 1", "Law 2", "Law 3", "Law 4"]


def test_a_law_rows_error_names_its_row(client):
    too_long = "x" * 501
    data = filing_data(**{"f-law_2_name": too_long, "f-law_0_provisions": too_long})
    links = _summary(_page(client.post("/en/file/", data)))
    assert links["id_f-law_2_name"].startswith("Law 3, Name of the law or regulation: ")
    assert links["id_f-law_0_provisions"].startswith("Law 1, Articles or provisions: ")


def test_provisions_without_their_law_are_not_dropped_silently(client):
    # Walk 85: "Artículo 79" in row 2 with no law's name: the summary named row 1 only, and
    # the provisions would have gone without a word.
    data = filing_data(**{"f-law_1_provisions": "Artículo 79"})
    response = client.post("/en/file/", data)
    assert response.status_code == 200
    links = _summary(_page(response))
    assert links["id_f-law_1_name"] == (
        "Law 2, Name of the law or regulation: Name the law or regulation these articles or "
        "provisions are of."
    )


def _described_by(page, element_id) -> list[str]:
    return page.get_element_by_id(element_id).get("aria-describedby", "").split()


def test_a_kept_attachment_is_named_by_its_input_and_its_remove_box(client):
    data = filing_data(**{"f-title": "", "f-attachment_0": pdf("evidence.pdf")})
    page = _page(client.post("/en/file/", data))
    ids = _described_by(page, "id_f-attachment_0")
    assert "id_f-attachment_0-kept" in ids
    kept = page.get_element_by_id("id_f-attachment_0-kept")
    assert "Already received: evidence.pdf" in kept.text_content()
    (remove,) = page.xpath("//label[@for='id_f-attachment_0_remove']")
    assert remove.text_content().strip() == "Remove evidence.pdf"
    # The other slots keep no file and say none.
    assert not any(i.endswith("-kept") for i in _described_by(page, "id_f-attachment_1"))
    assert not page.xpath(
        "//*[@id='id_f-attachment_1-kept'] | //label[@for='id_f-attachment_1_remove']"
    )


def test_a_kept_attachment_stays_named_with_an_error_of_its_own(client):
    """An attachment's title too long: its error and the kept file, both named by the input."""
    data = filing_data(**{"f-attachment_0": pdf(), "f-attachment_0_title": "t" * 301})
    page = _page(client.post("/en/file/", data))
    assert "id_f-attachment_0-kept" in _described_by(page, "id_f-attachment_0")
    assert "id_f-attachment_0_title-error" in _described_by(page, "id_f-attachment_0_title")


def test_a_kept_identity_document_is_named_by_its_input(client):
    data = filing_data(**{"f-title": "", "s0-identity_document": pdf("dni.pdf")})
    page = _page(client.post("/es/file/", data))
    ids = _described_by(page, "id_s0-identity_document")
    assert ids[-1] == "id_s0-identity_document-kept"
    assert "id_s0-identity_document-help" in ids
    kept = page.get_element_by_id("id_s0-identity_document-kept")
    assert "dni.pdf" in kept.text_content()
