"""Four eyes: the Executive Director approves or returns an officer's proposal."""

from django.db import transaction
from django.utils.translation import gettext as _

from submissions import storage as documents
from submissions.models import (
    Submission,
)
from workflow.actors import Actor
from workflow.exceptions import CaseMovedOn, InvalidInput, NotAllowed
from workflow.models import Event
from workflow.services.context import Context
from workflow.services.recording import record_event
from workflow.table import ON_BEHALF_KINDS


def approve_proposal(
    submission, proposal_seq: int, *, actor, expected_event_count: int | None = None
) -> Event:
    """The Executive Director approves a proposal: the decision is recorded today, by them."""
    actor = Actor.of(actor)
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update().select_related("party").get(pk=submission.pk)
        )
        if expected_event_count is not None and submission.event_count != expected_event_count:
            raise CaseMovedOn()
        ctx = Context(submission)
        if actor.kind != "user" or "director" not in actor.table_roles(submission):
            raise NotAllowed(_("Only the Executive Director approves decisions."))
        fact = ctx.pending_proposal_by_seq(proposal_seq)
        if fact is None:
            raise CaseMovedOn(_("This proposal is no longer awaiting a decision."))
        proposal_row = Event.objects.get(submission=submission, seq=proposal_seq)
        if proposal_row.recorded_by_id == actor.user.pk:
            raise NotAllowed(_("You cannot approve your own proposal."))
        proposal = dict(fact["data"]["proposal"])
        kind = proposal.pop("kind")
        title = proposal.pop("title", "")
        note = proposal.pop("note", "")
        visibility = proposal.pop("visibility", None)
        # A record made on someone else's behalf names them, and keeps the date the letter
        # took effect; a decision takes effect on its approval (PROCESS.md, Four eyes).
        author = proposal.pop("author", None)
        on = fact["on"] if kind in ON_BEHALF_KINDS else None
        doc_specs = proposal.pop("documents", [])
        proposed_docs = list(proposal_row.documents.order_by("position"))
        position_of = {doc.pk: index for index, doc in enumerate(proposed_docs)}
        carried = []
        for doc, spec in zip(proposed_docs, doc_specs, strict=False):
            copy = documents.DocumentInput.copy_of(doc, visibility=spec.get("visibility"))
            # Links between the proposal's documents (a translation, a redacted version)
            # carry over to the decision's copies, by position.
            copy.translation_of = position_of.get(doc.translation_of_id)
            copy.redacted_version_of = position_of.get(doc.redacted_version_of_id)
            carried.append(copy)
        return record_event(
            submission,
            kind,
            actor=actor,
            data=proposal,
            author=author,
            on=on,
            title=title,
            note=note,
            visibility=visibility,
            documents_in=carried,
            proposal_event=proposal_seq,
            context=ctx,
        )


def return_proposal(
    submission, proposal_seq: int, *, actor, comment: str, expected_event_count: int | None = None
) -> Event:
    """The Executive Director sends a proposal back to the officer with a comment."""
    if not comment.strip():
        raise InvalidInput(_("Say why the proposal is returned."))
    return record_event(
        submission,
        "returned",
        actor=actor,
        data={"proposal_event": proposal_seq - 1, "comment": comment.strip()},
        expected_event_count=expected_event_count,
    )
