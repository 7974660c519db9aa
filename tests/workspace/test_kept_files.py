"""The workspace's forms keep a valid file when the page comes back with another field's
problem, as the portals' do since 3fb4c8f (the officer had to choose the letter again, and the
page did not say so). The file waits in the upload policy's temporary storage; the next post,
without choosing it again, records it byte for byte, and the temporary copy goes."""

import datetime
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from submissions import uploads
from submissions.models import Submission
from tests.filing.conftest import PDF
from tests.helpers_cases import D, drive, frozen
from tests.parties import A

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)  # so that the temporary copies can be counted


def pending() -> list[str]:
    if not default_storage.exists(uploads.PENDING_ROOT):
        return []
    folders, _files = default_storage.listdir(uploads.PENDING_ROOT)
    return [
        name
        for folder in folders
        for name in default_storage.listdir(f"{uploads.PENDING_ROOT}/{folder}")[1]
    ]


def kept_tokens(body: str) -> dict:
    return dict(re.findall(r'name="([\w-]+_kept)" value="([^"]+)"', body))


def letter(case, **extra) -> dict:
    return {
        "event_count": case.event_count,
        "correspondence-event_author": "secretariat",
        "correspondence-event_visibility": "secretariat",
        "correspondence-document_title": "Carta",
        "correspondence-document_language": "es",
        **extra,
    }


def test_a_letter_sent_back_for_its_date_keeps_its_file(client, officer):
    case = drive("awaiting_response", party=A).case
    client.force_login(officer)
    with translation.override("es"):
        url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "correspondence"})
    upload = SimpleUploadedFile("carta.pdf", PDF)
    with frozen(D(2023, 6, 10)):
        # An earlier date without its reason: sent back, the file kept.
        response = client.post(
            url,
            letter(
                case, **{"correspondence-on": "2023-06-01"}, **{"correspondence-document": upload}
            ),
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Se conservó de su intento anterior: carta.pdf" in body
    assert not case.events.filter(kind="correspondence").exists()
    tokens = kept_tokens(body)
    assert set(tokens) == {"correspondence-document_kept"}
    assert pending() == ["carta.pdf"]
    with frozen(D(2023, 6, 10)):
        response = client.post(
            url,
            letter(
                case,
                **{"correspondence-on": "2023-06-01", "correspondence-date_reason": "Por correo."},
                **tokens,
            ),
        )
    assert response.status_code == 302
    event = case.events.get(kind="correspondence")
    (document,) = event.documents.all()
    assert (document.title, document.file.read()) == ("Carta", PDF)
    assert pending() == []


def test_a_kept_file_can_be_removed_before_recording(client, officer):
    case = drive("awaiting_response", party=A).case
    client.force_login(officer)
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "correspondence"})
    with frozen(D(2023, 6, 10)):
        body = client.post(
            url,
            letter(
                case,
                **{"correspondence-on": "2023-06-01"},
                **{"correspondence-document": SimpleUploadedFile("carta.pdf", PDF)},
            ),
        ).content.decode()
        assert kept_tokens(body)
        drop = {
            "correspondence-document_drop": "1",
            "correspondence-date_reason": "Por correo.",
            # Without its file, the letter says something of its own (a correspondence that
            # says nothing is refused).
            "correspondence-note": "Carta recibida; su copia llegará después.",
        }
        response = client.post(
            url, letter(case, **{"correspondence-on": "2023-06-01"}, **kept_tokens(body), **drop)
        )
    assert response.status_code == 302
    assert not case.events.get(kind="correspondence").documents.exists()
    assert pending() == []


def test_a_paper_filing_sent_back_keeps_its_file(client, officer):
    client.force_login(officer)
    with translation.override("es"):
        url = reverse("ws_file")
    filing = {
        "party": A,
        "language": "es",
        "title": "Río Rímac",
        "submitter_name": "Ana",
        "submitter_kind": "individual",
        "nationality": A,
        "law": "Ley 28611",
        "filed_on": "2023-06-10",
    }
    with frozen(D(2023, 6, 12)):
        # Filed two days ago, and no reason given: sent back with the file kept.
        body = client.post(
            url, {**filing, "document": SimpleUploadedFile("peticion.pdf", PDF)}
        ).content.decode()
        assert "Se conservó de su intento anterior: peticion.pdf" in body
        assert not Submission.objects.exists()
        response = client.post(
            url, {**filing, "date_reason": "Recibido por correo postal", **kept_tokens(body)}
        )
    assert response.status_code == 302
    (document,) = Submission.objects.get().documents.all()
    assert document.file.read() == PDF
    assert pending() == []


def test_a_date_before_the_last_event_is_said_with_the_other_problems(client, officer):
    """Walk 27: the engine's "recorded in date order" came alone, after the reason was given,
    with the date as 2026-12-04. The form says it on the date field, in the same round as the
    form's other problems, with the date in words."""
    from submissions.dates import long_date

    case = drive("awaiting_response", party=A).case
    last = case.last_event_on
    client.force_login(officer)
    with translation.override("es"):
        url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "correspondence"})
        spanish_last = long_date(last)
    earlier = (last - datetime.timedelta(days=3)).isoformat()
    with frozen(D(2023, 6, 10)):
        body = client.post(url, letter(case, **{"correspondence-on": earlier})).content.decode()
    assert f"la última tiene fecha {spanish_last}" in body
    # Walk 97: and what to do about it.
    assert "Póngale esa fecha o una posterior, y diga en su nota cuándo ocurrió." in body
    # Not asked for a reason no reason can make right (walk 76: the officer gave one, and
    # the date was still refused).
    assert "Indique el motivo para registrar esto con una fecha pasada." not in body
    assert f"fecha {last.isoformat()}" not in body
    assert not case.events.filter(kind="correspondence").exists()


def test_the_date_field_says_beforehand_how_early_it_may_go(client, officer):
    """Walk 113: the form asked for a letter's real date, then refused it for a pending
    proposal dated that day; the limit is said, and set, before anything is sent."""
    from submissions.dates import long_date

    case = drive("awaiting_response", party=A).case
    last = case.last_event_on
    client.force_login(officer)
    with translation.override("es"):
        url = reverse("ws_case", kwargs={"pk": case.pk})
        spanish_last = long_date(last)
    with frozen(last + datetime.timedelta(days=5)):
        page = " ".join(client.get(url).content.decode().split())
    page = page[page.index('id="action-correspondence"') :]
    assert (
        f"La última actuación del caso tiene fecha {spanish_last}: no antes de esa fecha." in page
    )
    assert f'min="{last.isoformat()}"' in page
    with frozen(last):
        page = " ".join(client.get(url).content.decode().split())
    assert "La última actuación del caso es de hoy: déjela vacía para hoy." in page
