"""Honest statistics (issue 14, acceptance 3; issue 13, acceptance 4), over a fixture with
literal dates, as of Monday 15 January 2024. Under the TPA (Party A is Peru; the seat is
Washington):

- A: the request was delivered on 7 May 2023 and no response ever came (due 21 June 2023):
  an open, overdue response — late.
- B: the same request, an extension notified on 20 May 2023 (60 days: due Thursday 6 July
  2023), the response on 3 July 2023, day 57 — on time against its own 60 days.
- C: the response on 15 June 2023, day 39 of 45 — on time; the draft factual record went to
  the Parties on 2 October 2023, Peru commented on 20 October, the United States did not (its
  45 days ended on 16 November): not late, lapsed.
- D: filed Tuesday 21 November 2023 and acknowledged Tuesday 28 November (4 working days:
  Thanksgiving is a holiday; 7 calendar days); its request delivered on 5 January 2024, its
  response due Tuesday 20 February 2024 (day 45, Monday 19 February, is Washington's
  Birthday): not yet due — still waiting.

Under the USMCA-CEC (Party A is Mexico; the seat is Montréal; the Party's response 60 days, 90
when extended):

- A: due Thursday 6 July 2023; no response — late.
- B: extended to 90 days, Saturday 5 August 2023, so Monday 7 August; the response on Monday 31
  July 2023, day 85 — late against the default 60 days, on time against its own 90.
- C: day 39 of 60 — on time; Mexico commented, the United States and Canada did not: lapsed.
- D: acknowledged on Tuesday 28 November, 5 working days (no holiday at the seat); its
  response due Tuesday 5 March 2024 (day 60; 2024 is a leap year): still waiting.

Under CAFTA-DR (Party A is Guatemala; the seat is Guatemala City; the TPA's periods): as under
the TPA, but for Guatemala's holidays: D is acknowledged in 5 working days (Thanksgiving is no
holiday there) and its response is due on day 45 itself, Monday 19 February 2024; C's draft
goes uncommented by the United States and the five other Parties: six periods lapsed.
"""

import datetime
import json
import re

import pytest

from secretariat.public import statistics
from tests.helpers_cases import ALL_MET, drive, file_story, frozen
from tests.parties import SLUG, A, B
from workflow.models import Deadline

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2024, 1, 15)

# What differs per profile (see the docstring; counted by hand).
EXPECTED = {
    "us-peru-tpa": {
        "b_responded": D(2023, 7, 3),
        "b_days": 57,
        "due": (D(2023, 6, 21), D(2023, 7, 6), D(2023, 6, 21), D(2024, 2, 20)),
        "lengths": (45, 60),
        "median": 48,
        "comments_lapsed": 1,
        "acknowledged_max": 4,
    },
    "usmca-cec": {
        "b_responded": D(2023, 7, 31),
        "b_days": 85,
        "due": (D(2023, 7, 6), D(2023, 8, 7), D(2023, 7, 6), D(2024, 3, 5)),
        "lengths": (60, 90),
        "median": 62,
        "comments_lapsed": 2,
        "acknowledged_max": 5,
    },
    "cafta-dr": {
        # The TPA's periods: B's response on Monday 3 July 2023 (a holiday in Guatemala, Army
        # Day; a response may still arrive on it), day 57 of its 60.
        "b_responded": D(2023, 7, 3),
        "b_days": 57,
        # A, C: 7 May + 45 days = Wednesday 21 June 2023; B: 7 May + 60 = Thursday 6 July; D:
        # 5 January 2024 + 45 = Monday 19 February 2024 (no holiday in Guatemala: Washington's
        # Birthday is not one).
        "due": (D(2023, 6, 21), D(2023, 7, 6), D(2023, 6, 21), D(2024, 2, 19)),
        "lengths": (45, 60),
        "median": 48,
        # C: A commented; B and the five others did not.
        "comments_lapsed": 6,
        # D: 22, 23, 24, 27, 28 November 2023, 5 working days (Thanksgiving is no holiday).
        "acknowledged_max": 5,
    },
}[SLUG]


@pytest.fixture
def fixture_cases():
    return build_cases()


def build_cases():
    """The four cases of the module's docstring (the browser test uses them too)."""
    with frozen(TODAY):
        a = drive("awaiting_response")
        b = drive("awaiting_response")
        b.add("extension_notified", D(2023, 5, 20), author=f"party:{A}")
        b.add(
            "party_responded",
            EXPECTED["b_responded"],
            author=f"party:{A}",
            data={"pending_proceeding": False},
        )
        c = drive("final_factual_record", comments=(A,))
        d = file_story(on=D(2023, 11, 21))
        d.add("acknowledged", D(2023, 11, 28))
        d.add(
            "admissibility_determined",
            D(2023, 12, 5),
            data={"outcome": "meets", "criteria": ALL_MET},
        )
        d.add("response_decided", D(2024, 1, 5), data={"outcome": "request"})
    return a, b, c, d


def step(figures, kind):
    return next(s for s in figures["steps"] if s["kind"] == kind)


def test_the_fixture_is_what_the_docstring_says(fixture_cases):
    a, b, c, d = fixture_cases
    due = dict(Deadline.objects.filter(kind="party_response").values_list("submission", "due_on"))
    cases = (a.case.pk, b.case.pk, c.case.pk, d.case.pk)
    assert due == dict(zip(cases, EXPECTED["due"], strict=True))
    us_comments = Deadline.objects.get(submission=c.case, kind="draft_comments", party=B)
    assert (us_comments.state, us_comments.due_on) == ("lapsed", D(2023, 11, 16))


def test_responses_count_the_overdue_one_as_late_and_the_extended_one_on_time(fixture_cases):
    figures = statistics.compute(today=TODAY)
    response = step(figures, "party_response")
    # TPA: B (57 days of 60) and C (39 of 45) on time; A, still open since 21 June 2023, late.
    # CEC: B (85 of 90) and C (39 of 60) on time; A, open since 6 July 2023, late.
    assert (response["on_time"], response["late"], response["overdue"]) == (2, 1, 1)
    assert (response["waiting"], response["share"]) == (1, 67)  # D, not yet due
    assert (
        figures["responses_total"],
        figures["responses_on_time"],
        figures["responses_overdue"],
        figures["responses_waiting"],
        figures["responses_share"],
    ) == (3, 2, 1, 1, 67)
    # Days taken by the two responses, each against its own target: 45 (CEC: 60) days for A, C
    # and D, 60 (CEC: 90) for B's extended period.
    assert (response["count"], response["median"], response["min"], response["max"]) == (
        2,
        EXPECTED["median"],
        39,
        EXPECTED["b_days"],
    )
    default, extended = EXPECTED["lengths"]
    assert response["targets"] == [(default, 3), (extended, 1)]
    assert response["unit"] == "calendar days"
    assert response["still_waiting"] == 2  # A (overdue) and D (not yet due)


def test_the_extended_response_would_be_late_against_the_default(fixture_cases):
    _a, b, _c, _d = fixture_cases
    response = Deadline.objects.get(submission=b.case, kind="party_response")
    # Day 57 (CEC: 85): past the default 45 (CEC: 60) days, within its own 60 (CEC: 90).
    assert (response.met_on - response.start_on).days == EXPECTED["b_days"]
    assert (response.length, response.late) == (EXPECTED["lengths"][1], False)
    assert statistics.outcome("party_response", "met", response.due_on, False, TODAY) == "on_time"


def test_a_party_that_did_not_comment_is_not_late(fixture_cases):
    figures = statistics.compute(today=TODAY)
    comments = step(figures, "draft_comments")
    assert comments["binds"] is False
    assert (comments["on_time"], comments["lapsed"], comments["late"]) == (
        1,
        EXPECTED["comments_lapsed"],
        0,
    )
    assert comments not in figures["binding_steps"]
    assert comments in figures["free_steps"]


def test_units_as_stated(fixture_cases):
    figures = statistics.compute(today=TODAY)
    acknowledgement = step(figures, "acknowledgement")
    # A, B, C: filed Friday 10 March, acknowledged Monday 13 March 2023: 1 working day (3
    # calendar days). D: 4 working days (7 calendar days, with Thanksgiving; CEC: 5, Canada's
    # Thanksgiving is in October; CAFTA-DR: 5, no holiday in Guatemala).
    assert acknowledgement["unit"] == "working days"
    assert (acknowledgement["count"], acknowledgement["min"], acknowledgement["max"]) == (
        4,
        1,
        EXPECTED["acknowledged_max"],
    )
    assert acknowledgement["median"] == 1
    assert acknowledgement["targets"] == [(5, 4)]
    admissibility = step(figures, "admissibility")
    assert admissibility["unit"] == "calendar days"
    # 31 days for A, B, C (due Sunday 9 April 2023, moved to Monday 10 April: on time); 14
    # for D.
    assert (admissibility["min"], admissibility["max"], admissibility["on_time"]) == (14, 31, 4)


def test_outcome_rules():
    past, future = D(2024, 1, 1), D(2024, 2, 1)
    assert statistics.outcome("party_response", "open", past, False, TODAY) == "overdue"
    assert statistics.outcome("party_response", "open", future, False, TODAY) == "waiting"
    assert statistics.outcome("party_response", "missed", past, False, TODAY) == "missed"
    assert statistics.outcome("party_response", "met", past, True, TODAY) == "late_met"
    assert statistics.outcome("party_response", "cancelled", future, False, TODAY) == "cancelled"
    assert statistics.outcome("party_response", "unknown", past, False, TODAY) == "unknown"
    # Periods that bind no one are never a failure, even in an older row that says missed.
    for kind in ("revision", "draft_comments", "council_instruction"):
        assert statistics.outcome(kind, "lapsed", past, False, TODAY) == "lapsed"
        assert statistics.outcome(kind, "missed", past, False, TODAY) == "lapsed"
        assert statistics.outcome(kind, "open", past, False, TODAY) == "lapsed"
        assert statistics.outcome(kind, "met", past, True, TODAY) == "after_period"


def test_the_page_reads_the_figures_in_words(client, fixture_cases):
    with frozen(TODAY):
        body = client.get("/en/statistics/").content.decode()
    assert "67% of the responses that were due arrived within the period of Article" in body
    assert ": 2 of 3." in body
    assert "Late: 1, of which 1 still overdue (no response yet). Not yet due: 1." in body
    # The charts carry their words in the drawing itself, a long sentence on several lines.
    drawn = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", body))
    assert "On time: 2 of 3 (67%)" in drawn
    assert "Late: 1, of which still overdue: 1" in drawn
    default, extended = EXPECTED["lengths"]
    median = EXPECTED["median"]
    assert f"Median: {median} calendar days; target: {default} / {extended} (the mark)" in drawn
    assert "Median: 1 working day; target: 5 (the mark)" in drawn
    assert "Completed: 2; still waiting: 2" in drawn
    assert f"{default} calendar days (3 deadlines); {extended} calendar days (1 deadline)" in body
    assert "Ended unused (lapsed)" in body
    assert "How to recompute these figures" in body
    method = body.split("How to recompute these figures", 1)[1].split("</section>", 1)[0]
    assert '<a href="/api/v1/submissions/">The open-data API (JSON)</a>' in method  # walk 112
    # In Spanish (walk 18): no verb to agree with "1 of 2", the sign after a no-break space,
    # and the method names no one unit for every step but the acknowledgement.
    with frozen(TODAY):
        spanish = client.get("/es/statistics/").content.decode()
    # Walk 45: "2 de 2 cuyo plazo ya venció" where one had come early: received or overdue.
    # The count after a colon: "1 de 1 respuestas … llegaron" agreed with nothing.
    assert "El 67\u00a0% de las respuestas recibidas o vencidas llegó dentro del plazo" in spanish
    assert ": 2 de 3." in spanish
    # Walk 19: "de las cuales 1 siguen vencidas" (the verb did not agree with one).
    assert "(de ellas, aún sin respuesta: 1)." in " ".join(spanish.split())
    assert re.search(r'data-label="[^"]+">\d+\u00a0%</td>', spanish)
    assert "en la unidad propia del trámite, días hábiles o días calendario" in spanish
    # The export's field and state names as code, never as words of the sentence (walk 119:
    # "los días de start_on a met_on", "(estado "unknown")").
    # Walk 145: the codes alone read as English words; each beside what it is.
    assert (
        "los días desde la fecha de inicio (<code>start_on</code>) hasta la fecha de "
        "cumplimiento (<code>met_on</code>)"
    ) in spanish
    assert not re.search(r"(?<![>_])\b(start_on|met_on|due_on)\b(?!</code>)", spanish)


def test_a_half_day_agrees_as_each_language_counts():
    """1.5 is plural in English and Spanish, singular in French below two (walk 123:
    "Médiane : 1,5 jours ouvrables")."""
    from django.utils import translation

    with translation.override("en"):
        assert statistics._days(1.5, True) == "1.5 working days"
    with translation.override("es"):
        assert statistics._days(1.5, True) == "1,5 días hábiles"
    with translation.override("fr"):
        assert statistics._days(1.5, True) == "1,5 jour ouvrable"
        assert statistics._days(2, False) == "2 jours civils"


def test_an_explained_miss_still_counts_as_late(officer):
    """Walk 141: the Secretariat explained a missed target and set a new one; the statistics
    then counted it "not yet due", and once met by the new date "on time". It is late against
    the date it missed, which the export gives as ``original_due_on``."""
    from workflow.registry.exporter import export_registry

    story = drive("response_decision")  # the decision on a response was due 10 May 2023
    story.add(
        "deadline_missed_explained",
        D(2023, 5, 12),
        data={"deadline": "response_decision", "reason": "Traducción.", "new_due_on": "2023-05-26"},
    )
    decision = step(statistics.compute(today=D(2023, 5, 15)), "response_decision")
    assert (decision["late"], decision["overdue"], decision["waiting"]) == (1, 1, 0)
    story.add("response_decided", D(2023, 5, 20), data={"outcome": "request"})
    decision = step(statistics.compute(today=D(2023, 5, 21)), "response_decision")
    assert (decision["on_time"], decision["late"], decision["overdue"]) == (0, 1, 0)
    (case,) = json.loads(export_registry())["submissions"]  # the public export
    (listed,) = [d for d in case["deadlines"] if d["kind"] == "response_decision"]
    assert (listed["due_on"], listed["late"], listed["original_due_on"]) == (
        "2023-05-26",
        False,
        "2023-05-10",
    )
