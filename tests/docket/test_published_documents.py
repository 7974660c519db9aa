"""Walk 32: the officer made a Party's comments on the draft public (the Party had asked so),
and the docket did not show them: a document of an event the public does not see stayed off
it until the officer also published the event's empty title. A decision that makes a document
public now puts its event on the docket for it, the event's own text still withheld; one that
narrows it again takes it off. What was sent only to the Parties is never published, its
documents no more than its text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from submissions.storage import DocumentInput
from tests.helpers_cases import drive
from tests.parties import A
from workflow.exceptions import RuleViolation

pytestmark = pytest.mark.django_db

NOTE = "Observaciones reservadas del Gobierno."


def _comments(story, *, asked_public: bool):
    data = {"party": A, **({"publish_requested": True} if asked_public else {})}
    return story.add(
        "draft_commented",
        data=data,
        author=f"party:{A}",
        note=NOTE,
        documents_in=[
            DocumentInput(
                title="Comentarios al proyecto",
                language="es",
                file=SimpleUploadedFile("c.pdf", b"%PDF-1.4 c"),
            )
        ],
    )


def _change(story, comment, to):
    return story.add(
        "visibility_changed",
        data={
            "document": [comment.seq - 1, 0],
            "from": "parties" if to == "public" else "public",
            "to": to,
            "reason": "Decisión de la Secretaría.",
        },
    )


def _public(case) -> tuple[str, list]:
    page = Client().get(reverse("docket_case", args=[case.slug])).content.decode()
    api = Client().get(f"/api/v1/submissions/{case.slug}/").json()
    return page, [event["kind"] for event in api["events"]]


def test_a_document_made_public_puts_its_event_on_the_docket_without_its_text():
    story = drive("draft_comment_period")
    comment = _comments(story, asked_public=True)
    page, kinds = _public(story.case)
    assert "Comentarios al proyecto" not in page and "draft_commented" not in kinds
    _change(story, comment, "public")
    page, kinds = _public(story.case)
    assert "Comentarios al proyecto" in page and "draft_commented" in kinds
    document = story.case.documents.get(event=comment)
    assert reverse("document_download", args=[story.case.slug, document.pk]) in page
    assert (
        Client().get(reverse("document_download", args=[story.case.slug, document.pk])).status_code
        == 200
    )
    assert NOTE not in page  # the event's own text is another decision
    feed = Client().get(reverse("case_feed", args=[story.case.slug])).content.decode()
    assert "Comentarios al proyecto" in feed
    _change(story, comment, "parties")
    page, kinds = _public(story.case)
    assert "Comentarios al proyecto" not in page and "draft_commented" not in kinds


def test_comments_sent_only_to_the_parties_are_not_published_by_their_documents():
    story = drive("draft_comment_period")
    comment = _comments(story, asked_public=False)
    with pytest.raises(RuleViolation) as error:
        _change(story, comment, "public")
    assert error.value.rule == "document: public or publish_requested"
    assert "Comentarios al proyecto" not in _public(story.case)[0]
