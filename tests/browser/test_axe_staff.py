"""Issue 17, acceptance 2: axe-core finds no serious or critical violation on the workspace and
the portals, in English and Spanish, on a desk and on a 390 px phone (no rule disabled).

The public pages have their own run (tests/browser/test_docket_browser.py); the cases are the
ones tests/browser/test_phone_widths.py measures.
"""

from urllib.parse import urlsplit

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_phone_widths import (
    EXTENSION_DAY,
    PHONE,
    council_pages,
    in_language,
    party_extension_page,
    party_pages,
    seed,
    sign_in,
    workspace_pages,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, axe, path: str, language: str, problems: list) -> None:
    response = page.goto(page.base + path)
    assert response.status == 200, f"{path}: {response.status}"
    assert urlsplit(page.url).path == urlsplit(path).path, f"{path} → {page.url}"
    assert page.locator("html").get_attribute("lang") == language
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            for node in violation["nodes"]:
                problems.append(
                    f"{path}: {violation['id']} ({violation['impact']}) {node['target']} "
                    f"{node.get('failureSummary', '')[:300]}"
                )


@pytest.mark.parametrize("language", ["en", "es"])
def test_axe_finds_no_serious_violation_on_staff_pages(
    page, officer, officer2, director, a_focal, a_council, language
):
    s = seed(officer, officer2)
    axe = Axe()
    problems = []
    checked = 0
    # The Director sees everything an officer does, and the approval buttons besides.
    for user, build in (
        (director, lambda: workspace_pages(s)),
        (a_focal, lambda: party_pages(s)),
        (a_council, lambda: council_pages(s)),
    ):
        sign_in(page, user)
        for path in in_language(language, build):
            _check(page, axe, path, language, problems)
            checked += 1
    sign_in(page, a_focal)
    with time_machine.travel(EXTENSION_DAY):
        _check(
            page, axe, in_language(language, lambda: party_extension_page(s)), language, problems
        )
        checked += 1
    # On a phone: the folded filters, the stacked tables and the facts one under the other.
    page.set_viewport_size(PHONE)
    sign_in(page, director)
    for path in in_language(language, lambda: workspace_pages(s))[:4]:
        _check(page, axe, path, language, problems)
        checked += 1
    assert checked == 7 + 7 + 6 + 1 + 4
    assert problems == [], "\n".join(problems)
