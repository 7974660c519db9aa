"""The queue's filters in a real browser (walk 83): on a wide screen, where the CSS shows them
always, the disclosure is open and no Tab stop; on a phone, an ordinary fold."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"  # tests/factories.py


def _queue(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base + "/en/accounts/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.locator("main form.form").get_by_role("button").click()
    page.wait_for_url("**/en/secretariat/")
    page.wait_for_load_state()


def test_on_a_wide_screen_the_filters_are_open_and_not_a_tab_stop(page, officer):
    _queue(page, 1200)
    details = page.locator("details.filters")
    assert details.evaluate("d => d.open") is True
    summary = page.locator("#filter-heading")
    assert summary.get_attribute("tabindex") == "-1"
    summary.dispatch_event("click")
    assert details.evaluate("d => d.open") is True  # not folded while its fields show
    assert page.locator("#id_party").is_visible()


def test_on_a_phone_the_filters_fold(page, officer):
    _queue(page, 360)
    details = page.locator("details.filters")
    assert details.evaluate("d => d.open") is False
    summary = page.locator("#filter-heading")
    assert summary.get_attribute("tabindex") is None
    summary.click()
    assert details.evaluate("d => d.open") is True
