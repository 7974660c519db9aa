"""Every website serves a stored document the same way (``secretariat.web.downloads``): the
docket, the workspace and both portals send the same headers for the same file, except that
only the workspace offers the name it was uploaded under (elsewhere a name made from the case
and the document); a non-ASCII name travels as RFC 5987 ``filename*``, and restricted downloads
are logged on every route."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from submissions.models import AccessLogEntry, Document
from submissions.storage import DocumentInput
from tests.helpers_cases import drive
from tests.portals.conftest import PDF, stored_pdf

pytestmark = pytest.mark.django_db

NON_ASCII = "Resolución Nº 7 — informe del Perú.pdf"


def _case_with(visibility, name="letter.pdf"):
    """A case of Party A awaiting the Council (open to A's focal points and the Council) with
    one document at ``visibility``."""
    story = drive("awaiting_council")
    story.add(
        "correspondence",
        visibility=visibility,
        documents_in=[DocumentInput("Carta", "es", stored_pdf(name), visibility)],
    )
    document = Document.objects.filter(submission=story.case, file__gt="").latest("id")
    return story.case, document


def _routes(case, document, *, public=True):
    """(user fixture or None, URL) of every route that serves this document."""
    ids = {"pk": case.pk, "document_pk": document.pk}
    routes = [
        ("officer", reverse("ws_download", kwargs=ids)),
        ("a_focal", reverse("party_document", kwargs=ids)),
        ("a_council", reverse("council_document", kwargs=ids)),
    ]
    if public:
        docket = reverse("document_download", kwargs={"slug": case.slug, "pk": document.pk})
        routes.append((None, docket))
    return routes


def _get(request, who, url):
    client = Client()
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 200, (who, url)
    return response


HEADERS = ("Content-Type", "Content-Disposition", "Content-Length", "X-Content-Type-Options")


def made_name(case, document) -> str:
    with translation.override("es"):
        kind = slugify(str(document.get_kind_display()))
    return f"{case.identifier.replace('/', '-')}-{document.pk}-{kind}-es.pdf"


def test_every_route_sends_the_same_headers_for_the_same_document(request):
    case, document = _case_with("public")
    seen = {}
    for who, url in _routes(case, document):
        response = _get(request, who, url)
        assert b"".join(response.streaming_content) == PDF
        seen[who] = {name: response[name] for name in HEADERS}
    expected = {
        "Content-Type": "application/pdf",
        "Content-Disposition": f'attachment; filename="{made_name(case, document)}"',
        "Content-Length": str(len(PDF)),
        "X-Content-Type-Options": "nosniff",
    }
    assert len(seen) == 4
    assert seen.pop("officer") == {
        **expected,
        "Content-Disposition": 'attachment; filename="letter.pdf"',
    }
    assert all(headers == expected for headers in seen.values()), seen


def test_a_withheld_submitters_name_in_a_file_name_reaches_only_the_secretariat(request):
    """The helper's walk: "Carta_de_Juan_Perez_Gomez.pdf", made public with the acknowledgement,
    was offered to everyone under that name."""
    case, document = _case_with("public", name="Carta_de_Juan_Perez_Gomez.pdf")
    for who, url in _routes(case, document):
        disposition = _get(request, who, url)["Content-Disposition"]
        if who == "officer":
            assert "Juan" in disposition
        else:
            assert "Juan" not in disposition
            assert disposition == f'attachment; filename="{made_name(case, document)}"'


def test_a_generated_documents_name_is_its_code_and_language(request):
    case, document = _case_with("public")
    Document.objects.filter(pk=document.pk).update(
        code=f"{case.identifier}/D2", language="en", kind="request"
    )
    docket = reverse("document_download", kwargs={"slug": case.slug, "pk": document.pk})
    disposition = _get(request, None, docket)["Content-Disposition"]
    stem = case.identifier.replace("/", "-")
    assert disposition == f'attachment; filename="{stem}-D2-request-for-a-response-en.pdf"'
    # The determination beside it, the same code: another name (walk 39: both were "…-D2-…").
    Document.objects.filter(pk=document.pk).update(kind="determination", language="es")
    disposition = _get(request, None, docket)["Content-Disposition"]
    assert disposition == f'attachment; filename="{stem}-D2-determinacion-es.pdf"'


def test_the_type_is_the_stored_one_never_guessed_from_the_name(request):
    case, document = _case_with("public", name="notes.html")
    Document.objects.filter(pk=document.pk).update(content_type="")
    for who, url in _routes(case, document):
        response = _get(request, who, url)
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].endswith('.html"')


def workspace_route(case, document) -> list:
    """The one route that offers the name a file was uploaded under."""
    return [route for route in _routes(case, document) if route[0] == "officer"]


def test_a_non_ascii_name_is_sent_as_rfc_5987_filename_star(request):
    case, document = _case_with("public", name=NON_ASCII)
    assert document.original_name == NON_ASCII
    for who, url in workspace_route(case, document):
        response = _get(request, who, url)
        assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NON_ASCII)}"


def test_control_characters_and_path_parts_never_reach_the_header(request):
    case, document = _case_with("public")
    # A right-to-left override would show "evil\u202egpj.exe" as "evilexe.jpg".
    Document.objects.filter(pk=document.pk).update(original_name="..\\x/evil\u202egpj\r\n.exe")
    for who, url in workspace_route(case, document):
        response = _get(request, who, url)
        assert response["Content-Disposition"] == 'attachment; filename="evilgpj.exe"'


def test_without_an_uploaded_name_the_stored_file_name_is_offered(request):
    case, document = _case_with("public")
    Document.objects.filter(pk=document.pk).update(original_name="")
    stored = document.file.name.rsplit("/", 1)[-1]
    for who, url in workspace_route(case, document):
        response = _get(request, who, url)
        assert response["Content-Disposition"] == f'attachment; filename="{stored}"'


def test_restricted_downloads_are_logged_on_every_route_public_ones_never(request):
    case, restricted = _case_with("parties")
    for who, url in _routes(case, restricted, public=False):
        _get(request, who, url)
    logged = AccessLogEntry.objects.filter(document=restricted, what=AccessLogEntry.What.DOWNLOAD)
    assert sorted(logged.values_list("user__username", flat=True)) == [
        "a_council",
        "a_focal",
        "officer",
    ]
    assert {entry.submission_id for entry in logged} == {case.pk}

    _case, public = _case_with("public")
    for who, url in _routes(_case, public):
        _get(request, who, url)
    assert not AccessLogEntry.objects.filter(document=public).exists()


def test_a_restricted_document_is_not_on_the_docket_and_a_missing_file_is_404(request, client):
    case, restricted = _case_with("parties")
    docket = reverse("document_download", kwargs={"slug": case.slug, "pk": restricted.pk})
    assert client.get(docket).status_code == 404

    case, document = _case_with("public")
    document.file.storage.delete(document.file.name)
    for who, url in _routes(case, document):
        c = Client()
        if who:
            c.force_login(request.getfixturevalue(who))
        assert c.get(url).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_generated_files_share_the_attachment_headers(client):
    response = client.get(reverse("docket_export_csv"))
    assert response.status_code == 200
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="docket-{day}.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
