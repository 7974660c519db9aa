"""Four eyes (PROCESS.md, a setting on by default): a Secretariat decision recorded live by an
officer is a proposal until the Executive Director approves it; the effective date is the
approval date; the Director cannot approve their own proposal; a return sends it back."""

import datetime

import pytest

from tests.helpers_cases import ALL_MET, D, drive, frozen
from tests.parties import SLUG, A
from workflow import chain, services
from workflow.exceptions import CaseMovedOn, InvalidInput, NotAllowed, RuleViolation
from workflow.models import Deadline, Event

MEETS = {"outcome": "meets", "criteria": ALL_MET}
# The first case of 2023, concerning Party A (drive's), as each profile numbers it.
ID = {
    "us-peru-tpa": "SEM/PE/001/2023",
    "usmca-cec": "SEM-23-001",
    "cafta-dr": "CAALA/23/001",
}[SLUG]
PROPOSED_ON = D(2023, 4, 3)


@pytest.fixture
def case(db):
    """A case under admissibility review (filed 10 March 2023, acknowledged 13 March)."""
    return drive("admissibility_review").case


def propose(case, actor, data=MEETS, kind="admissibility_determined", day=PROPOSED_ON):
    with frozen(day):
        return services.record_event(case, kind, actor=actor, data=data)


def test_four_eyes_is_on_by_default(settings):
    assert settings.SEM_FOUR_EYES is True


def test_an_officers_decision_is_a_proposal(case, officer):
    proposal = propose(case, officer)
    case.refresh_from_db()
    assert proposal.kind == "proposed"
    assert proposal.visibility == "secretariat"
    assert proposal.recorded_by == officer
    assert proposal.on == D(2023, 4, 3)
    assert proposal.data == {"proposal": {"kind": "admissibility_determined", **MEETS}}
    assert (proposal.stage_before, proposal.stage_after) == (
        "admissibility_review",
        "admissibility_review",
    )
    assert case.stage == "admissibility_review"
    assert not Event.objects.filter(submission=case, kind="admissibility_determined").exists()
    assert Deadline.objects.get(submission=case, kind="admissibility").state == "open"


def test_the_director_approves_and_the_decision_takes_effect_that_day(case, officer, director):
    proposal = propose(case, officer, day=D(2023, 4, 3))
    with frozen(D(2023, 4, 5)):
        decision = services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert decision.kind == "admissibility_determined"
    assert decision.on == D(2023, 4, 5)  # the approval date, not the proposal's
    assert decision.recorded_by == director
    assert decision.proposal == proposal
    assert decision.data["outcome"] == "meets"
    assert decision.data["criteria"] == ALL_MET
    assert decision.visibility == "public"
    assert decision.code == f"{ID}/D1"
    assert case.stage == "response_decision"
    admissibility = Deadline.objects.get(submission=case, kind="admissibility")
    assert (admissibility.state, admissibility.met_on) == ("met", D(2023, 4, 5))
    # response_decision: 30 days from 5 April 2023 → Friday 5 May 2023.
    assert Deadline.objects.get(submission=case, kind="response_decision").due_on == D(2023, 5, 5)
    assert list(proposal.responses.all()) == [decision]


def test_the_director_cannot_approve_their_own_proposal(case, director):
    proposal = propose(case, director)
    assert proposal.kind == "proposed"  # the Director's own decisions are proposals too
    with frozen(D(2023, 4, 4)), pytest.raises(NotAllowed):
        services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert case.stage == "admissibility_review"


def test_an_officer_cannot_approve(case, officer, officer2):
    proposal = propose(case, officer)
    with frozen(D(2023, 4, 4)):
        for who in (officer, officer2):
            with pytest.raises(NotAllowed):
                services.approve_proposal(case, proposal.seq, actor=who)
    case.refresh_from_db()
    assert (case.stage, case.event_count) == ("admissibility_review", proposal.seq)


def test_only_the_director_returns(case, officer, officer2):
    proposal = propose(case, officer)
    with frozen(D(2023, 4, 4)), pytest.raises(NotAllowed):
        services.return_proposal(case, proposal.seq, actor=officer2, comment="No.")


def test_a_second_proposal_of_the_same_kind_is_refused_while_one_is_pending(
    case, officer, officer2
):
    propose(case, officer)
    case.refresh_from_db()
    count = case.event_count
    with pytest.raises(RuleViolation) as refused:
        propose(case, officer2, data={"outcome": "does_not_meet"})
    assert refused.value.rule == "one pending proposal per decision"
    case.refresh_from_db()
    assert case.event_count == count


def test_return_then_propose_again(case, officer, director):
    proposal = propose(case, officer, day=D(2023, 4, 3))
    with frozen(D(2023, 4, 4)):
        with pytest.raises(InvalidInput):
            services.return_proposal(case, proposal.seq, actor=director, comment="  ")
        returned = services.return_proposal(
            case, proposal.seq, actor=director, comment="Criterion (c): cite the law."
        )
    case.refresh_from_db()
    assert returned.kind == "returned"
    assert returned.proposal == proposal
    assert returned.visibility == "secretariat"
    assert returned.data["comment"] == "Criterion (c): cite the law."
    assert case.stage == "admissibility_review"
    with frozen(D(2023, 4, 4)), pytest.raises(CaseMovedOn):
        services.approve_proposal(case, proposal.seq, actor=director)
    second = propose(case, officer, data={"outcome": "does_not_meet"}, day=D(2023, 4, 6))
    assert second.kind == "proposed"
    with frozen(D(2023, 4, 7)):
        decision = services.approve_proposal(case, second.seq, actor=director)
    case.refresh_from_db()
    assert (decision.data["outcome"], decision.on, case.stage) == (
        "does_not_meet",
        D(2023, 4, 7),
        "awaiting_revision",
    )


def test_approving_an_answered_proposal_is_refused_as_moved_on(case, officer, director):
    proposal = propose(case, officer)
    with frozen(D(2023, 4, 4)):
        services.approve_proposal(case, proposal.seq, actor=director)
        case.refresh_from_db()
        count = case.event_count
        with pytest.raises(CaseMovedOn):
            services.approve_proposal(case, proposal.seq, actor=director)
        with pytest.raises(RuleViolation):
            services.return_proposal(case, proposal.seq, actor=director, comment="Too late.")
    case.refresh_from_db()
    assert case.event_count == count


def test_approving_with_a_stale_page_is_refused(case, officer, director):
    proposal = propose(case, officer)
    with frozen(D(2023, 4, 4)), pytest.raises(CaseMovedOn):
        services.approve_proposal(
            case, proposal.seq, actor=director, expected_event_count=proposal.seq - 1
        )


def test_approving_what_is_not_a_proposal_is_refused(case, director):
    with frozen(D(2023, 4, 4)), pytest.raises(CaseMovedOn):
        services.approve_proposal(case, 1, actor=director)  # event 1 is `filed`


def test_a_proposal_no_longer_legal_cannot_be_approved(officer, director, db):
    story = drive("awaiting_council")  # notified 14 July 2023: instruction due 12 September
    with frozen(D(2023, 9, 13)):
        proposal = services.record_event(
            story.case, "closed", actor=officer, data={"reason": "no_council_instruction"}
        )
    # The Council's instruction (as many members as its rule needs) moves the case on.
    story.council(on=D(2023, 9, 14))
    with frozen(D(2023, 9, 15)), pytest.raises(RuleViolation):
        services.approve_proposal(story.case, proposal.seq, actor=director)
    story.case.refresh_from_db()
    assert story.case.stage == "factual_record_preparation"


def test_the_visibility_proposed_is_the_one_recorded(officer, director, db):
    story = drive("admissibility_review", acknowledged=False)
    with frozen(D(2023, 3, 14)):
        proposal = services.record_event(
            story.case,
            "closed",
            actor=officer,
            data={"reason": "not_a_submission"},
            visibility="secretariat",
        )
        decision = services.approve_proposal(story.case, proposal.seq, actor=director)
    assert decision.visibility == "secretariat"


def test_a_proposals_translations_stay_linked_after_approval(officer, director, db):
    from django.core.files.base import ContentFile

    story = drive("admissibility_review")
    with frozen(D(2023, 4, 3)):
        proposal = services.record_event(
            story.case,
            "admissibility_determined",
            actor=officer,
            data=MEETS,
            documents_in=[
                services.DocumentInput(
                    title="Determinación",
                    language="es",
                    file=ContentFile(b"%PDF-1.4 es", name="d-es.pdf"),
                ),
                services.DocumentInput(
                    title="Determination",
                    language="en",
                    file=ContentFile(b"%PDF-1.4 en", name="d-en.pdf"),
                    translation_of=0,
                    official_translation=True,
                ),
            ],
        )
        decision = services.approve_proposal(story.case, proposal.seq, actor=director)
    spanish, english = decision.documents.order_by("position")
    assert english.translation_of == spanish and english.official_translation


def test_an_edited_proposal_replaces_the_pending_one_and_both_stay(officer, officer2, director, db):
    from django.core.files.base import ContentFile

    story = drive("admissibility_review")
    generated = services.DocumentInput(
        title="Determinación", language="es", file=ContentFile(b"%PDF-1.4 generated", name="g.pdf")
    )
    edited = services.DocumentInput(
        title="Determinación", language="es", file=ContentFile(b"%PDF-1.4 edited", name="e.pdf")
    )
    with frozen(D(2023, 4, 3)):
        first = services.record_event(
            story.case,
            "admissibility_determined",
            actor=officer,
            data=MEETS,
            documents_in=[generated],
        )
        with pytest.raises(RuleViolation):  # not by accident: the pending one must be named
            services.record_event(
                story.case,
                "admissibility_determined",
                actor=officer2,
                data=MEETS,
                documents_in=[edited],
            )
        second = services.record_event(
            story.case,
            "admissibility_determined",
            actor=officer2,
            data=MEETS,
            documents_in=[edited],
            replaces=first.seq,
        )
        with pytest.raises(CaseMovedOn):
            services.approve_proposal(story.case, first.seq, actor=director)
        decision = services.approve_proposal(story.case, second.seq, actor=director)
    assert second.proposal == first
    assert decision.documents.get().sha256 == second.documents.get().sha256
    assert first.documents.get().sha256 != second.documents.get().sha256
    story.case.refresh_from_db()
    assert chain.verify_submission(story.case) is None


def test_a_proposal_the_case_moved_past_lapses(officer, officer2, director, db):
    """A proposal made in a stage the case has left is no longer pending: it cannot be
    approved, and the Director can still return it to close it out."""
    story = drive("awaiting_council")
    with frozen(D(2023, 9, 13)):
        lapsed = services.record_event(
            story.case, "closed", actor=officer, data={"reason": "no_council_instruction"}
        )
    story.add("council_instructed", D(2023, 9, 14), author=f"council:{A}", data={"party": A})
    story.add("council_instructed", D(2023, 9, 20), author="council:US", data={"party": "US"})
    with frozen(D(2023, 9, 21)):
        with pytest.raises(CaseMovedOn):
            services.approve_proposal(story.case, lapsed.seq, actor=director)
        services.return_proposal(story.case, lapsed.seq, actor=director, comment="Superado.")
    assert Event.objects.get(submission=story.case, kind="returned").proposal == lapsed


def test_a_second_step_that_moves_the_case_waits_for_the_pending_one(officer, director, db):
    """Walk 22: a determination was proposed beside a pending one; approving the first made
    the second lapse, and it vanished from the approvals with nothing recorded or said. Two
    proposals that would each move the case are not pending together: the second is not
    offered, and refused if posted, until the first is approved or returned. What does not
    move the case (a visibility change) may still be proposed beside it. (A closure as not a
    submission and a determination no longer meet: the determination waits for the
    acknowledgement, walk 121. A closure for a pending proceeding and the notification to
    the Council do.)"""
    story = drive("factual_record_decision", pending_proceeding=True)
    notified = {"outcome": "warranted", "reasons": "Procede."}
    with frozen(story.on + datetime.timedelta(days=1)):
        closing = services.record_event(
            story.case, "closed", actor=officer, data={"reason": "pending_proceeding"}
        )
        offered = {a.kind: a for a in services.available_actions(story.case, officer)}
        assert "factual_record_notified" not in offered
        assert offered["closed"].replaces == closing.seq  # the pending one may be replaced
        assert "correspondence" in offered
        with pytest.raises(RuleViolation) as refused:
            services.record_event(
                story.case, "factual_record_notified", actor=officer, data=notified
            )
        assert refused.value.rule == "one pending proposal that moves the case"
        assert str(refused.value).startswith(
            f"Proposal no. {closing.seq}, “Case closed”, already awaits the Executive Director"
        )
        services.return_proposal(
            story.case, closing.seq, actor=director, comment="Que siga el caso."
        )
        notification = services.record_event(
            story.case, "factual_record_notified", actor=officer, data=notified
        )
        services.approve_proposal(story.case, notification.seq, actor=director)
    story.case.refresh_from_db()
    assert story.case.stage != "factual_record_decision"


def test_criteria_guard_refuses_the_proposal(case, officer):
    criteria = {**ALL_MET, "c": {"met": False, "reasons": "No law identified."}}
    with pytest.raises(RuleViolation) as refused:
        propose(case, officer, data={"outcome": "meets", "criteria": criteria})
    assert refused.value.rule == "Art. 18.8.2"
    case.refresh_from_db()
    assert not Event.objects.filter(submission=case, kind="proposed").exists()


def test_a_proposal_is_checked_against_the_stage(case, officer):
    with pytest.raises(RuleViolation):
        propose(case, officer, kind="response_decided", data={"outcome": "request"})


def test_reopening_is_proposed_and_approved(officer, director, db):
    story = drive("closed")  # withdrawn on 20 May 2023
    with frozen(D(2023, 6, 1)):
        proposal = services.record_event(
            story.case,
            "reopened",
            actor=officer,
            data={"to_stage": "awaiting_response", "reason": "Withdrawal revoked."},
        )
        assert proposal.kind == "proposed"
        services.approve_proposal(story.case, proposal.seq, actor=director)
    story.case.refresh_from_db()
    assert (story.case.stage, story.case.closure_reason) == ("awaiting_response", "")


def test_non_decisions_are_recorded_directly(case, officer):
    with frozen(D(2023, 3, 20)):
        event = services.record_event(case, "form_errors_noted", actor=officer)
    assert (event.kind, event.recorded_by) == ("form_errors_noted", officer)


def test_without_four_eyes_the_officer_records_directly(case, officer, settings):
    settings.SEM_FOUR_EYES = False
    with frozen(D(2023, 4, 3)):
        decision = services.record_event(
            case, "admissibility_determined", actor=officer, data=MEETS
        )
    case.refresh_from_db()
    assert (decision.kind, decision.recorded_by, decision.proposal) == (
        "admissibility_determined",
        officer,
        None,
    )
    assert case.stage == "response_decision"
    assert not Event.objects.filter(submission=case, kind="proposed").exists()


def test_criteria_guard_without_four_eyes(case, officer, settings):
    settings.SEM_FOUR_EYES = False
    criteria = {**ALL_MET, "a": {"met": False, "reasons": "Written in Portuguese."}}
    with frozen(D(2023, 4, 3)), pytest.raises(RuleViolation):
        services.record_event(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": criteria},
        )


def _decided_with_a_draft(case, officer, director):
    """An admissibility determination proposed with a drafted document (3 April 2023), then
    approved (4 April): (proposal, decision)."""
    from django.core.files.base import ContentFile

    draft = services.DocumentInput(
        title="Determinación",
        language="es",
        file=ContentFile(b"%PDF-1.4 determination", name="d1.pdf"),
    )
    with frozen(D(2023, 4, 3)):
        proposal = services.record_event(
            case, "admissibility_determined", actor=officer, data=MEETS, documents_in=[draft]
        )
    with frozen(D(2023, 4, 4)):
        decision = services.approve_proposal(case, proposal.seq, actor=director)
    return proposal, decision


def test_a_proposals_documents_are_internal_until_approved(case, officer, director):
    proposal, decision = _decided_with_a_draft(case, officer, director)
    kept = proposal.documents.get()
    assert kept.visibility == "secretariat"
    issued = decision.documents.get()
    assert (issued.visibility, issued.title, issued.sha256, issued.code, issued.kind) == (
        "public",
        "Determinación",
        kept.sha256,
        f"{ID}/D1",
        "determination",
    )


def test_a_proposals_draft_is_never_published_nor_offered(case, officer, director):
    """The draft a proposal keeps is the Secretariat's working copy: only the approved
    decision's copy can be shown wider, and the workspace lists only that one (walks 52 and
    53 saw the drafts offered beside the issued documents)."""
    from secretariat.workspace.forms.kinds import action_form

    proposal, decision = _decided_with_a_draft(case, officer, director)
    kept, issued = proposal.documents.get(), decision.documents.get()
    for to in ("public", "parties", "submitter"):
        with frozen(D(2023, 4, 5)), pytest.raises(RuleViolation) as refused:
            services.record_event(
                case,
                "visibility_changed",
                actor=director,
                data={
                    "document": [proposal.seq - 1, 0],
                    "from": "secretariat",
                    "to": to,
                    "reason": "Revisión.",
                },
            )
        assert refused.value.rule == "proposal draft: at most secretariat"
    kept.refresh_from_db()
    assert kept.visibility == "secretariat"
    form = action_form("visibility_changed", case)
    assert list(form.fields["target"].queryset) == [issued]


def test_a_past_dated_proposal_still_takes_effect_on_approval(case, officer, director):
    with frozen(D(2023, 4, 5)):
        proposal = services.record_event(
            case,
            "admissibility_determined",
            actor=officer,
            data=MEETS,
            on=D(2023, 4, 3),
            reason="Signed on paper on 3 April.",
        )
    assert proposal.on == D(2023, 4, 3)
    with frozen(D(2023, 4, 6)):
        decision = services.approve_proposal(case, proposal.seq, actor=director)
    assert decision.on == D(2023, 4, 6)


def test_a_decision_cannot_claim_a_proposal_to_skip_four_eyes(case, officer, director):
    proposal = propose(case, officer)
    case.refresh_from_db()
    count = case.event_count
    with frozen(D(2023, 4, 4)):
        with pytest.raises(NotAllowed):  # only the Director approves
            services.record_event(
                case,
                "admissibility_determined",
                actor=officer,
                data=MEETS,
                proposal_event=proposal.seq,
            )
        with pytest.raises(RuleViolation):  # event 1 is `filed`, not a proposal
            services.record_event(
                case, "admissibility_determined", actor=director, data=MEETS, proposal_event=1
            )
    case.refresh_from_db()
    assert (case.event_count, case.stage) == (count, "admissibility_review")


def test_the_director_cannot_approve_their_own_proposal_by_recording_it(case, director):
    proposal = propose(case, director)
    with frozen(D(2023, 4, 4)), pytest.raises(NotAllowed):
        services.record_event(
            case,
            "admissibility_determined",
            actor=director,
            data=MEETS,
            proposal_event=proposal.seq,
        )


@pytest.mark.parametrize("index", [0, 99, "2"])
def test_an_imported_decision_must_answer_a_pending_proposal(db, index):
    story = drive("admissibility_review")
    with pytest.raises(RuleViolation):
        story.add("admissibility_determined", data={**MEETS, "proposal_event": index})


def test_an_imported_decision_answers_its_proposal(db):
    story = drive("admissibility_review")
    proposal = story.add(
        "proposed", data={"proposal": {"kind": "admissibility_determined", **MEETS}}
    )
    with pytest.raises(RuleViolation):  # not the kind that was proposed
        story.add("form_errors_noted", data={"proposal_event": proposal.seq - 1})
    decision = story.add(
        "admissibility_determined", data={**MEETS, "proposal_event": proposal.seq - 1}
    )
    assert decision.proposal == proposal


def test_the_approvals_list_each_document_with_the_audience_approving_gives_it(
    officer, director, client
):
    """Walk 77: a proposal's documents were listed by language alone; the Director could not
    tell which would become public."""
    from django.core.files.base import ContentFile
    from django.urls import reverse

    story = drive("admissibility_review")
    with frozen(D(2023, 4, 3)):
        services.record_event(
            story.case,
            "admissibility_determined",
            actor=officer,
            data=MEETS,
            documents_in=[
                services.DocumentInput(
                    title="Determinación",
                    language="es",
                    file=ContentFile(b"%PDF-1.4 es", name="d-es.pdf"),
                ),
                services.DocumentInput(
                    title="Nota interna",
                    language="es",
                    file=ContentFile(b"%PDF-1.4 nota", name="nota.pdf"),
                    visibility="secretariat",
                ),
            ],
        )
    client.force_login(director)
    page = " ".join(client.get(reverse("ws_approvals")).content.decode().split())
    listed = page.split("Documents of the proposal", 1)[1].split("</ul>", 1)[0]
    assert "(Spanish; once approved: Public)" in listed.split("Determinación", 1)[1]
    assert "(Spanish; once approved: Secretariat only)" in listed.split("Nota interna", 1)[1]
