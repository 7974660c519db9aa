"""The portals apply the one upload policy: the same limit and the same message as the public
form (no portal table, no limit of its own)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secretariat.public.filing_forms import InformationForm
from tests.filing.conftest import PDF
from tests.helpers_cases import D, drive, frozen
from tests.portals.test_party import respond_post

BIG = PDF + b"%" * 200


def test_a_portal_file_over_the_limit_is_refused_as_on_the_public_form(client, a_focal, settings):
    settings.SEM_FILING_MAX_FILE_BYTES = 100
    public = InformationForm(
        {"name": "Ana", "email": "ana@example.org", "note": "Datos"},
        {"file_0": SimpleUploadedFile("respuesta.pdf", BIG)},
    )
    assert not public.is_valid()
    [message] = public.errors["file_0"]
    assert "100" in message and "respuesta.pdf" in message

    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        response = client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(case, document=SimpleUploadedFile("respuesta.pdf", BIG)),
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page  # the public form's words, and the one limit
    assert 'aria-describedby="id_document-help id_document-error"' in page
    assert not case.events.filter(kind="party_responded").exists()


def test_the_portal_attachments_count_towards_the_one_total_limit(client, a_focal, settings):
    settings.SEM_FILING_MAX_TOTAL_BYTES = 300
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    post = respond_post(case)
    post["attachments-TOTAL_FORMS"] = "2"
    for i in range(2):
        post[f"attachments-{i}-file"] = SimpleUploadedFile(f"anexo{i}.pdf", BIG)
        post[f"attachments-{i}-title"] = f"Anexo {i}"
        post[f"attachments-{i}-language"] = "es"
        post[f"attachments-{i}-visibility"] = "party_concerned"
    with frozen(D(2023, 6, 10)):
        response = client.post(reverse("party_respond", kwargs={"pk": case.pk}), post)
    assert response.status_code == 200
    assert "the limit for all files is 300" in response.content.decode()
    assert not case.events.filter(kind="party_responded").exists()
