"""Deadline details of issue 13: a new target is honoured; an extension only while the 45
calendar days run; a revision after a reopening."""

import datetime

import pytest
from django.urls import reverse

from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from workflow.deadlines import explain
from workflow.exceptions import RuleViolation
from workflow.models import Deadline

D = datetime.date
S = Stage


def _deadline(case, kind):
    return Deadline.objects.filter(submission=case, kind=kind).order_by("id").last()


def test_a_new_target_becomes_the_due_date_everything_measures_against(db):
    story = drive(S.RESPONSE_DECISION)  # response_decision due 10 May 2023
    story.add(
        "deadline_missed_explained",
        D(2023, 5, 12),
        data={
            "deadline": "response_decision",
            "reason": "Staff shortage.",
            "new_due_on": "2023-05-31",
        },
    )
    target = _deadline(story.case, "response_decision")
    assert (target.state, target.due_on, target.original_due_on, target.revised_due_on) == (
        "open",
        D(2023, 5, 31),
        D(2023, 5, 10),
        D(2023, 5, 31),
    )
    assert explain(target) == (
        "30 calendar days from the determination on 10 April 2023 → 10 May 2023; "
        "new target date set by the Secretariat: 31 May 2023"
    )
    story.add("response_decided", D(2023, 5, 20), data={"outcome": "request"})
    target.refresh_from_db()
    assert (target.state, target.met_on, target.late) == ("met", D(2023, 5, 20), False)


def test_a_new_target_missed_too_is_late(db):
    story = drive(S.RESPONSE_DECISION)
    story.add(
        "deadline_missed_explained",
        D(2023, 5, 12),
        data={"deadline": "response_decision", "reason": "x", "new_due_on": "2023-05-31"},
    )
    story.add("response_decided", D(2023, 6, 2), data={"outcome": "request"})
    target = _deadline(story.case, "response_decision")
    assert (target.state, target.late) == ("met", True)


def test_the_workspace_does_not_flag_a_deadline_with_a_new_target_as_overdue(client, officer):
    story = drive(S.RESPONSE_DECISION)
    story.add(
        "deadline_missed_explained",
        D(2023, 5, 12),
        data={"deadline": "response_decision", "reason": "x", "new_due_on": "2023-05-31"},
    )
    client.force_login(officer)
    with frozen(D(2023, 5, 15)):
        html = client.get(reverse("ws_case", args=[story.case.pk])).content.decode()
    assert "new target date set by the Secretariat: 31 May 2023" in html
    assert "16 days left" in html


def test_an_invalid_new_target_is_refused(db):
    story = drive(S.RESPONSE_DECISION)
    with pytest.raises(RuleViolation) as refused:
        story.add(
            "deadline_missed_explained",
            D(2023, 5, 12),
            data={"deadline": "response_decision", "reason": "x", "new_due_on": "31/05/2023"},
        )
    assert str(refused.value) == "The new target date is not a valid date."
    assert _deadline(story.case, "response_decision").due_on == D(2023, 5, 10)


def _request_delivered_on_a_wednesday():
    story = drive(S.AWAITING_RESPONSE)
    # Delivered Wednesday 10 May 2023: day 45 is Saturday 24 June; the response is due on the
    # next working day, Monday 26 June.
    story.add("request_delivered", D(2023, 5, 10))
    response = _deadline(story.case, "party_response")
    assert response.due_on == D(2023, 6, 26)
    return story


def test_an_extension_on_day_46_is_refused_though_the_due_date_moved_to_monday(db):
    story = _request_delivered_on_a_wednesday()
    with pytest.raises(RuleViolation) as refused:
        story.add("extension_notified", D(2023, 6, 25), author="party:PE")
    assert refused.value.rule == "while party_response is open and not past due"
    assert str(refused.value).startswith("Exceptional circumstances can be notified only while")
    assert _deadline(story.case, "party_response").length == 45


def test_an_extension_on_day_45_is_accepted(db):
    story = _request_delivered_on_a_wednesday()
    story.add("extension_notified", D(2023, 6, 24), author="party:PE")
    response = _deadline(story.case, "party_response")
    # 60 days from 10 May → Sunday 9 July → Monday 10 July.
    assert (response.length, response.due_on, response.state) == (60, D(2023, 7, 10), "open")


def test_a_revision_after_a_reopening_is_late_against_the_fresh_period(db):
    story = drive(S.AWAITING_REVISION)  # revision due 10 May 2023
    story.add("closed", D(2023, 5, 15), data={"reason": "not_admissible"})
    story.add("reopened", D(2023, 5, 20), data={"to_stage": S.AWAITING_REVISION, "reason": "x"})
    fresh = _deadline(story.case, "revision")
    # 30 days → Monday 19 June 2023, Juneteenth (a federal holiday) → Tuesday 20 June.
    assert (fresh.start_on, fresh.due_on) == (D(2023, 5, 20), D(2023, 6, 20))
    story.add("revision_filed", D(2023, 6, 21), author="submitter")
    fresh.refresh_from_db()
    assert (fresh.state, fresh.met_on, fresh.late) == ("met", D(2023, 6, 21), True)
    first = Deadline.objects.filter(submission=story.case, kind="revision").order_by("id").first()
    assert first.state == "lapsed"
