"""The submission form: success, and every kind of bad input coming back with the answers."""

import datetime
import hashlib
import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client, override_settings

from submissions.models import Document, Submission
from tests.filing.conftest import EXE, PDF, PNG, filing_data, pdf
from tests.helpers_cases import frozen
from tests.parties import SLUG, A, es
from workflow.models import Event

pytestmark = pytest.mark.django_db


# The criterion on the Party's reply to the authorities, cited on the form.
CRITERION_E = {
    "us-peru-tpa": "Article 18.8.2(e)",
    "usmca-cec": "Article 24.27(2)(e)",
    "cafta-dr": "Article 17.7.2(e)",
}[SLUG]


def token_in(html: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    return match.group(1) if match else ""


def pending_folders() -> set:
    if not default_storage.exists("pending"):
        return set()
    return set(default_storage.listdir("pending")[0])


def test_the_form_in_english_and_spanish(client):
    english = client.get("/en/file/")
    spanish = client.get("/es/file/")
    assert english.status_code == spanish.status_code == 200
    html = english.content.decode()
    assert 'name="f-title"' in html
    assert 'name="s0-nationality"' in html
    assert 'name="add_submitter"' in html  # one fieldset, and a button for another
    assert 'name="f-attachment_4"' in html
    assert 'class="honeypot" aria-hidden="true"' in html
    assert "csrfmiddlewaretoken" in html
    assert CRITERION_E in html
    assert '<html lang="es">' in spanish.content.decode()


def test_filing_creates_the_case_its_documents_and_a_receipt(client):
    data = filing_data(
        **{
            "s0-confidential": "on",
            "s1-kind": "individual",
            "s1-name": "Rosa Quispe",
            "s1-nationality": A,
            "s1-email": "rosa@example.org",
            "s1-preferred_language": "en",
            "f-law_1_name": "Ley General del Ambiente (Ley N.° 28611)",
            "f-attachment_0": pdf("Informe técnico.pdf"),
            "f-attachment_0_title": "Informe técnico",
            "f-attachment_1": pdf("fotos.png", PNG),
            "f-attachment_1_confidential": "on",
        }
    )
    before = pending_folders()
    with frozen(datetime.date(2026, 3, 2)):  # a Monday
        response = client.post("/es/file/", data)
        assert response.status_code == 302
        assert response["Location"] == "/es/file/receipt/"
        receipt = client.get("/es/file/receipt/").content.decode()

    submission = Submission.objects.get()
    assert submission.receipt_number == "R-2026-000001"
    assert submission.stage == "admissibility_review"
    assert submission.language == "es"
    assert submission.title_es == "Tala ilegal en Loreto"
    assert submission.relies_on_media_only is False
    assert [str(law) for law in submission.laws.order_by("submissionlaw__position")] == [
        "Ley Forestal y de Fauna Silvestre (Ley N.° 29763) (Art. 2)",
        "Ley General del Ambiente (Ley N.° 28611)",
    ]
    people = [m.submitter for m in submission.memberships.order_by("position")]
    assert [(p.name, p.confidential, p.preferred_language) for p in people] == [
        ("Asociación Amazónica", True, "es"),
        ("Rosa Quispe", False, "en"),
    ]
    event = Event.objects.get(submission=submission)
    assert (event.kind, event.author) == ("filed", "submitter")
    documents = list(Document.objects.filter(event=event).order_by("position"))
    assert [(d.title, d.kind, d.visibility, d.content_type) for d in documents] == [
        ("Informe técnico", "annex", "public", "application/pdf"),
        # Untitled: named as what it is, in the filing's language, not by its file name
        # (walk 30: a file named after a withheld submitter would title her document).
        ("Anexo o prueba 2", "annex", "party_concerned", "image/png"),
    ]
    assert documents[1].original_name == "fotos.png"  # the Secretariat's workspace shows it
    assert documents[0].sha256 == hashlib.sha256(PDF).hexdigest()
    # The name its person gave it, for the Secretariat's workspace (walk 76: the stored one).
    assert documents[0].original_name == "Informe técnico.pdf"
    assert documents[0].file.name.startswith("documents/")
    assert pending_folders() == before  # the temporary copies are gone

    assert "R-2026-000001" in receipt
    token = submission.memberships.order_by("position").first().tracking_token
    assert f"http://testserver/es/track/{token}/" in receipt
    # What happens next and when: 5 working days and 30 calendar days from filing.
    assert "9 de marzo de 2026" in receipt
    assert "1 de abril de 2026" in receipt
    assert es("enviamos el recibo y un enlace privado a cada remitente") in " ".join(
        receipt.split()
    )


def test_one_filer_reads_of_their_own_receipt_and_link(client):
    """Walk 58: a single filer read that "each submitter" is sent a receipt and a link."""
    assert client.post("/es/file/", filing_data()).status_code == 302
    receipt = " ".join(client.get("/es/file/receipt/").content.decode().split())
    assert "También enviamos este recibo y su enlace privado a la dirección" in receipt
    assert "a cada" not in receipt
    # Where a lost link is sent again, here and on the home page (walk 123: linked from a
    # broken link's page alone).
    assert 'href="/es/track/lost/">¿Perdió su enlace?</a>' in receipt
    assert 'href="/es/track/lost/">¿Perdió su enlace?</a>' in client.get("/es/").text


def test_the_receipt_page_needs_the_filing_session(client):
    assert client.get("/en/file/receipt/").status_code == 404


def test_a_program_disguised_as_a_pdf_is_refused_with_the_answers_kept(client):
    data = filing_data(**{"f-attachment_0": pdf("informe.pdf", EXE)})
    response = client.post("/es/file/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "«informe.pdf» no contiene lo que indica su nombre" in html  # the Spanish form
    assert 'href="#id_f-attachment_0"' in html  # the error summary links to the field
    assert 'value="Tala ilegal en Loreto"' in html
    assert "Se tala sin permiso en la cuenca del Nanay desde 2022." in html
    assert Submission.objects.count() == 0


def test_an_empty_file_is_named_as_every_other_refusal(client):
    """Walk 76: "Anexo 1, Archivo: El fichero enviado está vacío." (Django's words: no name,
    and "fichero" where the page says "archivo")."""
    response = client.post("/es/file/", filing_data(**{"f-attachment_0": pdf("vacío.pdf", b"")}))
    html = response.content.decode()
    assert "«vacío.pdf» está vacío." in html
    assert "fichero" not in html
    assert Submission.objects.count() == 0


def test_an_unknown_extension_is_refused(client):
    response = client.post("/en/file/", filing_data(**{"f-attachment_1": pdf("run.exe", EXE)}))
    assert "“run.exe” is not an accepted type of file." in response.content.decode()
    assert Submission.objects.count() == 0
    # The summary says which attachment (walk 45: five of them, each with a "File").
    summary = response.content.decode().split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#id_f-attachment_1">Attachment 2, File: “run.exe”' in summary
    spanish = client.post("/es/file/", filing_data(**{"f-attachment_1": pdf("run.exe", EXE)}))
    assert "Anexo 2, Archivo: «run.exe»" in spanish.content.decode()


@override_settings(SEM_FILING_MAX_FILE_BYTES=40)
def test_an_oversize_file_is_refused_with_the_answers_kept(client):
    response = client.post("/en/file/", filing_data(**{"f-attachment_0": pdf()}))
    html = response.content.decode()
    assert "each file may be at most 40\xa0bytes" in html
    assert 'value="Tala ilegal en Loreto"' in html
    assert Submission.objects.count() == 0


@override_settings(SEM_FILING_MAX_TOTAL_BYTES=60)
def test_files_over_the_total_limit_are_refused(client):
    data = filing_data(**{"f-attachment_0": pdf("a.pdf"), "f-attachment_1": pdf("b.pdf")})
    response = client.post("/en/file/", data)
    html = response.content.decode()
    assert "The files together are 96\xa0bytes; the limit for all files is 60\xa0bytes." in html
    assert Submission.objects.count() == 0


def test_missing_answers_are_shown_next_to_their_fields_with_the_rest_kept(client):
    data = filing_data(**{"f-title": None, "f-facts": "", "s0-email": None})
    response = client.post("/en/file/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("This field is required.") == 6  # 3 in the summary, 3 by the fields
    for field in ("f-title", "f-facts", "s0-email"):
        assert f'href="#id_{field}"' in html
        assert f'id="id_{field}-error"' in html
    assert 'aria-describedby="id_f-title-help id_f-title-error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Asociación Amazónica"' in html
    assert "Carta al SERFOR del 3 de marzo de 2023." in html
    assert Submission.objects.count() == 0


def test_an_uploaded_file_survives_a_failed_validation(client):
    first = client.post(
        "/en/file/", filing_data(**{"f-title": "", "f-attachment_0": pdf("evidence.pdf")})
    )
    html = first.content.decode()
    assert "Already received: evidence.pdf" in html
    token = token_in(html, "f-attachment_0_token")
    assert token
    second = client.post("/en/file/", filing_data(**{"f-attachment_0_token": token}))
    assert second.status_code == 302
    document = Document.objects.get()
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.original_name == "evidence.pdf"


def test_a_kept_file_keeps_the_name_its_person_gave_it(client):
    """Walk 76: "Informe de campaña ñandú – Río Tambopata.pdf" came back as
    "Informe-de-campana-nandu-Rio-Tambopata" (the stored name), its ".pdf" cut off."""
    name = "Informe de campaña ñandú – Río Tambopata " + "x" * 180 + ".pdf"
    first = client.post("/es/file/", filing_data(**{"f-title": "", "f-attachment_0": pdf(name)}))
    html = first.content.decode()
    assert f"Ya recibido: {name} (" in html
    second = client.post(
        "/es/file/", filing_data(**{"f-attachment_0_token": token_in(html, "f-attachment_0_token")})
    )
    assert second.status_code == 302
    document = Document.objects.get()
    assert document.original_name == name
    # Stored under a safe name of its own.
    assert document.file.name.endswith(".pdf") and " " not in document.file.name


def test_a_forged_file_token_is_ignored(client):
    response = client.post("/en/file/", filing_data(**{"f-attachment_0_token": "pending/x:y"}))
    assert response.status_code == 302
    assert Document.objects.count() == 0


def test_a_kept_file_can_be_removed(client):
    first = client.post("/en/file/", filing_data(**{"f-title": "", "f-attachment_0": pdf()}))
    token = token_in(first.content.decode(), "f-attachment_0_token")
    data = filing_data(**{"f-attachment_0_token": token, "f-attachment_0_remove": "on"})
    assert client.post("/en/file/", data).status_code == 302
    assert Document.objects.count() == 0


# Who is warned before filing about the United States, and what the warning says: under the
# TPA a US national (Art. 18.8.3); under the CEC, where a US person may file about the United
# States, a person of no Party (Art. 24.27(1)). More cases in test_eligibility.py.
WARNED_ABOUT_US = {
    "us-peru-tpa": (
        "US",
        (
            "Jane Doe is a person of the United States. Under Article 18.8.3",
            "Commission for Environmental Cooperation (CEC)",
        ),
    ),
    "usmca-cec": (
        "CL",
        (
            "Jane Doe does not appear to reside or be established in Canada, Mexico or the "
            "United States. Under Article 24.27(1)",
            "the Secretariat reads this as any person or organization residing or established",
        ),
    ),
    # As under the TPA (Art. 17.7.3).
    "cafta-dr": (
        "US",
        (
            "Jane Doe is a person of the United States. Under Article 17.7.3",
            "Commission for Environmental Cooperation (CEC)",
        ),
    ),
}[SLUG]


def test_a_person_warned_about_the_us_may_still_file_with_the_answers_and_files_kept(client):
    nationality, warnings = WARNED_ABOUT_US
    data = filing_data(
        **{
            "s0-kind": "individual",
            "s0-name": "Jane Doe",
            "s0-nationality": nationality,
            "f-party": "US",
            "f-attachment_0": pdf(),
        }
    )
    warned = client.post("/en/file/", data)
    html = warned.content.decode()
    assert warned.status_code == 200
    for warning in warnings:
        assert warning in html
    assert 'name="f-eligibility_confirmed"' in html
    assert 'value="Tala ilegal en Loreto"' in html
    assert Submission.objects.count() == 0
    data.pop("f-attachment_0")
    data["f-attachment_0_token"] = token_in(html, "f-attachment_0_token")
    data["f-eligibility_confirmed"] = "on"
    assert client.post("/en/file/", data).status_code == 302
    submission = Submission.objects.get()
    assert submission.party.code == "US"
    assert submission.documents.count() == 1


NEITHER = {
    "us-peru-tpa": "Ana does not appear to be a person of Peru or of the United States.",
    "usmca-cec": "Ana does not appear to reside or be established in Canada, Mexico or the "
    "United States.",
    "cafta-dr": "Ana does not appear to be a person of a Party to the CAFTA-DR.",
}[SLUG]


def test_a_person_of_neither_party_is_warned(client):
    data = filing_data(**{"s0-kind": "individual", "s0-name": "Ana", "s0-nationality": "CL"})
    html = client.post("/en/file/", data).content.decode()
    assert NEITHER in html
    assert Submission.objects.count() == 0


# A US national resident in Party A filing about the United States: under the TPA still a
# person of the United States (Art. 18.8.3), warned; under the CEC free to file about their own
# Party (Art. 24.27(1)). More cases in test_eligibility.py.
US_NATIONAL_IN_A = {
    "us-peru-tpa": (200, "is a person of the United States as well as of Peru"),
    "usmca-cec": (302, None),
    "cafta-dr": (200, "is a person of the United States as well as of another Party"),
}[SLUG]


def test_a_us_national_resident_in_party_a_filing_about_the_us(client):
    status, warning = US_NATIONAL_IN_A
    data = filing_data(
        **{"s0-kind": "individual", "s0-nationality": "US", "s0-residence": A, "f-party": "US"}
    )
    response = client.post("/en/file/", data)
    assert response.status_code == status
    if warning:
        assert warning in response.content.decode()
    else:
        assert Submission.objects.get().party.code == "US"


def test_the_honeypot_refuses_the_form_with_the_answers_kept(client):
    response = client.post("/en/file/", filing_data(**{"f-website": "http://spam.example"}))
    html = response.content.decode()
    assert response.status_code == 400
    assert "the field “Leave this field empty” was filled in" in html
    assert 'value="Tala ilegal en Loreto"' in html
    assert "Se tala sin permiso en la cuenca del Nanay desde 2022." in html
    assert Submission.objects.count() == 0


@override_settings(SEM_FILING_RATE_LIMIT=2)
def test_the_rate_limit_refuses_the_form_with_the_answers_kept(client):
    incomplete = filing_data(**{"f-facts": ""})
    assert client.post("/en/file/", incomplete).status_code == 200
    assert client.post("/en/file/", incomplete).status_code == 200
    response = client.post("/en/file/", filing_data())
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many forms have been sent from your connection" in html
    assert 'value="Tala ilegal en Loreto"' in html
    assert Submission.objects.count() == 0
    other = Client(REMOTE_ADDR="192.0.2.7")  # another address is not affected
    assert other.post("/en/file/", filing_data()).status_code == 302


@override_settings(SEM_FILING_RATE_LIMIT=0)
def test_the_rate_limit_can_be_turned_off(client):
    for _ in range(3):
        assert client.post("/en/file/", filing_data(**{"f-facts": ""})).status_code == 200


def test_posting_without_a_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/en/file/", filing_data()).status_code == 403
    assert Submission.objects.count() == 0


def test_other_methods_are_refused(client):
    assert client.put("/en/file/").status_code == 405


def test_garbage_in_choices_and_tokens_is_a_validation_error_not_a_crash(client):
    data = filing_data(
        **{
            "f-party": "XX",
            "s0-nationality": "ZZZ",
            "s0-identity_document_token": "garbage",
            "s1-name": "\x00",
            "f-language": "fr",
        }
    )
    response = client.post("/en/file/", data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
