"""The tracking page links every document its submitter may download (issue 17), by the
page's own gate, and says what each download is ("PDF, 1 KB"); copies in the other language
say so ("(en inglés)")."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from submissions.models import Document
from tests.helpers_cases import D, drive, frozen
from tests.parties import A
from tests.portals.conftest import PDF
from workflow.services import DocumentInput

pytestmark = pytest.mark.django_db


def stored(name: str) -> io.BytesIO:
    buffer = io.BytesIO(PDF)
    buffer.name = name
    return buffer


@pytest.fixture
def story():
    """A case on Party A (Peru; the CEC's Mexico) awaiting its response: the submitter's own
    annex, an English letter of the Secretariat (public), and two documents the access rules
    keep from the submitter's page (a confidential annex, which goes to the Party concerned
    only, and an internal note)."""
    story = drive("response_decision", party=A)
    story.add(
        "information_added",
        after=1,
        author="submitter",
        documents_in=[
            DocumentInput("Anexo", "es", stored("anexo.pdf"), kind="annex"),
            DocumentInput(
                title="Anexo confidencial",
                language="es",
                file=stored("confidencial.pdf"),
                visibility="party_concerned",
                kind="annex",
            ),
        ],
    )
    story.add(
        "correspondence",
        after=1,
        documents_in=[DocumentInput("Letter to the submitter", "en", stored("letter.pdf"))],
    )
    story.add(
        "correspondence",
        after=1,
        visibility="secretariat",
        documents_in=[DocumentInput("Nota interna", "es", stored("nota.pdf"), "secretariat")],
    )
    return story


def _open(client, story, language="es") -> str:
    membership = story.case.memberships.get()
    response = client.get(f"/{language}/track/{membership.tracking_token}/", follow=True)
    assert response.status_code == 200
    return response.content.decode()


@frozen(D(2023, 5, 1))
def test_the_tracking_page_links_each_document_the_submitter_may_see(story):
    client = Client()
    page = _open(client, story)
    membership = story.case.memberships.get()
    kept = ("Nota interna", "Anexo confidencial")
    visible = Document.objects.filter(submission=story.case).exclude(title__in=kept)
    assert {"Anexo", "Letter to the submitter"} <= set(visible.values_list("title", flat=True))
    for document in visible.exclude(file=""):
        url = reverse("track_document", kwargs={"pk": membership.pk, "document_pk": document.pk})
        assert f'href="{url.replace("/en/", "/es/")}"' in page, document.title
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == PDF
    # The format and size, and the English letter marked as English on the Spanish page.
    assert re.search(r"Letter to the submitter</span></a> <span[^>]*>\(PDF, \d+ bytes\)", page)
    assert page.count("(en inglés)") == 1  # the letter; the Spanish annex says nothing
    assert "Nota interna" not in page
    # Walk 24: the submitter's own confidential annex is listed as received, never linked.
    confidential = Document.objects.get(submission=story.case, title="Anexo confidencial")
    entry = page.split(">Anexo confidencial</span>", 1)[1].split("</li>", 1)[0]
    assert (
        "recibido. Es confidencial: por seguridad, no puede descargarse mediante este enlace."
        in entry
    )
    link = reverse("track_document", kwargs={"pk": membership.pk, "document_pk": confidential.pk})
    assert link.replace("/en/", "/es/") not in page


@frozen(D(2023, 5, 1))
def test_a_document_kept_from_the_submitter_is_not_downloadable(story):
    client = Client()
    _open(client, story)
    membership = story.case.memberships.get()
    for title in ("Nota interna", "Anexo confidencial"):
        kept = Document.objects.get(submission=story.case, title=title)
        url = reverse("track_document", kwargs={"pk": membership.pk, "document_pk": kept.pk})
        assert client.get(url).status_code == 404, title
    # Without the link's session, not even a document the page lists.
    annex = Document.objects.get(submission=story.case, title="Anexo")
    url = reverse("track_document", kwargs={"pk": membership.pk, "document_pk": annex.pk})
    assert Client().get(url).status_code == 404
    assert client.post(url).status_code == 405
