"""Managing accounts in the browser: deactivating one asks first (walk 116: one tap, the
buttons stacked close on a phone)."""

import pytest

from tests.browser.test_phone_widths import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_deactivating_an_account_asks_first(page, officer, a_focal):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, officer)
    page.goto(page.base + "/es/secretariat/accounts/")
    button = page.get_by_role("button", name="Desactivar a a_focal")
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    button.click()
    page.wait_for_timeout(300)
    a_focal.refresh_from_db()
    assert asked == ["¿Desactivar a a_focal? Ya no podrá iniciar sesión."]
    assert a_focal.is_active and page.url.endswith("/es/secretariat/accounts/")
    page.once("dialog", lambda dialog: answer(dialog, True))
    with page.expect_navigation():
        button.click()
    a_focal.refresh_from_db()
    assert not a_focal.is_active
    assert "a_focal ya no puede iniciar sesión." in page.content()
