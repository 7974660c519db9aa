"""Every download route sends the file as an attachment, never sniffed, after the access gate;
uploaded files have no URL of their own.

The routes are found by name ("download" or "document"): a new one without a row in ROUTES
fails the first test, so it cannot ship without these headers being checked.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import Resolver404

from submissions.models import AccessLogEntry, Document
from submissions.storage import DocumentInput
from tests.helpers_cases import drive
from tests.parties import A
from tests.portals.conftest import PDF, stored_pdf

pytestmark = pytest.mark.django_db


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def _awaiting_response():
    """A case awaiting Party A's response: a confidential annex for A, a public letter, and a
    letter from A (its receipt)."""
    story = drive("response_decision")
    story.add(
        "information_added",
        author="submitter",
        visibility="party_concerned",
        documents_in=[
            DocumentInput("Anexo confidencial", "es", stored_pdf(), "party_concerned", "annex")
        ],
    )
    story.add(
        "correspondence",
        visibility="public",
        documents_in=[DocumentInput("Public letter", "en", stored_pdf("public.pdf"), "public")],
    )
    story.add("response_decided", data={"outcome": "request"})
    receipt = story.add("correspondence", author=f"party:{A}", title="Carta")
    return story, receipt


def _awaiting_council():
    story = drive("awaiting_council")
    story.add(
        "correspondence",
        visibility="parties",
        documents_in=[DocumentInput("Letter", "en", stored_pdf("letter.pdf"), "parties")],
    )
    return story


def _document(case, visibility):
    return Document.objects.filter(submission=case, visibility=visibility, file__gt="").latest("id")


def _docket(request):
    story, _ = _awaiting_response()
    case = story.case
    document = _document(case, "public")
    return None, {"slug": case.slug, "pk": document.pk}, True


def _workspace(request):
    story, _ = _awaiting_response()
    document = _document(story.case, "party_concerned")
    return "officer", {"pk": story.case.pk, "document_pk": document.pk}, True


def _party(request):
    story, _ = _awaiting_response()
    document = _document(story.case, "party_concerned")
    return "a_focal", {"pk": story.case.pk, "document_pk": document.pk}, True


def _party_receipt(request):
    story, receipt = _awaiting_response()
    return "a_focal", {"pk": story.case.pk, "seq": receipt.seq}, False


def _council(request):
    story = _awaiting_council()
    document = _document(story.case, "parties")
    return "a_council", {"pk": story.case.pk, "document_pk": document.pk}, True


def _council_receipt(request):
    story = drive("final_factual_record")
    # Party A's member's own instruction (under the CEC a second member's follows).
    instructed = story.case.events.get(kind="council_instructed", author=f"council:{A}")
    return "a_council", {"pk": story.case.pk, "seq": instructed.seq}, False


# url name -> builder returning (user fixture or None, url kwargs, is a stored upload)
ROUTES = {
    "document_download": _docket,
    "ws_download": _workspace,
    "party_document": _party,
    "party_receipt_document": _party_receipt,
    "council_document": _council,
    "council_receipt_document": _council_receipt,
}


def test_every_download_route_is_checked_here():
    names = {
        name
        for name in _names(get_resolver().url_patterns)
        if ("download" in name or "document" in name)
        # The admin's document pages are forms about the row; they send no file.
        and not name.startswith("admin:")
        # Adds a translation or redacted version (a POST form); it sends no file.
        and name != "ws_document_version"
        # A public document's reading page (HTML composed from its decision); it sends no file.
        and name != "document_read"
        # Needs the tracking link's session: tests/docket/test_tracking_downloads.py checks it.
        and name != "track_document"
    }
    assert names == set(ROUTES)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_download_is_an_unsniffed_attachment(name, request):
    who, kwargs, stored = ROUTES[name](request)
    client = Client()
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if stored:
        assert body == PDF
    else:
        assert body[:2] == b"PK"  # a generated Word receipt


def test_an_outsider_gets_no_restricted_file(outsider):
    story, _ = _awaiting_response()
    document = _document(story.case, "party_concerned")
    client = Client()
    client.force_login(outsider)
    url = reverse("ws_download", kwargs={"pk": story.case.pk, "document_pk": document.pk})
    assert client.get(url).status_code == 403
    docket = reverse("document_download", kwargs={"slug": story.case.slug, "pk": document.pk})
    assert client.get(docket).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_uploaded_files_have_no_url_of_their_own(client):
    story, _ = _awaiting_response()
    document = _document(story.case, "public")
    path = f"/media/{document.file.name}"
    with pytest.raises(Resolver404):
        get_resolver().resolve(path)
    assert client.get(path).status_code == 404
    assert client.get(f"/en/media/{document.file.name}").status_code == 404
