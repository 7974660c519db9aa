"""Periods that bind no one to act (the submitter's revision, a Party's comments on the draft,
the Council's instruction) end as lapsed, not missed (PROCESS.md, Deadlines); the periods that
bind someone still end as missed or cancelled."""

import datetime

from django.urls import reverse

from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import OTHERS, SLUG, A, B
from workflow.models import Deadline

D = datetime.date


def _deadline(case, kind, party=""):
    return Deadline.objects.get(submission=case, kind=kind, party=party)


# The revision period from the determination of Monday 10 April 2023, and a closure after it.
REVISION = {
    # 30 days: Wednesday 10 May; closed on 15 May.
    "us-peru-tpa": (D(2023, 5, 10), D(2023, 5, 15)),
    # 60 working days at Montréal (Good Friday 7 April is before; Monday 22 May, National
    # Patriots' Day, is skipped): 11–14 April are days 1–4, six full weeks to 19 May (29), 23–26
    # May (33), five full weeks to 30 June (58), 3 and 4 July: Tuesday 4 July; closed 5 July.
    "usmca-cec": (D(2023, 7, 4), D(2023, 7, 5)),
    # 30 days: Wednesday 10 May, a working day in Guatemala; closed on 15 May.
    "cafta-dr": (D(2023, 5, 10), D(2023, 5, 15)),
}[SLUG]

# The Party's response period from the request of Sunday 7 May 2023, and the day after it.
RESPONSE_DUE = {
    "us-peru-tpa": D(2023, 6, 21),  # 45 days: Wednesday 21 June
    "usmca-cec": D(2023, 7, 6),  # 60 days: Thursday 6 July
    "cafta-dr": D(2023, 6, 21),  # 45 days: Wednesday 21 June, no holiday in Guatemala
}[SLUG]


def test_revision_not_filed_lapses_when_the_case_closes_past_due(db):
    story = drive(Stage.AWAITING_REVISION)  # determination 10 April 2023
    due_on, closed_on = REVISION
    story.add("closed", closed_on, data={"reason": "not_admissible"})
    revision = _deadline(story.case, "revision")
    assert (revision.state, revision.due_on, revision.ended_on) == ("lapsed", due_on, closed_on)
    assert str(revision.get_state_display()) == "Lapsed"


def test_revision_period_closed_before_due_is_cancelled(db):
    story = drive(Stage.AWAITING_REVISION)
    story.add("withdrawn", D(2023, 5, 1), author="submitter")
    assert _deadline(story.case, "revision").state == "cancelled"


def test_council_instruction_lapses(db):
    story = drive(Stage.AWAITING_COUNCIL)  # notified 14 July 2023: instruction due 12 Sept.
    story.add("closed", D(2023, 9, 13), data={"reason": "no_council_instruction"})
    instruction = _deadline(story.case, "council_instruction")
    assert (instruction.state, instruction.due_on) == ("lapsed", D(2023, 9, 12))
    assert story.case.closure_reason == "no_council_instruction"


def test_uncommented_draft_lapses_and_a_late_comment_still_meets_it_late(db):
    story = drive(Stage.DRAFT_COMMENT_PERIOD)  # draft 2 October 2023: comments due 16 November
    story.add("draft_commented", D(2023, 10, 20), author=f"party:{A}", data={"party": A})
    story.add("final_submitted", D(2023, 11, 17))
    b = _deadline(story.case, "draft_comments", B)
    assert (b.state, b.due_on, b.ended_on) == ("lapsed", D(2023, 11, 16), D(2023, 11, 17))
    for other in OTHERS:
        assert _deadline(story.case, "draft_comments", other).state == "lapsed"
    assert _deadline(story.case, "draft_comments", A).state == "met"
    story.add("draft_commented", D(2023, 11, 20), author=f"party:{B}", data={"party": B})
    b.refresh_from_db()
    assert (b.state, b.met_on, b.late) == ("met", D(2023, 11, 20), True)


def test_a_party_response_not_given_is_still_missed(db):
    story = drive(Stage.AWAITING_RESPONSE)  # request 7 May 2023
    story.add(
        "factual_record_notified",
        RESPONSE_DUE + datetime.timedelta(days=1),  # TPA: 22 June 2023
        data={"outcome": "not_warranted"},
    )
    response = _deadline(story.case, "party_response")
    assert (response.state, response.due_on) == ("missed", RESPONSE_DUE)


def test_the_case_page_says_lapsed_in_words(client, officer):
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("closed", D(2023, 9, 13), data={"reason": "no_council_instruction"})
    client.force_login(officer)
    with frozen(D(2023, 9, 20)):
        page = client.get(reverse("ws_case", args=[story.case.pk]))
    assert page.status_code == 200
    assert "Lapsed" in page.content.decode()
