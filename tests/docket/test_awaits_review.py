"""Walk 44: a Party's response sent for the public stood on the docket and on the submitter's
page as a bare title, with no word of why its text was missing. Until the Secretariat decides
on it, the entry says its text awaits the Secretariat's review."""

import pytest
from django.test import Client

from tests.helpers_cases import (
    comments_as_documents_for_the_public,
    drive,
    public_file,
    publish_text,
    reasons_for_the_public,
    response_for_the_public,
)
from tests.parties import A
from workflow import services

pytestmark = pytest.mark.django_db

AWAITS = "Its text and the documents sent with it for the public await the Secretariat"
ESPERA = "El texto de esta actuación y los documentos enviados con ella para el público esperan"
# Sent with no document (walk 49: a Council member's reasons read "and the documents").
TEXT_AWAITS = "Its text awaits the Secretariat"
NOTE = "Respuesta de la Parte sobre la aplicación efectiva."


def _pages(case, language="en") -> tuple[str, str]:
    docket = Client().get(f"/{language}/docket/{case.slug}/").content.decode()
    membership = case.memberships.get()
    track = Client().get(f"/{language}/track/{membership.tracking_token}/", follow=True)
    return docket, track.content.decode()


def _respond_for_the_public(story, document):
    """The Party's response sent through its portal for the public, with ``document``."""
    return response_for_the_public(story, NOTE, [document])


def test_a_response_sent_for_the_public_says_it_awaits_review_until_published(officer, settings):
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_response")
    response = _respond_for_the_public(story, public_file("Respuesta"))
    for page in _pages(story.case):
        assert AWAITS in page and NOTE not in page and TEXT_AWAITS not in page
    for page in _pages(story.case, "es"):
        assert ESPERA in page
    publish_text(story, officer, response, "Publicación pedida por la Parte.")
    for page in _pages(story.case):
        assert NOTE in page and AWAITS not in page


def test_an_entry_not_sent_for_the_public_says_nothing_of_a_review():
    story = drive("awaiting_response")
    story.add(
        "party_responded",
        author=f"party:{A}",
        data={"party": A, "pending_proceeding": False},
        note=NOTE,
    )
    docket, track = _pages(story.case)
    assert "Response" in docket and AWAITS not in docket and AWAITS not in track


def test_on_a_closed_case_it_says_the_text_was_not_yet_reviewed():
    """Walk 47: after closure, the entries never published still read "they appear here once
    published", with no end in sight. Walk 140: "the Secretariat has not published it" read
    as a refusal while the Secretariat's workspace listed it for review, as it still does."""
    story = drive("closed")  # withdrawn while the response was awaited
    story.add(
        "party_responded",  # late, accepted
        author=f"party:{A}",
        data={"party": A, "pending_proceeding": False, "publish_requested": True},
        note=NOTE,
    )
    for page in _pages(story.case):
        assert "Its text was sent for the public; the Secretariat has not yet reviewed it." in page
        assert AWAITS not in page and "published them" not in page
    for page in _pages(story.case, "es"):
        assert "El texto de esta actuación se remitió para el público; " in page
        assert "aún no lo ha revisado." in page


def test_an_entry_sent_for_the_public_without_documents_speaks_of_its_text_alone():
    """Walk 49: a Council member's reasons, sent for the public with no document, read "its
    text and the documents sent with it await the Secretariat's review"."""
    story = drive("awaiting_council")
    reasons_for_the_public(story)
    for page in _pages(story.case):
        assert "Its text awaits the Secretariat's review; it appears here once published." in (page)
        assert AWAITS not in page and "Razones del miembro" not in page


def test_a_response_whose_document_alone_was_published_awaits_its_text_alone(officer, settings):
    """Walk 94: the response's document published on its own, the entry still read "its text
    and the documents sent with it for the public await the Secretariat's review"."""
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_response")
    # As the portal stores it: at *parties* until the Secretariat publishes it.
    held_file = public_file("Respuesta")
    held_file.visibility = "parties"
    response = _respond_for_the_public(story, held_file)
    services.record_event(
        story.case,
        "visibility_changed",
        actor=officer,
        data={
            "document": [response.seq - 1, 0],
            "from": "parties",
            "to": "public",
            "reason": "Publicación pedida por la Parte.",
        },
    )
    for page in _pages(story.case):
        assert "Its text awaits the Secretariat's review; it appears here once published." in page
        assert AWAITS not in page and NOTE not in page


DOCUMENTS_AWAIT = "The documents sent with it for the public await the Secretariat's review"


def test_comments_sent_as_documents_alone_never_read_that_their_text_awaits(officer, settings):
    """Walk 100: a Party's comments on the draft, sent for the public as two documents and no
    words, read "its text awaits the Secretariat's review" once both were public (and on the
    closed case "its text was sent for the public; the Secretariat has not published it"),
    while the workspace listed nothing held. Only documents wait, and only until published."""
    settings.SEM_FOUR_EYES = False
    story = drive("draft_comment_period")
    comments = comments_as_documents_for_the_public(story)

    def publish(position):
        services.record_event(
            story.case,
            "visibility_changed",
            actor=officer,
            data={
                "document": [comments.seq - 1, position],
                "from": "parties",
                "to": "public",
                "reason": "Publicación pedida por la Parte.",
            },
        )

    publish(0)
    for page in _pages(story.case):
        assert DOCUMENTS_AWAIT in page
        assert TEXT_AWAITS not in page and AWAITS not in page
    publish(1)
    for page in _pages(story.case):
        assert "Comentarios" in page
        assert DOCUMENTS_AWAIT not in page and TEXT_AWAITS not in page and AWAITS not in page
