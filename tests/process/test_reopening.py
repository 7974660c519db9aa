"""A reopening returns a closed case only to the stage it was closed from, and opens afresh,
from the reopening date, the deadline that stage waits for (REGISTRY-FORMAT.md, `reopened`)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import OTHERS, SLUG, A, B
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event

D = datetime.date
S = Stage
REOPEN_ON = D(2024, 2, 1)
# Every Party comments on the draft in TIMELINE's order (A, B, then the others): drive's
# default, the profile's order, would record Canada's comment (26 October) before Mexico's
# (20 October) under the CEC, out of date order.
EVERY_PARTY = (A, B) + OTHERS


def _closed_from(stage):
    """A case closed from ``stage`` along the usual path, and how."""
    if stage == S.ADMISSIBILITY_REVIEW:
        story = drive(stage)
        story.add("withdrawn", D(2023, 3, 20), author="submitter")
    elif stage == S.AWAITING_REVISION:
        story = drive(stage)  # revision due 10 May 2023 (TPA)
        story.add("closed", D(2023, 5, 15), data={"reason": "not_admissible"})
    elif stage == S.RESPONSE_DECISION:
        story = drive(stage)
        story.add("response_decided", D(2023, 5, 7), data={"outcome": "no_request"})
    elif stage == S.AWAITING_RESPONSE:
        story = drive(S.CLOSED)  # withdrawn on 20 May 2023 while the response was awaited
    elif stage == S.FACTUAL_RECORD_DECISION:
        story = drive(stage)
        story.add("factual_record_notified", D(2023, 7, 14), data={"outcome": "not_warranted"})
    elif stage == S.AWAITING_COUNCIL:
        story = drive(stage)  # instruction due 12 September 2023
        story.add("closed", D(2023, 9, 13), data={"reason": "no_council_instruction"})
    else:
        story = drive(S.FINAL_FACTUAL_RECORD, comments=EVERY_PARTY)
        story.council("publication_instructed")
        story.add("published")
    assert story.stage == S.CLOSED
    return story


# The stage closed from → the deadline opened afresh on Thursday 1 February 2024 and its due
# date. Where the profiles differ: the revision (TPA: 30 days; CEC: 60 working days at
# Montréal) and the Party's response (TPA: 45 days; CEC: 60).
REOPENINGS = {
    S.ADMISSIBILITY_REVIEW: ("admissibility", D(2024, 3, 4)),  # 2 March is a Saturday
    S.AWAITING_REVISION: (
        "revision",
        {
            "us-peru-tpa": D(2024, 3, 4),
            # 2 February is day 1; seven full weeks to Friday 22 March (36); Good Friday 29
            # March is a holiday, 25–28 March (40); four full weeks to Friday 26 April (60).
            "usmca-cec": D(2024, 4, 26),
            # 30 days → Saturday 2 March → Monday 4 March (no holiday in Guatemala).
            "cafta-dr": D(2024, 3, 4),
        }[SLUG],
    ),
    S.RESPONSE_DECISION: ("response_decision", D(2024, 3, 4)),
    S.AWAITING_RESPONSE: (
        "party_response",
        {
            "us-peru-tpa": D(2024, 3, 18),  # 45 days → Sunday 17 March
            "usmca-cec": D(2024, 4, 1),  # 60 days → Monday 1 April (not a holiday in Québec)
            "cafta-dr": D(2024, 3, 18),  # 45 days → Sunday 17 March → Monday 18 March
        }[SLUG],
    ),
    # 60 days → Monday 1 April 2024 (Guatemala's Holy Week ends Saturday 30 March).
    S.FACTUAL_RECORD_DECISION: ("factual_record_decision", D(2024, 4, 1)),
    S.AWAITING_COUNCIL: ("council_instruction", D(2024, 4, 1)),
    S.FINAL_FACTUAL_RECORD: ("publication", D(2024, 4, 1)),
}


@pytest.mark.parametrize("stage", list(REOPENINGS))
def test_reopening_returns_to_the_stage_closed_from_with_a_fresh_deadline(db, stage):
    story = _closed_from(stage)
    event = story.add("reopened", REOPEN_ON, data={"to_stage": stage, "reason": "New facts."})
    assert (story.stage, story.case.closure_reason) == (stage, "")
    kind, due_on = REOPENINGS[stage]
    fresh = Deadline.objects.get(submission=story.case, kind=kind, state="open")
    assert (fresh.start_on, fresh.start_kind, fresh.due_on) == (REOPEN_ON, "reopened", due_on)
    # Nothing else is open: the case waits only for what its stage waits for.
    assert list(
        Deadline.objects.filter(submission=story.case, state="open").values_list("kind", flat=True)
    ) == [kind]
    assert event.visibility == "public"


@pytest.mark.parametrize("stage", list(REOPENINGS))
def test_reopening_to_any_other_stage_is_refused(db, stage):
    story = _closed_from(stage)
    count = Event.objects.filter(submission=story.case).count()
    for other in REOPENINGS.keys() | {S.FACTUAL_RECORD_PREPARATION, S.DRAFT_COMMENT_PERIOD}:
        if other == stage:
            continue
        with pytest.raises(RuleViolation) as refused:
            story.add("reopened", REOPEN_ON, data={"to_stage": other, "reason": "x"})
        assert refused.value.rule == "reopened: to the stage it was closed from"
        assert str(stage.label) in str(refused.value)
    story.case.refresh_from_db()
    assert story.case.stage == S.CLOSED
    assert Event.objects.filter(submission=story.case).count() == count


def test_no_response_merited_reopens_only_to_the_response_decision(db):
    story = _closed_from(S.RESPONSE_DECISION)
    with pytest.raises(RuleViolation) as refused:
        story.add(
            "reopened", REOPEN_ON, data={"to_stage": S.FACTUAL_RECORD_PREPARATION, "reason": "x"}
        )
    assert str(refused.value) == (
        "A case is reopened only to the stage it was closed from: "
        "“Deciding whether to request a response”."
    )
    assert not Deadline.objects.filter(submission=story.case, kind="draft_factual_record").exists()


def test_refusal_is_translated(db):
    story = _closed_from(S.RESPONSE_DECISION)
    with translation.override("es"), pytest.raises(RuleViolation) as refused:
        story.add("reopened", REOPEN_ON, data={"to_stage": S.AWAITING_RESPONSE, "reason": "x"})
    assert "reabre" in str(refused.value)


def test_the_reopening_form_offers_only_the_stage_closed_from(client, officer):
    story = _closed_from(S.RESPONSE_DECISION)
    client.force_login(officer)
    with frozen(REOPEN_ON):
        page = client.get(reverse("ws_case", args=[story.case.pk]))
    html = page.content.decode()
    assert 'value="response_decision"' in html
    assert 'value="factual_record_preparation"' not in html
    assert 'value="awaiting_response"' not in html


def test_the_approvals_list_shows_a_proposed_reopenings_title(client, officer, director, settings):
    """Walk 97: the Executive Director read a proposed reopening's reasons and stage on the
    approvals list, but not the title the officer gave it (the public reads it once approved)."""
    from workflow import services

    settings.SEM_FOUR_EYES = True
    story = _closed_from(S.RESPONSE_DECISION)
    with frozen(REOPEN_ON):
        proposal = services.record_event(
            story.case,
            "reopened",
            actor=officer,
            title="Reapertura por hechos nuevos",
            note="La Parte informó de un nuevo procedimiento.",
            data={"to_stage": S.RESPONSE_DECISION, "reason": "Hechos nuevos."},
        )
    assert proposal.kind == "proposed"
    client.force_login(director)
    page = client.get(reverse("ws_approvals")).content.decode()
    item = page.split(f'id="proposal-{proposal.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Reapertura por hechos nuevos" in item
    assert "La Parte informó de un nuevo procedimiento." in item
