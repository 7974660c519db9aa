"""Information for a factual record while a call is open (Article 18.9.4(b))."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.filing.conftest import PDF
from tests.helpers_cases import drive
from workflow.models import Event

pytestmark = pytest.mark.django_db


def case_with_call(closes_on="2099-12-31"):
    story = drive("factual_record_preparation")
    story.add("information_called", data={"closes_on": closes_on})
    return story.case


def test_information_is_recorded_for_the_secretariat(client):
    case = case_with_call()
    url = f"/en/docket/{case.slug}/information/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="organization"' in page.content.decode()
    upload = SimpleUploadedFile("datos.pdf", PDF)
    response = client.post(
        url,
        {
            "name": "Luis Torres",
            "organization": "Universidad de la Amazonía",
            "email": "luis@example.org",
            "note": "Mediciones de turbidez de 2024.",
            "file_0": upload,
        },
    )
    assert response.status_code == 200
    assert "was received" in response.content.decode()
    event = Event.objects.get(submission=case, kind="information_submitted")
    assert event.data == {
        "name": "Luis Torres",
        "organization": "Universidad de la Amazonía",
        "email": "luis@example.org",
    }
    assert (event.author, event.visibility, event.note) == (
        "public",
        "secretariat",
        "Mediciones de turbidez de 2024.",
    )
    assert [(d.title, d.kind, d.visibility) for d in event.documents.all()] == [
        ("datos.pdf", "information", "secretariat")
    ]


def test_without_an_open_call_there_is_no_form(client):
    case = case_with_call(closes_on="2023-08-10")
    url = f"/en/docket/{case.slug}/information/"
    page = client.get(url).content.decode()
    assert "There is no open call for information on this case." in page
    assert 'name="note"' not in page
    client.post(url, {"name": "X", "email": "x@example.org", "note": "Y"})
    assert not Event.objects.filter(kind="information_submitted").exists()


def test_a_case_not_on_the_public_docket_is_not_found(client):
    case = drive("admissibility_review", acknowledged=False).case
    assert client.get(f"/en/docket/{case.slug}/information/").status_code == 404
    assert client.get("/en/docket/sem-pe-999-2023/information/").status_code == 404


def test_missing_answers_and_the_honeypot_keep_what_was_typed(client):
    case = case_with_call()
    url = f"/en/docket/{case.slug}/information/"
    response = client.post(url, {"name": "Luis", "note": "Datos", "website": "spam"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html  # the email
    assert "Leave this field empty." in html
    assert 'value="Luis"' in html
    assert not Event.objects.filter(kind="information_submitted").exists()


@override_settings(SEM_FILING_RATE_LIMIT=1)
def test_the_information_form_is_rate_limited(client):
    case = case_with_call()
    url = f"/en/docket/{case.slug}/information/"
    client.post(url, {"name": "Luis"})
    response = client.post(url, {"name": "Luis", "email": "l@example.org", "note": "Datos"})
    assert response.status_code == 429
    assert 'value="Luis"' in response.content.decode()
    assert not Event.objects.filter(kind="information_submitted").exists()


def test_the_sender_is_thanked_by_email_and_the_secretariat_told(client, officer):
    """Walk 68: the page said thank you, and nothing reached her address; the Secretariat,
    who must review what she sent, heard nothing either."""
    from notices.models import Notice

    case = case_with_call()
    response = client.post(
        f"/es/docket/{case.slug}/information/",
        {"name": "Luis Torres", "email": "luis@example.org", "note": "Mediciones de 2024."},
    )
    assert response.status_code == 200
    event = Event.objects.get(submission=case, kind="information_submitted")
    thanks = Notice.objects.get(event=event, message="information_thanks")
    assert (thanks.recipient_email, thanks.recipient_name, thanks.language) == (
        "luis@example.org",
        "Luis Torres",
        "es",
    )
    assert thanks.context["link"].endswith(f"/es/docket/{case.slug}/")
    assert Notice.objects.filter(event=event, message="public_information_to_staff").exists()
    # Information without an address (recorded from a letter) thanks no one.
    from workflow import services

    services.record_event(
        case,
        "information_submitted",
        actor=None,
        author="public",
        importing=services.ImportOptions(),
        data={"name": "Ana"},
    )
    assert Notice.objects.filter(message="information_thanks").count() == 1
