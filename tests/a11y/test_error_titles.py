"""Walk 83: after a post refused with errors, the page's title starts with "Error:" (a screen
reader reads the title first), on every kind of page; not before, nor after a success."""

import re

import pytest
from django.template import Context
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import pgettext

from secretariat.templatetags.page_state import page_has_errors
from tests.helpers_cases import drive

pytestmark = pytest.mark.django_db


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_the_sign_in_page(client, officer):
    assert not _title(client.get("/en/accounts/login/")).startswith("Error:")
    refused = client.post("/en/accounts/login/", {"username": "officer", "password": "no"})
    assert _title(refused).startswith("Error: Sign in · ")  # then the profile's site name
    empty = client.post("/en/accounts/login/", {"username": "", "password": ""})
    assert _title(empty).startswith("Error: Sign in")


def test_the_sign_in_page_in_spanish(client, officer):
    refused = client.post("/es/accounts/login/", {"username": "officer", "password": "no"})
    with translation.override("es"):
        expected = pgettext("start of a page title", "Error:")
    assert _title(refused).startswith(expected + " ")


def test_a_staff_action_and_an_edit(client, officer, review_case):
    client.force_login(officer)
    case_url = reverse("ws_case", kwargs={"pk": review_case.pk})
    assert not _title(client.get(case_url)).startswith("Error:")
    action = reverse("ws_action", kwargs={"pk": review_case.pk, "kind": "closed"})
    refused = client.post(action, {"event_count": review_case.event_count})
    assert 'id="error-summary"' in refused.content.decode()
    assert _title(refused).startswith("Error: ")
    edit = client.post(reverse("ws_link_related", kwargs={"pk": review_case.pk}), {})
    assert _title(edit).startswith("Error: ")


def test_a_portal_form(client, a_council):
    case = drive("awaiting_council").case
    client.force_login(a_council)
    url = reverse("council_instruct", kwargs={"pk": case.pk})
    assert not _title(client.get(url)).startswith("Error:")
    assert _title(client.post(url, {"event_count": case.event_count})).startswith("Error: ")


def test_the_public_filing_form(client):
    assert not _title(client.get("/en/file/")).startswith("Error:")
    refused = client.post("/en/file/", {})
    assert 'id="error-summary"' in refused.content.decode()
    assert _title(refused).startswith("Error: ")


def test_the_check_evaluates_no_lazy_value_of_the_context():
    # The context's user and CSRF token are lazy: evaluating them reads the session.
    def never():
        raise AssertionError("evaluated")

    context = Context({"user": SimpleLazyObject(never), "forms": [], "title": "x"})
    assert page_has_errors(context) is False
