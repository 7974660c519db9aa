"""Deadlines: calendar and working days at the seat, the next-working-day rule, the 45→60 day
extension, recomputation after a calendar or length change, lateness, missed and cancelled
periods, and the daily jobs. Every expected date is written out by hand."""

import pytest

from tests.factories import file_case
from tests.helpers_cases import ALL_MET, D, Story, drive, file_story, frozen
from workflow import services
from workflow.calendar import Calendar
from workflow.deadlines import explain
from workflow.describe import reason_text
from workflow.exceptions import InvalidInput, RuleViolation
from workflow.models import Deadline, DeadlineLength, Event


def deadline(case, kind, party="", **filters):
    return Deadline.objects.filter(submission=case, kind=kind, party=party, **filters).latest("id")


# --- The calendar at the seat --------------------------------------------------------------------


def test_working_days_at_the_seat():
    calendar = Calendar(extra_days={D(2023, 3, 15)})
    assert calendar.is_working_day(D(2023, 3, 14))  # Tuesday
    assert not calendar.is_working_day(D(2023, 3, 11))  # Saturday
    assert not calendar.is_working_day(D(2023, 3, 15))  # an extra non-working day
    assert not calendar.is_working_day(D(2023, 9, 4))  # Labor Day
    assert not calendar.is_working_day(D(2024, 4, 16))  # D.C. Emancipation Day
    assert not calendar.is_working_day(D(2023, 4, 17))  # ... observed on the Monday
    assert calendar.next_working_day(D(2023, 9, 2)) == D(2023, 9, 5)
    assert calendar.next_working_day(D(2023, 9, 5)) == D(2023, 9, 5)
    assert calendar.add_working_days(D(2023, 3, 10), 5) == D(2023, 3, 20)


def test_due_date_counts_from_the_day_after_the_start():
    calendar = Calendar(extra_days=set())
    assert calendar.due_date(D(2023, 5, 7), 45, False) == (D(2023, 6, 21), None)
    assert calendar.due_date(D(2023, 7, 21), 45, False) == (D(2023, 9, 5), D(2023, 9, 4))
    assert calendar.due_date(D(2023, 3, 10), 5, True) == (D(2023, 3, 17), None)


# --- Working days: the acknowledgement -----------------------------------------------------------


@pytest.mark.parametrize(
    ("filed_on", "due_on", "why"),
    [
        (D(2023, 3, 10), D(2023, 3, 17), "Friday: the weekend is skipped"),
        (D(2023, 3, 11), D(2023, 3, 17), "Saturday: counting starts on Monday"),
        (D(2024, 4, 11), D(2024, 4, 19), "D.C. Emancipation Day, Tuesday 16 April 2024"),
        (D(2023, 4, 12), D(2023, 4, 20), "Emancipation Day observed, Monday 17 April 2023"),
        (D(2023, 11, 21), D(2023, 11, 29), "Thanksgiving, Thursday 23 November 2023"),
        (D(2023, 11, 8), D(2023, 11, 16), "Veterans Day observed, Friday 10 November 2023"),
    ],
)
def test_acknowledgement_is_due_in_5_working_days(db, filed_on, due_on, why):
    case = file_case(on=filed_on)
    ack = deadline(case, "acknowledgement")
    assert ack.due_on == due_on, why
    assert (ack.unit, ack.length, ack.rule, ack.start_kind) == (
        "working_days",
        5,
        "setting",
        "filed",
    )


def test_acknowledgement_explanation(db):
    ack = deadline(file_case(on=D(2024, 4, 11)), "acknowledgement")
    assert explain(ack) == "5 working days from filing on 11 April 2024 → 19 April 2024"


def test_acknowledgement_is_met_and_stays_open_until_then(db):
    story = drive("response_decision", acknowledged=False)
    assert deadline(story.case, "acknowledgement").state == "open"  # overdue since 17 March
    story.add("acknowledged")
    ack = deadline(story.case, "acknowledgement")
    assert (ack.state, ack.met_on, ack.late) == ("met", D(2023, 4, 11), True)


# --- Calendar days and the next-working-day rule -------------------------------------------------


def test_calendar_days_ending_on_a_working_day(db):
    admissibility = deadline(file_case(on=D(2023, 3, 13)), "admissibility")
    assert (admissibility.due_on, admissibility.unit) == (D(2023, 4, 12), "days")
    assert explain(admissibility) == (
        "30 calendar days from filing on 13 March 2023 → 12 April 2023"
    )


def test_a_period_ending_on_sunday_moves_to_monday(db):
    admissibility = deadline(file_case(on=D(2023, 3, 10)), "admissibility")
    assert admissibility.due_on == D(2023, 4, 10)
    assert explain(admissibility) == (
        "30 calendar days from filing on 10 March 2023 → Sunday 9 April 2023, "
        "moved to the next working day, Monday 10 April 2023"
    )


def test_a_period_ending_on_a_dc_holiday_moves_to_the_next_working_day(db):
    # 30 days from Saturday 18 March 2023 → Monday 17 April, Emancipation Day (observed).
    admissibility = deadline(file_case(on=D(2023, 3, 18)), "admissibility")
    assert admissibility.due_on == D(2023, 4, 18)
    assert explain(admissibility).endswith(
        "→ Monday 17 April 2023, moved to the next working day, Tuesday 18 April 2023"
    )


def test_the_next_working_day_rule_is_a_setting(db, settings):
    settings.SEM_NEXT_WORKING_DAY = False
    admissibility = deadline(file_case(on=D(2023, 3, 10)), "admissibility")
    assert admissibility.due_on == D(2023, 4, 9)
    assert explain(admissibility) == (
        "30 calendar days from filing on 10 March 2023 → 9 April 2023"
    )


def labor_day_story() -> Story:
    """A response requested on Friday 21 July 2023: day 45 is Labor Day, 4 September."""
    story = file_story(on=D(2023, 6, 1))
    story.add("acknowledged", D(2023, 6, 2))
    story.add(
        "admissibility_determined", D(2023, 7, 3), data={"outcome": "meets", "criteria": ALL_MET}
    )
    story.add("response_decided", D(2023, 7, 21), data={"outcome": "request"})
    return story


def test_party_response_landing_on_labor_day_moves_to_tuesday(db):
    response = deadline(labor_day_story().case, "party_response")
    assert (response.due_on, response.rule, response.length) == (D(2023, 9, 5), "Art. 18.8.5", 45)
    assert explain(response) == (
        "45 calendar days from delivery of the request on 21 July 2023 → Monday 4 September "
        "2023, moved to the next working day, Tuesday 5 September 2023"
    )


# --- The Party's response: 45 days, 60 on notification -------------------------------------------


def test_party_response_is_45_days_from_delivery(db):
    response = deadline(drive("awaiting_response").case, "party_response")
    assert (response.start_on, response.due_on, response.state) == (
        D(2023, 5, 7),
        D(2023, 6, 21),
        "open",
    )
    assert explain(response) == (
        "45 calendar days from delivery of the request on 7 May 2023 → 21 June 2023"
    )


def test_delivered_on_starts_the_period(db):
    story = drive("response_decision")
    story.add(
        "response_decided", D(2023, 5, 7), data={"outcome": "request", "delivered_on": "2023-05-09"}
    )
    response = deadline(story.case, "party_response")
    assert (response.start_on, response.due_on) == (D(2023, 5, 9), D(2023, 6, 23))


def test_request_delivered_rebases_the_party_response(db):
    story = drive("awaiting_response")
    story.add("request_delivered", D(2023, 5, 12))
    response = deadline(story.case, "party_response")
    assert (response.start_on, response.start_kind, response.due_on) == (
        D(2023, 5, 12),
        "request_delivered",
        D(2023, 6, 26),
    )
    assert explain(response) == (
        "45 calendar days from delivery of the request on 12 May 2023 → 26 June 2023"
    )
    assert Deadline.objects.filter(submission=story.case, kind="party_response").count() == 1


def test_extension_makes_the_response_60_days(db):
    story = drive("awaiting_response")
    story.add("extension_notified", D(2023, 6, 21), author="party:PE")  # day 45: still on time
    response = deadline(story.case, "party_response")
    assert (response.length, response.due_on) == (60, D(2023, 7, 6))
    assert explain(response) == (
        "60 calendar days from delivery of the request on 7 May 2023 → 6 July 2023"
    )


def test_extension_survives_a_later_delivery_date(db):
    story = drive("awaiting_response")
    story.add("extension_notified", D(2023, 5, 10), author="party:PE")
    story.add("request_delivered", D(2023, 5, 12))
    response = deadline(story.case, "party_response")
    assert (response.length, response.due_on) == (60, D(2023, 7, 11))


def test_extension_is_refused_after_day_45(db, pe_focal):
    story = drive("awaiting_response")
    with frozen(D(2023, 6, 22)), pytest.raises(RuleViolation):
        services.record_event(story.case, "extension_notified", actor=pe_focal)
    response = deadline(story.case, "party_response")
    assert (response.length, response.due_on) == (45, D(2023, 6, 21))
    assert not story.case.events.filter(kind="extension_notified").exists()


def test_extension_after_day_45_is_refused_though_the_response_is_due_monday(db):
    # Requested Wednesday 10 May 2023: day 45 is Saturday 24 June, so the response is due on
    # Monday 26 June (the next-working-day rule); but the notification is accepted only while
    # the 45 days run (PROCESS.md; issue 13): Sunday 25 June (day 46) is too late.
    story = drive("response_decision")
    story.add("response_decided", D(2023, 5, 10), data={"outcome": "request"})
    assert deadline(story.case, "party_response").due_on == D(2023, 6, 26)
    with pytest.raises(RuleViolation):
        story.add("extension_notified", D(2023, 6, 25), author="party:PE")
    story.add("extension_notified", D(2023, 6, 24), author="party:PE")
    assert deadline(story.case, "party_response").due_on == D(2023, 7, 10)  # Sun 9 → Mon 10


# --- Lateness ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("responded_on", "late"),
    [(D(2023, 6, 20), False), (D(2023, 6, 21), False), (D(2023, 6, 23), True)],
)
def test_a_late_party_response_is_accepted_and_marked_late(db, responded_on, late):
    story = drive("awaiting_response")
    story.add("party_responded", responded_on, author="party:PE")
    response = deadline(story.case, "party_response")
    assert (response.state, response.met_on, response.late) == ("met", responded_on, late)
    decision = deadline(story.case, "factual_record_decision")
    assert (decision.start_on, decision.start_kind) == (responded_on, "party_responded")


def test_a_late_revision_is_accepted_and_marked_late(db):
    story = drive("awaiting_revision")  # determined 10 April 2023: revision due 10 May
    assert deadline(story.case, "revision").due_on == D(2023, 5, 10)
    story.add("revision_filed", D(2023, 5, 12), author="submitter")
    revision = deadline(story.case, "revision")
    assert (revision.state, revision.late) == ("met", True)
    admissibility = deadline(story.case, "admissibility", state="open")
    assert (admissibility.start_on, admissibility.start_kind, admissibility.due_on) == (
        D(2023, 5, 12),
        "revision_filed",
        D(2023, 6, 12),
    )  # Sun 11 June → Mon 12 June
    assert explain(admissibility).startswith(
        "30 calendar days from the revised submission on 12 May 2023 → "
    )


def test_late_draft_comments_are_marked_late(db):
    story = drive("draft_comment_period")  # comments due Thursday 16 November 2023
    story.add("draft_commented", D(2023, 11, 16), author="party:PE", data={"party": "PE"})
    story.add("draft_commented", D(2023, 11, 17), author="party:US", data={"party": "US"})
    assert (
        deadline(story.case, "draft_comments", "PE").late,
        deadline(story.case, "draft_comments", "US").late,
    ) == (False, True)


# --- Missed and cancelled when a case closes or moves on -----------------------------------------


@pytest.mark.parametrize(
    ("withdrawn_on", "state"), [(D(2023, 5, 10), "cancelled"), (D(2023, 5, 11), "missed")]
)
def test_unmet_deadlines_end_when_the_case_closes(db, withdrawn_on, state):
    story = drive("response_decision")  # response_decision due Wednesday 10 May 2023
    assert deadline(story.case, "response_decision").due_on == D(2023, 5, 10)
    story.add("withdrawn", withdrawn_on, author="submitter")
    ended = deadline(story.case, "response_decision")
    assert (ended.state, ended.ended_on, ended.met_on, ended.late) == (
        state,
        withdrawn_on,
        None,
        False,
    )
    assert deadline(story.case, "acknowledgement").state == "met"
    assert not Deadline.objects.filter(submission=story.case, state="open").exists()


def test_not_a_submission_ends_both_filing_deadlines(db):
    story = drive("admissibility_review", acknowledged=False)
    story.add("closed", D(2023, 3, 20), data={"reason": "not_a_submission"})
    assert deadline(story.case, "acknowledgement").state == "missed"  # due 17 March
    assert deadline(story.case, "admissibility").state == "cancelled"  # due 10 April


def test_moving_on_without_the_response_misses_it(db):
    story = drive("awaiting_response")
    story.add("factual_record_notified", D(2023, 6, 22), data={"outcome": "warranted"})
    response = deadline(story.case, "party_response")
    assert (response.state, response.ended_on) == ("missed", D(2023, 6, 22))
    instruction = deadline(story.case, "council_instruction")
    assert (instruction.state, instruction.due_on) == ("open", D(2023, 8, 21))


def test_the_draft_record_deadline_stays_open_after_a_withdrawal(db):
    # Issue 13: once a Council member instructed the record, a withdrawal does not close the
    # case (Art. 18.9.2), so the draft is still awaited.
    story = drive("factual_record_preparation")  # instructed 1 August 2023: draft due 29 Nov
    assert deadline(story.case, "draft_factual_record").due_on == D(2023, 11, 29)
    story.add("withdrawn", D(2023, 9, 1), author="submitter")
    assert deadline(story.case, "draft_factual_record").state == "open"


# --- A holiday added after a deadline was computed -----------------------------------------------


def test_a_new_non_working_day_moves_open_deadlines_and_is_recorded(db, director):
    waiting = drive("awaiting_response")  # party_response due Wednesday 21 June 2023
    deciding = drive("response_decision")  # its only open deadline was due 10 May
    closed = drive("closed")
    with frozen(D(2023, 6, 1)):
        row = services.set_non_working_day(D(2023, 6, 21), "Staff retreat", actor=director)
    assert row.description == "Staff retreat"
    response = deadline(waiting.case, "party_response")
    assert response.due_on == D(2023, 6, 22)
    assert explain(response) == (
        "45 calendar days from delivery of the request on 7 May 2023 → Wednesday 21 June "
        "2023, moved to the next working day, Thursday 22 June 2023"
    )
    event = waiting.case.events.get(kind="deadlines_recomputed")
    assert (event.on, event.recorded_by, event.visibility) == (
        D(2023, 6, 1),
        director,
        "secretariat",
    )
    assert event.data == {
        "reason": {
            "code": "non_working_day_added",
            "date": "2023-06-21",
            "description": "Staff retreat",
        },
        "changes": [
            {"deadline": "party_response", "party": "", "from": "2023-06-21", "to": "2023-06-22"}
        ],
    }
    for other in (deciding, closed):
        assert not other.case.events.filter(kind="deadlines_recomputed").exists()
    # Met deadlines keep the date they had.
    assert deadline(waiting.case, "response_decision").due_on == D(2023, 5, 10)

    with frozen(D(2023, 6, 2)):
        services.remove_non_working_day(D(2023, 6, 21), actor=director)
    assert deadline(waiting.case, "party_response").due_on == D(2023, 6, 21)
    assert waiting.case.events.filter(kind="deadlines_recomputed").count() == 2


def test_a_new_non_working_day_moves_a_working_day_count(db, director):
    case = file_case(on=D(2023, 3, 10))  # acknowledgement due Friday 17 March
    with frozen(D(2023, 3, 13)):
        services.set_non_working_day(D(2023, 3, 15), "Snow closure", actor=director)
    ack = deadline(case, "acknowledgement")
    assert ack.due_on == D(2023, 3, 20)
    assert explain(ack) == "5 working days from filing on 10 March 2023 → 20 March 2023"


def test_a_non_working_day_that_changes_nothing_records_nothing(db, director):
    story = drive("awaiting_response")
    with frozen(D(2023, 6, 1)):
        services.set_non_working_day(D(2023, 6, 20), "Staff retreat", actor=director)
    assert not story.case.events.filter(kind="deadlines_recomputed").exists()


# --- Editable lengths ----------------------------------------------------------------------------


def test_changing_a_length_recomputes_open_deadlines(db, director):
    story = drive("admissibility_review")  # admissibility due Monday 10 April 2023
    with frozen(D(2023, 3, 20)):
        services.set_deadline_length("admissibility", 45, actor=director)
    admissibility = deadline(story.case, "admissibility")
    assert (admissibility.length, admissibility.due_on) == (45, D(2023, 4, 24))
    assert explain(admissibility) == (
        "45 calendar days from filing on 10 March 2023 → 24 April 2023"
    )
    event = story.case.events.get(kind="deadlines_recomputed")
    assert event.data["changes"] == [
        {"deadline": "admissibility", "party": "", "from": "2023-04-10", "to": "2023-04-24"}
    ]
    assert event.data["reason"] == {"code": "length_set", "deadline": "admissibility", "length": 45}
    assert reason_text(event.data["reason"]) == (
        "Length of “Admissibility determination” set to 45 days"
    )
    # Later cases use the new length too.
    later = file_case(on=D(2023, 3, 20))
    assert deadline(later, "admissibility").due_on == D(2023, 5, 4)


@pytest.mark.parametrize("kind", ["party_response", "draft_comments", "publication"])
def test_a_treaty_period_cannot_be_changed(db, director, kind):
    with pytest.raises(InvalidInput):
        services.set_deadline_length(kind, 60, actor=director)
    assert not DeadlineLength.objects.exists()


def test_a_length_must_be_a_known_period_of_at_least_a_day(db, director):
    with pytest.raises(InvalidInput):
        services.set_deadline_length("admissibility", 0, actor=director)
    with pytest.raises(InvalidInput):
        services.set_deadline_length("lunch", 30, actor=director)
    assert not DeadlineLength.objects.exists()


def test_an_extended_response_keeps_60_days_when_recomputed(db, director):
    story = drive("awaiting_response")
    story.add("extension_notified", D(2023, 5, 20), author="party:PE")  # due Thursday 6 July
    with frozen(D(2023, 6, 1)):
        services.set_non_working_day(D(2023, 7, 6), "Staff retreat", actor=director)
    response = deadline(story.case, "party_response")
    assert (response.length, response.due_on) == (60, D(2023, 7, 7))


# --- Daily jobs ----------------------------------------------------------------------------------


def test_lapsed_response_opens_the_factual_record_decision(db):
    story = drive("awaiting_response")  # party_response due 21 June 2023
    drive("factual_record_decision")  # responded: nothing to open
    assert services.open_lapsed_deadlines(on=D(2023, 6, 21)) == 0
    assert services.open_lapsed_deadlines(on=D(2023, 6, 22)) == 1
    decision = deadline(story.case, "factual_record_decision")
    assert (decision.start_on, decision.start_kind, decision.due_on, decision.state) == (
        D(2023, 6, 22),
        "response_period_end",
        D(2023, 8, 21),
        "open",
    )
    assert explain(decision) == (
        "60 calendar days from the end of the response period on 22 June 2023 → 21 August 2023"
    )
    assert deadline(story.case, "party_response").state == "open"  # a late response may come
    assert services.open_lapsed_deadlines(on=D(2023, 6, 23)) == 0
    story.case.refresh_from_db()
    assert story.stage == "awaiting_response"


def test_lapsed_response_job_uses_today(db):
    story = drive("awaiting_response")
    with frozen(D(2023, 6, 22)):
        assert services.open_lapsed_deadlines() == 1
    assert deadline(story.case, "factual_record_decision").start_on == D(2023, 6, 22)


def test_a_response_after_the_lapse_restarts_the_decision_period(db):
    story = drive("awaiting_response")
    services.open_lapsed_deadlines(on=D(2023, 6, 22))
    story.add("party_responded", D(2023, 7, 1), author="party:PE")
    assert story.stage == "factual_record_decision"
    response = deadline(story.case, "party_response")
    assert (response.state, response.late) == ("met", True)
    decision = deadline(story.case, "factual_record_decision")
    assert (decision.start_on, decision.start_kind, decision.due_on) == (
        D(2023, 7, 1),
        "party_responded",
        D(2023, 8, 30),
    )
    assert (
        Deadline.objects.filter(submission=story.case, kind="factual_record_decision").count() == 1
    )


def test_due_deadlines_lists_overdue_and_due_soon_but_not_closed_cases(db):
    soon = drive("admissibility_review").case  # admissibility due 10 April 2023
    overdue = file_case(on=D(2023, 2, 1))  # acknowledgement due 8 Feb, admissibility 3 March
    later = file_story(on=D(2023, 3, 30))
    later.add("acknowledged", D(2023, 3, 31))  # admissibility due Monday 1 May 2023
    closed = file_story(on=D(2023, 2, 1))
    closed.add("withdrawn", D(2023, 3, 30), author="submitter")
    with frozen(D(2023, 4, 1)):
        listed = [(d.submission_id, d.kind, d.due_on) for d in services.due_deadlines()]
    assert listed == [
        (overdue.pk, "acknowledgement", D(2023, 2, 8)),
        (overdue.pk, "admissibility", D(2023, 3, 3)),
        (soon.pk, "admissibility", D(2023, 4, 10)),
    ]
    assert closed.case.pk not in {pk for pk, _kind, _due in listed}
    assert [d.kind for d in services.due_deadlines(on=D(2023, 4, 1), within_days=30)][-1] == (
        "admissibility"
    )
    assert later.case.pk in {
        d.submission_id for d in services.due_deadlines(on=D(2023, 4, 1), within_days=30)
    }


# --- Targets explained ---------------------------------------------------------------------------


def test_a_missed_target_is_explained_with_a_new_date(db):
    story = drive("response_decision")  # response_decision due 10 May 2023
    story.add(
        "deadline_missed_explained",
        D(2023, 5, 12),
        data={
            "deadline": "response_decision",
            "reason": "Awaiting translation.",
            "new_due_on": "2023-05-26",
        },
    )
    target = deadline(story.case, "response_decision")
    # Issue 13: the new target is honoured: it is the due date; the computed one is kept.
    assert (target.state, target.due_on, target.revised_due_on, target.missed_reason) == (
        "open",
        D(2023, 5, 26),
        D(2023, 5, 26),
        "Awaiting translation.",
    )
    assert target.original_due_on == D(2023, 5, 10)
    assert (
        Event.objects.get(submission=story.case, kind="deadline_missed_explained").visibility
        == "public"
    )


# --- Every period along the usual path -----------------------------------------------------------


def test_every_period_of_the_usual_path_with_its_explanation(db):
    story = drive("final_factual_record")
    story.add("publication_instructed", D(2023, 11, 20), author="council:PE", data={"party": "PE"})
    rows = {(d.kind, d.party): d for d in Deadline.objects.filter(submission=story.case)}
    expected = {
        ("acknowledgement", ""): (
            "met",
            D(2023, 3, 13),
            "5 working days from filing on 10 March 2023 → 17 March 2023",
        ),
        ("admissibility", ""): (
            "met",
            D(2023, 4, 10),
            "30 calendar days from filing on 10 March 2023 → Sunday 9 "
            "April 2023, moved to the next working day, Monday 10 April 2023",
        ),
        ("response_decision", ""): (
            "met",
            D(2023, 5, 7),
            "30 calendar days from the determination on 10 April 2023 → 10 May 2023",
        ),
        ("party_response", ""): (
            "met",
            D(2023, 6, 15),
            "45 calendar days from delivery of the request on 7 May 2023 → 21 June 2023",
        ),
        ("factual_record_decision", ""): (
            "met",
            D(2023, 7, 14),
            "60 calendar days from the Party's response on 15 June 2023 → 14 August 2023",
        ),
        ("council_instruction", ""): (
            "met",
            D(2023, 8, 1),
            "60 calendar days from the notification to the Council on "
            "14 July 2023 → 12 September 2023",
        ),
        ("draft_factual_record", ""): (
            "met",
            D(2023, 10, 2),
            "120 calendar days from the Council's instruction on 1 August 2023 → 29 November 2023",
        ),
        ("draft_comments", "PE"): (
            "met",
            D(2023, 10, 20),
            "45 calendar days from submission of the draft factual "
            "record on 2 October 2023 → 16 November 2023",
        ),
        ("draft_comments", "US"): (
            "met",
            D(2023, 10, 25),
            "45 calendar days from submission of the draft factual "
            "record on 2 October 2023 → 16 November 2023",
        ),
        ("publication", ""): (
            "open",
            None,
            "60 calendar days from the instruction to publish on 20 November "
            "2023 → 19 January 2024",
        ),
    }
    assert {key: (d.state, d.met_on, explain(d)) for key, d in rows.items()} == expected
    assert not any(d.late for d in rows.values())
    assert {
        d.rule
        for key, d in rows.items()
        if key[0] in ("party_response", "draft_comments", "publication")
    } == {"Art. 18.8.5", "Art. 18.9.5", "Art. 18.9.7"}
    story.add("published", D(2024, 1, 10))
    publication = Deadline.objects.get(submission=story.case, kind="publication")
    assert (publication.state, publication.late) == ("met", False)


def test_no_publication_period_without_an_instruction(db):
    story = drive("final_factual_record")
    assert not Deadline.objects.filter(submission=story.case, kind="publication").exists()
