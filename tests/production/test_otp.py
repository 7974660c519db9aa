"""The second factor (django-otp): no Secretariat, Party, Council or auditor page without it."""

import base64
import logging

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from notices.models import Notice
from secretariat.accounts import otp
from submissions.models import User

# Declared, not only reached through the role fixtures: pytest-django orders tests by their
# static database use, and a test it takes for database-free runs after the transactional ones,
# which flush the role groups.
pytestmark = pytest.mark.django_db

ROLES = ["officer", "director", "a_focal", "a_council", "auditor"]
PROTECTED = ["/en/secretariat/", "/en/party/", "/en/council/", "/admin/", "/es/portal/"]
# The page each role may open once verified.
HOME = {
    "officer": "/en/secretariat/",
    "director": "/en/secretariat/",
    "a_focal": "/en/party/",
    "a_council": "/en/council/",
    "auditor": "/en/secretariat/accounts/",
}


@pytest.fixture(autouse=True)
def _require_otp(settings):
    settings.SEM_REQUIRE_OTP = True


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", PROTECTED)
def test_pages_of_every_role_redirect_to_verification(client, request, role, url):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    language = "es" if url.startswith("/es/") else "en"
    assert response["Location"] == f"/{language}/accounts/otp/?next=" + url.replace("/", "%2F")


def test_public_pages_and_sign_out_need_no_second_factor(client, officer):
    client.force_login(officer)
    assert client.get("/en/").status_code == 200
    assert client.get("/en/docket/").status_code == 200


def test_an_account_without_a_role_is_not_asked(client, outsider):
    client.force_login(outsider)
    # Reaches the view, which refuses it on its own terms (not the verification page).
    response = client.get("/en/secretariat/")
    assert not response.get("Location", "").startswith("/en/accounts/otp/")


@pytest.mark.parametrize("role", ROLES)
def test_a_real_totp_code_opens_the_pages(client, request, role):
    user = request.getfixturevalue(role)
    device = enrolled(user)
    client.force_login(user)
    home = HOME[role]
    response = client.post("/en/accounts/otp/", {"code": code_for(device), "next": home})
    assert response.status_code == 302
    assert response["Location"] == home
    assert client.get(home).status_code == 200


def test_a_wrong_code_is_refused(client, officer):
    enrolled(officer)
    client.force_login(officer)
    response = client.post("/en/accounts/otp/", {"code": "000000", "next": "/en/secretariat/"})
    assert response.status_code == 200
    assert "That code is not valid. Please try again." in response.text
    assert client.get("/en/secretariat/").status_code == 302


def test_enrolment_shows_the_secret_confirms_and_issues_ten_recovery_codes(client, a_focal):
    client.force_login(a_focal)
    page = client.get("/en/accounts/otp/?next=/en/party/")
    device = TOTPDevice.objects.get(user=a_focal, confirmed=False)
    assert page.context["secret"] in page.text
    assert "otpauth://totp/SEM%3Aa_focal?secret=" in page.text
    assert "<script" not in page.text and "<style" not in page.text
    # The QR code beside the secret: an SVG image in a data: URI, allowed by img-src data:.
    assert f'<img class="otp-qr" src="{page.context["qr_code"]}"' in page.text
    svg = base64.b64decode(page.context["qr_code"].removeprefix("data:image/svg+xml;base64,"))
    assert svg.startswith(b"<svg") and b"<script" not in svg
    assert 'name="enrolment_code"' not in page.text  # a first enrolment needs no code

    done = client.post("/en/accounts/otp/", {"code": code_for(device), "next": "/en/party/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    for code in codes:
        assert code in done.text
    device.refresh_from_db()
    assert device.confirmed is True
    assert StaticToken.objects.filter(device__user=a_focal).count() == 10
    assert client.get("/en/party/").status_code == 200


def test_a_recovery_code_works_once(client, officer):
    enrolled(officer)
    static = StaticDevice.objects.create(user=officer, name="recovery", confirmed=True)
    static.token_set.create(token="rescue01")  # noqa: S106

    client.force_login(officer)
    first = client.post("/en/accounts/otp/", {"code": "rescue01", "next": "/en/secretariat/"})
    assert first["Location"] == "/en/secretariat/"
    assert client.get("/en/secretariat/").status_code == 200

    client.logout()
    client.force_login(officer)
    again = client.post("/en/accounts/otp/", {"code": "rescue01", "next": "/en/secretariat/"})
    assert again.status_code == 200
    assert "That code is not valid. Please try again." in again.text
    assert client.get("/en/secretariat/").status_code == 302


def test_next_to_another_site_is_ignored(client, officer):
    device = enrolled(officer)
    client.force_login(officer)
    response = client.post(
        "/en/accounts/otp/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def verified(client, user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrolled(user)
    client.force_login(user)
    client.post("/en/accounts/otp/", {"code": code_for(device), "next": "/"})


def test_the_director_resets_the_second_factor_and_it_is_logged(client, director, a_focal, caplog):
    enrolled(a_focal)
    StaticDevice.objects.create(user=a_focal, name="recovery", confirmed=True)
    verified(client, director)
    url = reverse("otp_reset", kwargs={"pk": a_focal.pk})
    assert url == f"/en/secretariat/accounts/{a_focal.pk}/reset-2fa/"

    with caplog.at_level(logging.WARNING, logger="secretariat.accounts.otp"):
        response = client.post(url, follow=True)

    # The one-time code for re-enrolment is shown this once, on the page, never stored plainly.
    assert response.status_code == 200
    code = response.context["code"]
    assert len(code) == 16 and code in response.text
    assert "no-store" in response["Cache-Control"]
    # Shown after a redirect, once: reloading it resets nothing again (walk 116: a reload
    # reset it twice, and the code handed over no longer worked).
    assert response.redirect_chain == [(url, 302)]
    again = client.get(url)
    assert again.status_code == 302 and again["Location"] == reverse("account_list")
    resets = User.history.filter(id=a_focal.pk, history_change_reason="second factor reset")
    assert resets.count() == 1
    assert not TOTPDevice.objects.filter(user=a_focal).exists()
    assert not StaticDevice.objects.filter(user=a_focal, confirmed=True).exists()
    assert not StaticToken.objects.filter(token=code).exists()
    assert f"user {director.pk} reset the second factor of user {a_focal.pk}" in caplog.text
    row = User.history.filter(id=a_focal.pk).latest("history_date")
    assert row.history_user_id == director.pk
    assert row.history_change_reason == "second factor reset"
    # In the audit view.
    activity = client.get("/en/secretariat/accounts/activity/")
    assert "Second factors reset" in activity.text
    assert [(r.username, r.history_user.username) for r in activity.context["resets"]] == [
        ("a_focal", "director")
    ]


def test_the_owner_is_told_by_email_in_their_language(
    client, director, a_focal, mailoutbox, django_capture_on_commit_callbacks
):
    a_focal.email = "focal@minam.example.pe"
    a_focal.preferred_language = "es"
    a_focal.save()
    enrolled(a_focal)
    verified(client, director)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/secretariat/accounts/{a_focal.pk}/reset-2fa/", follow=True)
    code = response.context["code"]

    notice = Notice.objects.get(message="second_factor_reset")
    assert notice.recipient_email == "focal@minam.example.pe" and notice.language == "es"
    assert notice.context == {"user": a_focal.pk, "by": director.pk}
    (message,) = [m for m in mailoutbox if m.to == ["focal@minam.example.pe"]]
    with translation.override("es"):
        assert message.subject == gettext("The second factor of your account was reset")
    # The email says who did it, but the code goes out of band only.
    assert director.get_full_name() in message.body
    assert code not in message.body and code not in message.alternatives[0][0]


def test_re_enrolment_after_a_reset_needs_the_one_time_code(client, director, a_focal):
    enrolled(a_focal)
    verified(client, director)
    url = f"/en/secretariat/accounts/{a_focal.pk}/reset-2fa/"
    code = client.post(url, follow=True).context["code"]
    client.logout()

    client.force_login(a_focal)
    page = client.get("/en/accounts/otp/?next=/en/party/")
    assert 'name="enrolment_code"' in page.text
    device = TOTPDevice.objects.get(user=a_focal, confirmed=False)
    wrong = client.post(
        "/en/accounts/otp/",
        {"code": code_for(device), "enrolment_code": "0" * 16, "next": "/en/party/"},
    )
    assert wrong.status_code == 200
    assert "That is not the one-time code of the reset." in wrong.text
    assert client.get("/en/party/").status_code == 302
    missing = client.post("/en/accounts/otp/", {"code": code_for(device), "next": "/en/party/"})
    assert missing.status_code == 200 and "codes" not in missing.context

    done = client.post(
        "/en/accounts/otp/",
        {"code": code_for(device), "enrolment_code": code.lower(), "next": "/en/party/"},
    )
    assert len(done.context["codes"]) == 10
    assert client.get("/en/party/").status_code == 200
    # Used up: no code is asked for any more, and the old one opens nothing.
    assert not otp.enrolment_code_required(a_focal)
    assert otp.verify(a_focal, code) is None


def test_the_accounts_page_offers_the_reset_to_the_director_only(
    client, officer, director, a_focal
):
    verified(client, director)
    page = client.get("/en/secretariat/accounts/")
    assert f'action="/en/secretariat/accounts/{a_focal.pk}/reset-2fa/"' in page.text
    assert f'action="/en/secretariat/accounts/{officer.pk}/reset-2fa/"' in page.text
    assert f'action="/en/secretariat/accounts/{director.pk}/reset-2fa/"' not in page.text
    client.logout()
    verified(client, officer)
    page = client.get("/en/secretariat/accounts/")
    assert "reset-2fa" not in page.text


@pytest.mark.parametrize("role", ["officer", "auditor", "a_focal"])
def test_only_the_director_or_an_administrator_may_reset(client, request, role, officer2):
    enrolled(officer2)
    user = request.getfixturevalue(role)
    verified(client, user)
    response = client.post(f"/en/secretariat/accounts/{officer2.pk}/reset-2fa/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=officer2).count() == 1


def test_never_an_account_with_more_privilege(client, director):
    admin = User.objects.create_superuser("root", "root@sem.example.org", "x")
    enrolled(admin)
    verified(client, director)
    response = client.post(f"/en/secretariat/accounts/{admin.pk}/reset-2fa/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=admin).count() == 1
    # An administrator may reset the Director's.
    client.logout()
    verified(client, admin)
    response = client.post(f"/en/secretariat/accounts/{director.pk}/reset-2fa/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=director).exists()


@pytest.mark.parametrize("role", ["officer", "director"])
def test_nobody_resets_their_own_second_factor(client, request, role):
    user = request.getfixturevalue(role)
    verified(client, user)
    response = client.post(f"/en/secretariat/accounts/{user.pk}/reset-2fa/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_reset_wants_post(client, director, a_focal):
    """A typed address resets nothing: it leads to the accounts (walk 116: a bare 405 that
    the browser showed as its own English error page)."""
    enrolled(a_focal)
    verified(client, director)
    response = client.get(f"/en/secretariat/accounts/{a_focal.pk}/reset-2fa/")
    assert response.status_code == 302 and response["Location"] == reverse("account_list")
    assert TOTPDevice.objects.filter(user=a_focal).count() == 1


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
