"""Signing in through a real browser: each role lands on its own page after the second factor;
the session's end is announced with a way to stay; a half-written determination outlives an
ended session and comes back after signing in again."""

import re

import pytest
from django.contrib.sessions.models import Session
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers_cases import drive
from tests.parties import CRITERIA, SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"  # tests/factories.py
# The admissibility determination's action, as the profile's treaty names it.
DETERMINATION = {
    "us-peru-tpa": "Determination under Article 18.8.2",
    "usmca-cec": "Determination under Article 24.27(2)",
    "cafta-dr": "Determination under Article 17.7.2",
}[SLUG]
LAST = {"us-peru-tpa": "f", "usmca-cec": "e", "cafta-dr": "f"}[SLUG]  # the last criterion's letter


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in(page, username, language="en"):
    page.goto(f"{page.base}/{language}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form.form").get_by_role("button").click()


def second_factor(page, device):
    page.wait_for_url(re.compile(r"/accounts/otp/\?next="))
    page.fill("#id_code", code_for(device))
    page.locator("main form.form").get_by_role("button").click()


@pytest.fixture
def otp_on(settings):
    settings.SEM_REQUIRE_OTP = True


def test_the_director_lands_on_the_queue_after_the_second_factor(page, otp_on, director):
    device = TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    sign_in(page, "director")
    second_factor(page, device)
    page.wait_for_url(page.base + "/en/secretariat/")
    assert page.locator("h1").inner_text() == "Queue"
    nav = page.get_by_role("navigation", name="Main")
    # One link to the queue, marked as the current page.
    assert nav.get_by_role("link", name="Queue").count() == 1
    assert nav.get_by_role("link", name="Queue").get_attribute("aria-current") == "page"
    assert nav.get_by_role("link", name="Secretariat").count() == 0


def test_a_party_focal_point_lands_on_the_party_portal(page, otp_on, a_focal):
    device = TOTPDevice.objects.create(user=a_focal, name="phone", confirmed=True)
    sign_in(page, "a_focal", language="es")
    second_factor(page, device)
    page.wait_for_url(page.base + "/es/party/")
    assert page.locator("html").get_attribute("lang") == "es"


def test_a_council_member_lands_on_the_council_portal(page, otp_on, b_council):
    device = TOTPDevice.objects.create(user=b_council, name="phone", confirmed=True)
    sign_in(page, "b_council")
    second_factor(page, device)
    page.wait_for_url(page.base + "/en/council/")
    assert "cases notified to the Council" in page.locator("h1").inner_text()


def test_the_session_warning_keeps_the_session_then_says_it_ended(page, settings, officer):
    settings.SESSION_COOKIE_AGE = 8
    settings.SEM_SESSION_WARNING_SECONDS = 6
    sign_in(page, "officer")
    page.wait_for_url(page.base + "/en/secretariat/")
    warning = page.locator("#session-warning")
    warning.wait_for(state="visible", timeout=10_000)
    assert "you will be signed out in 1 minute" in warning.inner_text()
    with page.expect_response(lambda r: r.url.endswith("/en/accounts/session/")) as kept:
        warning.get_by_role("button", name="Stay signed in").click()
    assert kept.value.status == 200
    warning.wait_for(state="hidden")
    ended = page.locator("#session-ended")
    ended.wait_for(state="visible", timeout=15_000)
    link = ended.get_by_role("link", name="Sign in again")
    assert link.get_attribute("href") == "/en/accounts/login/?next=/en/secretariat/"


def test_a_half_written_determination_comes_back_after_signing_in_again(page, officer):
    case = drive("admissibility_review").case
    case_path = f"/en/secretariat/case/{case.pk}/"
    reasons = "El criterio (a) se cumple: la comunicación está escrita en español."
    sign_in(page, "officer")
    page.wait_for_url(page.base + "/en/secretariat/")
    page.goto(page.base + case_path)
    page.locator("summary", has_text=DETERMINATION).first.click()
    form = page.locator(f'form[aria-label="{DETERMINATION}"]')
    for letter in CRITERIA:
        form.locator(f"#id_admissibility_determined-{letter}_finding_0").check()
        form.locator(f"#id_admissibility_determined-{letter}_reasons").fill(
            reasons if letter == "a" else f"El criterio ({letter}) se cumple."
        )
    stored = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('sem-draft:'))"
    )
    assert stored == [f"sem-draft:{officer.pk}:{case_path}act/admissibility_determined/"]

    # The session ends on the server (another tab signed out, the period ran out) before the
    # officer sends the form.
    Session.objects.all().delete()
    form.get_by_role("button", name="Propose").click()
    page.wait_for_url(re.compile(r"/en/accounts/login/\?next="))
    # The server's `next` is the form's action (a POST-only address); the page sends the
    # officer back to the case instead.
    assert page.locator("main input[name=next]").input_value() == case_path

    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.locator("main form.form").get_by_role("button").click()
    page.wait_for_url(page.base + case_path)
    form = page.locator(f'form[aria-label="{DETERMINATION}"]')
    assert form.locator("#id_admissibility_determined-a_reasons").input_value() == reasons
    assert form.locator(f"#id_admissibility_determined-{LAST}_reasons").input_value() == (
        f"El criterio ({LAST}) se cumple."
    )
    assert form.locator(f"#id_admissibility_determined-{LAST}_finding_0").is_checked()
    assert form.locator("#id_admissibility_determined-a_reasons").is_visible()  # opened
    notice = form.locator(".draft-restored")
    assert "was restored" in notice.inner_text()

    # Sent this time: the draft is gone once the case page shows the proposal.
    form.get_by_role("button", name="Propose").click()
    page.wait_for_load_state()
    assert "now awaits the Executive Director's approval" in page.content()
    page.goto(page.base + case_path)
    assert (
        page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('sem-draft:'))")
        == []
    )


def test_a_partys_half_written_response_comes_back_after_signing_in_again(page, a_focal):
    """Walk 119: the dialog told a focal point that what it was writing was kept on this
    computer; the portals' forms were not kept. The files are not: the notice says so."""
    case = drive("awaiting_response").case
    respond = f"/es/party/cases/{case.pk}/respond/"
    sign_in(page, "a_focal", language="es")
    page.wait_for_url(page.base + "/es/party/")
    page.goto(page.base + respond)
    page.fill("#id_earlier_proceedings", "Ninguno, según el registro del Poder Judicial.")
    page.fill("#id_capacity_building", "Programa forestal 2022.")
    # Its choices too (walk 120: an annex for the Party concerned came back for every Party
    # and the Council).
    page.select_option("#id_attachments-0-visibility", "party_concerned")
    page.select_option("#id_attachments-0-language", "en")
    Session.objects.all().delete()
    page.locator("main form.form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/es/accounts/login/\?next="))
    assert page.locator("main input[name=next]").input_value() == respond
    # The sign-in page says why (walk 120: nothing said the session had ended).
    assert page.locator(".session-ended-note").inner_text().startswith("Su sesión había terminado.")
    page.fill("#id_username", "a_focal")
    page.fill("#id_password", PASSWORD)
    page.locator("main form.form").get_by_role("button").click()
    page.wait_for_url(page.base + respond)
    assert page.locator("#id_earlier_proceedings").input_value() == (
        "Ninguno, según el registro del Poder Judicial."
    )
    assert page.locator("#id_capacity_building").input_value() == "Programa forestal 2022."
    assert page.locator("#id_attachments-0-visibility").input_value() == "party_concerned"
    assert page.locator("#id_attachments-0-language").input_value() == "en"
    notice = page.locator(".draft-restored").inner_text()
    assert notice.startswith("Se recuperó lo que había escrito aquí")
    assert notice.endswith("Los archivos no se conservan: elíjalos de nuevo.")


def test_a_form_sent_without_its_cookies_leads_back_to_it_through_signing_in(page, a_focal):
    """Walk 120: with the browser's cookies gone (not only the session), the post met Django's
    bare CSRF page. The site's page says nothing was recorded and signs the person in back to
    the form, what they had written restored."""
    case = drive("awaiting_response").case
    respond = f"/es/party/cases/{case.pk}/respond/"
    sign_in(page, "a_focal", language="es")
    page.wait_for_url(page.base + "/es/party/")
    page.goto(page.base + respond)
    page.fill("#id_earlier_proceedings", "Ninguno.")
    page.context.clear_cookies()
    page.locator("main form.form button[type=submit]").last.click()
    page.wait_for_selector("h1[data-draft-kept]")
    assert page.locator("h1").inner_text() == "No se pudo enviar el formulario"
    page.locator("main a.button", has_text="Iniciar sesión").click()
    page.fill("#id_username", "a_focal")
    page.fill("#id_password", PASSWORD)
    page.locator("main form.form").get_by_role("button").click()
    page.wait_for_url(page.base + respond)
    assert page.locator("#id_earlier_proceedings").input_value() == "Ninguno."
    assert page.locator(".draft-restored").is_visible()
