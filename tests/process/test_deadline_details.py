"""Deadline details of issue 13: a new target is honoured; an extension only while the Party's
calendar days run (the TPA's 45, the CEC's 60); a revision after a reopening."""

import datetime

import pytest
from django.urls import reverse

from secretariat.workspace.forms import action_form
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import SLUG, A
from workflow import services
from workflow.deadlines import explain
from workflow.exceptions import RuleViolation
from workflow.models import Deadline
from workflow.periods import KIND_LABELS

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


# The Party's response period from a request delivered on Wednesday 10 May 2023, each
# profile's counted by hand: its last day, the due date it moves to, the day after that last
# day, and the longer period after exceptional circumstances are notified.
RESPONSE = {
    # 45 days → Saturday 24 June, due on the next working day, Monday 26 June; 60 days with
    # the extension → Sunday 9 July → Monday 10 July.
    "us-peru-tpa": {
        "length": 45,
        "last_day": D(2023, 6, 24),
        "due_on": D(2023, 6, 26),
        "day_after": D(2023, 6, 25),
        "extended": (60, D(2023, 7, 10)),
    },
    # 60 days → Sunday 9 July, due Monday 10 July; 90 days with the extension → Tuesday
    # 8 August 2023 (no holiday at the seat).
    "usmca-cec": {
        "length": 60,
        "last_day": D(2023, 7, 9),
        "due_on": D(2023, 7, 10),
        "day_after": D(2023, 7, 10),
        "extended": (90, D(2023, 8, 8)),
    },
    # The TPA's lengths at Guatemala City: 45 days → Saturday 24 June, due Monday 26 June;
    # 60 days → Sunday 9 July → Monday 10 July (Guatemala's Army Day, Monday 3 July, is
    # before; no holiday on 26 June or 10 July).
    "cafta-dr": {
        "length": 45,
        "last_day": D(2023, 6, 24),
        "due_on": D(2023, 6, 26),
        "day_after": D(2023, 6, 25),
        "extended": (60, D(2023, 7, 10)),
    },
}[SLUG]


def _request_delivered_on_a_wednesday():
    story = drive(S.AWAITING_RESPONSE)
    # Delivered Wednesday 10 May 2023: the last day falls on a weekend; the response is due on
    # the next working day, a Monday.
    story.add("request_delivered", D(2023, 5, 10))
    response = _deadline(story.case, "party_response")
    assert response.due_on == RESPONSE["due_on"]
    return story


def test_an_extension_on_day_46_is_refused_though_the_due_date_moved_to_monday(db):
    """The day after the period's last day (the TPA's day 46, the CEC's day 61)."""
    story = _request_delivered_on_a_wednesday()
    with pytest.raises(RuleViolation) as refused:
        story.add("extension_notified", RESPONSE["day_after"], author=f"party:{A}")
    assert refused.value.rule == "while party_response is open and not past due"
    assert str(refused.value).startswith("Exceptional circumstances can be notified only while")
    assert _deadline(story.case, "party_response").length == RESPONSE["length"]


def test_an_extension_on_day_45_is_accepted(db):
    """On the period's last day (the TPA's day 45, the CEC's day 60)."""
    story = _request_delivered_on_a_wednesday()
    story.add("extension_notified", RESPONSE["last_day"], author=f"party:{A}")
    response = _deadline(story.case, "party_response")
    assert (response.length, response.due_on, response.state) == (*RESPONSE["extended"], "open")


# The revision period opened afresh by a reopening on Saturday 20 May 2023: its due date, and
# a filing the day after it.
REVISION_DUE = {
    # 30 days → Monday 19 June 2023, Juneteenth (a federal holiday) → Tuesday 20 June.
    "us-peru-tpa": D(2023, 6, 20),
    # 60 working days at Montréal: Monday 22 May is National Patriots' Day; 23–26 May are
    # days 1–4, then eleven full weeks to Friday 11 August (day 59; 24 June and 1 July fall on
    # Saturdays, observed on no other day in 2023): Monday 14 August.
    "usmca-cec": D(2023, 8, 14),
    # 30 days → Monday 19 June 2023: Juneteenth is no holiday in Guatemala, so not moved.
    "cafta-dr": D(2023, 6, 19),
}[SLUG]

# The first revision period when the case closes on 15 May 2023: the TPA's (30 days from 10
# April) had ended on 10 May, so it lapses (CAFTA-DR's too: Wednesday 10 May is a working day
# in Guatemala); the CEC's (60 working days) runs to 4 July, so the closure cancels it.
FIRST_REVISION_ENDS = {"us-peru-tpa": "lapsed", "usmca-cec": "cancelled", "cafta-dr": "lapsed"}[
    SLUG
]

# A revision filed after the fresh period: the TPA and the CEC accept it, met late; CAFTA-DR
# refuses it, naming the fresh period's end (the first had ended on 10 May).
LATE_REVISION_REFUSED = {"us-peru-tpa": False, "usmca-cec": False, "cafta-dr": True}[SLUG]


def test_a_revision_after_a_reopening_is_late_against_the_fresh_period(db):
    story = drive(S.AWAITING_REVISION)  # revision due 10 May 2023 (TPA)
    story.add("closed", D(2023, 5, 15), data={"reason": "not_admissible"})
    story.add("reopened", D(2023, 5, 20), data={"to_stage": S.AWAITING_REVISION, "reason": "x"})
    fresh = _deadline(story.case, "revision")
    assert (fresh.start_on, fresh.due_on) == (D(2023, 5, 20), REVISION_DUE)
    late = REVISION_DUE + datetime.timedelta(days=1)
    if LATE_REVISION_REFUSED:
        with pytest.raises(RuleViolation) as refused:
            story.add("revision_filed", late, author="submitter")
        assert refused.value.rule == "late revision refused"
        assert "ended on 19 June 2023." in str(refused.value)
        assert story.stage == S.AWAITING_REVISION
        # On the fresh period's last day it is still in time.
        story.add("revision_filed", REVISION_DUE, author="submitter")
        fresh.refresh_from_db()
        assert (fresh.state, fresh.met_on, fresh.late) == ("met", REVISION_DUE, False)
    else:
        story.add("revision_filed", late, author="submitter")
        fresh.refresh_from_db()
        assert (fresh.state, fresh.met_on, fresh.late) == ("met", late, True)
    first = Deadline.objects.filter(submission=story.case, kind="revision").order_by("id").first()
    assert first.state == FIRST_REVISION_ENDS


def test_only_a_missed_target_is_explained_live(officer, settings):
    """Walk 77: a target with thirty days left was "explained" and the docket published
    "Missed target explained" beside it; a met one was offered too (PROCESS.md: "when a
    target is missed")."""
    settings.SEM_FOUR_EYES = False
    story = drive(S.RESPONSE_DECISION)  # response_decision due 10 May 2023
    explain_it = {"deadline": "response_decision", "reason": "Traducción de anexos."}
    with frozen(D(2023, 5, 1)):
        assert "deadline_missed_explained" not in {
            action.kind for action in services.available_actions(story.case, officer)
        }
        with pytest.raises(RuleViolation) as refused:
            services.record_event(
                story.case, "deadline_missed_explained", actor=officer, data=explain_it
            )
    assert str(refused.value) == "No target of this case has been missed."
    with frozen(D(2023, 5, 12)):
        # A target met is not missed, even when another is.
        with pytest.raises(RuleViolation) as refused:
            services.record_event(
                story.case,
                "deadline_missed_explained",
                actor=officer,
                data={**explain_it, "deadline": "acknowledgement"},
            )
        assert str(refused.value) == (
            f"“{KIND_LABELS['acknowledgement']}” has not been missed (Met)."
        )
        form = action_form("deadline_missed_explained", story.case)
        # The missed target alone: not the acknowledgement, met long ago.
        assert [kind for kind, _label in form.fields["deadline"].choices] == ["response_decision"]
        assert "party" not in form.fields
        with pytest.raises(RuleViolation, match="a date still to come"):
            services.record_event(
                story.case,
                "deadline_missed_explained",
                actor=officer,
                data={**explain_it, "new_due_on": "2023-05-11"},
            )
        services.record_event(
            story.case,
            "deadline_missed_explained",
            actor=officer,
            data={**explain_it, "new_due_on": "2023-05-31"},
        )
    assert _deadline(story.case, "response_decision").due_on == D(2023, 5, 31)


def test_a_target_met_late_may_still_be_explained_without_a_new_date(officer, settings):
    """Walk 81: a determination made after its target read "Met (late)" on the docket and in
    the statistics, and the Secretariat could no longer say why."""
    settings.SEM_FOUR_EYES = False
    story = drive(S.RESPONSE_DECISION)  # response_decision due 10 May 2023
    story.add("response_decided", D(2023, 5, 20), data={"outcome": "request"})
    target = _deadline(story.case, "response_decision")
    assert (target.state, target.late) == ("met", True)
    why = {"deadline": "response_decision", "reason": "Traducción de anexos."}
    with frozen(D(2023, 5, 22)):
        form = action_form("deadline_missed_explained", story.case)
        assert "response_decision" in [kind for kind, _label in form.fields["deadline"].choices]
        with pytest.raises(RuleViolation, match="takes no new date"):
            services.record_event(
                story.case,
                "deadline_missed_explained",
                actor=officer,
                data={**why, "new_due_on": "2023-06-30"},
            )
        services.record_event(story.case, "deadline_missed_explained", actor=officer, data=why)
    target.refresh_from_db()
    assert (target.state, target.missed_reason) == ("met", "Traducción de anexos.")
