"""A Council member's vote against a factual record (issue #18: "an explicit negative Council
vote that closes the case"), a step a profile adds (``profiles.COUNCIL_VOTES``). The votes
against close the case once too few members are left to reach the Council's rule: under NAAEC's
two-thirds, two of three; with the TPA's two members, both under an any-one rule, and one
under two-thirds (which asks for both). The tests run the installed profile with the step added
(the CEC's has it) or taken away (the TPA's has none)."""

import dataclasses
import datetime
import html
from fractions import Fraction

import pytest
from django.test import Client
from django.urls import reverse

from notices.models import Notice
from secretariat.workspace.forms.kinds import action_form
from submissions import access, profiles
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import OTHERS, PROFILE, SLUG, A, B, with_steps
from workflow import services, table
from workflow.chain import verify_submission
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event

pytestmark = pytest.mark.django_db

D = datetime.date


def _profile(monkeypatch, **values):
    """The installed profile with the Council's vote against added and ``values`` replaced."""
    with_steps(monkeypatch, profiles.COUNCIL_VOTES, **values)


# A rule that needs every member's instruction: two-thirds of the TPA's two members; of the
# CEC's three, all three; of CAFTA-DR's seven, all seven.
EVERY_MEMBER = {
    "us-peru-tpa": profiles.TWO_THIRDS,
    "usmca-cec": profiles.CouncilRule(Fraction(1)),
    "cafta-dr": profiles.CouncilRule(Fraction(1)),
}[SLUG]
# The votes against that leave too few members to reach the profile's own rule: the TPA's two
# (any one of two); the CEC's two (two-thirds of three); CAFTA-DR's seven (any one of seven).
# They are cast by A, B, then the others.
AGAINST = (A, B, *OTHERS)[: {"us-peru-tpa": 2, "usmca-cec": 2, "cafta-dr": 7}[SLUG]]


@pytest.fixture
def votes(monkeypatch):
    _profile(monkeypatch)


@pytest.fixture
def no_votes(monkeypatch):
    """The installed profile without the vote against (the TPA's own)."""
    transitions = {k: v for k, v in PROFILE.transitions.items() if k not in profiles.COUNCIL_VOTES}
    monkeypatch.setitem(
        profiles.PROFILES, SLUG, dataclasses.replace(PROFILE, transitions=transitions)
    )


def test_the_tpa_has_no_vote_against(no_votes, a_council, b_council, client):
    # The kinds the installation was started with: the CEC's include the vote.
    started_with = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]
    assert ("council_declined" in table.EVENT_KINDS) is started_with
    story = drive(Stage.AWAITING_COUNCIL)
    with pytest.raises(RuleViolation) as refused:
        story.add("council_declined", author=f"council:{A}", data={"party": A})
    assert str(refused.value) == (
        "“Council member's vote against a factual record” is not a step of the procedure "
        "this installation runs."
    )
    client.force_login(a_council)
    page = client.get(reverse("council_case", kwargs={"pk": story.case.pk})).content.decode()
    assert reverse("council_decline", kwargs={"pk": story.case.pk}) not in page


def test_the_votes_against_close_the_case_when_no_instruction_can_follow(votes):
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("council_declined", D(2023, 8, 1), author=f"council:{A}", data={"party": A})
    # One member against: the others may still instruct (the TPA: any one member suffices;
    # the CEC: the two others make two-thirds).
    assert story.stage == Stage.AWAITING_COUNCIL
    assert verify_submission(story.case) is None  # the auditors' replay agrees
    with pytest.raises(RuleViolation) as refused:
        story.add("council_declined", D(2023, 8, 2), author=f"council:{A}", data={"party": A})
    assert refused.value.rule == "one vote per member"
    # Under CAFTA-DR, B's and four others' votes still leave one member who may instruct.
    *more, last = AGAINST[1:]
    for party in more:
        story.add(
            "council_declined", D(2023, 8, 3), author=f"council:{party}", data={"party": party}
        )
        assert story.stage == Stage.AWAITING_COUNCIL
    story.add("council_declined", D(2023, 8, 3), author=f"council:{last}", data={"party": last})
    assert (story.stage, story.case.closure_reason) == (Stage.CLOSED, "no_council_instruction")
    waiting = Deadline.objects.get(submission=story.case, kind="council_instruction")
    assert waiting.state != "open"
    assert verify_submission(story.case) is None


def test_an_instruction_before_the_votes_that_closed_the_case_reads_not_taken(
    monkeypatch, client, a_council
):
    # Walk 130: on the closed case, the docket still read "not yet (1 of the 2 members needed
    # so far)" under the first instruction, and the portal "Members who have so far: 1".
    _profile(monkeypatch, preparation_rule=EVERY_MEMBER)
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("council_instructed", D(2023, 8, 1), author=f"council:{A}", data={"party": A})
    assert story.stage == Stage.AWAITING_COUNCIL
    story.add("council_declined", D(2023, 8, 3), author=f"council:{B}", data={"party": B})
    assert story.stage == Stage.CLOSED
    page = html.unescape(Client().get(f"/en/docket/{story.case.slug}/").content.decode())
    assert "not taken: the case closed on 3 August 2023 with 1 of the" in page
    assert "not yet (" not in page
    client.force_login(a_council)
    portal = client.get(reverse("council_case", kwargs={"pk": story.case.pk})).content.decode()
    assert "Members who have so far" not in portal


def test_under_two_thirds_of_two_one_vote_against_decides(monkeypatch):
    _profile(monkeypatch, preparation_rule=EVERY_MEMBER)
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("council_declined", D(2023, 8, 1), author=f"council:{B}", data={"party": B})
    assert story.stage == Stage.CLOSED


def test_a_member_votes_against_in_the_portal_and_the_submitters_are_told_at_the_close(
    votes, client, a_council, b_council, other_councils, officer, a_focal
):
    story = drive(Stage.AWAITING_COUNCIL)
    case = story.case
    decline = reverse("council_decline", kwargs={"pk": case.pk})
    instruct = reverse("council_instruct", kwargs={"pk": case.pk})
    page_url = reverse("council_case", kwargs={"pk": case.pk})
    with frozen(D(2023, 8, 1)):
        client.force_login(a_council)
        page = client.get(page_url).content.decode()
        assert decline in page and instruct in page
        form = client.get(decline).content.decode()
        assert "Vote against preparing a factual record" in form
        assert (
            client.post(decline, {"event_count": case.event_count, "confirm": "on"}).status_code
            == 302
        )
        case.refresh_from_db()
        assert case.stage == Stage.AWAITING_COUNCIL
        # Having voted, the member is offered neither another vote nor the instruction.
        page = client.get(page_url).content.decode()
        assert decline not in page and instruct not in page
        # Walk 38: the summary named the instructions alone; the vote is there too, and the
        # Secretariat is told of it as of a vote for.
        assert "voted against preparing a factual record on 1 August 2023." in page
        event = Event.objects.get(submission=case, kind="council_declined")
        assert (event.author, event.data["party"]) == (f"council:{A}", A)
        assert not Notice.objects.filter(event=event, message="case_closed").exists()
        assert Notice.objects.filter(event=event, message="vote_against_to_staff").exists()
        assert not Notice.objects.filter(event=event, message="council_declined_portal").exists()

        # B's vote, and (CAFTA-DR) the five others': the last closes the case.
        for member in [b_council, *other_councils][: len(AGAINST) - 1]:
            case.refresh_from_db()
            assert case.stage == Stage.AWAITING_COUNCIL
            client.force_login(member)
            assert (
                client.post(decline, {"event_count": case.event_count, "confirm": "on"}).status_code
                == 302
            )
    case.refresh_from_db()
    assert (case.stage, case.closure_reason) == (Stage.CLOSED, "no_council_instruction")
    closing = Event.objects.filter(submission=case, kind="council_declined").latest("seq")
    assert Notice.objects.filter(event=closing, message="case_closed").exists()
    # Walk 130: the other members and the Party concerned heard nothing of the close.
    told = set(
        Notice.objects.filter(event=closing, message="council_declined_portal").values_list(
            "recipient_email", flat=True
        )
    )
    closer = [b_council, *other_councils][len(AGAINST) - 2]
    council = [a_council, b_council, *other_councils]
    assert told == {m.email for m in council if m != closer} | {a_focal.email}
    from notices import emails

    for notice in Notice.objects.filter(event=closing, message="council_declined_portal"):
        _subject, text, _html = emails.render(notice)
        assert f"/portal/cases/{case.pk}/" in text, text  # each account's own portal


def test_members_letters_for_and_against_may_await_the_director_together(votes, officer):
    """A member's vote recorded from a letter is proposed to the Director; one for and one
    against may await together (a85c62d refuses two pending steps that each move the case,
    and a single vote may move nothing under the profile's rule)."""
    from django.core.files.base import ContentFile

    from workflow import services

    story = drive(Stage.AWAITING_COUNCIL)

    def letter():
        return services.DocumentInput(
            title="Carta", language="es", file=ContentFile(b"%PDF-1.4 carta", name="carta.pdf")
        )

    with frozen(D(2023, 8, 1)):
        for kind, member in (("council_instructed", A), ("council_declined", B)):
            services.record_event(
                story.case,
                kind,
                actor=officer,
                author=f"council:{member}",
                data={"party": member},
                documents_in=[letter()],
            )
    pending = Event.objects.filter(submission=story.case, kind="proposed").order_by("seq")
    assert [(e.data["proposal"]["kind"], e.data["proposal"]["party"]) for e in pending] == [
        ("council_instructed", A),
        ("council_declined", B),
    ]


def test_a_member_gives_each_instruction_once(a_council, officer, settings):
    """Walk 38: the workspace recorded Canada's member's paper instruction a second time (the
    portals never offered it), and the docket showed both. Refused now, and the workspace's
    form no longer offers that member; a further member's instruction is still taken."""
    settings.SEM_FOUR_EYES = False
    case = drive("awaiting_council").case
    with frozen(D(2023, 8, 1)):
        services.record_event(case, "council_instructed", actor=a_council, data={"party": A})
        case.refresh_from_db()
        form = action_form("council_instructed", case)
        assert A not in [value for value, _label in form.fields["party"].choices]
        assert B in [value for value, _label in form.fields["party"].choices]
        with pytest.raises(RuleViolation, match="already voted") as refused:
            services.record_event(
                case,
                "council_instructed",
                actor=officer,
                author=f"council:{A}",
                data={"party": A},
            )
        table_refusal = refused.value.rule
    assert table_refusal == "one vote per member"
    assert case.events.filter(kind="council_instructed").count() == 1


def test_a_vote_against_without_the_tick_records_nothing(votes, client, a_council):
    # Walk 83: an act of the Council recorded with one key press.
    case = drive(Stage.AWAITING_COUNCIL).case
    decline = reverse("council_decline", kwargs={"pk": case.pk})
    client.force_login(a_council)
    with frozen(D(2023, 8, 1)):
        response = client.post(decline, {"event_count": case.event_count})
    assert response.status_code == 200
    assert "Tick the box to confirm your vote against preparing a factual record." in response.text
    assert not Event.objects.filter(submission=case, kind="council_declined").exists()


def test_once_every_member_has_acted_the_workspace_offers_no_letter_of_theirs(
    a_council, b_council, other_councils, officer, client, settings
):
    """Walk 101: with every member's instruction or vote on record, the case page still offered
    "Council member's instruction — recorded from a letter", its Party list holding only "—"."""
    settings.SEM_FOUR_EYES = False
    case = drive("awaiting_council").case
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": case.pk})
    with frozen(D(2023, 8, 1)):
        assert 'id="action-council_instructed"' in client.get(url).content.decode()
        for member in (a_council, b_council, *other_councils):
            services.record_event(
                case,
                "council_instructed",
                actor=member,
                data={"party": access.party_of(member)},
            )
        page = client.get(url).content.decode()
    assert 'id="action-council_instructed"' not in page
    assert case.events.filter(kind="council_instructed").count() == 2 + len(OTHERS)
