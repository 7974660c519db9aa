"""The second factor (django-otp): no Secretariat, Party, Council or auditor page without it."""

import logging

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from submissions.models import User

# Declared, not only reached through the role fixtures: pytest-django orders tests by their
# static database use, and a test it takes for database-free runs after the transactional ones,
# which flush the role groups.
pytestmark = pytest.mark.django_db

ROLES = ["officer", "director", "pe_focal", "pe_council", "auditor"]
PROTECTED = ["/en/secretariat/", "/en/party/", "/en/council/", "/admin/", "/es/portal/"]
# The page each role may open once verified.
HOME = {
    "officer": "/en/secretariat/",
    "director": "/en/secretariat/",
    "pe_focal": "/en/party/",
    "pe_council": "/en/council/",
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


def test_enrolment_shows_the_secret_confirms_and_issues_ten_recovery_codes(client, pe_focal):
    client.force_login(pe_focal)
    page = client.get("/en/accounts/otp/?next=/en/party/")
    device = TOTPDevice.objects.get(user=pe_focal, confirmed=False)
    assert page.context["secret"] in page.text
    assert "otpauth://totp/SEM%3Ape_focal?secret=" in page.text
    assert "<script" not in page.text

    done = client.post("/en/accounts/otp/", {"code": code_for(device), "next": "/en/party/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    for code in codes:
        assert code in done.text
    device.refresh_from_db()
    assert device.confirmed is True
    assert StaticToken.objects.filter(device__user=pe_focal).count() == 10
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


def test_a_secretariat_administrator_resets_the_second_factor_and_it_is_logged(
    client, director, pe_focal, caplog
):
    enrolled(pe_focal)
    StaticDevice.objects.create(user=pe_focal, name="recovery", confirmed=True)
    verified(client, director)
    url = reverse("otp_reset", kwargs={"pk": pe_focal.pk})
    assert url == f"/en/secretariat/accounts/{pe_focal.pk}/reset-2fa/"

    with caplog.at_level(logging.WARNING, logger="secretariat.accounts.otp"):
        response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == "/en/secretariat/accounts/"
    assert not TOTPDevice.objects.filter(user=pe_focal).exists()
    assert not StaticDevice.objects.filter(user=pe_focal).exists()
    assert f"user {director.pk} reset the second factor of user {pe_focal.pk}" in caplog.text
    row = User.history.filter(id=pe_focal.pk).latest("history_date")
    assert row.history_user_id == director.pk
    assert row.history_change_reason == "second factor reset"


def test_the_accounts_page_offers_the_reset(client, officer, pe_focal):
    verified(client, officer)
    page = client.get("/en/secretariat/accounts/")
    assert f'action="/en/secretariat/accounts/{pe_focal.pk}/reset-2fa/"' in page.text
    assert f'action="/en/secretariat/accounts/{officer.pk}/reset-2fa/"' not in page.text


@pytest.mark.parametrize("role", ["auditor", "pe_focal"])
def test_only_the_secretariat_may_reset(client, request, role, officer):
    enrolled(officer)
    user = request.getfixturevalue(role)
    verified(client, user)
    response = client.post(f"/en/secretariat/accounts/{officer.pk}/reset-2fa/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_nobody_resets_their_own_second_factor(client, officer):
    verified(client, officer)
    response = client.post(f"/en/secretariat/accounts/{officer.pk}/reset-2fa/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_reset_wants_post(client, officer, pe_focal):
    verified(client, officer)
    assert client.get(f"/en/secretariat/accounts/{pe_focal.pk}/reset-2fa/").status_code == 405


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
