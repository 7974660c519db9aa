"""The optional virus scan, against a stand-in clamd speaking INSTREAM on 127.0.0.1: a clean
file is accepted, an infected one is quarantined (stored, logged with its SHA-256 and a token)
with a message and the person's answers kept, and an unreachable clamd holds the file (or lets
it through when SEM_CLAMD_FAIL_OPEN is set)."""

import hashlib
import logging
import socket
import socketserver
import struct
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from submissions import virusscan
from submissions.models import Document, Submission
from tests.filing.conftest import PDF, _fresh_rate_limit, filing_data, pdf  # noqa: F401
from tests.helpers_cases import drive

pytestmark = pytest.mark.django_db

EICAR_PDF = PDF + b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class StandInClamd(socketserver.BaseRequestHandler):
    """Reads one INSTREAM conversation; FOUND if the stream holds the EICAR marker."""

    def handle(self):
        command = self.request.recv(10)
        assert command == b"zINSTREAM\0"
        received = b""
        while True:
            (length,) = struct.unpack("!I", self._exactly(4))
            if length == 0:
                break
            received += self._exactly(length)
        self.server.streams.append(received)
        if b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in received:
            self.request.sendall(b"stream: Eicar-Test-Signature FOUND\0")
        else:
            self.request.sendall(b"stream: OK\0")

    def _exactly(self, n):
        data = b""
        while len(data) < n:
            part = self.request.recv(n - len(data))
            if not part:
                raise ConnectionError("stream cut short")
            data += part
        return data


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)  # the quarantine folder of this test only


@pytest.fixture
def clamd(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), StandInClamd)
    server.daemon_threads = True
    server.streams = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SEM_CLAMD_ADDRESS = f"127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def no_clamd(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.SEM_CLAMD_ADDRESS = f"127.0.0.1:{port}"  # nothing listens there any more


def quarantined() -> list[str]:
    if not default_storage.exists("quarantine"):
        return []
    return sorted(
        f"quarantine/{folder}/{name}"
        for folder in default_storage.listdir("quarantine")[0]
        for name in default_storage.listdir(f"quarantine/{folder}")[1]
    )


def test_the_client_speaks_instream_in_chunks(clamd, monkeypatch):
    monkeypatch.setattr(virusscan, "CHUNK", 7)
    assert virusscan.scan(ContentFile(PDF)) is None
    assert virusscan.scan(ContentFile(EICAR_PDF)) == "Eicar-Test-Signature"
    assert clamd.streams == [PDF, EICAR_PDF]


def test_the_client_reports_an_unreachable_clamd(no_clamd):
    with pytest.raises(virusscan.ScanUnavailable):
        virusscan.scan(ContentFile(PDF))


def test_without_an_address_nothing_is_scanned(client, settings):
    settings.SEM_CLAMD_ADDRESS = ""
    data = filing_data(**{"f-attachment_0": pdf("informe.pdf", EICAR_PDF)})
    assert client.post("/en/file/", data).status_code == 302
    assert Document.objects.count() == 1


def test_a_clean_file_is_scanned_and_accepted(client, clamd):
    response = client.post("/en/file/", filing_data(**{"f-attachment_0": pdf("informe.pdf")}))
    assert response.status_code == 302
    assert clamd.streams == [PDF]
    assert Document.objects.get().sha256 == hashlib.sha256(PDF).hexdigest()
    assert quarantined() == []


def test_an_infected_file_is_quarantined_with_a_message_and_the_answers_kept(client, clamd, caplog):
    caplog.set_level(logging.WARNING, logger="submissions.quarantine")
    data = filing_data(**{"f-attachment_0": pdf("informe.pdf", EICAR_PDF)})
    response = client.post("/en/file/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "“informe.pdf” was held for review by the Secretariat because a virus check" in html
    assert 'value="Tala ilegal en Loreto"' in html
    assert "Se tala sin permiso en la cuenca del Nanay desde 2022." in html
    assert Submission.objects.count() == 0
    [held] = quarantined()
    with default_storage.open(held, "rb") as stored:
        assert stored.read() == EICAR_PDF
    digest = hashlib.sha256(EICAR_PDF).hexdigest()
    [record] = [r for r in caplog.records if r.name == "submissions.quarantine"]
    assert record.sha256 == digest
    assert record.stored_name == held
    assert "found Eicar-Test-Signature" in record.getMessage()
    assert record.token  # a signed token naming the held file, for the Secretariat


def test_an_unreachable_clamd_holds_the_file_with_a_message(client, no_clamd):
    data = filing_data(**{"f-attachment_0": pdf("informe.pdf")})
    response = client.post("/en/file/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "“informe.pdf” could not be checked for viruses just now, so it was held" in html
    assert 'value="Tala ilegal en Loreto"' in html
    assert Submission.objects.count() == 0
    [held] = quarantined()
    assert held.endswith("/informe.pdf")


def test_an_unreachable_clamd_lets_files_through_when_failing_open(client, no_clamd, settings):
    settings.SEM_CLAMD_FAIL_OPEN = True
    response = client.post("/en/file/", filing_data(**{"f-attachment_0": pdf("informe.pdf")}))
    assert response.status_code == 302
    assert Document.objects.count() == 1
    assert quarantined() == []


def test_an_infected_revision_is_quarantined_with_the_case_receipt_number(client, clamd, caplog):
    caplog.set_level(logging.WARNING, logger="submissions.quarantine")
    case = drive("awaiting_revision").case
    token = case.memberships.order_by("position").first().tracking_token
    page = client.get(f"/en/track/{token}/")["Location"]
    events = case.events.count()
    response = client.post(
        f"{page}revision/",
        {
            "revision_filed-note": "Corrected the facts.",
            "revision_filed-file_0": pdf("revised.pdf", EICAR_PDF),
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "“revised.pdf” was held for review by the Secretariat because a virus check" in html
    assert "Corrected the facts." in html
    assert case.events.count() == events
    [record] = [r for r in caplog.records if r.name == "submissions.quarantine"]
    assert case.receipt_number
    assert record.receipt_number == case.receipt_number
    assert record.sha256 == hashlib.sha256(EICAR_PDF).hexdigest()
    assert len(quarantined()) == 1


def test_portal_and_workspace_uploads_are_scanned_too(clamd, client, a_focal, officer):
    """The Parties' files and the files staff upload go through the same scan: a flagged one is
    quarantined and the action is not recorded."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.helpers_cases import D, drive, frozen
    from tests.portals.test_party import respond_post

    case = drive("awaiting_response").case
    client.force_login(a_focal)
    infected = SimpleUploadedFile("anexo.pdf", EICAR_PDF, content_type="application/pdf")
    with frozen(D(2023, 6, 10)):
        response = client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(case, **{"attachments-0-file": infected}),
        )
    assert response.status_code == 200  # the form again, with the message
    assert "held for review" in response.content.decode()
    assert not case.events.filter(kind="party_responded").exists()
    assert len(quarantined()) == 1

    client.force_login(officer)
    staff_file = SimpleUploadedFile("carta.pdf", EICAR_PDF, content_type="application/pdf")
    with frozen(D(2023, 6, 10)):
        response = client.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "correspondence"}),
            {
                "event_count": case.event_count,
                "correspondence-event_author": "secretariat",
                "correspondence-event_visibility": "secretariat",
                "correspondence-document": staff_file,
                "correspondence-document_title": "Carta",
                "correspondence-document_language": "es",
            },
        )
    assert response.status_code == 200
    assert not case.events.filter(kind="correspondence").exists()
    assert len(quarantined()) == 2
