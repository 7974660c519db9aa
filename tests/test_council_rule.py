"""The Council's decision rule as profile data (issue #18; workflow.council).

Under the US-Peru TPA one member's instruction is the Council's (Arts. 18.9.2, 18.9.7); NAAEC
asks for "a two-thirds vote" (Art. 15(2), 15(7)). These tests run the engine under the installed
profile with its rule replaced: by two-thirds (of the TPA's two members that is both, of the
CEC's three two, of CAFTA-DR's seven five), or by any one member.
"""

import dataclasses
import datetime
from fractions import Fraction

import pytest
from django.urls import reverse

from submissions import profiles
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import OTHERS, PROFILE, SLUG, A, B
from workflow import council
from workflow.chain import verify_submission
from workflow.exceptions import RuleViolation
from workflow.models import Deadline

pytestmark = pytest.mark.django_db

D = datetime.date

# Two-thirds of the installed profile's members: the TPA's 2 of 2, the CEC's 2 of 3,
# CAFTA-DR's 5 of 7.
TWO_THIRDS_NEEDED = {"us-peru-tpa": 2, "usmca-cec": 2, "cafta-dr": 5}[SLUG]
# The members who instruct under two-thirds, in order: B first, then A, then the others
# (CAFTA-DR's Costa Rica, Dominican Republic and El Salvador) until two-thirds is reached.
TWO_THIRDS_MEMBERS = (B, A, *OTHERS)[:TWO_THIRDS_NEEDED]


def _replace(monkeypatch, **values):
    """Run the installed profile with ``values`` replaced."""
    monkeypatch.setitem(profiles.PROFILES, SLUG, dataclasses.replace(PROFILE, **values))


@pytest.fixture
def two_thirds(monkeypatch):
    _replace(
        monkeypatch, preparation_rule=profiles.TWO_THIRDS, publication_rule=profiles.TWO_THIRDS
    )


@pytest.fixture
def any_one(monkeypatch):
    """The profile's rules with any one member's instruction the Council's (the TPA's own)."""
    _replace(
        monkeypatch,
        preparation_rule=dataclasses.replace(PROFILE.preparation_rule, share=Fraction(0)),
        publication_rule=dataclasses.replace(PROFILE.publication_rule, share=Fraction(0)),
    )


def test_the_rules_count_members():
    assert profiles.ANY_ONE_MEMBER.needed(2) == profiles.ANY_ONE_MEMBER.needed(7) == 1
    # NAAEC: two of the three members; of two members, both; of CAFTA-DR's seven, five.
    assert profiles.TWO_THIRDS.needed(3) == 2
    assert profiles.TWO_THIRDS.needed(2) == 2
    assert profiles.TWO_THIRDS.needed(7) == 5
    # The installed profile's: the TPA's any one member; the CEC's two of three.
    installed = {"us-peru-tpa": 1, "usmca-cec": 2, "cafta-dr": 1}[SLUG]
    assert council.needed("council_instructed") == installed
    assert council.needed("publication_instructed") == installed


def test_under_the_tpa_one_members_instruction_moves_the_case(any_one):
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("council_instructed", D(2023, 8, 1), author=f"council:{B}", data={"party": B})
    assert story.stage == Stage.FACTUAL_RECORD_PREPARATION


def test_under_two_thirds_the_case_waits_for_enough_members(two_thirds):
    story = drive(Stage.AWAITING_COUNCIL)
    story.add("council_instructed", D(2023, 8, 1), author=f"council:{B}", data={"party": B})
    # The same member again does not count twice.
    story.add("council_instructed", D(2023, 8, 3), author=f"council:{B}", data={"party": B})
    assert story.stage == Stage.AWAITING_COUNCIL
    # The auditors' replay of the history agrees that the case still waits.
    assert verify_submission(story.case) is None
    waiting = Deadline.objects.get(submission=story.case, kind="council_instruction")
    assert waiting.state == "open"
    assert not Deadline.objects.filter(submission=story.case, kind="draft_factual_record")

    # Under CAFTA-DR, A and two of the others still leave the case waiting.
    *more, last = TWO_THIRDS_MEMBERS[1:]
    for party in more:
        story.add(
            "council_instructed", D(2023, 8, 7), author=f"council:{party}", data={"party": party}
        )
        assert story.stage == Stage.AWAITING_COUNCIL
    story.add("council_instructed", D(2023, 8, 10), author=f"council:{last}", data={"party": last})
    assert story.stage == Stage.FACTUAL_RECORD_PREPARATION
    waiting.refresh_from_db()
    assert (waiting.state, waiting.met_on) == ("met", D(2023, 8, 10))
    draft = Deadline.objects.get(submission=story.case, kind="draft_factual_record")
    assert draft.start_on == D(2023, 8, 10)


def test_under_two_thirds_publication_waits_for_enough_members(two_thirds):
    story = drive(Stage.AWAITING_COUNCIL)
    for party in (A, B, *OTHERS)[:TWO_THIRDS_NEEDED]:
        story.add("council_instructed", author=f"council:{party}", data={"party": party})
    story.add("draft_submitted", D(2023, 10, 2))
    for party in (A, B, *OTHERS):
        story.add("draft_commented", author=f"party:{party}", data={"party": party})
    story.add("final_submitted", D(2023, 11, 17))
    # A first, then B, then (CAFTA-DR) three of the others: the last one's instruction counts.
    first, *more, last = (A, B, *OTHERS)[:TWO_THIRDS_NEEDED]
    story.add(
        "publication_instructed", D(2023, 11, 20), author=f"council:{first}", data={"party": first}
    )
    for party in more:
        story.add(
            "publication_instructed",
            D(2023, 11, 20),
            author=f"council:{party}",
            data={"party": party},
        )
    assert not Deadline.objects.filter(submission=story.case, kind="publication")
    with pytest.raises(RuleViolation):
        story.add("published", D(2023, 11, 21))
    story.add(
        "publication_instructed", D(2023, 11, 24), author=f"council:{last}", data={"party": last}
    )
    publication = Deadline.objects.get(submission=story.case, kind="publication")
    assert (publication.start_kind, publication.start_on) == (
        "publication_instructed",
        D(2023, 11, 24),
    )
    story.add("published", D(2023, 11, 27))
    assert story.stage == Stage.CLOSED
    assert verify_submission(story.case) is None


def test_the_portal_holds_back_a_members_second_instruction_and_offers_the_other(
    client, two_thirds, a_council, b_council, other_councils
):
    case = drive(Stage.AWAITING_COUNCIL).case
    page_url = reverse("council_case", kwargs={"pk": case.pk})
    instruct = reverse("council_instruct", kwargs={"pk": case.pk})
    with frozen(D(2023, 8, 1)):
        client.force_login(b_council)
        # Before any member has, the page says what the rule needs (walk 50: only after).
        page = " ".join(client.get(page_url).content.decode().split())
        assert (
            f"The Secretariat prepares a factual record once {TWO_THIRDS_NEEDED} members of the "
            "Council have instructed it. Members who have so far: 0." in page
        )
        assert (
            client.post(instruct, {"event_count": case.event_count, "confirm": "on"}).status_code
            == 302
        )
        case.refresh_from_db()
        assert case.stage == Stage.AWAITING_COUNCIL
        assert instruct not in client.get(page_url).content.decode()
        again = client.post(
            instruct, {"event_count": case.event_count, "confirm": "on"}, follow=True
        )
        assert "you have given this instruction" in again.content.decode()
        assert f"when {TWO_THIRDS_NEEDED} members have given it" in again.content.decode()
        client.force_login(a_council)
        page = " ".join(client.get(page_url).content.decode().split())
        assert instruct in page
        # The other member reads who instructed and that the rule still waits.
        assert (
            "Council member of the United States instructed the Secretariat to prepare a "
            "factual record on 1 August 2023." in page
        )
        assert (
            f"The Secretariat prepares a factual record once {TWO_THIRDS_NEEDED} members of the "
            "Council have instructed it. Members who have so far: 1." in page
        )
        assert (
            client.post(instruct, {"event_count": case.event_count, "confirm": "on"}).status_code
            == 302
        )
        # Under CAFTA-DR, three more members (Costa Rica's, the Dominican Republic's, El
        # Salvador's) before two-thirds is reached.
        for member in other_councils[: TWO_THIRDS_NEEDED - 2]:
            case.refresh_from_db()
            assert case.stage == Stage.AWAITING_COUNCIL
            client.force_login(member)
            assert (
                client.post(
                    instruct, {"event_count": case.event_count, "confirm": "on"}
                ).status_code
                == 302
            )
        page = " ".join(client.get(page_url).content.decode().split())
        assert "Members who have so far" not in page
    case.refresh_from_db()
    assert case.stage == Stage.FACTUAL_RECORD_PREPARATION
