"""Walk 83: the docket's search form with wrong parameters (/es/docket/?year=1800&sort=zzz&
party=XX) had a summary without the id the site's script focuses, did not load that script, an
invalid field that did not name its error, and no ``novalidate`` (a browser bubble for a typed
error). It now uses the site's summary and field partials, as every other form does."""

import re

import lxml.html
import pytest

from tests.parties import A
from tests.parties import name as party_name

pytestmark = pytest.mark.django_db

WRONG = "/es/docket/?year=1800&sort=zzz&party=XX&law=" + "x" * 201


def _page(client, url):
    response = client.get(url)
    return response, lxml.html.fromstring(response.content.decode())


def test_the_summary_is_the_sites_and_links_each_wrong_field(client):
    response, page = _page(client, WRONG)
    assert response.status_code == 400
    summary = page.get_element_by_id("error-summary")
    assert summary.get("tabindex") == "-1"
    assert summary.get("role") == "alert"
    # The script that moves the focus to it.
    assert page.xpath("//script[contains(@src, 'js/errors.js')]")
    links = {a.get("href"): re.sub(r"\s+", " ", a.text_content()) for a in summary.iter("a")}
    assert set(links) == {"#id_party", "#id_year", "#id_law", "#id_sort"}
    for href in links:
        assert page.get_element_by_id(href[1:]) is not None
    assert links["#id_party"].startswith("Parte en cuestión: ")


def test_each_wrong_field_names_its_help_and_its_error(client):
    _response, page = _page(client, WRONG)
    for name in ("law", "year", "party", "sort"):
        field = page.get_element_by_id(f"id_{name}")
        assert field.get("aria-invalid") == "true", name
        described = field.get("aria-describedby").split()
        assert f"id_{name}-error" in described, name
        for ident in described:
            assert page.get_element_by_id(ident) is not None, (name, ident)
    law = page.get_element_by_id("id_law").get("aria-describedby").split()
    assert law == ["id_law-help", "id_law-error"]


def test_the_form_leaves_checking_to_the_server(client):
    _response, page = _page(client, "/en/docket/")
    (form,) = page.xpath("//form[@role='search']")
    assert form.get("novalidate") is not None
    search = page.get_element_by_id("id_q")
    assert search.get("type") == "search"
    assert search.get("aria-describedby") == "id_q-help"
    assert "except those withheld at their request" in (
        page.get_element_by_id("id_q-help").text_content()
    )


def test_a_wrong_search_text_is_tied_to_its_field(client):
    _response, page = _page(client, "/en/docket/?q=" + "x" * 201)
    search = page.get_element_by_id("id_q")
    assert search.get("aria-describedby").split() == ["id_q-help", "id_q-error"]
    assert page.xpath("//*[@id='error-summary']//a[@href='#id_q']")


def test_a_wrong_page_number_is_said_without_a_link_to_nowhere(client):
    response, page = _page(client, "/en/docket/?page=0")
    assert response.status_code == 400
    summary = page.get_element_by_id("error-summary")
    assert not summary.xpath(".//a")
    assert "Page: Ensure this value is greater than or equal to 1." in summary.text_content()


def test_the_filters_without_errors_are_valid_and_not_described_by_errors(client):
    response, page = _page(client, "/en/docket/?year=2023")
    assert response.status_code == 200
    assert not page.xpath("//*[@id='error-summary']")
    assert page.get_element_by_id("id_law").get("aria-describedby") == "id_law-help"


def test_the_fold_names_the_filters_chosen(client):
    """Walk 146: the fold said "Filters (2 chosen)", not which; the search's words are not a
    filter, and a year is named as it is."""
    page = client.get(f"/es/docket/?q=bosque&party={A}&status=open&year=2023").content.decode()
    (summary,) = lxml.html.fromstring(page).xpath("//details[@class='filters']/summary")
    assert summary.text_content() == f"Filtros (3 elegidos: {party_name(A, 'es')}, Abierto, 2023)"
