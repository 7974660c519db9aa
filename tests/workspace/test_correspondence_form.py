"""The correspondence form records something, and is narrowest at first (walk 76: sent empty,
it put a blank public line on the case's docket for good; walk 75: "Public" was chosen at
first)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from workflow.models import Event

pytestmark = pytest.mark.django_db


def _post(client, case, **fields):
    return client.post(
        reverse("ws_action", kwargs={"pk": case.pk, "kind": "correspondence"}),
        {
            "event_count": case.events.count(),
            "correspondence-event_author": "secretariat",
            "correspondence-event_visibility": "public",
            **{f"correspondence-{name}": value for name, value in fields.items()},
        },
    )


def test_an_empty_correspondence_is_refused_and_nothing_is_recorded(login, officer, review_case):
    client = login(officer)
    before = review_case.events.count()
    response = _post(client, review_case)
    assert response.status_code == 200
    assert "Give it a title, a note or a document: it says nothing yet." in (
        response.content.decode()
    )
    assert review_case.events.count() == before
    assert "Correspondence" not in Client().get(f"/en/docket/{review_case.slug}/").content.decode()


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"title": "x" * 600}, "At most 500 characters (this text has 600)."),
        ({"document": SimpleUploadedFile("vacío.pdf", b"")}, "“vacío.pdf” is empty."),
    ],
)
def test_a_fields_own_error_comes_alone(login, officer, review_case, fields, said):
    """Walk 79: a title too long, or an empty file, was also told "it says nothing yet"."""
    page = _post(login(officer), review_case, **fields).content.decode()
    assert said in page
    assert "it says nothing yet" not in page


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Carta del Ministerio"},
        {"note": "Llamada telefónica del Ministerio."},
        {
            "document": SimpleUploadedFile("carta.pdf", b"%PDF-1.4 carta"),
            "document_title": "Carta",
            "document_language": "es",
        },
    ],
)
def test_a_title_a_note_or_a_document_is_enough(login, officer, review_case, fields):
    client = login(officer)
    assert _post(client, review_case, **fields).status_code == 302
    assert Event.objects.filter(submission=review_case, kind="correspondence").exists()


def test_who_may_see_it_is_the_secretariat_alone_at_first(login, officer, review_case):
    page = login(officer).get(reverse("ws_case", kwargs={"pk": review_case.pk})).content.decode()
    field = page.split('name="correspondence-event_visibility"', 1)[1].split("</select>", 1)[0]
    assert '<option value="secretariat" selected>' in field
    assert '<option value="public" selected>' not in field


def test_its_documents_go_where_the_entry_goes_unless_chosen(login, officer, review_case):
    """Walk 77: a letter and its translation in a "Secretariat only" entry were filed
    "Public", the level of the action's rule, and listed so."""
    client = login(officer)
    letter = {
        "event_visibility": "secretariat",
        "document": SimpleUploadedFile("carta.pdf", b"%PDF-1.4 carta"),
        "document_title": "Carta",
        "document_language": "es",
        "translation": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter"),
        "translation_language": "en",
    }
    assert _post(client, review_case, **letter).status_code == 302
    event = Event.objects.get(submission=review_case, kind="correspondence")
    assert event.visibility == "secretariat"
    assert sorted(event.documents.values_list("visibility", flat=True)) == [
        "secretariat",
        "secretariat",
    ]
    # Chosen, a document's own level stands.
    chosen = {
        **letter,
        "document": SimpleUploadedFile("carta.pdf", b"%PDF-1.4 carta 2"),
        "translation": "",
        "event_visibility": "parties",
        "document_visibility": "party_concerned",
    }
    assert _post(client, review_case, **chosen).status_code == 302
    latest = Event.objects.filter(submission=review_case, kind="correspondence").last()
    assert list(latest.documents.values_list("visibility", flat=True)) == ["party_concerned"]


def test_a_documents_title_says_it_is_required_with_a_document(review_case):
    """Walk 79: refused on sending ("Give the document a title."), not said beforehand."""
    from secretariat.workspace.forms import action_form

    form = action_form("correspondence", review_case)
    assert form.fields["document_title"].help_text == "Required with a document."
