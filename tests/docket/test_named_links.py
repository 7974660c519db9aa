"""Walk 83: links and tables that said the same thing over and over. A case page's documents each
had links named only "Spanish"/"English"; the statistics page had five summaries "The same
figures as a table" and tables without a caption; the reading page's table of findings had no
name. Each now says which document, which chart, which findings."""

import re

import lxml.html
import pytest
from django.test import Client

from tests.docket.test_statistics import build_cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(public_determination):
    """A determination under Article 18.8.2, public in each working language."""
    return public_determination


def _page(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content.decode())


def _name(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def test_each_language_link_names_its_document(decided):
    case, decision = decided
    page = _page(f"/en/docket/{case.slug}/")
    by_href = {link.get("href"): link for link in page.iter("a")}
    titles = set()
    for document in decision.documents.all():
        download = f"/en/docket/{case.slug}/documents/{document.pk}/"
        language = {"en": "English", "es": "Spanish", "fr": "French"}[document.language]
        for href, said in ((download, language), (f"{download}read/", f"Read in {language}")):
            link = by_href[href]
            name = _name(link)
            assert name.startswith(said), name
            (hidden,) = link.find_class("visually-hidden")
            title = _name(hidden).removeprefix(":").strip()
            assert title and name.endswith(title)
            # By its own title (walk 95: the English link read the French title aloud).
            assert title == document.title
            titles.add(title)
    # The page's links are no longer a list of "English", "Spanish", "English"…
    names = [_name(link) for link in page.iter("a") if link.get("href") in by_href]
    assert "Spanish" not in names and "English" not in names
    assert len(titles) == decision.documents.count()  # each version, by its own title


def test_the_findings_table_is_named_by_its_introduction(decided):
    case, decision = decided
    document = decision.documents.get(language="en")
    page = _page(f"/en/docket/{case.slug}/documents/{document.pk}/read/")
    (table,) = page.find_class("formal-document__findings")
    intro = page.get_element_by_id(table.get("aria-labelledby"))
    assert intro.tag == "p"
    # "The Secretariat has reviewed the submission against each criterion of Article 18.8.2.
    # The submission:"
    assert "criterion" in _name(intro) and _name(intro).endswith(":")
    # The paragraph just before it.
    assert intro.getnext() is table


def test_each_tables_summary_and_caption_say_which_chart(client):
    build_cases()
    page = _page("/en/statistics/")
    figures = page.find_class("chart")
    assert len(figures) >= 5
    summaries = []
    for figure in figures:
        caption = _name(figure.find("figcaption"))
        table = figure.find(".//table")
        if figure.find(".//details") is not None:
            summary = _name(figure.find(".//summary"))
            assert summary == f"The same figures as a table: {caption}"
            summaries.append(summary)
        assert _name(table.find("caption")) == caption
    assert len(summaries) == len(set(summaries)) >= 5


def test_a_reading_page_in_another_language_says_so_in_its_title(decided):
    # Walk 85: on a Spanish page, the English version's title was wholly English.
    from django.utils import translation

    from secretariat.templatetags.sem_text import in_language

    case, decision = decided
    for document in decision.documents.all():
        other = "es" if document.language != "es" else "en"
        page = _page(f"/{other}/docket/{case.slug}/documents/{document.pk}/read/")
        title = _name(page.find(".//title"))
        with translation.override(other):
            marker = in_language(document.language)
        assert marker and f"{document.title} {marker} · " in title, title
        same = _page(f"/{document.language}/docket/{case.slug}/documents/{document.pk}/read/")
        assert _name(same.find(".//title")).startswith(f"{document.title} · ")
