"""Periods that bind no one to act (the submitter's revision, a Party's comments on the draft,
the Council's instruction) end as lapsed, not missed (PROCESS.md, Deadlines); the periods that
bind someone still end as missed or cancelled."""

import datetime

from django.urls import reverse

from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from workflow.models import Deadline

D = datetime.date


def _deadline(case, kind, party=""):
    return Deadline.objects.get(submission=case, kind=kind, party=party)


def test_revision_not_filed_lapses_when_the_case_closes_past_due(db):
    story = drive(Stage.AWAITING_REVISION)  # determination 10 April 2023: revision due 10 May
    story.add("closed", D(2023, 5, 15), data={"reason": "not_admissible"})
    revision = _deadline(story.case, "revision")
    assert (revision.state, revision.due_on, revision.ended_on) == (
        "lapsed",
        D(2023, 5, 10),
        D(2023, 5, 15),
    )
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
    story.add("draft_commented", D(2023, 10, 20), author="party:PE", data={"party": "PE"})
    story.add("final_submitted", D(2023, 11, 17))
    us = _deadline(story.case, "draft_comments", "US")
    assert (us.state, us.due_on, us.ended_on) == ("lapsed", D(2023, 11, 16), D(2023, 11, 17))
    assert _deadline(story.case, "draft_comments", "PE").state == "met"
    story.add("draft_commented", D(2023, 11, 20), author="party:US", data={"party": "US"})
    us.refresh_from_db()
    assert (us.state, us.met_on, us.late) == ("met", D(2023, 11, 20), True)


def test_a_party_response_not_given_is_still_missed(db):
    story = drive(Stage.AWAITING_RESPONSE)  # request 7 May 2023: response due 21 June
    story.add("factual_record_notified", D(2023, 6, 22), data={"outcome": "not_warranted"})
    assert _deadline(story.case, "party_response").state == "missed"


def test_the_case_page_says_lapsed_in_words(client, officer):
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("closed", D(2023, 9, 13), data={"reason": "no_council_instruction"})
    client.force_login(officer)
    with frozen(D(2023, 9, 20)):
        page = client.get(reverse("ws_case", args=[story.case.pk]))
    assert page.status_code == 200
    assert "Lapsed" in page.content.decode()
