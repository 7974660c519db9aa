"""The transition table of REGISTRY-FORMAT.md, checked against a hand-written copy of it.

Acceptance: a test holds a hand-written list of the legal (stage, event kind) pairs copied from
REGISTRY-FORMAT.md and checks that exactly those are accepted and every other pair is refused.
Every event kind and every stage is reached by at least one test.

``LEGAL`` below is copied from the table in REGISTRY-FORMAT.md by hand, not derived from
``workflow.table``: if the two disagree, one of them is wrong.
"""

import contextlib
import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from submissions import access
from submissions.models import Document
from tests.factories import file_case
from tests.helpers_cases import ALL_MET, D, Story, drive, file_story, frozen
from tests.parties import CRITERIA, OTHERS, SLUG, A, B, council_members, members_needed
from workflow import chain, services, table
from workflow.deadlines import explain
from workflow.exceptions import InvalidInput, NotAllowed, RuleViolation
from workflow.models import Deadline, Event
from workflow.registry import export_registry

# --- The spec, by hand ---------------------------------------------------------------------------

AR = "admissibility_review"
AV = "awaiting_revision"
RD = "response_decision"
AW = "awaiting_response"
FD = "factual_record_decision"
AC = "awaiting_council"
FP = "factual_record_preparation"
DC = "draft_comment_period"
FF = "final_factual_record"
CL = "closed"

STAGES = (AR, AV, RD, AW, FD, AC, FP, DC, FF, CL)
OPEN = {AR, AV, RD, AW, FD, AC, FP, DC, FF}  # "open" = any stage but CL
ANY = set(STAGES)

# kind -> the stages it is allowed in, as REGISTRY-FORMAT.md's "allowed in" column says.
ALLOWED_IN = {
    "filed": {""},  # first event only ("" = the case has no event yet)
    "acknowledged": OPEN,
    "form_errors_noted": {AR},
    "admissibility_determined": {AR},
    "revision_filed": {AV},
    "response_decided": {RD},
    "request_delivered": {AW},
    "extension_notified": {AW},
    "party_responded": {AW, FD, AC, FP, DC, FF, CL},
    "factual_record_notified": {FD, AW},
    "council_instructed": {AC, FP, DC, FF},
    "information_called": {FP, DC},
    "information_submitted": {FP, DC},
    "draft_submitted": {FP},
    "draft_commented": {DC, FF},
    "final_submitted": {DC},
    "publication_instructed": {AC, FP, DC, FF},
    "published": {FF},
    "recommendation_made": {FF, CL},
    "submitters_joined": OPEN,
    "information_added": OPEN,
    "identity_withheld": ANY,
    "correspondence": ANY,
    "assigned": OPEN,
    "proposed": OPEN | {CL},  # "open (or CL for a reopening)"
    "returned": OPEN | {CL},
    "visibility_changed": ANY,
    "deadline_missed_explained": OPEN,
    "deadlines_recomputed": OPEN,
    "withdrawn": OPEN,
    "closed": {AV, AR, FD, AC},
    "reopened": {CL},
    "unrecorded_steps": OPEN,  # import only
    # Ours, under every profile (docs/registry-extensions.md): one co-filer leaves (walk 141).
    "submitter_left": OPEN,
}
# What the installed profile adds to the registry format's table (docs/profiles.md): the CEC's
# combined determination (response_decided from admissibility review) and a Council member's
# vote against a factual record (council_declined, in awaiting the Council) and consolidation
# (consolidated, before the Council is notified); CAFTA-DR's combined determination and errata
# (erratum, in any stage).
PROFILE_ADDS = {
    "us-peru-tpa": {},
    "usmca-cec": {
        "response_decided": {AR},
        "council_declined": {AC},
        "consolidated": {AR, RD, AW, FD},
        # The Party's supplemental information after its response (SEM-04-005).
        "party_information_added": {FD, AC, FP, DC, FF},
    },
    "cafta-dr": {"response_decided": {AR}, "erratum": ANY},
}[SLUG]
for _kind, _stages in PROFILE_ADDS.items():
    ALLOWED_IN[_kind] = ALLOWED_IN.get(_kind, set()) | _stages
LEGAL = {(stage, kind) for kind, stages in ALLOWED_IN.items() for stage in stages}
KINDS = tuple(ALLOWED_IN)

# Legal pairs no history can satisfy: in FP and DC no Secretariat decision of the registry
# format is legal, so nothing can be proposed there (see
# test_nothing_can_be_proposed_while_preparing_the_record) unless the profile has a decision of
# its own legal in every stage (CAFTA-DR's erratum).
# In FF no open stage is later, so a legacy history's unrecorded steps cannot lead anywhere.
PROPOSED_WHILE_PREPARING = {"us-peru-tpa": (), "usmca-cec": (), "cafta-dr": ("erratum",)}[SLUG]
UNSATISFIABLE = {(FF, "unrecorded_steps")} | (
    set() if PROPOSED_WHILE_PREPARING else {(FP, "proposed"), (DC, "proposed")}
)

# --- Each profile's values, written out ----------------------------------------------------------

# The first case of 2023, concerning Party A (every case below is one).
ID = {"us-peru-tpa": "SEM/PE/001/2023", "usmca-cec": "SEM-23-001", "cafta-dr": "CAALA/23/001"}[SLUG]
# The Party's response period from the request of Sunday 7 May 2023 (drive's): TPA 45 days →
# Wednesday 21 June 2023; CEC 60 days → Thursday 6 July 2023; CAFTA-DR 45 days → Wednesday
# 21 June 2023 (no holiday in Guatemala). The first day after it:
RESPONSE_PAST = {
    "us-peru-tpa": D(2023, 6, 22),
    "usmca-cec": D(2023, 7, 7),
    "cafta-dr": D(2023, 6, 22),
}[SLUG]
# Extended on notice: TPA 60 days → Thursday 6 July 2023; CEC 90 days → Saturday 5 August 2023,
# so Monday 7 August; CAFTA-DR 60 days → Thursday 6 July 2023 (Guatemala's 3 July is earlier).
EXTENDED = {
    "us-peru-tpa": (60, D(2023, 7, 6)),
    "usmca-cec": (90, D(2023, 8, 7)),
    "cafta-dr": (60, D(2023, 7, 6)),
}[SLUG]
# The Parties with a period to comment on the draft.
COMMENTERS = {
    "us-peru-tpa": ["PE", "US"],
    "usmca-cec": ["CA", "MX", "US"],
    "cafta-dr": ["CR", "DO", "GT", "HN", "NI", "SV", "US"],
}[SLUG]


def instruct(story, members, on=None, kind="council_instructed"):
    """The Council member of each Party in ``members`` instructs (``on``, or each a day after
    the last event)."""
    for member in members:
        event = story.add(kind, on, author=f"council:{member}", data={"party": member})
    return event


def others(kind="council_instructed"):
    """As many members as the Council's rule needs, B's first and A's last (drive's first): the
    TPA's United States; the CEC's United States and Canada."""
    return ((B,) + OTHERS + (A,))[: members_needed(kind)]


# A member who has not instructed on drive's path (drive's are council_members()).
FURTHER = next(code for code in (B,) + OTHERS if code not in council_members())


def test_the_table_matches_the_spec():
    assert table.legal_pairs() == LEGAL
    assert set(table.EVENT_KINDS) == set(KINDS)


def test_every_stage_and_kind_is_in_the_spec_list():
    assert {stage for stage, _kind in LEGAL} - {""} == set(STAGES)
    # Counted by hand from the table (and the CEC's eleven additions: the combined
    # determination, a vote against, consolidation in four stages, supplemental information in
    # five; CAFTA-DR's eleven: the combined determination and an erratum in each of the ten
    # stages).
    assert len(LEGAL) == {"us-peru-tpa": 171, "usmca-cec": 182, "cafta-dr": 182}[SLUG]


# --- Every other pair is refused -----------------------------------------------------------------


@pytest.mark.parametrize("stage", STAGES)
def test_every_illegal_kind_is_refused_in_each_stage(db, stage):
    story = drive(stage)
    assert story.stage == stage
    count = story.case.event_count
    illegal = [kind for kind in KINDS if (stage, kind) not in LEGAL]
    assert illegal  # every stage refuses something
    for kind in illegal:
        with pytest.raises(RuleViolation) as refused:
            story.add(kind, data={"outcome": "meets", "reason": "x", "party": A})
        if kind == "filed":
            assert refused.value.rule == "filed: first event only"
            assert str(refused.value) == "A case is filed only once, as its first event."
        else:
            assert refused.value.rule == f"{kind} not allowed in {stage}", kind
            assert "cannot be recorded while the case is in" in str(refused.value)
        story.case.refresh_from_db()
        assert story.case.event_count == count, kind
        assert Event.objects.filter(submission=story.case).count() == count, kind
        assert story.stage == stage


# --- Every legal pair is accepted (where its conditions can be met) ------------------------------

# kind -> (how to record it on a case in a stage: returns the stage expected after,
#          the options of ``drive`` for the case it needs).
RECIPES = {}


def recipe(kind, options=lambda stage: {}):
    def register(fn):
        RECIPES[kind] = (fn, options)
        return fn

    return register


def _propose(story, stage):
    """A proposal of the one decision that is legal in ``stage`` on the usual path."""
    proposals = {
        AR: ({"kind": "admissibility_determined", "outcome": "meets", "criteria": ALL_MET}, None),
        AV: ({"kind": "closed", "reason": "not_admissible"}, None),
        RD: ({"kind": "response_decided", "outcome": "request"}, None),
        AW: ({"kind": "factual_record_notified", "outcome": "warranted"}, RESPONSE_PAST),
        FD: ({"kind": "factual_record_notified", "outcome": "not_warranted"}, None),
        AC: ({"kind": "closed", "reason": "no_council_instruction"}, D(2023, 9, 13)),
        FF: ({"kind": "published"}, None),
        # drive(CL) withdrew the case while the response was awaited.
        CL: ({"kind": "reopened", "to_stage": AW, "reason": "New facts."}, None),
    }
    if stage in (FP, DC):
        # A profile's own decision legal in every stage (CAFTA-DR's erratum of drive's
        # admissibility determination, the case's D1).
        (kind,) = PROPOSED_WHILE_PREPARING
        determination = story.case.events.get(code=f"{story.case.identifier}/D1")
        proposals[stage] = ({"kind": kind, "corrects": determination.seq - 1}, None)
    proposal, on = proposals[stage]
    if stage == FF:
        instruct(story, others("publication_instructed"), kind="publication_instructed")
    return story.add("proposed", on, data={"proposal": proposal})


@recipe("acknowledged", lambda stage: {"acknowledged": False})
def _acknowledged(story, stage):
    assert story.case.registered_on is None
    story.add("acknowledged")
    assert story.case.registered_on == story.on
    assert story.case.identifier == ID
    return stage


@recipe("form_errors_noted")
def _form_errors_noted(story, stage):
    story.add("form_errors_noted")
    return stage


@recipe("admissibility_determined")
def _admissibility_determined(story, stage):
    story.add("admissibility_determined", data={"outcome": "meets", "criteria": ALL_MET})
    assert Deadline.objects.get(submission=story.case, kind="admissibility").state == "met"
    assert Deadline.objects.get(submission=story.case, kind="response_decision").state == "open"
    return RD


@recipe("revision_filed")
def _revision_filed(story, stage):
    story.add("revision_filed", author="submitter")
    assert Deadline.objects.get(submission=story.case, kind="revision").state == "met"
    return AR


@recipe("response_decided")
def _response_decided(story, stage):
    # From admissibility review: a profile's combined determination, every criterion found met.
    criteria = {"criteria": ALL_MET} if stage == AR else {}
    story.add("response_decided", data={"outcome": "request", **criteria})
    return AW


@recipe("request_delivered")
def _request_delivered(story, stage):
    story.add("request_delivered")
    return stage


@recipe("extension_notified")
def _extension_notified(story, stage):
    story.add("extension_notified", author=f"party:{A}")
    assert Deadline.objects.get(submission=story.case, kind="party_response").length == EXTENDED[0]
    return stage


@recipe("party_responded")
def _party_responded(story, stage):
    story.add("party_responded", author=f"party:{A}", data={"pending_proceeding": False})
    return FD if stage == AW else stage


@recipe("factual_record_notified")
def _factual_record_notified(story, stage):
    # In AW only once the response period (TPA: due 21 June 2023) has passed.
    on = RESPONSE_PAST if stage == AW else None
    event = story.add("factual_record_notified", on, data={"outcome": "warranted"})
    assert event.code == f"{ID}/N"
    return AC


@recipe("council_instructed")
def _council_instructed(story, stage):
    # In AC the instructions the Council's rule needs (the last one moves the case); later, one
    # more member's.
    instruct(story, others() if stage == AC else (FURTHER,))
    return FP if stage == AC else stage


@recipe("information_called")
def _information_called(story, stage):
    story.add("information_called")
    return stage


@recipe("information_submitted")
def _information_submitted(story, stage):
    story.add("information_called")
    event = story.add(
        "information_submitted",
        author="public",
        data={"name": "A. Person", "email": "a@example.org"},
    )
    assert event.visibility == "secretariat"
    return stage


@recipe("draft_submitted")
def _draft_submitted(story, stage):
    story.add("draft_submitted")
    assert (
        sorted(
            Deadline.objects.filter(submission=story.case, kind="draft_comments").values_list(
                "party", flat=True
            )
        )
        == COMMENTERS
    )
    return DC


@recipe("draft_commented")
def _draft_commented(story, stage):
    story.add("draft_commented", author=f"party:{A}", data={"party": A})
    return stage


@recipe("final_submitted")
def _final_submitted(story, stage):
    for party in (A, B) + OTHERS:
        story.add("draft_commented", author=f"party:{party}", data={"party": party})
    story.add("final_submitted")
    return FF


@recipe("publication_instructed")
def _publication_instructed(story, stage):
    instruct(story, (A,), kind="publication_instructed")
    return stage


@recipe("published")
def _published(story, stage):
    instruct(story, council_members("publication_instructed"), kind="publication_instructed")
    story.add("published")
    assert story.case.closure_reason == "factual_record_published"
    assert Deadline.objects.get(submission=story.case, kind="publication").state == "met"
    return CL


@recipe("recommendation_made", lambda stage: {"base": FF} if stage == CL else {})
def _recommendation_made(story, stage):
    # Art. 18.9.8: on a final factual record, so in CL a case closed by its publication.
    if stage == CL:
        _published(story, FF)
    story.add("recommendation_made", author=f"council:{A}", data={"party": A})
    return stage


def test_a_recommendation_follows_a_final_factual_record(db, officer):
    """Walk 113: offered, and taken, on a case closed as not admissible."""
    story = drive(CL)  # withdrawn while the response was awaited
    with pytest.raises(RuleViolation) as refused:
        story.add("recommendation_made", author=f"council:{A}", data={"party": A})
    assert refused.value.rule == "Art. 18.9.8: after final_submitted"
    offered = {a.kind for a in services.available_actions(story.case, officer)}
    assert "recommendation_made" not in offered and "correspondence" in offered


@recipe("submitters_joined")
def _submitters_joined(story, stage):
    story.add(
        "submitters_joined",
        data={
            "submitters": [
                {
                    "name": "Comunidad Nativa",
                    "kind": "organization",
                    "country": A,
                    "confidential": False,
                }
            ]
        },
    )
    assert story.case.memberships.count() == 2
    return stage


@recipe("submitter_left")
def _submitter_left(story, stage):
    # Ours: one co-filer leaves, the others go on (the recipe's case has one: one joins).
    _submitters_joined(story, stage)
    story.add("submitter_left", author="submitter", data={"submitter": 1})
    assert story.case.memberships.get(position=1).token_revoked_at is not None
    return stage


@recipe("information_added")
def _information_added(story, stage):
    event = story.add("information_added", author="submitter")
    assert event.visibility == "submitter"
    return stage


@recipe("identity_withheld")
def _identity_withheld(story, stage):
    story.add("identity_withheld", author="submitter", data={"submitter": 0})
    assert story.case.memberships.get().submitter.confidential
    return stage


@recipe("correspondence")
def _correspondence(story, stage):
    story.add("correspondence")
    return stage


@recipe("assigned")
def _assigned(story, stage):
    story.add("assigned", data={"officer": "officer"})
    return stage


@recipe("proposed")
def _proposed(story, stage):
    event = _propose(story, stage)
    assert event.visibility == "secretariat"
    return stage


# Nothing can be proposed in FP or DC, but a proposal made in AC is still pending after the
# Council's instruction moved the case on, and the Director may return it there.
@recipe("returned", lambda stage: {"base": AC} if stage in (FP, DC) else {})
def _returned(story, stage):
    if stage in (FP, DC):
        proposal = _propose(story, AC)
        instruct(story, council_members())
        if stage == DC:
            story.add("draft_submitted")
    else:
        proposal = _propose(story, stage)
    event = story.add(
        "returned",
        data={
            "proposal_event": proposal.seq - 1,  # 0-based index
            "comment": "Redo.",
        },
    )
    assert event.proposal == proposal
    return stage


@recipe("visibility_changed")
def _visibility_changed(story, stage):
    letter = story.add(
        "correspondence",
        documents_in=[
            services.DocumentInput(
                title="Carta", language="es", file=ContentFile(b"%PDF-1.4 letter", name="carta.pdf")
            )
        ],
    )
    story.add(
        "visibility_changed",
        data={
            "document": [letter.seq - 1, 0],
            "from": "public",
            "to": "parties",
            "reason": "Personal data.",
        },
    )
    assert Document.objects.get(event=letter).visibility == "parties"
    return stage


@recipe("deadline_missed_explained")
def _deadline_missed_explained(story, stage):
    story.add(
        "deadline_missed_explained", data={"deadline": "admissibility", "reason": "Staff shortage."}
    )
    return stage


@recipe("deadlines_recomputed")
def _deadlines_recomputed(story, stage):
    story.add("deadlines_recomputed", data={"reason": "Calendar changed."})
    return stage


@recipe("withdrawn")
def _withdrawn(story, stage):
    story.add("withdrawn", author="submitter")
    if stage in (FP, DC, FF):
        # After the Council's instruction the case goes on (Art. 18.9.2, 18.9.7).
        assert story.case.closure_reason == ""
        return stage
    assert story.case.closure_reason == "withdrawn"
    assert not Deadline.objects.filter(submission=story.case, state="open").exists()
    return CL


CLOSURE_REASONS = {
    AV: "not_admissible",
    AR: "not_a_submission",
    FD: "pending_proceeding",
    AC: "no_council_instruction",
}


@recipe("closed", lambda stage: {"acknowledged": stage != AR, "pending_proceeding": stage == FD})
def _closed(story, stage):
    # no_council_instruction only once the 60 days from the notification (14 July) have passed.
    on = D(2023, 9, 13) if stage == AC else None
    story.add("closed", on, data={"reason": CLOSURE_REASONS[stage]})
    assert story.case.closure_reason == CLOSURE_REASONS[stage]
    return CL


def _council_declined(story, stage):
    # One member against: the others can still reach the Council's rule, so the case waits.
    story.add("council_declined", author=f"council:{A}", data={"party": A})
    return stage


if "council_declined" in ALLOWED_IN:  # a profile's step (the CEC's)
    recipe("council_declined")(_council_declined)


def _erratum(story, stage):
    # An erratum corrects a decision with a document code: the admissibility determination
    # (in admissibility review, the one the revision answered: drive's does_not_meet, then the
    # revision). The stage does not change and the corrected decision is kept.
    if stage == AR:
        story.add("revision_filed", author="submitter")
    determination = (
        Event.objects.filter(submission=story.case, kind="admissibility_determined")
        .order_by("seq")
        .last()
    )
    code = f"{story.case.identifier}/D1"
    assert determination.code == code
    story.add("erratum", data={"corrects": determination.seq - 1}, note="Fecha corregida.")
    determination.refresh_from_db()
    assert (determination.kind, determination.code) == ("admissibility_determined", code)
    return stage


def _consolidated(story, stage):
    # With an earlier open case about the same Party (filed before drive's 10 March 2023); the
    # stage does not change, the two become related.
    earlier = Story(file_case(on=D(2023, 3, 1), party=story.case.party.code), D(2023, 3, 1))
    earlier.add("acknowledged", D(2023, 3, 2))
    story.add("consolidated", data={"with": earlier.case.identifier}, note="Mismos hechos.")
    assert story.case.related.filter(pk=earlier.case.pk).exists()
    return stage


if "consolidated" in ALLOWED_IN:  # a profile's step (the CEC's)
    recipe("consolidated")(_consolidated)


def _party_information_added(story, stage):
    # After the Party's response (drive's, in every stage from FD): no stage, no deadline moves.
    before = sorted(Deadline.objects.filter(submission=story.case).values_list("kind", "due_on"))
    story.add("party_information_added", author=f"party:{A}", note="Actualización.")
    after = sorted(Deadline.objects.filter(submission=story.case).values_list("kind", "due_on"))
    assert after == before
    return stage


if "party_information_added" in ALLOWED_IN:  # a profile's step (the CEC's)
    recipe("party_information_added")(_party_information_added)


if "erratum" in ALLOWED_IN:  # a profile's step (CAFTA-DR's)
    recipe("erratum", lambda stage: {"base": AV} if stage == AR else {})(_erratum)


@recipe("unrecorded_steps")
def _unrecorded_steps(story, stage):
    later = list(OPEN_ORDER)[list(OPEN_ORDER).index(stage) + 1]
    story.add("unrecorded_steps", data={"stage": later})
    # No deadline is opened for the steps skipped nor for the stage reached.
    opened = Deadline.objects.filter(submission=story.case, start_event__kind="unrecorded_steps")
    assert not opened.exists()
    assert (
        not Deadline.objects.filter(submission=story.case, state="open")
        .exclude(kind="acknowledgement")
        .exists()
    )
    return later


OPEN_ORDER = (AR, AV, RD, AW, FD, AC, FP, DC, FF)


@recipe("reopened")
def _reopened(story, stage):
    story.add("reopened", data={"to_stage": AW, "reason": "The withdrawal was a mistake."})
    assert story.case.closure_reason == ""
    assert (
        Deadline.objects.get(submission=story.case, kind="party_response", state="open").start_kind
        == "reopened"
    )
    return AW


SATISFIABLE = sorted(pair for pair in LEGAL - UNSATISFIABLE if pair[1] != "filed")


@contextlib.contextmanager
def fresh(story):
    """Run a step on ``story`` in a savepoint that is rolled back afterwards, so that each
    attempt starts from the same fresh case (building a case per pair would be slower)."""
    on = story.on
    try:
        with transaction.atomic():
            yield story
            transaction.set_rollback(True)
    finally:
        story.on = on
        story.case.refresh_from_db()


@pytest.mark.parametrize("stage", STAGES)
def test_every_legal_kind_is_recorded_in_each_stage(db, stage):
    stories = {}
    failures = {}
    kinds = [kind for pair_stage, kind in SATISFIABLE if pair_stage == stage]
    for kind in kinds:
        fn, options = RECIPES[kind]
        options = options(stage)
        key = tuple(sorted(options.items()))
        if key not in stories:
            stories[key] = drive(options.pop("base", stage), **options)
        with fresh(stories[key]) as story:
            try:
                expected = fn(story, stage)
                event = story.case.events.order_by("seq").last()
                assert event.kind == kind
                assert (event.stage_before, event.stage_after) == (stage, expected)
                assert story.stage == expected
                assert story.case.event_count == event.seq
                assert chain.verify_submission(story.case) is None
            except Exception as error:  # noqa: BLE001 - report every failing pair at once
                failures[kind] = repr(error)
    assert failures == {}
    assert len(kinds) == len(ALLOWED_IN) - sum(
        1
        for kind, stages in ALLOWED_IN.items()
        if stage not in stages or (stage, kind) in UNSATISFIABLE
    )


def test_every_kind_is_recorded_somewhere():
    assert set(RECIPES) | {"filed"} == set(KINDS)
    assert {kind for _stage, kind in SATISFIABLE} | {"filed"} == set(KINDS)


def test_filed_opens_the_case(db):
    case = file_case(on=D(2023, 3, 10))
    event = case.events.get()
    assert (event.kind, event.stage_before, event.stage_after) == ("filed", "", AR)
    assert set(case.deadlines.values_list("kind", flat=True)) == {
        "acknowledgement",
        "admissibility",
    }
    assert case.registered_on is None and case.identifier is None


def test_nothing_can_be_proposed_while_preparing_the_record(db):
    story = drive(FP)
    for kind in sorted(table.DECISION_KINDS - set(PROPOSED_WHILE_PREPARING)):
        with pytest.raises(RuleViolation):
            story.add(
                "proposed",
                data={
                    "proposal": {"kind": kind, "outcome": "meets", "reason": "x", "to_stage": AR}
                },
            )


# --- Outcomes that take another branch -----------------------------------------------------------


def test_admissibility_does_not_meet_awaits_a_revision(db):
    story = drive(AR)
    event = story.add("admissibility_determined", data={"outcome": "does_not_meet"})
    assert event.code == f"{ID}/D1"
    assert story.stage == AV
    assert Deadline.objects.get(submission=story.case, kind="revision").state == "open"


def test_revision_returns_to_review_and_a_second_determination_is_d2(db):
    story = drive(AV)
    story.add("revision_filed", author="submitter")
    assert (
        Deadline.objects.filter(submission=story.case, kind="admissibility", state="open").count()
        == 1
    )
    event = story.add("admissibility_determined", data={"outcome": "meets", "criteria": ALL_MET})
    assert (event.code, story.stage) == (f"{ID}/D2", RD)


def test_no_request_closes_the_case(db):
    story = drive(RD)
    story.add("response_decided", data={"outcome": "no_request"})
    assert (story.stage, story.case.closure_reason) == (CL, "no_response_merited")


def test_not_warranted_closes_the_case_with_a_determination(db):
    story = drive(FD)
    event = story.add("factual_record_notified", data={"outcome": "not_warranted"})
    assert event.code == f"{ID}/D3"  # after admissibility (D1) and response (D2)
    assert (story.stage, story.case.closure_reason) == (CL, "factual_record_not_warranted")


def test_a_notification_after_a_reopening_follows_the_determinations(db):
    # A reopening returns only to the stage closed from (PROCESS.md), so a case notified once
    # never returns to the decision: the notification after a reopened "not warranted" is the
    # case's first (/N), after three determinations.
    story = drive(FD)
    story.add("factual_record_notified", data={"outcome": "not_warranted"})
    story.add("reopened", data={"to_stage": FD, "reason": "Determination revoked."})
    event = story.add("factual_record_notified", data={"outcome": "warranted"})
    assert event.code == f"{ID}/N"


def test_unknown_outcome_is_invalid_input(db):
    story = drive(AR)
    with pytest.raises(InvalidInput):
        story.add("admissibility_determined", data={"outcome": "maybe"})


def test_unknown_kind_is_invalid_input(db):
    story = drive(AR)
    with pytest.raises(InvalidInput):
        story.add("teleported")


# --- Guards --------------------------------------------------------------------------------------


def test_extension_is_refused_after_the_response_period(db):
    # Request delivered 7 May 2023: the period's last day is Wednesday 21 June (TPA, day 45) or
    # Thursday 6 July (CEC, day 60).
    story = drive(AW)
    with pytest.raises(RuleViolation) as refused:
        story.add("extension_notified", RESPONSE_PAST, author=f"party:{A}")
    assert refused.value.rule == "while party_response is open and not past due"
    story.add("extension_notified", RESPONSE_PAST - datetime.timedelta(days=1), author=f"party:{A}")
    assert Deadline.objects.get(submission=story.case, kind="party_response").due_on == EXTENDED[1]


def test_extension_is_refused_twice(db):
    story = drive(AW)
    story.add("extension_notified", D(2023, 5, 20), author=f"party:{A}")
    with pytest.raises(RuleViolation) as refused:
        story.add("extension_notified", D(2023, 5, 21), author=f"party:{A}")
    assert refused.value.rule == "once"


def test_extension_comes_from_the_party_concerned(db):
    story = drive(AW)
    with pytest.raises(RuleViolation):
        story.add("extension_notified", author=f"party:{B}")
    with pytest.raises(RuleViolation):
        story.add("extension_notified", author="secretariat")


def test_party_response_needs_a_request(db):
    # Withdrawn before any response was requested, then a "response" arrives.
    story = drive(AR)
    story.add("withdrawn", author="submitter")
    with pytest.raises(RuleViolation) as refused:
        story.add("party_responded", author=f"party:{A}")
    assert refused.value.rule == "party_responded needs a response_decided (request)"


def test_party_response_comes_from_the_party_concerned(db):
    story = drive(AW)
    with pytest.raises(RuleViolation):
        story.add("party_responded", author=f"party:{B}")


def test_notification_while_awaiting_the_response_waits_for_the_period_to_end(db):
    story = drive(AW)  # party_response due 21 June 2023 (TPA, CAFTA-DR), 6 July 2023 (CEC)
    due = {"us-peru-tpa": D(2023, 6, 21), "usmca-cec": D(2023, 7, 6), "cafta-dr": D(2023, 6, 21)}[
        SLUG
    ]
    with pytest.raises(RuleViolation) as refused:
        story.add("factual_record_notified", due, data={"outcome": "warranted"})
    assert refused.value.rule == "AW once party_response is past due"
    story.add("factual_record_notified", RESPONSE_PAST, data={"outcome": "warranted"})
    assert story.stage == AC
    response = Deadline.objects.get(submission=story.case, kind="party_response")
    assert (response.state, response.ended_on) == ("missed", RESPONSE_PAST)
    decision = Deadline.objects.get(submission=story.case, kind="factual_record_decision")
    assert (decision.state, decision.start_on, decision.met_on) == (
        "met",
        RESPONSE_PAST,
        RESPONSE_PAST,
    )


@pytest.mark.parametrize("comments", [(), (A,), (B,)])
def test_final_record_waits_for_every_comment_or_the_45_days(db, comments):
    story = drive(DC)  # draft submitted 2 October 2023: comments due 16 November 2023
    for party in comments:
        story.add("draft_commented", author=f"party:{party}", data={"party": party})
    with pytest.raises(RuleViolation) as refused:
        story.add("final_submitted", D(2023, 11, 16))
    assert refused.value.rule == ("once both Parties commented or both draft_comments are past due")
    story.add("final_submitted", D(2023, 11, 17))
    assert story.stage == FF
    states = dict(
        Deadline.objects.filter(submission=story.case, kind="draft_comments").values_list(
            "party", "state"
        )
    )
    # Commenting is optional (Art. 18.9.5): a Party that did not comment failed at nothing.
    assert states == {p: ("met" if p in comments else "lapsed") for p in COMMENTERS}


def test_final_record_follows_both_comments_at_once(db):
    story = drive(DC)
    for day, party in enumerate((B, A) + OTHERS, start=10):
        story.add(
            "draft_commented", D(2023, 10, day), author=f"party:{party}", data={"party": party}
        )
    # The day after the last comment: the TPA's two Parties comment on 10-11 October, the CEC's
    # three on 10-12, CAFTA-DR's seven on 10-16.
    final = {
        "us-peru-tpa": D(2023, 10, 13),
        "usmca-cec": D(2023, 10, 13),
        "cafta-dr": D(2023, 10, 17),
    }[SLUG]
    story.add("final_submitted", final)
    assert story.stage == FF


def test_late_draft_comment_after_the_final_record_is_accepted_and_late(db):
    story = drive(FF, comments=(A,))
    story.add("draft_commented", D(2023, 11, 20), author=f"party:{B}", data={"party": B})
    comment = Deadline.objects.get(submission=story.case, kind="draft_comments", party=B)
    assert (comment.state, comment.late, comment.met_on) == ("met", True, D(2023, 11, 20))
    assert story.stage == FF


def test_a_party_comments_only_for_itself(db):
    story = drive(DC)
    with pytest.raises(RuleViolation):
        story.add("draft_commented", author=f"party:{B}", data={"party": A})


def test_publication_needs_an_instruction(db):
    story = drive(FF)
    with pytest.raises(RuleViolation) as refused:
        story.add("published")
    assert refused.value.rule == "Art. 18.9.7: after publication_instructed"
    assert story.stage == FF


def test_publication_period_starts_at_the_later_of_instruction_and_final_record(db):
    story = drive(AC)
    instruct(story, others("publication_instructed"), D(2023, 7, 20), "publication_instructed")
    assert not Deadline.objects.filter(submission=story.case, kind="publication").exists()
    instruct(story, council_members(), D(2023, 8, 1))
    story.add("draft_submitted", D(2023, 10, 2))
    story.add("final_submitted", D(2023, 11, 17))
    publication = Deadline.objects.get(submission=story.case, kind="publication")
    # 60 days from 17 November 2023 → Tuesday 16 January 2024.
    assert (publication.start_kind, publication.start_on, publication.due_on) == (
        "final_submitted",
        D(2023, 11, 17),
        D(2024, 1, 16),
    )


@pytest.mark.parametrize(("stage", "reason"), sorted(CLOSURE_REASONS.items()))
def test_each_closure_reason_only_in_its_stage(db, stage, reason):
    story = drive(stage, acknowledged=stage != AR, pending_proceeding=stage == FD)
    on = D(2023, 9, 13) if stage == AC else None
    for other in sorted(set(CLOSURE_REASONS.values()) - {reason}):
        with pytest.raises(RuleViolation) as refused:
            story.add("closed", on, data={"reason": other})
        assert refused.value.rule == "closed: reason by stage"
    story.add("closed", on, data={"reason": reason})
    assert (story.stage, story.case.closure_reason) == (CL, reason)


def test_not_a_submission_only_before_acknowledgement(db):
    story = drive(AR)  # acknowledged
    with pytest.raises(RuleViolation) as refused:
        story.add("closed", data={"reason": "not_a_submission"})
    assert refused.value.rule == "AR before acknowledged"


def test_a_case_closed_as_not_a_submission_is_never_public(db):
    story = drive(AR, acknowledged=False)
    story.add("closed", data={"reason": "not_a_submission"})
    assert story.case.registered_on is None and story.case.identifier is None
    assert not access.public_submissions().filter(pk=story.case.pk).exists()
    with pytest.raises(RuleViolation):
        story.add("acknowledged")
    with pytest.raises(RuleViolation) as refused:
        story.add("reopened", data={"to_stage": AR, "reason": "Spam filter error."})
    assert refused.value.rule == "not_a_submission is final"
    assert story.case.registered_on is None


def test_nothing_of_a_case_closed_as_not_a_submission_is_shown_beyond_its_filers(officer, settings):
    """Walk 176: its closing notice was filed as public and then made public by a visibility
    change, approved; the case's page said it would be on the docket. Its closure's documents
    are at most the submitters' (by default too), and no change widens one beyond them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from submissions.storage import DocumentInput
    from tests.helpers_cases import public_file

    settings.SEM_FOUR_EYES = False
    story = drive(AR, acknowledged=False)

    def record(kind, **kwargs):
        return services.record_event(story.case, kind, actor=officer, **kwargs)

    closing = {"data": {"reason": "not_a_submission"}, "note": "Publicidad."}
    with pytest.raises(RuleViolation) as refused:
        record("closed", **closing, documents_in=[public_file("Aviso de cierre")])
    assert refused.value.rule == "not_a_submission is never public"
    plain = DocumentInput(
        title="Aviso", language="es", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    )
    closed = record("closed", **closing, documents_in=[plain])
    (notice,) = closed.documents.all()
    assert notice.visibility == "submitter"
    where = {"document": [closed.seq - 1, 0], "from": "submitter", "reason": "Pedido."}
    for to in ("public", "parties", "party_concerned"):
        with pytest.raises(RuleViolation) as refused:
            record("visibility_changed", data={**where, "to": to})
        assert refused.value.rule == "not_a_submission is never public"
    record("visibility_changed", data={**where, "to": "secretariat"})
    assert not access.public_documents(Document.objects.filter(submission=story.case)).exists()


def test_a_proposed_closure_as_not_a_submission_keeps_its_letter_private(
    officer, director, settings
):
    """Walk 178: with four eyes, a letter left at "the action's rules" was stored in the
    proposal as public, and every approval was refused without naming it. The proposal keeps
    it at the submitters' level and its approval goes through; a refusal names the document."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from submissions.storage import DocumentInput

    settings.SEM_FOUR_EYES = True
    story = drive(AR, acknowledged=False)
    letter = DocumentInput(
        title="Carta al remitente", language="es", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    )
    proposal = services.record_event(
        story.case,
        "closed",
        actor=officer,
        data={"reason": "not_a_submission"},
        note="Publicidad.",
        documents_in=[letter],
    )
    assert proposal.data["proposal"]["documents"] == [{"visibility": "submitter"}]
    story.case.refresh_from_db()
    closed = services.approve_proposal(story.case, proposal.seq, actor=director)
    assert [d.visibility for d in closed.documents.all()] == ["submitter"]
    where = {"document": [closed.seq - 1, 0], "from": "submitter", "to": "public", "reason": "x"}
    with pytest.raises(RuleViolation) as refused:
        services.record_event(
            story.case,
            "visibility_changed",
            actor=None,
            data=where,
            importing=services.ImportOptions(),
        )
    assert str(refused.value).startswith("“Carta al remitente”: ")


def test_pending_proceeding_needs_the_partys_declaration(db):
    story = drive(FD, pending_proceeding=False)
    with pytest.raises(RuleViolation) as refused:
        story.add("closed", data={"reason": "pending_proceeding"})
    assert refused.value.rule == "Art. 18.8.5(a)"


def test_no_council_instruction_only_after_the_60_days(db):
    story = drive(AC)  # notified 14 July 2023: instruction due 12 September 2023
    with pytest.raises(RuleViolation) as refused:
        story.add("closed", D(2023, 9, 12), data={"reason": "no_council_instruction"})
    assert refused.value.rule == "council_instruction past due"
    story.add("closed", D(2023, 9, 13), data={"reason": "no_council_instruction"})
    assert story.stage == CL


def test_reopening_returns_to_the_stage_and_reopens_its_deadline(db):
    # Every stage closed from: tests/process/test_reopening.py.
    story = drive(FF)
    instruct(story, council_members("publication_instructed"), kind="publication_instructed")
    story.add("published")
    event = story.add("reopened", D(2024, 2, 1), data={"to_stage": FF, "reason": "Court ruling."})
    assert (story.stage, story.case.closure_reason) == (FF, "")
    reopened = Deadline.objects.get(submission=story.case, kind="publication", state="open")
    assert (reopened.start_on, reopened.start_kind) == (D(2024, 2, 1), "reopened")
    assert " calendar days from reopening on 1 February 2024 → " in explain(reopened)
    # Not from the old final record and instruction (Nov. 2023).
    assert reopened.due_on == D(2024, 4, 1)
    assert event.visibility == "public"


def test_reopening_names_an_open_stage(db):
    story = drive(CL)
    for to_stage in ("", CL, "nowhere"):
        with pytest.raises((RuleViolation, InvalidInput)):
            story.add("reopened", data={"to_stage": to_stage, "reason": "x"})


# After the Council's instruction a withdrawal does not close: tests/process/test_withdrawal.py.
@pytest.mark.parametrize("stage", [AR, AV, AW, AC])
def test_withdrawal_from_several_stages(db, stage):
    story = drive(stage)
    event = story.add("withdrawn", D(2023, 12, 1), author="submitter")
    assert (story.stage, story.case.closure_reason) == (CL, "withdrawn")
    assert (event.author, event.visibility) == ("submitter", "public")
    left = Deadline.objects.filter(submission=story.case).exclude(
        state__in=["met", "missed", "cancelled", "lapsed"]
    )
    assert not left.exists()
    # Only a period that binds no one to act ends as lapsed.
    lapsed = Deadline.objects.filter(submission=story.case, state="lapsed")
    assert set(lapsed.values_list("kind", flat=True)) <= {"revision", "council_instruction"}
    with pytest.raises(RuleViolation):
        story.add("withdrawn", author="submitter")


# A response after its period and after the events below: day 62 of the TPA's (and CAFTA-DR's)
# 45, day 74 of the CEC's 60 (its notification, RESPONSE_PAST, is 7 July).
LATE_RESPONSE = {
    "us-peru-tpa": D(2023, 7, 8),
    "usmca-cec": D(2023, 7, 20),
    "cafta-dr": D(2023, 7, 8),
}[SLUG]


@pytest.mark.parametrize("late_stage", [CL, AC])
def test_late_party_response_is_accepted_without_a_stage_change(db, late_stage):
    story = drive(AW)  # the response is due 21 June 2023 (CEC: 6 July) and never comes
    outcome = "not_warranted" if late_stage == CL else "warranted"
    story.add("factual_record_notified", RESPONSE_PAST, data={"outcome": outcome})
    if late_stage == AC:
        # Reopened to the stage it was withdrawn from (PROCESS.md).
        story.add("withdrawn", author="submitter")
        story.add("reopened", data={"to_stage": AC, "reason": "Withdrawal revoked."})
    assert story.stage == late_stage
    response = Deadline.objects.get(submission=story.case, kind="party_response")
    assert response.state == "missed"
    event = story.add(
        "party_responded",
        LATE_RESPONSE,
        author=f"party:{A}",
        data={"pending_proceeding": False},
    )
    assert (event.stage_before, event.stage_after) == (late_stage, late_stage)
    response.refresh_from_db()
    assert (response.state, response.late, response.met_on) == ("met", True, LATE_RESPONSE)


def test_late_party_response_in_a_later_stage(db):
    story = drive(AW)
    story.add("factual_record_notified", RESPONSE_PAST, data={"outcome": "warranted"})
    instruct(
        story,
        council_members(),
        {"us-peru-tpa": D(2023, 7, 1), "usmca-cec": D(2023, 7, 10), "cafta-dr": D(2023, 7, 1)}[
            SLUG
        ],
    )
    story.add("party_responded", LATE_RESPONSE, author=f"party:{A}")
    assert story.stage == FP
    response = Deadline.objects.get(submission=story.case, kind="party_response")
    assert (response.state, response.late) == ("met", True)


def test_information_is_submitted_only_while_a_call_is_open(db):
    story = drive(FP)
    with pytest.raises(RuleViolation) as refused:
        story.add("information_submitted", author="public")
    assert refused.value.rule == "while a call is open"
    story.add("information_called", D(2023, 8, 10), data={"closes_on": "2023-09-10"})
    story.add("information_submitted", D(2023, 9, 10), author="public")
    with pytest.raises(RuleViolation):
        story.add("information_submitted", D(2023, 9, 11), author="public")


def test_a_call_stays_open_into_the_comment_period(db):
    story = drive(FP)
    story.add("information_called")
    story.add("draft_submitted")
    story.add("information_submitted", author="public")
    assert story.stage == DC


def test_identity_withheld_makes_the_submitter_confidential(db):
    story = drive(FD)
    submitter = story.case.memberships.get().submitter
    assert not submitter.confidential
    event = story.add("identity_withheld", author="submitter", data={"submitter": 0})
    submitter.refresh_from_db()
    assert submitter.confidential
    assert event.visibility == "submitter"
    with pytest.raises(RuleViolation):
        story.add("identity_withheld", data={"submitter": 1})


def test_identity_withheld_after_closing(db):
    story = drive(CL)
    story.add("identity_withheld", author="submitter", data={"submitter": 0})
    assert story.case.memberships.get().submitter.confidential


def test_submitters_join(db):
    story = drive(RD)
    story.add(
        "submitters_joined",
        data={
            "submitters": [
                {
                    "name": "María Quispe",
                    "kind": "individual",
                    "country": A,
                    "confidential": True,
                },
                {"name": "Red Ambiental", "kind": "organization", "country": B},
            ]
        },
    )
    members = list(story.case.memberships.select_related("submitter"))
    assert [
        (m.position, m.submitter.name, m.submitter.confidential, m.joined_on) for m in members
    ] == [
        (0, "Asociación Amazónica", False, D(2023, 3, 10)),
        (1, "María Quispe", True, story.on),
        (2, "Red Ambiental", False, story.on),
    ]
    # The public export withholds the joining identity whole (walks 111, 112: its kind and
    # country were public); the restricted export keeps it.
    public = json.loads(export_registry())["submissions"][0]
    joined = next(e for e in public["events"] if e["kind"] == "submitters_joined")
    red = {"name": "Red Ambiental", "kind": "organization", "country": B}
    assert joined["submitters"] == [{"confidential": True}, red]
    restricted = json.loads(export_registry(restricted=True))["submissions"][0]
    joined = next(e for e in restricted["events"] if e["kind"] == "submitters_joined")
    assert joined["submitters"][0]["country"] == A
    with pytest.raises(RuleViolation):
        story.add("submitters_joined", data={"submitters": [{"name": "No kind"}]})


def test_assigned_sets_the_officer(db, officer, officer2):
    story = drive(AR)
    with frozen(D(2023, 3, 20)):
        services.record_event(story.case, "assigned", actor=officer, data={"officer": "officer2"})
    story.case.refresh_from_db()
    assert story.case.assigned_officer == officer2


def test_cases_are_assigned_to_secretariat_officers_only(db, officer, outsider):
    story = drive(AR)
    with frozen(D(2023, 3, 20)), pytest.raises(RuleViolation) as refused:
        services.record_event(story.case, "assigned", actor=officer, data={"officer": "outsider"})
    assert refused.value.rule == "officer"


def test_visibility_changed_changes_a_documents_visibility(db):
    story = drive(AW)
    event = story.add(
        "correspondence",
        documents_in=[
            services.DocumentInput(
                title="Oficio",
                language="es",
                file=ContentFile(b"%PDF-1.4 oficio", name="oficio.pdf"),
            )
        ],
    )
    document = Document.objects.get(event=event)
    assert (document.visibility, document.sha256 != "") == ("public", True)
    with pytest.raises(RuleViolation):  # "from" must be the current visibility
        story.add(
            "visibility_changed",
            data={
                "document": [event.seq - 1, 0],
                "from": "parties",
                "to": "secretariat",
                "reason": "x",
            },
        )
    with pytest.raises(RuleViolation):  # no such document
        story.add(
            "visibility_changed",
            data={
                "document": [event.seq - 1, 1],
                "from": "public",
                "to": "secretariat",
                "reason": "x",
            },
        )
    with pytest.raises(RuleViolation):  # not a visibility level
        story.add(
            "visibility_changed",
            data={
                "document": [event.seq - 1, 0],
                "from": "public",
                "to": "everyone",
                "reason": "x",
            },
        )
    story.add(
        "visibility_changed",
        data={
            "document": [event.seq - 1, 0],
            "from": "public",
            "to": "party_concerned",
            "reason": "Personal data.",
        },
    )
    document.refresh_from_db()
    assert (document.visibility, document.initial_visibility) == ("party_concerned", "public")
    assert chain.verify_submission(story.case) is None


def test_deadline_missed_explained(db):
    story = drive(RD)  # response_decision due 10 May 2023
    event = story.add(
        "deadline_missed_explained",
        D(2023, 5, 15),
        data={
            "deadline": "response_decision",
            "reason": "Translation delays.",
            "new_due_on": "2023-05-31",
        },
    )
    assert event.visibility == "public"
    deadline = Deadline.objects.get(submission=story.case, kind="response_decision")
    # Issue 13: the new target is honoured (due_on), the computed date kept.
    assert (
        deadline.missed_reason,
        deadline.revised_due_on,
        deadline.due_on,
        deadline.original_due_on,
    ) == ("Translation delays.", D(2023, 5, 31), D(2023, 5, 31), D(2023, 5, 10))
    with pytest.raises(RuleViolation):
        story.add("deadline_missed_explained", data={"deadline": "publication", "reason": "x"})
    with pytest.raises(RuleViolation):
        story.add(
            "deadline_missed_explained",
            data={"deadline": "response_decision", "reason": "x", "new_due_on": "soon"},
        )


def test_events_are_recorded_in_date_order(db):
    story = drive(RD)
    with pytest.raises(RuleViolation) as refused:
        story.add("correspondence", D(2023, 4, 9))
    assert refused.value.rule == "date order"


def test_criteria_must_agree_with_the_outcome(db):
    story = drive(AR)
    last = CRITERIA[-1]  # the TPA's (f), the CEC's (e)
    criteria = {**ALL_MET, last: {"met": False, "reasons": f"({last}) is not met."}}
    with pytest.raises(RuleViolation) as refused:
        story.add("admissibility_determined", data={"outcome": "meets", "criteria": criteria})
    assert refused.value.rule == "Art. 18.8.2"
    story.add("admissibility_determined", data={"outcome": "does_not_meet", "criteria": criteria})
    assert story.stage == AV


# --- Live recording: dates and roles -------------------------------------------------------------


def test_live_past_date_needs_a_reason(db, officer):
    story = drive(AR)
    with frozen(D(2023, 3, 20)):
        count = story.case.event_count
        with pytest.raises(InvalidInput) as refused:
            services.record_event(story.case, "correspondence", actor=officer, on=D(2023, 3, 15))
        assert refused.value.rule == "past date"
        story.case.refresh_from_db()
        assert story.case.event_count == count
        event = services.record_event(
            story.case,
            "correspondence",
            actor=officer,
            on=D(2023, 3, 15),
            reason="Letter received by post.",
        )
    assert (event.on, event.data["date_reason"]) == (D(2023, 3, 15), "Letter received by post.")
    assert event.recorded_by == officer


def test_live_future_date_is_refused(db, officer):
    story = drive(AR)
    with frozen(D(2023, 3, 20)), pytest.raises(InvalidInput) as refused:
        services.record_event(
            story.case, "correspondence", actor=officer, on=D(2023, 3, 21), reason="Post-dated."
        )
    assert refused.value.rule == "date"


def test_live_default_date_is_today_at_the_seat(db, officer):
    story = drive(AR)
    # 02:00 UTC on 21 March is still 20 March in Washington (and in Montréal, the CEC's seat).
    with frozen(D(2023, 3, 20), hour=22):
        event = services.record_event(story.case, "correspondence", actor=officer)
    assert event.on == D(2023, 3, 20)


def test_focal_point_acts_only_for_their_own_party(db, a_focal):
    ours = drive(AW, party=A)
    theirs = drive(AW, party=B)
    with frozen(D(2023, 5, 20)):
        for kind in ("extension_notified", "party_responded"):
            with pytest.raises(NotAllowed):
                services.record_event(theirs.case, kind, actor=a_focal)
        extension = services.record_event(ours.case, "extension_notified", actor=a_focal)
        response = services.record_event(
            ours.case, "party_responded", actor=a_focal, data={"pending_proceeding": False}
        )
    assert (extension.author, response.author) == (f"party:{A}", f"party:{A}")
    ours.case.refresh_from_db()
    assert ours.case.stage == FD
    theirs.case.refresh_from_db()
    assert theirs.case.stage == AW


def test_focal_point_records_only_in_their_own_name(db, a_focal):
    story = drive(AW)
    with frozen(D(2023, 5, 20)), pytest.raises(NotAllowed):
        services.record_event(story.case, "party_responded", actor=a_focal, author=f"party:{B}")


def test_outsider_may_record_nothing(db, outsider):
    stories = {stage: drive(stage) for stage in (AR, AW, FF, CL)}
    with frozen(D(2024, 1, 10)):
        for story in stories.values():
            count = story.case.event_count
            for kind in KINDS:
                with pytest.raises(NotAllowed):
                    services.record_event(
                        story.case,
                        kind,
                        actor=outsider,
                        data={"party": A, "outcome": "warranted"},
                    )
            story.case.refresh_from_db()
            assert story.case.event_count == count
        with pytest.raises(NotAllowed):
            services.file_submission(
                services.FilingInput(
                    party=A,
                    language="es",
                    title="T",
                    submitters=[
                        services.SubmitterInput(kind="individual", name="X", nationality=A)
                    ],
                ),
                actor=outsider,
            )


def test_auditor_reads_but_records_nothing(db, auditor):
    story = drive(AR)
    with frozen(D(2023, 3, 20)), pytest.raises(NotAllowed):
        services.record_event(story.case, "correspondence", actor=auditor)


def test_council_member_instructs(db, a_council, b_council):
    story = drive(AC)
    with frozen(D(2023, 8, 1)):
        event = services.record_event(
            story.case, "council_instructed", actor=a_council, data={"party": A}
        )
        further = services.record_event(
            story.case, "council_instructed", actor=b_council, data={"party": B}
        )
        publish = services.record_event(
            story.case, "publication_instructed", actor=b_council, data={"party": B}
        )
    # The TPA and CAFTA-DR: the first member's instruction is the Council's; the CEC: the
    # second one's.
    first_after, further_before = {
        "us-peru-tpa": (FP, FP),
        "usmca-cec": (AC, AC),
        "cafta-dr": (FP, FP),
    }[SLUG]
    assert (event.author, event.stage_after, event.recorded_by) == (
        f"council:{A}",
        first_after,
        a_council,
    )
    assert (further.author, further.stage_before, further.stage_after) == (
        "council:US",
        further_before,
        FP,
    )
    assert publish.author == "council:US"


def test_council_member_instructs_only_for_their_own_party(db, a_council):
    story = drive(AC)
    with frozen(D(2023, 8, 1)), pytest.raises(RuleViolation) as refused:
        services.record_event(story.case, "council_instructed", actor=a_council, data={"party": B})
    assert refused.value.rule == "party key"


def test_council_member_may_not_decide(db, a_council):
    story = drive(FD)
    with frozen(D(2023, 7, 1)), pytest.raises(NotAllowed):
        services.record_event(
            story.case, "factual_record_notified", actor=a_council, data={"outcome": "warranted"}
        )


def test_secretariat_records_a_partys_act_on_paper(db, officer, director):
    # PROCESS.md: a record made on someone else's behalf carries the letter and goes through
    # four eyes; approved, it keeps the letter's date and names the Party.
    story = drive(AW)
    with frozen(D(2023, 6, 1)):
        proposal = services.record_event(
            story.case,
            "party_responded",
            actor=officer,
            author=f"party:{A}",
            on=D(2023, 5, 30),
            reason="Received by diplomatic note.",
            documents_in=[
                services.DocumentInput(
                    title="Note", language="en", file=ContentFile(b"%PDF-1.4 note", "note.pdf")
                )
            ],
        )
        assert (proposal.kind, proposal.recorded_by, proposal.on) == (
            "proposed",
            officer,
            D(2023, 5, 30),
        )
        event = services.approve_proposal(story.case, proposal.seq, actor=director)
    assert (event.author, event.recorded_by, event.on) == (f"party:{A}", director, D(2023, 5, 30))
    assert event.proposal.recorded_by == officer


def test_stale_expected_event_count_is_refused(db, officer):
    story = drive(AR)
    from workflow.exceptions import CaseMovedOn

    with frozen(D(2023, 3, 20)), pytest.raises(CaseMovedOn):
        services.record_event(
            story.case,
            "correspondence",
            actor=officer,
            expected_event_count=story.case.event_count - 1,
        )


def test_story_helper_reaches_every_stage(db):
    reached = {drive(stage).stage for stage in STAGES}
    assert reached == set(STAGES)
    assert isinstance(file_story(), Story)


def test_an_unknown_visibility_is_refused(db):
    story = drive(AR)
    count = story.case.event_count
    with pytest.raises(InvalidInput):
        story.add("correspondence", visibility="everyone")
    with pytest.raises(InvalidInput):
        story.add(
            "correspondence",
            documents_in=[
                services.DocumentInput(title="Carta", language="es", visibility="Public")
            ],
        )
    story.case.refresh_from_db()
    assert story.case.event_count == count
    event = story.add(
        "correspondence",
        visibility="parties",
        documents_in=[services.DocumentInput(title="Carta", language="es", visibility="submitter")],
    )
    assert (event.visibility, event.documents.get().visibility) == ("parties", "submitter")


@pytest.mark.parametrize(
    ("stage", "kind", "data"),
    [
        (RD, "response_decided", {"outcome": "request", "delivered_on": "soon"}),
        (FP, "information_called", {"closes_on": "end of month"}),
    ],
)
def test_a_date_key_must_be_a_date(db, stage, kind, data):
    story = drive(stage)
    count = story.case.event_count
    with pytest.raises(InvalidInput):
        story.add(kind, data=data)
    story.case.refresh_from_db()
    assert (story.case.event_count, story.stage) == (count, stage)


def test_a_submitter_acts_on_their_own_case_only(db):
    from workflow.actors import Actor

    story = drive(AW)
    other = drive(AW)
    submitter = Actor.submitter(story.case.memberships.get())
    with frozen(D(2023, 5, 20)):
        with pytest.raises(NotAllowed):
            services.record_event(other.case, "withdrawn", actor=submitter)
        with pytest.raises(NotAllowed):  # correspondence is between Secretariat and Parties
            services.record_event(story.case, "correspondence", actor=submitter)
        added = services.record_event(story.case, "information_added", actor=submitter)
        withdrawn = services.record_event(story.case, "withdrawn", actor=submitter)
    assert (added.author, added.visibility, added.recorded_by) == ("submitter", "submitter", None)
    assert (withdrawn.author, withdrawn.stage_after) == ("submitter", CL)
    other.case.refresh_from_db()
    assert other.case.stage == AW


def test_the_public_submits_information_during_a_call(db):
    from workflow.actors import Actor

    story = drive(FP)
    story.add("information_called", D(2023, 8, 10))
    with frozen(D(2023, 8, 20)):
        event = services.record_event(
            story.case,
            "information_submitted",
            actor=Actor.public("Ana Ruiz"),
            data={"name": "Ana Ruiz"},
        )
        with pytest.raises(NotAllowed):
            services.record_event(story.case, "correspondence", actor=Actor.public())
    assert (event.author, event.visibility, event.recorded_by) == ("public", "secretariat", None)


def test_a_determination_waits_for_the_acknowledgement(db, officer):
    """Walk 121: a determination made before the acknowledgement bore the receipt number
    (R-…/D1) on the docket for good. PROCESS.md: the review follows registration. An
    imported history keeps its registry's order (drive() records as an import)."""
    story = drive(AR, acknowledged=False)
    offered = {a.kind for a in services.available_actions(story.case, officer)}
    assert "acknowledged" in offered and "admissibility_determined" not in offered
    with pytest.raises(RuleViolation) as refused:
        services.record_event(
            story.case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": ALL_MET},
        )
    assert refused.value.rule == "acknowledged first"
    story.add("acknowledged")
    offered = {a.kind for a in services.available_actions(story.case, officer)}
    assert "admissibility_determined" in offered
