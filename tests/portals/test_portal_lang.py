"""Issue 17: on the portals every text a person wrote carries its language (``lang``), and the
case lists and receipts are markup that stacks on a phone."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse

from submissions.storage import DocumentInput
from tests.helpers_cases import TIMELINE, drive, frozen
from tests.parties import SLUG, A

pytestmark = pytest.mark.django_db

# The title of Party A's response.
RESPONSE = {
    "us-peru-tpa": "Respuesta del Perú",
    "usmca-cec": "Respuesta de México",
    "cafta-dr": "Respuesta de Guatemala",
}[SLUG]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name):
    buffer = io.BytesIO(PDF)
    buffer.name = name
    return buffer


def test_the_party_case_page_marks_what_people_wrote(client, a_focal):
    story = drive("awaiting_response")
    story.add(
        "correspondence",
        title="Aclaración sobre la solicitud",
        note="La Secretaría precisa el alcance de la solicitud.",
        visibility="party_concerned",
        documents_in=[
            DocumentInput(
                title="Note to the focal point",
                language="en",
                file=_pdf("note.pdf"),
                visibility="party_concerned",
            )
        ],
    )
    case = story.case
    client.force_login(a_focal)
    with frozen(TIMELINE["response_decided"] + datetime.timedelta(days=10)):
        html = client.get(reverse("party_case", args=[case.pk])).content.decode()
    assert '<p><span lang="es">Aclaración sobre la solicitud</span>' in html
    assert re.search(
        r'<div class="event__note" lang="es"><p>La Secretaría precisa el alcance', html
    )
    assert re.search(r'<a href="[^"]+" lang="en">Note to the focal point</a>', html)
    assert re.search(r'<h1><span lang="es">Concesiones forestales</span>', html)
    assert '<dl class="facts">' in html


def test_the_case_list_stacks_and_marks_titles(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    html = client.get(reverse("party_home")).content.decode()
    assert '<table class="table stack-table">' in html
    row = re.search(r"<tbody>(.*?)</tbody>", html, re.S)[1]
    assert reverse("party_case", args=[case.pk]) in row
    assert '<span lang="es">Concesiones forestales</span>' in row
    cells = re.findall(r"<td([^>]*)>", row)
    assert len(cells) == 4 and all("data-label=" in attrs for attrs in cells[1:])


def test_the_receipt_is_a_definition_list_with_marked_documents(client, a_focal):
    story = drive("awaiting_response")
    event = story.add(
        "party_responded",
        author=f"party:{A}",
        documents_in=[DocumentInput(title=RESPONSE, language="es", file=_pdf("r.pdf"))],
    )
    client.force_login(a_focal)
    html = client.get(
        reverse("party_receipt", kwargs={"pk": story.case.pk, "seq": event.seq})
    ).content.decode()
    assert '<dl class="facts">' in html
    assert f'<span lang="es">{RESPONSE}</span>' in html


def test_the_deadlines_colon_follows_the_pages_language(client, a_focal):
    """French puts a no-break space before a colon (the ninth walk found "Réponse de la
    Partie: En cours" on the Party's case page); the other languages do not."""
    story = drive("awaiting_response")
    client.force_login(a_focal)
    url = reverse("party_case", kwargs={"pk": story.case.pk})
    with frozen(TIMELINE["party_responded"]):
        for language, _name in settings.LANGUAGES:
            page = client.get(f"/{language}{url[3:]}").content.decode()
            labels = re.findall(r"</strong>(\u00a0?):", page)
            assert labels, language
            assert set(labels) == ({"\u00a0"} if language == "fr" else {""}), language
