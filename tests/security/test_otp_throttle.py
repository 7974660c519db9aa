"""The second factor after a wrong code: django-otp locks a device for a moment after each wrong
code (one second, then two, four…), and refuses even the right code meanwhile. The page says to
wait and for how long, never that the right code is "not valid"."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from secretariat.accounts import otp

pytestmark = pytest.mark.django_db

NOT_VALID = "That code is not valid. Please try again."


@pytest.fixture(autouse=True)
def _require_otp(settings):
    settings.SEM_REQUIRE_OTP = True


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def wrong_code(device: TOTPDevice) -> str:
    return "000000" if code_for(device) != "000000" else "111111"


def test_the_right_code_just_after_a_wrong_one_says_to_wait(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client.force_login(officer)
    with time_machine.travel(timezone.now(), tick=False):
        wrong = client.post("/en/accounts/otp/", {"code": wrong_code(device), "next": "/en/"})
        assert NOT_VALID in wrong.text
        right = client.post("/en/accounts/otp/", {"code": code_for(device), "next": "/en/"})
    assert right.status_code == 200
    assert NOT_VALID not in right.text
    # Not "too many": it was one (walk 116).
    assert "After each wrong code the next is taken only after a wait" in right.text
    assert "Wait 1 second, then enter the code" in right.text
    assert "Too many" not in right.text
    # Tied to the field, like every error.
    assert 'aria-describedby="id_code-error"' in right.text
    assert 'id="id_code-error"' in right.text


def test_after_the_wait_the_right_code_opens_the_pages(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client.force_login(officer)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post("/en/accounts/otp/", {"code": wrong_code(device), "next": "/en/"})
    with time_machine.travel(start + datetime.timedelta(seconds=2), tick=False):
        right = client.post("/en/accounts/otp/", {"code": code_for(device), "next": "/en/"})
    assert right.status_code == 302
    assert right["Location"] == "/en/"


def test_the_wait_doubles_and_is_said_in_minutes_when_long(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    device.throttling_failure_count = 8  # 2**7 = 128 seconds after the last wrong code
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    client.force_login(officer)
    response = client.post("/en/accounts/otp/", {"code": code_for(device), "next": "/en/"})
    assert "Wait 3 minutes, then enter the code" in response.text


def test_a_recovery_code_does_not_lock_the_authenticator(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    static = StaticDevice.objects.create(user=officer, name="recovery", confirmed=True)
    static.token_set.create(token="rescue01")
    client.force_login(officer)
    with time_machine.travel(timezone.now(), tick=False):
        first = client.post("/en/accounts/otp/", {"code": "rescue01", "next": "/en/"})
        assert first.status_code == 302
        client.logout()
        client.force_login(officer)
        # Straight after: the authenticator's code is not refused by a lock the recovery code
        # caused.
        second = client.post("/en/accounts/otp/", {"code": code_for(device), "next": "/en/"})
    assert second.status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_enrolment_after_a_wrong_code_says_to_wait_too(client, a_focal):
    client.force_login(a_focal)
    client.get("/en/accounts/otp/")
    pending = TOTPDevice.objects.get(user=a_focal, confirmed=False)
    with time_machine.travel(timezone.now(), tick=False):
        client.post("/en/accounts/otp/", {"code": wrong_code(pending), "next": "/en/"})
        pending.refresh_from_db()
        response = client.post("/en/accounts/otp/", {"code": code_for(pending), "next": "/en/"})
    assert NOT_VALID not in response.text
    assert "Wait 1 second" in response.text


def test_locked_until_names_the_latest_lock(officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    assert otp.locked_until([device]) is None
    device.throttle_increment()
    until = otp.locked_until([device])
    assert until == device.throttling_failure_timestamp + datetime.timedelta(seconds=1)


def test_enrolment_shows_a_qr_code(client, a_focal):
    client.force_login(a_focal)
    page = client.get("/en/accounts/otp/")
    assert '<img class="otp-qr" src="data:image/svg+xml;base64,' in page.text
    assert 'alt="QR code of the set-up link"' in page.text
