import pytest

from tests.parties import es

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_in_both_languages_and_the_switch(page):
    page.goto(page.base + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Español").click()
    page.wait_for_url("**/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert es("Cualquier persona de una Parte puede presentar una comunicación") in page.content()


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page):
    page.goto(page.base + "/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
