"""Deadlines: calendar and working days at the seat, the next-working-day rule, the 45→60 day
extension, recomputation after a calendar or length change, lateness, missed and cancelled
periods, and the daily jobs. Every expected date is written out by hand, for each profile: the
TPA's (seat Washington, D.C.: US federal and District holidays; the Party's response 45 days, 60
on notification) and the CEC's (seat Montréal: Canadian and Quebec holidays; the response 60
days, 90 on notification; the revision 60 working days) and CAFTA-DR's (seat Guatemala City:
Guatemala's holidays, US ones working days; the TPA's periods)."""

import datetime

import pytest

from tests.factories import file_case
from tests.helpers_cases import ALL_MET, D, Story, drive, file_story, frozen
from tests.parties import OTHERS, SLUG, A, B
from workflow import services
from workflow.calendar import Calendar
from workflow.deadlines import explain
from workflow.describe import reason_text
from workflow.exceptions import InvalidInput, RuleViolation
from workflow.models import Deadline, DeadlineLength, Event
from workflow.services.actions import available_actions

# The Party's response to a request of Sunday 7 May 2023 (the usual path, ``drive``), by profile.
RESPONSE = {
    "us-peru-tpa": {
        "rule": "Art. 18.8.5",
        "length": 45,
        "due": D(2023, 6, 21),  # a Wednesday
        "explained": "45 calendar days from delivery of the request on 7 May 2023 → 21 June 2023",
        # The first day after the period (the response is then late; the period has lapsed).
        "day_after": D(2023, 6, 22),
        # From a delivery on Tuesday 9 May; on Friday 12 May.
        "from_9_may": D(2023, 6, 23),
        "from_12_may": D(2023, 6, 26),
        "from_12_may_explained": (
            "45 calendar days from delivery of the request on 12 May 2023 → 26 June 2023"
        ),
        # The extension notified on the last day of the period: 60 days.
        "extended": 60,
        "extended_due": D(2023, 7, 6),  # a Thursday
        "extended_explained": (
            "60 calendar days from delivery of the request on 7 May 2023 → 6 July 2023"
        ),
        "extended_from_12_may": D(2023, 7, 11),
        # The seat closed on the extended due date: the next day.
        "extended_closed": D(2023, 7, 7),
    },
    "usmca-cec": {
        "rule": "Art. 24.27(4)",
        "length": 60,
        "due": D(2023, 7, 6),  # a Thursday
        "explained": "60 calendar days from delivery of the request on 7 May 2023 → 6 July 2023",
        "day_after": D(2023, 7, 7),
        "from_9_may": D(2023, 7, 10),  # Saturday 8 July → Monday 10 July
        "from_12_may": D(2023, 7, 11),
        "from_12_may_explained": (
            "60 calendar days from delivery of the request on 12 May 2023 → 11 July 2023"
        ),
        "extended": 90,
        "extended_due": D(2023, 8, 7),  # Saturday 5 August → Monday 7 August
        "extended_explained": (
            "90 calendar days from delivery of the request on 7 May 2023 → Saturday 5 August "
            "2023, moved to the next working day, Monday 7 August 2023"
        ),
        "extended_from_12_may": D(2023, 8, 10),
        "extended_closed": D(2023, 8, 8),
    },
    # The TPA's lengths; none of these dates is a holiday in Guatemala.
    "cafta-dr": {
        "rule": "Art. 17.7.5",
        "length": 45,
        "due": D(2023, 6, 21),  # a Wednesday
        "explained": "45 calendar days from delivery of the request on 7 May 2023 → 21 June 2023",
        "day_after": D(2023, 6, 22),
        "from_9_may": D(2023, 6, 23),
        "from_12_may": D(2023, 6, 26),
        "from_12_may_explained": (
            "45 calendar days from delivery of the request on 12 May 2023 → 26 June 2023"
        ),
        "extended": 60,
        "extended_due": D(2023, 7, 6),  # a Thursday
        "extended_explained": (
            "60 calendar days from delivery of the request on 7 May 2023 → 6 July 2023"
        ),
        "extended_from_12_may": D(2023, 7, 11),
        "extended_closed": D(2023, 7, 7),
    },
}[SLUG]


def deadline(case, kind, party="", **filters):
    return Deadline.objects.filter(submission=case, kind=kind, party=party, **filters).latest("id")


# --- The calendar at the seat --------------------------------------------------------------------


# The seat's holidays (Washington, D.C.'s; Montréal's), and the other seat's that are working
# days here.
SEAT_HOLIDAYS = {
    "us-peru-tpa": {
        D(2023, 9, 4): "Labor Day",
        D(2024, 4, 16): "D.C. Emancipation Day",
        D(2023, 4, 17): "... observed on the Monday",
    },
    "usmca-cec": {
        D(2023, 9, 4): "Labour Day",
        D(2023, 4, 7): "Good Friday",
        D(2023, 5, 22): "National Patriots' Day (Quebec)",
        D(2023, 10, 9): "Thanksgiving (Canada)",
    },
    "cafta-dr": {
        D(2023, 4, 6): "Holy Thursday",
        D(2023, 7, 3): "Army Day, observed on the Monday",
        D(2023, 9, 15): "Independence Day",
        D(2023, 10, 20): "Revolution Day",
        D(2023, 11, 1): "All Saints' Day",
    },
}[SLUG]
WORKING_HERE = {
    "us-peru-tpa": {D(2023, 4, 7): "Good Friday"},
    "usmca-cec": {
        D(2024, 4, 16): "D.C. Emancipation Day",
        D(2023, 11, 23): "Thanksgiving (United States)",
    },
    "cafta-dr": {
        D(2023, 9, 4): "Labor Day (United States)",
        D(2023, 11, 23): "Thanksgiving (United States)",
        D(2023, 6, 19): "Juneteenth (United States)",
        D(2023, 7, 4): "Independence Day (United States)",
    },
}[SLUG]
# The first working day from Saturday 2 September 2023: Tuesday 5 (Labor Day, Monday 4
# September, a holiday at the TPA's and the CEC's seats); Monday 4 in Guatemala City.
AFTER_2_SEPTEMBER = {
    "us-peru-tpa": D(2023, 9, 5),
    "usmca-cec": D(2023, 9, 5),
    "cafta-dr": D(2023, 9, 4),
}[SLUG]


def test_working_days_at_the_seat():
    calendar = Calendar(extra_days={D(2023, 3, 15)})
    assert calendar.is_working_day(D(2023, 3, 14))  # Tuesday
    assert not calendar.is_working_day(D(2023, 3, 11))  # Saturday
    assert not calendar.is_working_day(D(2023, 3, 15))  # an extra non-working day
    for day, holiday in SEAT_HOLIDAYS.items():
        assert not calendar.is_working_day(day), holiday
    for day, holiday in WORKING_HERE.items():
        assert calendar.is_working_day(day), holiday
    assert calendar.next_working_day(D(2023, 9, 2)) == AFTER_2_SEPTEMBER
    assert calendar.next_working_day(D(2023, 9, 5)) == D(2023, 9, 5)
    assert calendar.add_working_days(D(2023, 3, 10), 5) == D(2023, 3, 20)


def test_due_date_counts_from_the_day_after_the_start():
    calendar = Calendar(extra_days=set())
    assert calendar.due_date(D(2023, 5, 7), 45, False) == (D(2023, 6, 21), None)
    # Day 45 of Friday 21 July 2023: Labor Day, Monday 4 September, moved to Tuesday 5 where
    # it is a holiday; a working day in Guatemala City.
    assert (
        calendar.due_date(D(2023, 7, 21), 45, False)
        == {
            "us-peru-tpa": (D(2023, 9, 5), D(2023, 9, 4)),
            "usmca-cec": (D(2023, 9, 5), D(2023, 9, 4)),
            "cafta-dr": (D(2023, 9, 4), None),
        }[SLUG]
    )
    assert calendar.due_date(D(2023, 3, 10), 5, True) == (D(2023, 3, 17), None)


# --- Working days: the acknowledgement -----------------------------------------------------------


ACKNOWLEDGEMENTS = {
    "us-peru-tpa": [
        (D(2023, 3, 10), D(2023, 3, 17), "Friday: the weekend is skipped"),
        (D(2023, 3, 11), D(2023, 3, 17), "Saturday: counting starts on Monday"),
        (D(2024, 4, 11), D(2024, 4, 19), "D.C. Emancipation Day, Tuesday 16 April 2024"),
        (D(2023, 4, 12), D(2023, 4, 20), "Emancipation Day observed, Monday 17 April 2023"),
        (D(2023, 11, 21), D(2023, 11, 29), "Thanksgiving, Thursday 23 November 2023"),
        (D(2023, 11, 8), D(2023, 11, 16), "Veterans Day observed, Friday 10 November 2023"),
    ],
    "usmca-cec": [
        (D(2023, 3, 10), D(2023, 3, 17), "Friday: the weekend is skipped"),
        (D(2023, 3, 11), D(2023, 3, 17), "Saturday: counting starts on Monday"),
        (D(2023, 4, 5), D(2023, 4, 13), "Good Friday, 7 April 2023"),
        (D(2023, 5, 17), D(2023, 5, 25), "National Patriots' Day, Monday 22 May 2023"),
        (D(2024, 6, 19), D(2024, 6, 27), "Saint-Jean-Baptiste Day, Monday 24 June 2024"),
        (D(2023, 10, 4), D(2023, 10, 12), "Thanksgiving, Monday 9 October 2023"),
    ],
    "cafta-dr": [
        (D(2023, 3, 10), D(2023, 3, 17), "Friday: the weekend is skipped"),
        (D(2023, 3, 11), D(2023, 3, 17), "Saturday: counting starts on Monday"),
        # 4, 5, (6, 7 holidays), 10, 11, 12 April.
        (D(2023, 4, 3), D(2023, 4, 12), "Holy Thursday and Good Friday, 6 and 7 April 2023"),
        # 29, 30 June, (3 July a holiday), 4, 5, 6 July.
        (D(2023, 6, 28), D(2023, 7, 6), "Army Day observed, Monday 3 July 2023"),
        # 13, 14, (15 a holiday), 18, 19, 20 September.
        (D(2023, 9, 12), D(2023, 9, 20), "Independence Day, Friday 15 September 2023"),
        # 30, 31 October, (1 November a holiday), 2, 3, 6 November.
        (D(2023, 10, 27), D(2023, 11, 6), "All Saints' Day, Wednesday 1 November 2023"),
        # 22, 23 (US Thanksgiving, a working day here), 24, 27, 28 November.
        (D(2023, 11, 21), D(2023, 11, 28), "US Thanksgiving, Thursday 23 November 2023, worked"),
    ],
}[SLUG]


@pytest.mark.parametrize(("filed_on", "due_on", "why"), ACKNOWLEDGEMENTS)
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
    # Washington skips D.C. Emancipation Day, Tuesday 16 April 2024; Montréal works that day.
    # Guatemala City works that day too: 12, 15, 16, 17, 18 April.
    # The day it skips is named (walk 121: "→ 26 October" did not say why).
    due = {
        "us-peru-tpa": "19 April 2024, not counting the non-working day 16 April 2024",
        "usmca-cec": "18 April 2024",
        "cafta-dr": "18 April 2024",
    }[SLUG]
    assert explain(ack) == f"5 working days from filing on 11 April 2024 → {due}"
    if SLUG == "us-peru-tpa":
        assert explain(ack, "es") == (
            "5 días hábiles desde la presentación, el 11 de abril de 2024 → 19 de abril de "
            "2024, sin contar el día inhábil 16 de abril de 2024"
        )


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
    # 30 days from Saturday 18 March 2023 → Monday 17 April, Emancipation Day (observed) in
    # Washington; from Saturday 22 April 2023 → Monday 22 May, National Patriots' Day in
    # Montréal; from Wednesday 16 August 2023 → Friday 15 September, Independence Day in
    # Guatemala City.
    filed_on, due_on, moved = {
        "us-peru-tpa": (
            D(2023, 3, 18),
            D(2023, 4, 18),
            "→ Monday 17 April 2023, moved to the next working day, Tuesday 18 April 2023",
        ),
        "usmca-cec": (
            D(2023, 4, 22),
            D(2023, 5, 23),
            "→ Monday 22 May 2023, moved to the next working day, Tuesday 23 May 2023",
        ),
        "cafta-dr": (
            D(2023, 8, 16),
            D(2023, 9, 18),
            "→ Friday 15 September 2023, moved to the next working day, Monday 18 September 2023",
        ),
    }[SLUG]
    admissibility = deadline(file_case(on=filed_on), "admissibility")
    assert admissibility.due_on == due_on
    assert explain(admissibility).endswith(moved)


def test_the_next_working_day_rule_is_a_setting(db, settings):
    settings.SEM_NEXT_WORKING_DAY = False
    admissibility = deadline(file_case(on=D(2023, 3, 10)), "admissibility")
    assert admissibility.due_on == D(2023, 4, 9)
    assert explain(admissibility) == (
        "30 calendar days from filing on 10 March 2023 → 9 April 2023"
    )


# The request whose response period ends on Labor Day, Monday 4 September 2023 (a holiday at
# both seats): day 45 of Friday 21 July; day 60 of Thursday 6 July. Labor Day is a working day
# in Guatemala City: there, the period ends on Independence Day, Friday 15 September 2023,
# day 45 of Tuesday 1 August (31 - 1 = 30 days of August, then 15), and moves to Monday 18.
LABOR_DAY_REQUEST = {
    "us-peru-tpa": D(2023, 7, 21),
    "usmca-cec": D(2023, 7, 6),
    "cafta-dr": D(2023, 8, 1),
}[SLUG]
LABOR_DAY_DUE = {
    "us-peru-tpa": D(2023, 9, 5),
    "usmca-cec": D(2023, 9, 5),
    "cafta-dr": D(2023, 9, 18),
}[SLUG]


def labor_day_story() -> Story:
    """A response requested so that its last day is Labor Day, 4 September."""
    story = file_story(on=D(2023, 6, 1))
    story.add("acknowledged", D(2023, 6, 2))
    story.add(
        "admissibility_determined", D(2023, 7, 3), data={"outcome": "meets", "criteria": ALL_MET}
    )
    story.add("response_decided", LABOR_DAY_REQUEST, data={"outcome": "request"})
    return story


def test_party_response_landing_on_labor_day_moves_to_tuesday(db):
    response = deadline(labor_day_story().case, "party_response")
    assert (response.due_on, response.rule, response.length) == (
        LABOR_DAY_DUE,
        RESPONSE["rule"],
        RESPONSE["length"],
    )
    assert (
        explain(response)
        == {
            "us-peru-tpa": "45 calendar days from delivery of the request on 21 July 2023 → Monday "
            "4 September 2023, moved to the next working day, Tuesday 5 September 2023",
            "usmca-cec": "60 calendar days from delivery of the request on 6 July 2023 → Monday "
            "4 September 2023, moved to the next working day, Tuesday 5 September 2023",
            "cafta-dr": "45 calendar days from delivery of the request on 1 August 2023 → Friday "
            "15 September 2023, moved to the next working day, Monday 18 September 2023",
        }[SLUG]
    )


# --- The Party's response: 45 days, 60 on notification -------------------------------------------


def test_party_response_is_45_days_from_delivery(db):
    response = deadline(drive("awaiting_response").case, "party_response")
    assert (response.start_on, response.due_on, response.state) == (
        D(2023, 5, 7),
        RESPONSE["due"],
        "open",
    )
    assert explain(response) == RESPONSE["explained"]


def test_delivered_on_starts_the_period(db):
    story = drive("response_decision")
    story.add(
        "response_decided", D(2023, 5, 7), data={"outcome": "request", "delivered_on": "2023-05-09"}
    )
    response = deadline(story.case, "party_response")
    assert (response.start_on, response.due_on) == (D(2023, 5, 9), RESPONSE["from_9_may"])


def test_request_delivered_rebases_the_party_response(db):
    story = drive("awaiting_response")
    story.add("request_delivered", D(2023, 5, 12))
    response = deadline(story.case, "party_response")
    assert (response.start_on, response.start_kind, response.due_on) == (
        D(2023, 5, 12),
        "request_delivered",
        RESPONSE["from_12_may"],
    )
    assert explain(response) == RESPONSE["from_12_may_explained"]
    assert Deadline.objects.filter(submission=story.case, kind="party_response").count() == 1


def test_a_request_is_delivered_once(officer):
    """Walk 37: "Solicitud de respuesta entregada" stayed offered once recorded, and a second
    was recorded (its deadline unchanged). The officer's page no longer offers it."""
    story = drive("awaiting_response")
    with frozen(D(2023, 5, 12)):
        assert "request_delivered" in {a.kind for a in available_actions(story.case, officer)}
        services.record_event(story.case, "request_delivered", actor=officer)
        story.case.refresh_from_db()
        assert "request_delivered" not in {a.kind for a in available_actions(story.case, officer)}
        with pytest.raises(RuleViolation, match="already recorded"):
            services.record_event(story.case, "request_delivered", actor=officer)
    assert story.case.events.filter(kind="request_delivered").count() == 1


def test_extension_makes_the_response_60_days(db):
    story = drive("awaiting_response")
    # The last day (TPA: day 45; CEC: day 60): still on time.
    story.add("extension_notified", RESPONSE["due"], author=f"party:{A}")
    response = deadline(story.case, "party_response")
    assert (response.length, response.due_on) == (RESPONSE["extended"], RESPONSE["extended_due"])
    assert explain(response) == RESPONSE["extended_explained"]


def test_extension_survives_a_later_delivery_date(db):
    story = drive("awaiting_response")
    story.add("extension_notified", D(2023, 5, 10), author=f"party:{A}")
    story.add("request_delivered", D(2023, 5, 12))
    response = deadline(story.case, "party_response")
    assert (response.length, response.due_on) == (
        RESPONSE["extended"],
        RESPONSE["extended_from_12_may"],
    )


def test_extension_is_refused_after_day_45(db, a_focal):
    story = drive("awaiting_response")
    with frozen(RESPONSE["day_after"]), pytest.raises(RuleViolation):
        services.record_event(story.case, "extension_notified", actor=a_focal)
    response = deadline(story.case, "party_response")
    assert (response.length, response.due_on) == (RESPONSE["length"], RESPONSE["due"])
    assert not story.case.events.filter(kind="extension_notified").exists()


def test_extension_after_day_45_is_refused_though_the_response_is_due_monday(db):
    # TPA: requested Wednesday 10 May 2023: day 45 is Saturday 24 June, so the response is due
    # on Monday 26 June (the next-working-day rule); but the notification is accepted only
    # while the 45 days run (PROCESS.md; issue 13): Sunday 25 June (day 46) is too late. The
    # extension's 60 days end on Sunday 9 July: Monday 10 July.
    # CEC: requested Tuesday 9 May 2023: day 60 is Saturday 8 July, due Monday 10 July; Sunday
    # 9 July (day 61) is too late. The extension's 90 days end on Monday 7 August.
    requested, due, last_day, extended = {
        "us-peru-tpa": (D(2023, 5, 10), D(2023, 6, 26), D(2023, 6, 24), D(2023, 7, 10)),
        "usmca-cec": (D(2023, 5, 9), D(2023, 7, 10), D(2023, 7, 8), D(2023, 8, 7)),
        # CAFTA-DR: as the TPA (Monday 10 July is a working day in Guatemala City).
        "cafta-dr": (D(2023, 5, 10), D(2023, 6, 26), D(2023, 6, 24), D(2023, 7, 10)),
    }[SLUG]
    story = drive("response_decision")
    story.add("response_decided", requested, data={"outcome": "request"})
    assert deadline(story.case, "party_response").due_on == due
    with pytest.raises(RuleViolation):
        story.add("extension_notified", last_day + datetime.timedelta(days=1), author=f"party:{A}")
    story.add("extension_notified", last_day, author=f"party:{A}")
    assert deadline(story.case, "party_response").due_on == extended


# --- Lateness ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("responded_on", "late"),
    {
        "us-peru-tpa": [(D(2023, 6, 20), False), (D(2023, 6, 21), False), (D(2023, 6, 23), True)],
        "usmca-cec": [(D(2023, 7, 5), False), (D(2023, 7, 6), False), (D(2023, 7, 8), True)],
        "cafta-dr": [(D(2023, 6, 20), False), (D(2023, 6, 21), False), (D(2023, 6, 23), True)],
    }[SLUG],
)
def test_a_late_party_response_is_accepted_and_marked_late(db, responded_on, late):
    story = drive("awaiting_response")
    story.add("party_responded", responded_on, author=f"party:{A}")
    response = deadline(story.case, "party_response")
    assert (response.state, response.met_on, response.late) == ("met", responded_on, late)
    decision = deadline(story.case, "factual_record_decision")
    assert (decision.start_on, decision.start_kind) == (responded_on, "party_responded")


@pytest.fixture
def accepting_late_revision(monkeypatch):
    """The installed profile, accepting a late revision (the TPA's and the CEC's practice;
    CAFTA-DR's refusal is checked in tests/test_late_revision.py): the periods' counting is
    what is checked here."""
    import dataclasses

    from submissions import profiles
    from tests.parties import PROFILE

    profile = dataclasses.replace(PROFILE, late_revision_refused=False)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)


def test_a_late_revision_is_accepted_and_marked_late(db, accepting_late_revision):
    # Determined Monday 10 April 2023. TPA: 30 days, revision due Wednesday 10 May; filed on
    # Friday 12 May, the admissibility period's 30 days end on Sunday 11 June: Monday 12 June.
    # CEC: 60 working days in Montréal (National Patriots' Day, 22 May, skipped), revision due
    # Tuesday 4 July; filed Thursday 6 July: Saturday 5 August, so Monday 7 August.
    # CAFTA-DR: the TPA's dates (none a holiday in Guatemala City).
    due, filed, day, admissible_by = {
        "us-peru-tpa": (D(2023, 5, 10), D(2023, 5, 12), "12 May 2023", D(2023, 6, 12)),
        "usmca-cec": (D(2023, 7, 4), D(2023, 7, 6), "6 July 2023", D(2023, 8, 7)),
        "cafta-dr": (D(2023, 5, 10), D(2023, 5, 12), "12 May 2023", D(2023, 6, 12)),
    }[SLUG]
    story = drive("awaiting_revision")
    assert deadline(story.case, "revision").due_on == due
    story.add("revision_filed", filed, author="submitter")
    revision = deadline(story.case, "revision")
    assert (revision.state, revision.late) == ("met", True)
    admissibility = deadline(story.case, "admissibility", state="open")
    assert (admissibility.start_on, admissibility.start_kind, admissibility.due_on) == (
        filed,
        "revision_filed",
        admissible_by,
    )
    assert explain(admissibility).startswith(
        f"30 calendar days from the revised submission on {day} → "
    )


def test_late_draft_comments_are_marked_late(db):
    story = drive("draft_comment_period")  # comments due Thursday 16 November 2023
    story.add("draft_commented", D(2023, 11, 16), author=f"party:{A}", data={"party": A})
    story.add("draft_commented", D(2023, 11, 17), author=f"party:{B}", data={"party": B})
    assert (
        deadline(story.case, "draft_comments", A).late,
        deadline(story.case, "draft_comments", B).late,
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
    # The day after the response period; the Council's 60 days: TPA, from Thursday 22 June
    # 2023 to Monday 21 August; CEC, from Friday 7 July to Tuesday 5 September.
    council_due = {
        "us-peru-tpa": D(2023, 8, 21),
        "usmca-cec": D(2023, 9, 5),
        "cafta-dr": D(2023, 8, 21),
    }[SLUG]
    story.add("factual_record_notified", RESPONSE["day_after"], data={"outcome": "warranted"})
    response = deadline(story.case, "party_response")
    assert (response.state, response.ended_on) == ("missed", RESPONSE["day_after"])
    instruction = deadline(story.case, "council_instruction")
    assert (instruction.state, instruction.due_on) == ("open", council_due)


def test_the_draft_record_deadline_stays_open_after_a_withdrawal(db):
    # Issue 13: once a Council member instructed the record, a withdrawal does not close the
    # case (Art. 18.9.2), so the draft is still awaited.
    story = drive("factual_record_preparation")  # instructed 1 August 2023: draft due 29 Nov
    assert deadline(story.case, "draft_factual_record").due_on == D(2023, 11, 29)
    story.add("withdrawn", D(2023, 9, 1), author="submitter")
    assert deadline(story.case, "draft_factual_record").state == "open"


# --- A holiday added after a deadline was computed -----------------------------------------------


def test_a_new_non_working_day_moves_open_deadlines_and_is_recorded(db, director):
    waiting = drive("awaiting_response")  # party_response due RESPONSE["due"]
    deciding = drive("response_decision")  # its only open deadline was due 10 May
    closed = drive("closed")
    due, moved_to = RESPONSE["due"], RESPONSE["day_after"]
    with frozen(D(2023, 6, 1)):
        row = services.set_non_working_day(due, "Staff retreat", actor=director)
    assert row.description == "Staff retreat"
    response = deadline(waiting.case, "party_response")
    assert response.due_on == moved_to
    moved = {
        "us-peru-tpa": "45 calendar days from delivery of the request on 7 May 2023 → Wednesday "
        "21 June 2023, moved to the next working day, Thursday 22 June 2023",
        "usmca-cec": "60 calendar days from delivery of the request on 7 May 2023 → Thursday "
        "6 July 2023, moved to the next working day, Friday 7 July 2023",
        "cafta-dr": "45 calendar days from delivery of the request on 7 May 2023 → Wednesday "
        "21 June 2023, moved to the next working day, Thursday 22 June 2023",
    }[SLUG]
    assert explain(response) == moved
    event = waiting.case.events.get(kind="deadlines_recomputed")
    assert (event.on, event.recorded_by, event.visibility) == (
        D(2023, 6, 1),
        director,
        "secretariat",
    )
    day, next_day = {
        "us-peru-tpa": ("2023-06-21", "2023-06-22"),
        "usmca-cec": ("2023-07-06", "2023-07-07"),
        "cafta-dr": ("2023-06-21", "2023-06-22"),
    }[SLUG]
    assert event.data == {
        "reason": {
            "code": "non_working_day_added",
            "date": day,
            "description": "Staff retreat",
        },
        "changes": [{"deadline": "party_response", "party": "", "from": day, "to": next_day}],
    }
    for other in (deciding, closed):
        assert not other.case.events.filter(kind="deadlines_recomputed").exists()
    # Met deadlines keep the date they had.
    assert deadline(waiting.case, "response_decision").due_on == D(2023, 5, 10)

    with frozen(D(2023, 6, 2)):
        services.remove_non_working_day(due, actor=director)
    assert deadline(waiting.case, "party_response").due_on == due
    assert waiting.case.events.filter(kind="deadlines_recomputed").count() == 2


def test_a_new_non_working_day_moves_a_working_day_count(db, director):
    case = file_case(on=D(2023, 3, 10))  # acknowledgement due Friday 17 March
    with frozen(D(2023, 3, 13)):
        services.set_non_working_day(D(2023, 3, 15), "Snow closure", actor=director)
    ack = deadline(case, "acknowledgement")
    assert ack.due_on == D(2023, 3, 20)
    assert explain(ack) == (
        "5 working days from filing on 10 March 2023 → 20 March 2023, not counting the "
        "non-working day 15 March 2023"
    )


def test_a_non_working_day_that_changes_nothing_records_nothing(db, director):
    story = drive("awaiting_response")
    with frozen(D(2023, 6, 1)):
        services.set_non_working_day(D(2023, 6, 20), "Staff retreat", actor=director)
    assert not story.case.events.filter(kind="deadlines_recomputed").exists()


# --- Editable lengths ----------------------------------------------------------------------------


# A period of the Secretariat's own setting, changed to 45 days on an open deadline: the TPA's
# admissibility determination; under the CEC that period is the treaty's (USMCA Art.
# 24.27(3)), so its decision on requesting a response.
LENGTH_CHANGE = {
    "us-peru-tpa": {
        "stage": "admissibility_review",  # admissibility due Monday 10 April 2023
        "kind": "admissibility",
        "changed_on": D(2023, 3, 20),
        "from": "2023-04-10",
        "to": "2023-04-24",
        "explained": "45 calendar days from filing on 10 March 2023 → 24 April 2023",
        "label": "Length of “Admissibility determination” set to 45 days",
        # A case filed on Monday 20 March 2023: 45 days, Thursday 4 May.
        "later_due": D(2023, 5, 4),
    },
    "usmca-cec": {
        "stage": "response_decision",  # response_decision due Wednesday 10 May 2023
        "kind": "response_decision",
        "changed_on": D(2023, 4, 20),
        "from": "2023-05-10",
        "to": "2023-05-25",
        "explained": "45 calendar days from the determination on 10 April 2023 → 25 May 2023",
        "label": "Length of “Decision on requesting a response” set to 45 days",
        # Another case determined on Monday 10 April 2023 (the usual path): Thursday 25 May.
        "later_due": D(2023, 5, 25),
    },
    # CAFTA-DR: the TPA's (the admissibility period is the installation's setting).
    "cafta-dr": {
        "stage": "admissibility_review",  # admissibility due Monday 10 April 2023
        "kind": "admissibility",
        "changed_on": D(2023, 3, 20),
        "from": "2023-04-10",
        "to": "2023-04-24",
        "explained": "45 calendar days from filing on 10 March 2023 → 24 April 2023",
        "label": "Length of “Admissibility determination” set to 45 days",
        "later_due": D(2023, 5, 4),
    },
}[SLUG]


def test_changing_a_length_recomputes_open_deadlines(db, director):
    change = LENGTH_CHANGE
    kind = change["kind"]
    story = drive(change["stage"])
    with frozen(change["changed_on"]):
        services.set_deadline_length(kind, 45, actor=director)
    changed = deadline(story.case, kind)
    assert (changed.length, changed.due_on.isoformat()) == (45, change["to"])
    assert explain(changed) == change["explained"]
    event = story.case.events.get(kind="deadlines_recomputed")
    assert event.data["changes"] == [
        {"deadline": kind, "party": "", "from": change["from"], "to": change["to"]}
    ]
    assert event.data["reason"] == {"code": "length_set", "deadline": kind, "length": 45}
    assert reason_text(event.data["reason"]) == change["label"]
    # Later cases use the new length too.
    later = file_case(on=D(2023, 3, 20)) if kind == "admissibility" else drive(kind).case
    assert deadline(later, kind).due_on == change["later_due"]


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
    # Due Thursday 6 July (TPA); Monday 7 August (CEC).
    story.add("extension_notified", D(2023, 5, 20), author=f"party:{A}")
    with frozen(D(2023, 6, 1)):
        services.set_non_working_day(RESPONSE["extended_due"], "Staff retreat", actor=director)
    response = deadline(story.case, "party_response")
    assert (response.length, response.due_on) == (
        RESPONSE["extended"],
        RESPONSE["extended_closed"],
    )


# --- Daily jobs ----------------------------------------------------------------------------------


def test_lapsed_response_opens_the_factual_record_decision(db):
    story = drive("awaiting_response")  # party_response due RESPONSE["due"]
    drive("factual_record_decision")  # responded: nothing to open
    lapsed = RESPONSE["day_after"]
    assert services.open_lapsed_deadlines(on=RESPONSE["due"]) == 0
    assert services.open_lapsed_deadlines(on=lapsed) == 1
    decision = deadline(story.case, "factual_record_decision")
    decision_due, explained = {
        "us-peru-tpa": (
            D(2023, 8, 21),
            "60 calendar days from the end of the response period on 22 June 2023 → 21 August 2023",
        ),
        "usmca-cec": (
            D(2023, 9, 5),
            "60 calendar days from the end of the response period on 7 July 2023 → "
            "5 September 2023",
        ),
        "cafta-dr": (
            D(2023, 8, 21),
            "60 calendar days from the end of the response period on 22 June 2023 → 21 August 2023",
        ),
    }[SLUG]
    assert (decision.start_on, decision.start_kind, decision.due_on, decision.state) == (
        lapsed,
        "response_period_end",
        decision_due,
        "open",
    )
    assert explain(decision) == explained
    assert deadline(story.case, "party_response").state == "open"  # a late response may come
    assert services.open_lapsed_deadlines(on=lapsed + datetime.timedelta(days=1)) == 0
    story.case.refresh_from_db()
    assert story.stage == "awaiting_response"


def test_lapsed_response_job_uses_today(db):
    story = drive("awaiting_response")
    with frozen(RESPONSE["day_after"]):
        assert services.open_lapsed_deadlines() == 1
    assert deadline(story.case, "factual_record_decision").start_on == RESPONSE["day_after"]


def test_a_response_after_the_lapse_restarts_the_decision_period(db):
    story = drive("awaiting_response")
    services.open_lapsed_deadlines(on=RESPONSE["day_after"])
    # A late response, and the decision's 60 days from it.
    responded, decision_due = {
        "us-peru-tpa": (D(2023, 7, 1), D(2023, 8, 30)),
        "usmca-cec": (D(2023, 7, 17), D(2023, 9, 15)),
        "cafta-dr": (D(2023, 7, 1), D(2023, 8, 30)),
    }[SLUG]
    story.add("party_responded", responded, author=f"party:{A}")
    assert story.stage == "factual_record_decision"
    response = deadline(story.case, "party_response")
    assert (response.state, response.late) == ("met", True)
    decision = deadline(story.case, "factual_record_decision")
    assert (decision.start_on, decision.start_kind, decision.due_on) == (
        responded,
        "party_responded",
        decision_due,
    )
    assert (
        Deadline.objects.filter(submission=story.case, kind="factual_record_decision").count() == 1
    )


def test_due_deadlines_lists_overdue_and_due_soon_but_not_closed_cases(db):
    soon = drive("admissibility_review").case  # admissibility due 10 April 2023
    overdue = file_case(on=D(2023, 2, 1))  # acknowledgement due 8 Feb, admissibility 3 March
    later = file_story(on=D(2023, 3, 30))
    # Admissibility due Monday 1 May 2023 (30 days end Saturday 29 April); in Guatemala City 1
    # May is a holiday: Tuesday 2 May, so the window reaching it is a day longer.
    later.add("acknowledged", D(2023, 3, 31))
    window = {"us-peru-tpa": 30, "usmca-cec": 30, "cafta-dr": 31}[SLUG]
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
    kinds = [d.kind for d in services.due_deadlines(on=D(2023, 4, 1), within_days=window)]
    assert kinds[-1] == "admissibility"
    assert later.case.pk in {
        d.submission_id for d in services.due_deadlines(on=D(2023, 4, 1), within_days=window)
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


# Each Party's comment on the draft (tests.helpers_cases.TIMELINE): A's, B's, then Canada's,
# in that order (``drive``'s default order, the profile's, would put Canada's 26 October first).
COMMENTED_ON = {
    "us-peru-tpa": {"PE": D(2023, 10, 20), "US": D(2023, 10, 25)},
    "usmca-cec": {"MX": D(2023, 10, 20), "US": D(2023, 10, 25), "CA": D(2023, 10, 26)},
    "cafta-dr": {
        "GT": D(2023, 10, 20),
        "US": D(2023, 10, 25),
        "CR": D(2023, 10, 26),
        "DO": D(2023, 10, 27),
        "SV": D(2023, 10, 28),
        "HN": D(2023, 10, 29),
        "NI": D(2023, 10, 30),
    },
}[SLUG]
COMMENTS = (A, B, *OTHERS)


def test_every_period_of_the_usual_path_with_its_explanation(db):
    story = drive("final_factual_record", comments=COMMENTS)
    story.council("publication_instructed", D(2023, 11, 20))
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
        ("party_response", ""): ("met", D(2023, 6, 15), RESPONSE["explained"]),
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
        **{
            ("draft_comments", party): (
                "met",
                COMMENTED_ON[party],
                "45 calendar days from submission of the draft factual "
                "record on 2 October 2023 → 16 November 2023",
            )
            for party in COMMENTED_ON
        },
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
    } == {
        "us-peru-tpa": {"Art. 18.8.5", "Art. 18.9.5", "Art. 18.9.7"},
        "usmca-cec": {"Art. 24.27(4)", "Art. 24.28(5)", "Art. 24.28(7)"},
        "cafta-dr": {"Art. 17.7.5", "Art. 17.8.5", "Art. 17.8.7"},
    }[SLUG]
    story.add("published", D(2024, 1, 10))
    publication = Deadline.objects.get(submission=story.case, kind="publication")
    assert (publication.state, publication.late) == ("met", False)


def test_no_publication_period_without_an_instruction(db):
    story = drive("final_factual_record", comments=COMMENTS)
    assert not Deadline.objects.filter(submission=story.case, kind="publication").exists()


def test_a_request_is_not_recorded_as_delivered_on_a_day_to_come(officer):
    """Walk 41: a delivery on 1 March 2027, typed in December 2026, was taken; the Party's 45
    days ran from it, its email and the public page gave the wrong due date. The form says
    so on its field, the engine refuses it, and an import takes its registry as it is."""
    from secretariat.workspace.forms import action_form
    from workflow.exceptions import InvalidInput

    story = drive("response_decision")
    case = story.case
    prefix = "response_decided-"
    with frozen(D(2023, 5, 7)):
        form = action_form(
            "response_decided",
            case,
            data={
                prefix + "outcome": "request",
                prefix + "delivered_on": "2023-05-08",
                **{f"{prefix}{x}_finding": "yes" for x in "abc"},
                prefix + "d_finding": "no",
                **{f"{prefix}{x}_reasons": "Motivos." for x in "abcd"},
            },
        )
        assert not form.is_valid()
        assert form.errors["delivered_on"] == [
            "A request cannot be recorded as delivered on a date still to come."
        ]
        with pytest.raises(InvalidInput, match="date still to come"):
            services.record_event(
                case,
                "response_decided",
                actor=officer,
                data={"outcome": "request", "delivered_on": "2023-05-08"},
            )
    story.add(
        "response_decided", D(2023, 5, 7), data={"outcome": "request", "delivered_on": "2023-05-08"}
    )
    assert deadline(story.case, "party_response").start_on == D(2023, 5, 8)
