"""A signed-in person's own page: the language of the emails they receive (the helper's walk:
the officer worked in Spanish and had every email in English, with no way to change it)."""

import re

import pytest
from django.urls import reverse

from notices.models import Notice
from tests.factories import make_filing
from workflow import services
from workflow.actors import Actor

pytestmark = pytest.mark.django_db


def test_every_signed_in_person_reaches_their_account_from_the_header(login, officer, a_focal):
    for person, home in ((officer, reverse("ws_queue")), (a_focal, reverse("party_home"))):
        page = login(person).get(home)
        assert page.status_code == 200
        assert f'href="{reverse("my_account")}"' in page.content.decode()


def test_the_staffs_links_are_on_every_page_of_theirs(login, officer, a_focal):
    """Walk 176: "Approvals" was in the header of the workspace's pages, not of the account's."""
    approvals = f'href="{reverse("ws_approvals")}"'
    for where in (reverse("ws_queue"), reverse("my_account")):
        assert approvals in login(officer).get(where).content.decode(), where
    assert approvals not in login(a_focal).get(reverse("my_account")).content.decode()


@pytest.mark.parametrize("who", ["officer", "a_focal", "a_council"])
def test_a_person_chooses_the_language_of_their_emails(login, request, who):
    person = request.getfixturevalue(who)
    client = login(person)
    page = client.get("/es/accounts/me/").content.decode()
    assert "Idioma de los correos electrónicos que recibe" in page
    assert re.search(r'value="en"[^>]* checked>', page)
    response = client.post("/es/accounts/me/", {"preferred_language": "es"}, follow=True)
    assert "Guardado. Idioma de sus correos electrónicos: Español." in response.content.decode()
    person.refresh_from_db()
    assert person.preferred_language == "es"
    assert person.history.latest().history_user == person


def test_the_next_email_is_in_the_chosen_language(login, officer, director):
    login(officer).post("/en/accounts/me/", {"preferred_language": "es"})
    services.file_submission(make_filing(), actor=Actor.public())
    told = dict(
        Notice.objects.filter(message="new_filing").values_list("recipient_email", "language")
    )
    assert told == {"officer@example.org": "es", "director@example.org": "en"}


def test_an_unknown_language_is_refused_with_a_message_and_nothing_changes(login, officer):
    response = login(officer).post("/es/accounts/me/", {"preferred_language": "xx"})
    assert response.status_code == 200
    assert "Escoja una opción válida" in response.content.decode()
    officer.refresh_from_db()
    assert officer.preferred_language == "en"


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/es/accounts/me/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
