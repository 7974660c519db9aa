"""A Council member's vote against a factual record (issue #18: "an explicit negative Council
vote that closes the case"), a step a profile adds (``profiles.COUNCIL_VOTES``). The votes
against close the case once too few members are left to reach the Council's rule: under NAAEC's
two-thirds, two of three; here, with the TPA's two members, both under an any-one rule, and one
under two-thirds (which asks for both)."""

import dataclasses
import datetime

import pytest
from django.urls import reverse

from notices.models import Notice
from submissions import profiles
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from workflow import table
from workflow.chain import verify_submission
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event

pytestmark = pytest.mark.django_db

D = datetime.date


def _profile(monkeypatch, **values):
    profile = dataclasses.replace(
        profiles.US_PERU_TPA, transitions=profiles.COUNCIL_VOTES, **values
    )
    monkeypatch.setitem(profiles.PROFILES, "us-peru-tpa", profile)


@pytest.fixture
def votes(monkeypatch):
    _profile(monkeypatch)


def test_the_tpa_has_no_vote_against(pe_council, us_council, client):
    assert "council_declined" not in table.EVENT_KINDS
    story = drive(Stage.AWAITING_COUNCIL)
    with pytest.raises(RuleViolation) as refused:
        story.add("council_declined", author="council:PE", data={"party": "PE"})
    assert str(refused.value) == (
        "“Council member's vote against a factual record” is not a step of the procedure "
        "this installation runs."
    )
    client.force_login(pe_council)
    page = client.get(reverse("council_case", kwargs={"pk": story.case.pk})).content.decode()
    assert reverse("council_decline", kwargs={"pk": story.case.pk}) not in page


def test_the_votes_against_close_the_case_when_no_instruction_can_follow(votes):
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("council_declined", D(2023, 8, 1), author="council:PE", data={"party": "PE"})
    # One member against: the other may still instruct (any one member suffices).
    assert story.stage == Stage.AWAITING_COUNCIL
    assert verify_submission(story.case) is None  # the auditors' replay agrees
    with pytest.raises(RuleViolation) as refused:
        story.add("council_declined", D(2023, 8, 2), author="council:PE", data={"party": "PE"})
    assert refused.value.rule == "one vote per member"
    story.add("council_declined", D(2023, 8, 3), author="council:US", data={"party": "US"})
    assert (story.stage, story.case.closure_reason) == (Stage.CLOSED, "no_council_instruction")
    waiting = Deadline.objects.get(submission=story.case, kind="council_instruction")
    assert waiting.state != "open"
    assert verify_submission(story.case) is None


def test_under_two_thirds_of_two_one_vote_against_decides(monkeypatch):
    _profile(monkeypatch, preparation_rule=profiles.TWO_THIRDS)
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("council_declined", D(2023, 8, 1), author="council:US", data={"party": "US"})
    assert story.stage == Stage.CLOSED


def test_a_member_votes_against_in_the_portal_and_the_submitters_are_told_at_the_close(
    votes, client, pe_council, us_council
):
    story = drive(Stage.AWAITING_COUNCIL)
    case = story.case
    decline = reverse("council_decline", kwargs={"pk": case.pk})
    instruct = reverse("council_instruct", kwargs={"pk": case.pk})
    page_url = reverse("council_case", kwargs={"pk": case.pk})
    with frozen(D(2023, 8, 1)):
        client.force_login(pe_council)
        page = client.get(page_url).content.decode()
        assert decline in page and instruct in page
        form = client.get(decline).content.decode()
        assert "Vote against preparing a factual record" in form
        assert client.post(decline, {"event_count": case.event_count}).status_code == 302
        case.refresh_from_db()
        assert case.stage == Stage.AWAITING_COUNCIL
        # Having voted, the member is offered neither another vote nor the instruction.
        page = client.get(page_url).content.decode()
        assert decline not in page and instruct not in page
        event = Event.objects.get(submission=case, kind="council_declined")
        assert (event.author, event.data["party"]) == ("council:PE", "PE")
        assert not Notice.objects.filter(event=event, message="case_closed").exists()

        client.force_login(us_council)
        assert client.post(decline, {"event_count": case.event_count}).status_code == 302
    case.refresh_from_db()
    assert (case.stage, case.closure_reason) == (Stage.CLOSED, "no_council_instruction")
    closing = Event.objects.filter(submission=case, kind="council_declined").latest("seq")
    assert Notice.objects.filter(event=closing, message="case_closed").exists()
