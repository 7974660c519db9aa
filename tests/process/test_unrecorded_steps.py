"""`unrecorded_steps`: a legacy registry that never dated the steps in between. Import only;
the deadlines it moves past end as unknown and none is opened for the steps skipped
(REGISTRY-FORMAT.md)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from submissions.models import Submission
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import SLUG, A, council_members, identifier
from workflow import services
from workflow.exceptions import NotAllowed, RuleViolation
from workflow.models import Deadline, Event
from workflow.registry.importer import import_registry

D = datetime.date
S = Stage


def _states(case):
    return {
        (d.kind, d.party): (d.state, d.due_on)
        for d in Deadline.objects.filter(submission=case).order_by("id")
    }


def test_steps_to_a_later_stage_end_open_deadlines_as_unknown_and_open_none(db):
    story = drive(S.RESPONSE_DECISION)  # response_decision due 10 May 2023
    event = story.add(
        "unrecorded_steps", D(2024, 1, 15), data={"stage": S.FACTUAL_RECORD_PREPARATION}
    )
    assert (event.stage_before, event.stage_after) == (
        S.RESPONSE_DECISION,
        S.FACTUAL_RECORD_PREPARATION,
    )
    assert story.stage == S.FACTUAL_RECORD_PREPARATION
    states = _states(story.case)
    assert states[("response_decision", "")] == ("unknown", D(2023, 5, 10))
    assert states[("admissibility", "")][0] == "met"
    # Nothing for the request, the response, the notification, the instruction or the draft.
    assert (
        not Deadline.objects.filter(submission=story.case, state="open")
        .exclude(kind="acknowledgement")
        .exists()
    )
    assert event.visibility == "public"
    # The case goes on from there.
    story.add("draft_submitted", D(2024, 2, 1))
    assert story.stage == S.DRAFT_COMMENT_PERIOD


def test_an_earlier_or_the_same_stage_is_refused(db):
    story = drive(S.FACTUAL_RECORD_DECISION)
    for stage in (S.FACTUAL_RECORD_DECISION, S.AWAITING_RESPONSE, S.CLOSED, "nowhere"):
        with pytest.raises(RuleViolation) as refused:
            story.add("unrecorded_steps", D(2024, 1, 15), data={"stage": stage})
        assert refused.value.rule == "unrecorded_steps: a later stage"
    story.case.refresh_from_db()
    assert story.case.stage == S.FACTUAL_RECORD_DECISION


def test_never_recorded_live_nor_offered(db, officer, director):
    story = drive(S.RESPONSE_DECISION)
    count = story.case.event_count
    with frozen(D(2023, 5, 1)):
        for actor in (officer, director):
            with pytest.raises(RuleViolation) as refused:
                services.record_event(
                    story.case,
                    "unrecorded_steps",
                    actor=actor,
                    data={"stage": S.FINAL_FACTUAL_RECORD},
                )
            assert refused.value.rule == "unrecorded_steps: import only"
            assert "never recorded on a live case" in str(refused.value)
            kinds = {a.kind for a in services.available_actions(story.case, actor)}
            assert "unrecorded_steps" not in kinds
    story.case.refresh_from_db()
    assert story.case.event_count == count


def test_the_live_refusal_is_translated(db, officer):
    story = drive(S.RESPONSE_DECISION)
    with (
        frozen(D(2023, 5, 1)),
        translation.override("es"),
        pytest.raises(RuleViolation) as refused,
    ):
        services.record_event(
            story.case, "unrecorded_steps", actor=officer, data={"stage": "awaiting_response"}
        )
    assert "importar" in str(refused.value)


def test_a_submitter_may_not_record_it(db):
    story = drive(S.RESPONSE_DECISION)
    membership = story.case.memberships.first()
    with frozen(D(2023, 5, 1)), pytest.raises(NotAllowed):
        services.record_event(
            story.case,
            "unrecorded_steps",
            actor=services.Actor.submitter(membership),
            data={"stage": S.AWAITING_RESPONSE},
        )


# A legacy registry's case of Party A (TPA: SACA-SEEM/PE/001/2018).
LEGACY_ID = identifier(A, 1, 2018, prefix="SACA-SEEM")
LEGACY = {
    "format": "sem-registry/1",
    "profile": SLUG,
    "submissions": [
        {
            "identifier": LEGACY_ID,
            "party": A,
            "language": "es",
            "title": {"es": "Minería ilegal en Madre de Dios"},
            "summary": {"es": "Resumen."},
            "laws": ["Ley General del Ambiente (Ley 28611)"],
            "submitters": [
                {
                    "name": "Asociación X",
                    "kind": "organization",
                    "country": A,
                    "confidential": False,
                }
            ],
            "events": [
                {"on": "2018-05-02", "kind": "filed", "author": "submitter"},
                {"on": "2018-05-07", "kind": "acknowledged", "author": "secretariat"},
                {
                    "on": "2018-06-01",
                    "kind": "admissibility_determined",
                    "outcome": "meets",
                    "code": f"{LEGACY_ID}/D1",
                    "author": "secretariat",
                },
                {
                    "on": "2019-09-30",
                    "kind": "unrecorded_steps",
                    "stage": "final_factual_record",
                    "note": "The registry publishes no dates for these steps.",
                },
                *(
                    {
                        "on": "2019-10-15",
                        "kind": "publication_instructed",
                        "party": member,
                        "author": f"council:{member}",
                    }
                    for member in council_members("publication_instructed")
                ),
                {"on": "2019-11-20", "kind": "published", "author": "secretariat"},
            ],
        }
    ],
}


def test_a_legacy_history_imports_and_the_docket_states_the_gap(client, db):
    report = import_registry(LEGACY)
    assert report.ok, report.refused
    case = Submission.objects.get(identifier=LEGACY_ID)
    assert (case.stage, case.closure_reason) == (S.CLOSED, "factual_record_published")
    states = _states(case)
    # response_decision: 30 days from 1 June 2018 → 1 July 2018, a Sunday → 2 July; at
    # Montréal 1 July is also Canada Day, observed on Monday 2 July → Tuesday 3 July; in
    # Guatemala Army Day fell on Saturday 30 June 2018, not observed on Monday 2 July.
    due_on = {
        "us-peru-tpa": D(2018, 7, 2),
        "usmca-cec": D(2018, 7, 3),
        "cafta-dr": D(2018, 7, 2),
    }[SLUG]
    assert states[("response_decision", "")] == ("unknown", due_on)
    assert not Deadline.objects.filter(submission=case, kind="publication").exists()
    gap = Event.objects.get(submission=case, kind="unrecorded_steps")
    assert (gap.stage_before, gap.stage_after) == (S.RESPONSE_DECISION, S.FINAL_FACTUAL_RECORD)
    page = client.get(reverse("docket_case", kwargs={"slug": case.slug})).content.decode()
    assert "Steps not recorded in the registry" in page
    assert "the case reached “Final factual record” by 30 September 2019" in page


def test_the_workspace_says_unknown_in_words(client, officer):
    report = import_registry(LEGACY)
    assert report.ok
    case = Submission.objects.get(identifier=LEGACY_ID)
    client.force_login(officer)
    html = client.get(reverse("ws_case", args=[case.pk])).content.decode()
    assert "Unknown" in html


def test_the_workspace_dates_only_an_acknowledgement_it_has(client, officer):
    """Walk 18: an imported case whose registry never dated its acknowledgement read "Yes,
    acknowledged on 25 April 2005", the day its gap ended."""
    story = drive(S.ADMISSIBILITY_REVIEW, acknowledged=False)
    story.add("unrecorded_steps", D(2024, 1, 15), data={"stage": S.AWAITING_RESPONSE})
    assert story.case.registered_on is not None
    client.force_login(officer)
    html = client.get(reverse("ws_case", args=[story.case.pk])).content.decode()
    assert "Yes; the registry it was imported from does not date its acknowledgement" in html
    assert "acknowledged on 15 January 2024" not in html
    acknowledged = drive(S.ADMISSIBILITY_REVIEW).case
    html = client.get(reverse("ws_case", args=[acknowledged.pk])).content.decode()
    assert "Yes, acknowledged on 13 March 2023" in html
