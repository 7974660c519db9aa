"""A proposed widening of who may see a document or an entry outlives the case moving on; a
decision about the stage lapses with it (walk 75: two proposed publications lapsed when the
final factual record went in, with only an English email to the officer, and were proposed
again)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from secretariat.workspace.queries import approval_list
from submissions.models import Document, Submission
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.process.test_visibility_rules import change, doc
from workflow import services
from workflow.services.context import Context

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_proposed_widening_survives_a_step_that_moves_the_case(
    client, officer, director, settings, django_capture_on_commit_callbacks
):
    story = drive(Stage.RESPONSE_DECISION)
    story.add("correspondence", D(2023, 4, 12), documents_in=[doc("Nota", "secretariat")])
    note = Document.objects.get(title="Nota")
    with frozen(D(2023, 4, 13)):
        widening = change(story.case, note, "public", officer)
    assert widening.kind == "proposed"
    mail.outbox.clear()
    # A step recorded without four eyes moves the case on (as a Party's response does).
    settings.SEM_FOUR_EYES = False
    with frozen(D(2023, 4, 14)), django_capture_on_commit_callbacks(execute=True):
        services.record_event(
            story.case, "response_decided", actor=officer, data={"outcome": "request"}
        )
    settings.SEM_FOUR_EYES = True
    story.case.refresh_from_db()
    assert story.case.stage == Stage.AWAITING_RESPONSE
    # Still awaiting the Director: in the engine, on the approvals, not marked lapsed, and
    # its author is not told it lapsed.
    assert [f["seq"] for f in Context(story.case).pending_proposals()] == [widening.seq]
    assert [p.seq for p in approval_list(Submission.objects.all())] == [widening.seq]
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    entry = page.split(f'id="event-{widening.seq}"', 1)[1].split("</li>", 1)[0]
    assert "Lapsed" not in entry
    assert not [m for m in mail.outbox if "lapsed" in m.subject]
    # And approving it takes effect.
    with frozen(D(2023, 4, 15)):
        services.approve_proposal(story.case, widening.seq, actor=director)
    note.refresh_from_db()
    assert note.visibility == "public"


def test_a_proposed_decision_still_lapses_when_the_case_moves(officer, director):
    story = drive(Stage.AWAITING_COUNCIL)
    with frozen(D(2023, 9, 13)):
        closing = services.record_event(
            story.case, "closed", actor=officer, data={"reason": "no_council_instruction"}
        )
    story.council(on=D(2023, 9, 14))
    story.case.refresh_from_db()
    assert story.case.stage == Stage.FACTUAL_RECORD_PREPARATION
    assert closing.seq not in [f["seq"] for f in Context(story.case).pending_proposals()]
    assert closing.seq not in [p.seq for p in approval_list(Submission.objects.all())]
