"""A translation filed with an action has a title in its own language, or keeps the
document's, marked as written in the document's language (walk 73: the French record's
English translation read `<span lang="en">` around the French title)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from submissions.models import Document

pytestmark = pytest.mark.django_db


def _file(client, case, **extra):
    return client.post(
        reverse("ws_action", kwargs={"pk": case.pk, "kind": "correspondence"}),
        {
            "event_count": case.events.count(),
            "correspondence-event_author": "secretariat",
            "correspondence-event_visibility": "public",
            "correspondence-document": SimpleUploadedFile("carta.pdf", b"%PDF-1.4 carta"),
            "correspondence-document_title": "Carta del Ministerio",
            "correspondence-document_language": "es",
            "correspondence-document_visibility": "public",
            "correspondence-translation": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter"),
            "correspondence-translation_language": "en",
            **extra,
        },
    )


def _pages(client, case) -> dict:
    return {
        "docket": Client().get(f"/en/docket/{case.slug}/").content.decode(),
        "workspace": client.get(f"/en/secretariat/case/{case.pk}/").content.decode(),
    }


def test_a_translation_has_a_title_of_its_own(login, officer, review_case):
    client = login(officer)
    title = {"correspondence-translation_title": "Letter from the Ministry"}
    assert _file(client, review_case, **title).status_code == 302
    original, translation = Document.objects.filter(submission=review_case).order_by("position")
    assert (original.title, translation.title) == (
        "Carta del Ministerio",
        "Letter from the Ministry",
    )
    for name, page in _pages(client, review_case).items():
        assert 'lang="en">Letter from the Ministry<' in page, name


def test_without_one_it_keeps_the_documents_title_in_the_documents_language(
    login, officer, review_case
):
    client = login(officer)
    assert _file(client, review_case).status_code == 302
    translation = Document.objects.get(submission=review_case, language="en")
    assert translation.title == "Carta del Ministerio"
    for name, page in _pages(client, review_case).items():
        assert 'lang="es">Carta del Ministerio<' in page, name
        assert 'lang="en">Carta del Ministerio<' not in page, name


def test_a_title_without_a_translation_is_refused_and_nothing_is_filed(login, officer, review_case):
    client = login(officer)
    response = _file(
        client,
        review_case,
        **{
            "correspondence-translation": "",
            "correspondence-translation_title": "Letter from the Ministry",
        },
    )
    assert response.status_code == 200
    assert "Upload the translation this title names." in response.content.decode()
    assert not Document.objects.filter(submission=review_case).exists()
