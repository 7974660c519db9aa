"""Account lockout (django-axes): five failed sign-ins for one username from one address."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

LOGIN = "/en/accounts/login/"
PASSWORD = "a-long-test-password"  # noqa: S105 (tests.factories.UserFactory's)


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def sign_in(client, password, username="officer", address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_failures_lock_the_account_out_with_the_lockout_page(client, officer):
    for _ in range(4):
        response = sign_in(client, "wrong-password")
        assert response.status_code == 200
        assert "Your username and password did not match." in response.text
        # Said before it happens (walk 76: the fifth failure locked with no warning).
        text = " ".join(response.text.split())
        assert "After 5 failed attempts, signing in to this account from your address is" in text

    fifth = sign_in(client, "wrong-password")
    assert fifth.status_code == 429
    assert "Sign-in locked" in fifth.text
    assert "After 5 failed attempts, signing in to this account" in fifth.text

    right = sign_in(client, PASSWORD)
    assert right.status_code == 429
    assert "Sign-in locked" in right.text
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_translated(client, officer):
    for _ in range(5):
        response = client.post(
            "/es/accounts/login/",
            {"username": "officer", "password": "wrong-password"},
            REMOTE_ADDR="203.0.113.7",
        )
    assert response.status_code == 429
    assert 'lang="es"' in response.text


def test_the_lock_is_per_username_and_address(client, officer):
    for _ in range(5):
        sign_in(client, "wrong-password")
    assert sign_in(client, PASSWORD).status_code == 429
    # The same person from another address still signs in.
    elsewhere = sign_in(client, PASSWORD, address="198.51.100.9")
    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_four_failures_then_the_right_password_sign_in(client, officer):
    for _ in range(4):
        sign_in(client, "wrong-password")
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_lock_ends_after_an_hour(client, officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            sign_in(client, "wrong-password")
        assert sign_in(client, PASSWORD).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        assert sign_in(client, PASSWORD).status_code == 302
