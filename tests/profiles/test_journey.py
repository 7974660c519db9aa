"""One case through the whole process under the installed profile (issue #18).

``make test`` runs this folder under each profile: the default, ``usmca-cec`` and ``cafta-dr``
(SEM_PROCEDURE; see the Makefile). Each profile's expected identifiers, stages and due dates
are written out below, literally, from its treaty's periods and its seat's calendar; a new
profile needs its own column before this passes.
"""

import datetime

import pytest

from submissions import profiles
from submissions.models import Submission
from submissions.stages import Stage
from tests.factories import file_case
from tests.helpers_cases import Story
from workflow import council
from workflow.chain import verify_submission
from workflow.models import Deadline

pytestmark = pytest.mark.django_db

D = datetime.date

# The path's dates (a Friday's filing), and what each profile makes of them.
FILED_ON = D(2023, 3, 10)
EXPECTED = {
    "us-peru-tpa": {
        "identifier": "SEM/PE/001/2023",
        # Two determinations (Arts. 18.8.2 and 18.8.4); the Party's 45 days (18.8.5) from the
        # request of Thursday 6 April 2023: Sunday 21 May, moved to Monday 22 May.
        "combined": False,
        "party_response_due": D(2023, 5, 22),
        # Any one Council member instructs (18.9.2, 18.9.7).
        "members_needed": 1,
        # One comment period per Party, 45 days from Monday 2 October 2023 (18.9.5).
        "comments_due": {"PE": D(2023, 11, 16), "US": D(2023, 11, 16)},
        # 60 days from the instruction of Thursday 16 November 2023 (18.9.7; it follows the
        # final record): Monday 15 January 2024, Martin Luther King Jr. Day at the seat
        # (Washington, D.C.), so Tuesday 16 January.
        "publication_due": D(2024, 1, 16),
    },
    "usmca-cec": {
        # One sequence across the three Parties, two-digit year [registry: SEM-20-001].
        "identifier": "SEM-23-001",
        # One determination of both findings [practice]; 60 days from Thursday 6 April 2023
        # (USMCA 24.27(4), not verified): Monday 5 June 2023.
        "combined": True,
        "party_response_due": D(2023, 6, 5),
        # Two of the three members (NAAEC 15(2) and 15(7); USMCA not verified).
        "members_needed": 2,
        "comments_due": {"CA": D(2023, 11, 16), "MX": D(2023, 11, 16), "US": D(2023, 11, 16)},
        # 60 days from the second member's instruction, Friday 17 November 2023: Tuesday 16
        # January 2024 (the first one's alone opens no period).
        "publication_due": D(2024, 1, 16),
    },
    "cafta-dr": {
        # One sequence across the seven Parties, two-digit year [registry: CAALA-11-005].
        "identifier": "CAALA/23/001",
        # Two determinations (Arts. 17.7.2 and 17.7.4); the Party's 45 days (17.7.5) from
        # Thursday 6 April 2023: Sunday 21 May, moved to Monday 22 May (no holiday in Guatemala).
        "combined": False,
        "party_response_due": D(2023, 5, 22),
        # Any one Council member, "by a vote of any Party" (17.8.2, 17.8.7).
        "members_needed": 1,
        # One comment period per Party, 45 days from Monday 2 October 2023 (17.8.5).
        "comments_due": {
            code: D(2023, 11, 16) for code in ("CR", "DO", "SV", "GT", "HN", "NI", "US")
        },
        # 60 days from the instruction of Thursday 16 November 2023 (17.8.7): Monday 15
        # January 2024, a working day in Guatemala City (Martin Luther King Jr. Day is not).
        "publication_due": D(2024, 1, 15),
    },
}


@pytest.fixture
def expected():
    slug = profiles.installed_slug()
    assert slug in EXPECTED, f"write the expected journey of profile {slug} here"
    return EXPECTED[slug]


def deadlines(case, kind):
    return {d.party: d for d in Deadline.objects.filter(submission=case, kind=kind)}


def test_a_case_goes_from_filing_to_publication(expected):
    procedure = profiles.installed()
    concerned = procedure.codes[0]
    story = Story(file_case(on=FILED_ON, party=concerned), FILED_ON)
    story.add("acknowledged", D(2023, 3, 13))
    assert story.case.identifier == expected["identifier"]
    assert Submission.objects.get(pk=story.case.pk).procedure == procedure.slug

    criteria, factors = procedure.texts_for(FILED_ON)
    found = {letter: {"met": True, "reasons": f"({letter}) is met."} for letter in criteria}
    weighed = {letter: {"met": letter in "ab", "reasons": f"({letter})."} for letter in factors}
    if expected["combined"]:
        story.add(
            "response_decided",
            D(2023, 4, 6),
            data={"outcome": "request", "criteria": found, "factors": weighed},
        )
        assert deadlines(story.case, "admissibility")[""].state == "met"
    else:
        story.add(
            "admissibility_determined", D(2023, 3, 31), data={"outcome": "meets", "criteria": found}
        )
        assert story.stage == Stage.RESPONSE_DECISION
        story.add(
            "response_decided", D(2023, 4, 6), data={"outcome": "request", "factors": weighed}
        )
    assert story.stage == Stage.AWAITING_RESPONSE
    assert deadlines(story.case, "party_response")[""].due_on == expected["party_response_due"]

    story.add("party_responded", D(2023, 5, 15), author=f"party:{concerned}")
    story.add("factual_record_notified", D(2023, 7, 14), data={"outcome": "warranted"})
    assert story.stage == Stage.AWAITING_COUNCIL

    # The Council's members instruct one by one until its rule is reached.
    needed = expected["members_needed"]
    assert procedure.preparation_rule.needed(len(procedure.parties)) == needed
    for count, member in enumerate(procedure.codes[:needed], start=1):
        story.add(
            "council_instructed",
            D(2023, 8, count),
            author=f"council:{member}",
            data={"party": member},
        )
        assert story.stage == (
            Stage.FACTUAL_RECORD_PREPARATION if count == needed else Stage.AWAITING_COUNCIL
        )
    assert council.decides(council.facts_of(story.case), "council_instructed")

    story.add("draft_submitted", D(2023, 10, 2))
    assert story.stage == Stage.DRAFT_COMMENT_PERIOD
    comments = deadlines(story.case, "draft_comments")
    assert {party: d.due_on for party, d in comments.items()} == expected["comments_due"]
    for day, party in enumerate(procedure.codes, start=10):
        story.add(
            "draft_commented", D(2023, 10, day), author=f"party:{party}", data={"party": party}
        )
    assert {d.state for d in deadlines(story.case, "draft_comments").values()} == {"met"}
    story.add("final_submitted", D(2023, 11, 15))
    assert story.stage == Stage.FINAL_FACTUAL_RECORD

    # Publication waits for the Council's rule too: no period runs before it is reached.
    members = list(reversed(procedure.codes))[:needed]
    for count, member in enumerate(members, start=1):
        assert not deadlines(story.case, "publication")
        story.add(
            "publication_instructed",
            D(2023, 11, 15 + count),
            author=f"council:{member}",
            data={"party": member},
        )
    assert deadlines(story.case, "publication")[""].due_on == expected["publication_due"]
    story.add("published", D(2023, 12, 1))
    assert (story.stage, story.case.closure_reason) == (Stage.CLOSED, "factual_record_published")
    assert verify_submission(story.case) is None  # the auditors' replay agrees


def test_the_partys_response_period_is_the_profiles_with_its_extension(expected):
    procedure = profiles.installed()
    story = Story(file_case(on=FILED_ON, party=procedure.codes[-1]), FILED_ON)
    story.add("acknowledged", D(2023, 3, 13))
    criteria, factors = procedure.texts_for(FILED_ON)
    found = {letter: {"met": True, "reasons": "Met."} for letter in criteria}
    weighed = {letter: {"met": True, "reasons": "Yes."} for letter in factors}
    if not expected["combined"]:
        story.add(
            "admissibility_determined", D(2023, 3, 31), data={"outcome": "meets", "criteria": found}
        )
        found = None
    data = {"outcome": "request", "factors": weighed} | ({"criteria": found} if found else {})
    story.add("response_decided", D(2023, 4, 6), data=data)
    story.add("extension_notified", D(2023, 4, 20), author=f"party:{procedure.codes[-1]}")
    extended = deadlines(story.case, "party_response")[""]
    assert (extended.due_on - D(2023, 4, 6)).days >= procedure.extension_for(FILED_ON)
    assert (extended.due_on - D(2023, 4, 6)).days - procedure.extension_for(FILED_ON) <= 3


def test_a_member_recorded_twice_counts_once(expected):
    procedure = profiles.installed()
    if expected["members_needed"] == 1:
        pytest.skip("this profile's Council acts by any one member")
    story = Story(file_case(on=FILED_ON, party=procedure.codes[0]), FILED_ON)
    story.add("acknowledged", D(2023, 3, 13))
    story.add("unrecorded_steps", D(2023, 7, 14), data={"stage": "awaiting_council"})
    first, second = procedure.codes[1], procedure.codes[2]
    for day in (1, 2):
        story.add(
            "council_instructed", D(2023, 8, day), author=f"council:{first}", data={"party": first}
        )
        assert story.stage == Stage.AWAITING_COUNCIL
    assert not Deadline.objects.filter(submission=story.case, kind="draft_factual_record")
    story.add(
        "council_instructed", D(2023, 8, 3), author=f"council:{second}", data={"party": second}
    )
    assert story.stage == Stage.FACTUAL_RECORD_PREPARATION
    preparation = Deadline.objects.get(submission=story.case, kind="draft_factual_record")
    assert preparation.start_on == D(2023, 8, 3)
    assert verify_submission(story.case) is None
