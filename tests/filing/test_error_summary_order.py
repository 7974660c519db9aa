"""The filing form's error summary lists the errors in the order the page shows their fields:
section 1 (who is filing) before sections 2 to 8, each link pointing at a field further down
than the one before; a label that ends with its own punctuation takes no colon."""

import re

import pytest

from tests.filing.conftest import filing_data

pytestmark = pytest.mark.django_db

BLANK = (
    "s0-kind",
    "s0-name",
    "s0-nationality",
    "f-party",
    "f-title",
    "f-law_0_name",
    "f-facts",
    "f-authorities_communication",
    "f-relies_on_media_only",
    "f-declaration",
)


def _summary(html: str) -> list[tuple[str, str]]:
    summary = html[html.index('id="error-summary"') :].split("</ul>", 1)[0]
    return [
        (anchor, re.sub(r"\s+", " ", text).strip())
        for anchor, text in re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary, re.S)
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_summary_follows_the_page(client, language):
    response = client.post(f"/{language}/file/", filing_data(**dict.fromkeys(BLANK)))
    assert response.status_code == 200
    html = response.content.decode()
    links = _summary(html)
    anchors = [anchor for anchor, _text in links]
    assert anchors[:3] == ["id_s0-kind_0", "id_s0-name", "id_s0-nationality"]
    assert anchors[-1] == "id_f-declaration"
    form = html[html.index("</ul>", html.index('id="error-summary"')) :]
    positions = [form.index(f'id="{anchor}"') for anchor in anchors]
    assert positions == sorted(positions)
    assert len(anchors) == len(BLANK)


def test_an_unticked_declaration_says_so_without_its_whole_sentence(client):
    # Walk 97: a box's error repeated the box's whole label before "This field is required."
    html = client.post("/en/file/", filing_data(**{"f-declaration": None})).content.decode()
    [(anchor, text)] = _summary(html)
    assert anchor == "id_f-declaration"
    assert text == "Tick the box to make the declaration."


def test_the_summary_puts_each_languages_colon(client, settings):
    """French puts a no-break space before the colon after a label (the ninth walk read
    "…est établie: Choisissez un pays"); the other languages do not."""
    for language, _name in settings.LANGUAGES:
        response = client.post(f"/{language}/file/", filing_data(**{"s0-nationality": "Atlantis"}))
        html = response.content.decode()
        summary = html[html.index('id="error-summary"') :].split("</ul>", 1)[0]
        (link,) = re.findall(r'<a href="#id_s0-nationality">(.*?)</a>', summary, re.S)
        colons = re.findall(r"(\S)(\u00a0?):", link)
        assert colons, language
        assert {space for _before, space in colons} == ({"\u00a0"} if language == "fr" else {""}), (
            language
        )
