"""The public docket in Chromium: search, filters and a case page, and axe-core on every public
page in both languages (no serious or critical violation, no rule disabled)."""

import contextlib
import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.docket.conftest import (
    CALL_CASE,
    CALL_SLUG,
    DATA,
    SACA_2,
    SACA_2_SLUG,
    SECRET_SLUG,
    for_profile,
    secret_payload,
)
from tests.parties import A, name
from workflow.registry import import_registry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def docket_data(transactional_db):
    # The registry's Peruvian cases, as the installed profile's cases on Party A (for_profile).
    saca = json.loads((Path(DATA) / "saca-seem-2023.json").read_text(encoding="utf-8"))
    assert import_registry(for_profile(saca), base_dir=DATA).ok
    assert import_registry(secret_payload(), base_dir=DATA).ok
    extra = for_profile({"format": "sem-registry/1", "submissions": [CALL_CASE]})
    assert import_registry(extra).ok


def _pages(language: str) -> list[str]:
    with translation.override(language):
        pages = [
            reverse("home"),
            reverse("docket"),
            reverse("docket") + f"?q=forest&party={A}",
            reverse("docket_case", args=[SECRET_SLUG]),
            reverse("docket_case", args=[CALL_SLUG]),
            reverse("statistics"),
        ]
        # The filing form is another issue's: the assertion below says when it is missing.
        with contextlib.suppress(NoReverseMatch):
            pages.append(reverse("file"))
    return pages


@pytest.mark.parametrize("language", ["en", "es"])
def test_axe_finds_no_serious_violation_on_public_pages(page, docket_data, language):
    axe = Axe()
    pages = _pages(language)
    assert len(pages) == 7, "the filing form (URL name 'file') is not routed"
    problems = []
    for path in pages:
        page.goto(page.base + path)
        assert page.locator("html").get_attribute("lang") == language
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                for node in violation["nodes"]:
                    problems.append(
                        f"{path}: {violation['id']} ({violation['impact']}) {node['target']} "
                        f"{node.get('failureSummary', '')[:300]}"
                    )
    assert problems == [], "\n".join(problems)


def test_search_filter_and_open_a_case(page, docket_data):
    page.goto(page.base + "/en/docket/")
    assert page.get_by_text("4 submissions found.").is_visible()
    page.get_by_role("searchbox", name="Search").fill("concesiones forestales")
    page.get_by_label("Party concerned").select_option(A)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(f"**/en/docket/?q=concesiones+forestales&party={A}*")
    assert page.get_by_text("2 submissions found.").is_visible()
    page.get_by_role("link", name=SACA_2).click()
    page.wait_for_url(f"**/en/docket/{SACA_2_SLUG}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith(SACA_2)
    assert page.get_by_text("Chain hash:").count() == 1


def test_on_a_phone_a_search_opens_at_its_results(page, docket_data):
    """Walk 140: on a 390 px phone the count and the first result came two screens below the
    form, and the page reloaded at its top. A search opens at its results."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/es/docket/")
    page.get_by_role("searchbox", name="Buscar").fill("concesiones forestales")
    page.get_by_role("button", name="Buscar").click()
    page.wait_for_url("**/es/docket/?q=concesiones+forestales*#results")
    count = page.locator("#results")
    assert count.inner_text().startswith("Se encontraron 2 ")
    box = count.bounding_box()
    assert 0 <= box["y"] < 844 / 3, box  # at the top of the screen, not below the form
    # The filters fold on a phone (walk 145), yet the heading, the search box and the fold
    # still stand above the count: the page scrolled to it.
    assert page.evaluate("window.scrollY") > 0


def test_open_call_for_information_in_spanish(page, docket_data):
    page.goto(page.base + f"/es/docket/{CALL_SLUG}/")
    content = page.content()
    assert "Tala ilegal en Ucayali" in content
    information = page.locator("#call-heading")
    assert information.count() == 1


def test_on_a_phone_the_filters_fold_and_say_which_are_chosen(page, docket_data):
    """Walk 145: a search's address opened on a phone (a shared link) showed its count 1,360 px
    down, below every filter. On a phone the filters fold under a summary that says how many
    are chosen; on a wide screen they stay open."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + f"/es/docket/?q=concesiones+forestales&party={A}")
    fold = page.locator("details.filters")
    assert fold.evaluate("d => d.open") is False
    summary = fold.locator(":scope > summary")
    # Which, not only how many (walk 146).
    assert summary.inner_text() == f"Filtros (1 elegido: {name(A, 'es')})"
    count = page.locator("#results")
    assert count.inner_text().startswith("Se encontraron 2 ")
    folded = count.bounding_box()["y"]
    summary.click()
    assert page.get_by_label("Parte en cuestión").is_visible()
    # Folded, the filters stood in the way of the count by a line, not by a screen.
    assert count.bounding_box()["y"] - folded > 844 / 2, (folded, count.bounding_box())
    page.goto(page.base + "/es/docket/")
    assert page.locator("details.filters > summary").inner_text() == "Filtros"
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(page.base + "/es/docket/")
    assert page.locator("details.filters").evaluate("d => d.open") is True
    assert page.get_by_label("Parte en cuestión").is_visible()
