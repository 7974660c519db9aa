"""Where the focus is once a page loads after a post (walk 83): on the messages after an action
succeeded, on the error summary after a refused sign-in; and what an error summary's link to a
group of choices brings into view."""

import pytest
from django.urls import reverse

from tests.helpers_cases import drive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"  # tests/factories.py


def _sign_in(page, username, language="en"):
    page.goto(f"{page.base}/{language}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form.form").get_by_role("button").click()
    page.wait_for_load_state()


def test_after_a_saved_edit_the_messages_have_the_focus(page, officer):
    case = drive("admissibility_review").case
    _sign_in(page, "officer")
    page.goto(page.base + reverse("ws_case", kwargs={"pk": case.pk}))
    page.locator("summary", has_text="Public title and summary").click()
    form = page.locator('form[aria-label="Public title and summary"]')
    form.get_by_label("Reason").fill("A clearer title")
    form.get_by_role("button", name="Save").click()
    page.wait_for_selector("#messages:focus")
    assert page.evaluate("document.activeElement.id") == "messages"
    assert "Public texts saved." in page.evaluate("document.activeElement.textContent")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_refused_sign_in_focuses_the_error_summary(page, officer, language):
    page.goto(f"{page.base}/{language}/accounts/login/")
    # Before any attempt, the username field has the focus.
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.fill("#id_username", "officer")
    page.fill("#id_password", "not-the-password")
    page.locator("main form.form").get_by_role("button").click()
    page.wait_for_selector("#error-summary:focus")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("[autofocus]").count() == 0
    assert page.get_attribute("#id_password", "aria-invalid") == "true"


def test_an_error_link_to_a_group_of_choices_shows_its_legend(page):
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(page.base + "/en/file/")
    page.locator("button[type=submit].button").click()
    page.wait_for_selector("#error-summary:focus")
    link = page.locator('#error-summary a[href="#id_s0-kind_0"]')
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_s0-kind_0"
    top = page.evaluate(
        "document.getElementById('id_s0-kind_0').closest('fieldset')"
        ".querySelector('legend').getBoundingClientRect().top"
    )
    assert 0 <= top < 700
