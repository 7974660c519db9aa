"""A withdrawal closes the case before the first Council instruction; afterwards it is recorded
and shown, and the case goes on (Art. 18.9.2, 18.9.7; REGISTRY-FORMAT.md, `withdrawn`)."""

import datetime

import pytest
from django.utils import translation

from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import OTHERS, SLUG, A, B, members_needed
from workflow.describe import describe
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event

D = datetime.date
S = Stage
# Every Party comments on the draft in TIMELINE's order (A, B, then the others): drive's
# default, the profile's order, would record Canada's comment (26 October) before Mexico's
# (20 October) under the CEC, out of date order.
EVERY_PARTY = (A, B) + OTHERS


def _open(case):
    return sorted(
        Deadline.objects.filter(submission=case, state="open").values_list(
            "kind", "party", "due_on"
        )
    )


def test_withdrawal_while_awaiting_the_council_closes_the_case(db):
    story = drive(S.AWAITING_COUNCIL)  # instruction due 12 September 2023
    event = story.add("withdrawn", D(2023, 8, 1), author="submitter")
    assert (story.stage, story.case.closure_reason) == (S.CLOSED, "withdrawn")
    assert (event.stage_before, event.stage_after) == (S.AWAITING_COUNCIL, S.CLOSED)
    instruction = Deadline.objects.get(submission=story.case, kind="council_instruction")
    assert (instruction.state, instruction.ended_on) == ("cancelled", D(2023, 8, 1))
    assert _open(story.case) == []


def test_withdrawal_while_preparing_the_factual_record_leaves_stage_and_draft_deadline(db):
    story = drive(S.FACTUAL_RECORD_PREPARATION)  # instructed 1 Aug. 2023: draft due 29 Nov.
    event = story.add("withdrawn", D(2023, 9, 1), author="submitter")
    assert (story.stage, story.case.closure_reason) == (S.FACTUAL_RECORD_PREPARATION, "")
    assert (event.stage_after, event.visibility) == (S.FACTUAL_RECORD_PREPARATION, "public")
    assert _open(story.case) == [("draft_factual_record", "", D(2023, 11, 29))]
    # Shown in words on the timeline.
    assert any("The case goes on" in value for _label, value in describe(event))
    # The case goes on to the draft.
    story.add("draft_submitted", D(2023, 10, 2))
    assert story.stage == S.DRAFT_COMMENT_PERIOD


def test_withdrawal_during_the_comment_period_leaves_both_comment_deadlines(db):
    story = drive(S.DRAFT_COMMENT_PERIOD)  # draft 2 October 2023: comments due 16 November
    story.add("withdrawn", D(2023, 10, 10), author="submitter")
    assert story.stage == S.DRAFT_COMMENT_PERIOD
    parties = {
        "us-peru-tpa": ["PE", "US"],
        "usmca-cec": ["CA", "MX", "US"],
        "cafta-dr": ["CR", "DO", "GT", "HN", "NI", "SV", "US"],
    }[SLUG]
    assert _open(story.case) == [("draft_comments", party, D(2023, 11, 16)) for party in parties]


def test_withdrawal_of_a_final_record_still_lets_it_be_published(db):
    story = drive(S.FINAL_FACTUAL_RECORD, comments=EVERY_PARTY)  # final 15 November 2023
    story.add("withdrawn", D(2023, 11, 20), author="submitter")
    assert story.stage == S.FINAL_FACTUAL_RECORD
    # The Council instructs publication: B's member first (TPA: alone; CEC: with A's).
    for member in ((B, A) + OTHERS)[: members_needed("publication_instructed")]:
        story.add(
            "publication_instructed",
            D(2023, 11, 21),
            author=f"council:{member}",
            data={"party": member},
        )
    story.add("published", D(2023, 12, 1))
    assert (story.stage, story.case.closure_reason) == (S.CLOSED, "factual_record_published")


def test_a_second_withdrawal_is_refused(db):
    story = drive(S.FACTUAL_RECORD_PREPARATION)
    story.add("withdrawn", D(2023, 9, 1), author="submitter")
    count = story.case.event_count
    with pytest.raises(RuleViolation) as refused:
        story.add("withdrawn", D(2023, 9, 2), author="submitter")
    assert str(refused.value) == "The submitters have already withdrawn the submission."
    story.case.refresh_from_db()
    assert story.case.event_count == count


def _link(client, case):
    """Open the private link in ``client``: the token-free page it leads to."""
    membership = case.memberships.order_by("position").first()
    return client.get(f"/en/track/{membership.tracking_token}/")["Location"]


def test_tracking_page_says_the_case_goes_on_before_and_after(client, db):
    story = drive(S.FACTUAL_RECORD_PREPARATION)
    url = _link(client, story.case)
    with frozen(D(2023, 9, 1)):
        page = client.get(url).content.decode()
        assert "a withdrawal would be recorded" in page
        # Walk 167: "A member of the Council has instructed" where two of three had (CEC).
        several = members_needed("council_instructed") > 1
        who = "The Council has" if several else "A member of the Council has"
        assert f"{who} instructed a factual record" in page
        confirm = client.get(url + "withdraw/").content.decode()
        assert "the case will" in confirm and "not close" in confirm
        assert "I understand that the case will go on." in confirm
        done = client.post(
            url + "withdraw/",
            {"confirm": "on", "event_count": story.case.event_count},
            follow=True,
        )
    html = done.content.decode()
    assert "Your withdrawal has been recorded. The case goes on" in html
    story.case.refresh_from_db()
    assert (story.case.stage, story.case.closure_reason) == (S.FACTUAL_RECORD_PREPARATION, "")
    assert Event.objects.filter(submission=story.case, kind="withdrawn").count() == 1
    # Not offered twice.
    assert "Withdraw this submission…" not in html


def test_tracking_page_says_the_case_closes_before_the_instruction(client, db):
    story = drive(S.AWAITING_RESPONSE)
    url = _link(client, story.case)
    with frozen(D(2023, 5, 20)):
        confirm = client.get(url + "withdraw/").content.decode()
        assert "closes the case as withdrawn" in confirm
        done = client.post(
            url + "withdraw/",
            {"confirm": "on", "event_count": story.case.event_count},
            follow=True,
        )
    assert "The case is closed." in done.content.decode()


def test_the_refusal_is_translated(db):
    story = drive(S.FACTUAL_RECORD_PREPARATION)
    story.add("withdrawn", D(2023, 9, 1), author="submitter")
    with translation.override("es"), pytest.raises(RuleViolation) as refused:
        story.add("withdrawn", D(2023, 9, 2), author="submitter")
    assert "ya han retirado" in str(refused.value)
