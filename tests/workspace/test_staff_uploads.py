"""Staff uploads go through the one upload policy (submissions.uploads): a program named .pdf or
a file over the limit is refused with the same translated message as on the public form, and
nothing is recorded or stored."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from submissions.models import Document
from tests.filing.conftest import EXE, PDF
from tests.helpers_cases import D, drive, frozen
from tests.parties import A


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)  # so "nothing stored" can be checked


def stored_files(folder="") -> list[str]:
    if folder and not default_storage.exists(folder):
        return []
    folders, files = default_storage.listdir(folder)
    inside = [f"{folder}/{name}".lstrip("/") for name in files]
    for sub in folders:
        inside += stored_files(f"{folder}/{sub}".lstrip("/"))
    return inside


def post_letter(client, case, upload):
    with translation.override("es"):
        url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "correspondence"})
    assert url.startswith("/es/")
    with frozen(D(2023, 6, 10)):
        return client.post(
            url,
            {
                "event_count": case.event_count,
                "correspondence-event_author": "secretariat",
                "correspondence-event_visibility": "secretariat",
                "correspondence-document": upload,
                "correspondence-document_title": "Carta",
                "correspondence-document_language": "es",
            },
        )


def test_a_program_named_pdf_is_refused_in_spanish_and_nothing_stored(client, officer):
    case = drive("awaiting_response", party=A).case
    documents = Document.objects.count()
    client.force_login(officer)
    response = post_letter(client, case, SimpleUploadedFile("carta.pdf", EXE))
    assert response.status_code == 200  # the form again, with the message
    page = response.content.decode()
    assert "«carta.pdf» no contiene lo que indica su nombre" in page
    assert 'aria-invalid="true"' in page
    assert not case.events.filter(kind="correspondence").exists()
    assert Document.objects.count() == documents
    assert stored_files() == []


def test_an_oversize_staff_file_is_refused_in_spanish_and_nothing_stored(client, officer, settings):
    settings.SEM_FILING_MAX_FILE_BYTES = 40
    case = drive("awaiting_response", party=A).case
    documents = Document.objects.count()
    client.force_login(officer)
    response = post_letter(client, case, SimpleUploadedFile("carta.pdf", PDF + b"%" * 100))
    assert response.status_code == 200
    assert "«carta.pdf» pesa" in response.content.decode()
    assert "cada archivo puede pesar como máximo 40" in response.content.decode()
    assert not case.events.filter(kind="correspondence").exists()
    assert Document.objects.count() == documents
    assert stored_files() == []


def test_a_paper_filing_with_a_disguised_program_is_not_recorded(client, officer):
    client.force_login(officer)
    filed = Document.objects.count()
    with translation.override("es"):
        url = reverse("ws_file")
    response = client.post(
        url,
        {
            "party": A,
            "language": "es",
            "title": "Río",
            "submitter_name": "Ana",
            "submitter_kind": "individual",
            "nationality": A,
            "law": "Ley 28611",
            "filed_on": "2023-06-10",
            "date_reason": "Recibido por correo postal",
            "document": SimpleUploadedFile("presentacion.pdf", EXE),
        },
    )
    assert response.status_code == 200
    assert "«presentacion.pdf» no contiene lo que indica su nombre" in response.content.decode()
    assert Document.objects.count() == filed
    assert stored_files() == []
