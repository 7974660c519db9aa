"""Walk 24 (CEC, French): under the two-thirds rule one member's vote was emailed to the
submitters ("a factual record will be prepared") and to the staff ("the Council instructs a
factual record") before the Council had decided. The notices follow the Council's rule."""

import datetime

import pytest

from notices import emails, phrases
from notices.models import Notice
from tests.helpers_cases import drive, frozen
from tests.parties import A, B
from workflow import council, services

pytestmark = pytest.mark.django_db


def _messages(event) -> list[str]:
    return sorted(Notice.objects.filter(event=event).values_list("message", flat=True))


def test_the_submitters_hear_of_the_councils_instruction_once_its_rule_is_met(
    a_council, b_council, officer
):
    case = drive("awaiting_council").case
    needed = council.needed("council_instructed")
    with frozen(datetime.date(2023, 9, 14)):
        first = services.record_event(
            case, "council_instructed", actor=a_council, data={"party": A}
        )
        case.refresh_from_db()
        second = services.record_event(
            case, "council_instructed", actor=b_council, data={"party": B}
        )
    first_messages, second_messages = _messages(first), _messages(second)
    if needed == 1:  # the TPA, CAFTA-DR: the first member's instruction is the Council's
        assert "record_instructed" in first_messages
        assert "instruction_to_staff" in first_messages
        # A further member's instruction: the staff hear of it, the submitters not again.
        assert "record_instructed" not in second_messages
        assert "instruction_to_staff" in second_messages
    else:  # the CEC: two of three members
        assert "record_instructed" not in first_messages
        assert "instruction_to_staff" not in first_messages
        assert "vote_to_staff" in first_messages
        vote = Notice.objects.filter(event=first, message="vote_to_staff").first()
        assert (vote.context["votes"], vote.context["needed"]) == (1, 2)
        # Walk 160: "Members who have so far: 1 of the 2 …", the verb missing.
        from notices import emails

        vote.language = "en"
        said = "Members who have voted so far: 1 of the 2 the Council's rule asks for."
        assert said in " ".join(emails.render(vote)[1].split())
        assert "record_instructed" in second_messages
        assert "instruction_to_staff" in second_messages
        assert "vote_to_staff" not in second_messages


def test_the_councils_decision_is_told_as_the_councils_with_its_members(
    a_council, b_council, a_focal, b_focal, officer
):
    """Walk 61 (CEC, French): the staff's and the other members' email on the deciding vote
    read "the Council instructs" over "a member of the Council from Mexico instructed", and
    the focal points of the Party concerned heard nothing of the instruction."""
    case = drive("awaiting_council", party=A).case
    needed = council.needed("council_instructed")
    with frozen(datetime.date(2023, 9, 14)):
        events = [
            services.record_event(case, "council_instructed", actor=member, data={"party": p})
            for member, p in ((a_council, A), (b_council, B))[:needed]
        ]
        case.refresh_from_db()
    deciding = events[-1]
    staff = Notice.objects.get(
        event=deciding, message="instruction_to_staff", recipient_email=officer.email
    )
    _subject, text, _html = emails.render(staff)
    if needed == 1:
        assert "A member of the Council" in text
        assert "members have given it" not in text
    else:
        assert "The Council has instructed the Secretariat to prepare a factual record" in text
        assert "A member of the Council" not in text
        acting = phrases.by_author(f"council:{B}")
        assert f"{acting}, {needed} members have given it; the Council's rule asks for " in text
    told = Notice.objects.filter(message="record_instructed_party")
    assert set(told.values_list("recipient_email", flat=True)) == {a_focal.email}
    assert set(told.values_list("event", flat=True)) == {deciding.pk}
