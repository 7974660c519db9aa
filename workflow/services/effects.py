"""What each event does to a case besides its stage: the deadlines it meets and opens, the
identifier, access for the Parties and the Council, submitters, assignment, visibility."""

import datetime

from django.conf import settings
from django.utils import timezone

from submissions import access, profiles, published
from submissions.models import (
    Document,
    IdentifierCounter,
    Submission,
    SubmissionSubmitter,
    Submitter,
    User,
)
from submissions.stages import Stage, Visibility
from workflow import council, guards
from workflow.audiences import access_for
from workflow.models import Deadline, Event
from workflow.profile_guards import consolidated_with
from workflow.rule import Effect, EventRule
from workflow.services.context import Context

# The deadline a case waits on when it (re)enters a stage.
ENTRY_DEADLINES = {
    Stage.ADMISSIBILITY_REVIEW: "admissibility",
    Stage.AWAITING_REVISION: "revision",
    Stage.RESPONSE_DECISION: "response_decision",
    Stage.AWAITING_RESPONSE: "party_response",
    Stage.FACTUAL_RECORD_DECISION: "factual_record_decision",
    Stage.AWAITING_COUNCIL: "council_instruction",
    Stage.FACTUAL_RECORD_PREPARATION: "draft_factual_record",
    Stage.DRAFT_COMMENT_PERIOD: "draft_comments",
    Stage.FINAL_FACTUAL_RECORD: "publication",
}


def apply(ctx: Context, rule: EventRule, event: Event) -> None:
    """The event's effect on the case: stage, closure, identifier, deadlines, access."""
    submission = ctx.submission
    data = event.data
    on = event.on
    stage_before = submission.stage
    effect = rule.effect(data.get("outcome"))
    in_scope = effect.from_stages is None or stage_before in effect.from_stages
    deadlines = ctx.deadlines
    if effect.by_council_rule or effect.by_council_refusal:
        now = [*ctx.facts, {"kind": rule.kind, "data": data, "on": on}]
        if (effect.by_council_rule and not council.decides(now, rule.kind)) or (
            effect.by_council_refusal and not council.refused(now)
        ):
            # One member's instruction (or vote against) of several the Council's rule asks
            # for: recorded, and the case waits for the others.
            effect = Effect()
            in_scope = False

    # Deadlines met by this event.
    for kind in effect.meets:
        if kind == "factual_record_decision" and deadlines.open(kind) is None:
            open_lapsed_decision(ctx, event)
        deadlines.meet(kind, on, party=data.get("party", "") if kind == "draft_comments" else "")
    for kind in effect.meets_if_open:
        if deadlines.open(kind) is not None:
            deadlines.meet(kind, on)

    # Stage.
    to = effect.to if in_scope else None
    if rule.kind == "reopened":
        to = data["to_stage"]
        submission.closure_reason = ""
    if rule.kind == "unrecorded_steps":
        # No deadline is opened for the steps skipped, nor for the stage reached
        # (REGISTRY-FORMAT.md): the history does not say when it was reached.
        submission.stage = data["stage"]
        deadlines.end_unknown(on, submission.stage)
    elif to:
        submission.stage = to
        if to == Stage.CLOSED:
            submission.closure_reason = effect.closure or data["reason"]
        deadlines.end_unmet(on, to)

    # Deadlines opened by this event.
    if in_scope:
        for kind in effect.opens:
            _open(ctx, kind, event)
    if rule.kind == "reopened":
        _open(ctx, ENTRY_DEADLINES[to], event)

    # What each kind does besides.
    handler = _KIND_EFFECTS.get(rule.kind)
    if handler:
        handler(ctx, event)
    _set_access(ctx, event)


def _set_access(ctx: Context, event: Event) -> None:
    """Access follows the process: after every event, the Parties' and the Council's access is
    exactly what the events now say (``workflow.audiences``), reopening included. An import
    writes only when it changes (its new case starts with none): it runs for thousands of
    cases."""
    before = access_for(ctx.facts)
    after = access_for([*ctx.facts, {"kind": event.kind, "data": event.data}])
    if ctx.importing:
        if after != before:
            access.set_case_access(ctx.submission, after, current=before)
        return
    # Live, the permissions are read and corrected, whatever an older version left behind.
    access.set_case_access(ctx.submission, after)


def _open(ctx: Context, kind: str, event: Event) -> None:
    deadlines = ctx.deadlines
    on = event.on
    if kind == "party_response":
        delivered = event.data.get("delivered_on")
        start = datetime.date.fromisoformat(delivered) if delivered else on
        start_kind = "reopened" if event.kind == "reopened" else "response_decided"
        deadlines.open_new(kind, start, start_kind, event)
    elif kind == "draft_comments":
        for party in guards.PARTIES:
            deadlines.open_new(kind, on, event.kind, event, party=party)
    elif kind == "publication":
        facts = [*ctx.facts, {"kind": event.kind, "data": event.data, "on": on}]
        final = [f["on"] for f in facts if f["kind"] == "final_submitted"]
        instructed = council.decided_on(facts, "publication_instructed")
        if (
            ctx.submission.stage == Stage.FINAL_FACTUAL_RECORD
            and final
            and instructed
            and deadlines.open("publication") is None
        ):
            if event.kind == "reopened":
                # Like every stage's period on a reopening, publication counts afresh from it
                # (counting from the old dates would make it overdue the day it opens).
                deadlines.open_new(kind, on, "reopened", event)
                return
            start_kind = "final_submitted" if final[-1] >= instructed else "publication_instructed"
            deadlines.open_new(kind, max(final[-1], instructed), start_kind, event)
    elif kind == "factual_record_decision" and event.kind == "party_responded":
        deadlines.open_new(kind, on, "party_responded", event)
    else:
        deadlines.open_new(kind, on, event.kind, event)


def open_lapsed_decision(ctx: Context, event=None) -> None:
    """The Secretariat's factual-record decision period starts the day after the Party's
    response period ends unmet."""
    response = ctx.deadlines.latest("party_response")
    if response is None or response.state == Deadline.State.UNKNOWN:
        # Unrecorded steps moved the case past it: when it ended is not known.
        return
    start = response.due_on + datetime.timedelta(days=1)
    ctx.deadlines.open_new("factual_record_decision", start, "response_period_end", None)


def _acknowledged(ctx: Context, event: Event) -> None:
    submission = ctx.submission
    if submission.imported_identifier:
        identifier = submission.imported_identifier
        IdentifierCounter.hold_identifier(identifier)
    else:
        identifier = IdentifierCounter.identifier_for(
            submission, settings.SEM_IDENTIFIER_PREFIX, advance=True
        )
    submission.identifier = identifier
    submission.slug = Submission.slug_for(identifier)
    submission.registered_on = event.on
    if event.kind == "acknowledged" and not ctx.importing:
        # In the chain, so that the history check sees an identifier changed behind it.
        event.data = {**event.data, "identifier": identifier}


def _unrecorded_steps(ctx: Context, event: Event) -> None:
    """A legacy history whose registry never dated the acknowledgement: a case that went past
    admissibility review was registered among the steps left undated, by this date at the
    latest; it takes its identifier as an acknowledgement would (REGISTRY-FORMAT.md is silent
    on it: the CEC's histories read so far date no acknowledgement)."""
    if ctx.submission.registered_on is None and not ctx.has("acknowledged"):
        _acknowledged(ctx, event)
        ctx.deadlines.end_unknown_kind("acknowledgement", event.on)


def _request_delivered(ctx: Context, event: Event) -> None:
    deadline = ctx.deadlines.open("party_response")
    if deadline is not None:
        ctx.deadlines.rebase(deadline, event.on, "request_delivered", event)


def _extension_notified(ctx: Context, event: Event) -> None:
    ctx.deadlines.set_length(
        ctx.deadlines.open("party_response"),
        profiles.installed().extension_for(ctx.submission.filed_on),
    )


def _submitters_joined(ctx: Context, event: Event) -> None:
    position = ctx.submission.memberships.count()
    for offset, item in enumerate(event.data["submitters"]):
        submitter = Submitter.objects.create(
            kind=item["kind"],
            name=item["name"],
            nationality=item.get("country", ""),
            residence=item.get("residence", ""),
            email=item.get("email", ""),
            **(
                {"preferred_language": item["preferred_language"]}
                if item.get("preferred_language")
                else {}
            ),
            confidential=bool(item.get("confidential")),
        )
        SubmissionSubmitter.objects.create(
            submission=ctx.submission,
            submitter=submitter,
            position=position + offset,
            joined_on=event.on,
        )


def _identity_withheld(ctx: Context, event: Event) -> None:
    membership = ctx.submission.memberships.select_related("submitter")[event.data["submitter"]]
    membership.submitter.confidential = True
    membership.submitter.save(update_fields=["confidential"])


def _submitter_left(ctx: Context, event: Event) -> None:
    """The leaver's private link ends (the tracking page, and the notices, which skip a
    revoked link); the history row of the membership says why."""
    membership = ctx.submission.memberships.order_by("position", "id")[event.data["submitter"]]
    membership.token_revoked_at = timezone.now()
    membership._change_reason = "left the submission"
    membership.save(update_fields=["token_revoked_at"])


def _assigned(ctx: Context, event: Event) -> None:
    ctx.submission.assigned_officer = User.objects.filter(username=event.data["officer"]).first()


def _visibility_changed(ctx: Context, event: Event) -> None:
    if "event" in event.data:
        # An event's own text: what the public sees is derived from the events
        # (``published.public_text``); the hashed event row never changes. The documents
        # published with it (text_guards) change as a document's decision changes one.
        targets = [[event.data["event"], p] for p in event.data.get("with_documents") or ()]
    else:
        # With the translations a document withheld takes with it (workflow.versions).
        targets = [event.data["document"], *event.data.get("translations", ())]
    for target in targets:
        document = ctx.document_at(*target)
        document.visibility = event.data["to"]
        if document.pk is not None:  # else an import's row, inserted with this visibility
            document.save(update_fields=["visibility"])


def _published(ctx: Context, event: Event) -> None:
    """Art. 18.9.7, PROCESS.md step 10: publication makes the final factual record public, with
    its translations and redacted versions, in the same transaction; and the comments on the
    draft of the Parties it attaches (``attach_comments``, where the profile does so). An
    import may not have inserted the case's documents yet (they wait in
    ``ctx.pending_inserts``)."""
    pending = [row for row in ctx.pending_inserts if isinstance(row, Document)]
    for document in published_with_the_record(ctx.submission, event.data, pending):
        if document.visibility == Visibility.PUBLIC:
            continue
        document.visibility = Visibility.PUBLIC
        if document.pk is not None:  # else an import's row, inserted with this visibility
            document.save(update_fields=["visibility"])


def published_with_the_record(submission, data, pending=()) -> list[Document]:
    """The documents a publication (its ``data``) makes public (``_published``): the final
    factual record's event's, the comments on the draft of the Parties it attaches
    (``attach_comments``), and their versions; and the documents marked for the public of the
    comments it publishes as sent (``published.WITH_COMMENTS``, theirs alone), stored or among
    an import's ``pending`` rows. The Executive Director reads the list before approving a
    publication (walk 68: the cover letter and the record's file became public with it, and
    the proposal named neither)."""
    attached = set((data or {}).get("attach_comments") or ())

    def published_with(row) -> bool:
        return published.attached_with_the_record(
            row.event.kind, row.event.data, row.position, attached
        )

    pending = list(pending)
    finals = [row for row in pending if published_with(row)]
    finals += [
        row
        for row in Document.objects.filter(
            submission=submission, event__kind__in=("final_submitted", "draft_commented")
        ).select_related("event")
        if published_with(row)
    ]
    found = {id(row) for row in finals}
    stored = {row.pk for row in finals if row.pk is not None}
    while True:  # versions of versions (a translation of a redacted version), to the end
        more = [
            row
            for row in pending
            if id(row) not in found
            and any(
                target is not None and (id(target) in found or target.pk in stored)
                for target in (row.translation_of, row.redacted_version_of)
            )
        ]
        if stored:
            more += [
                row
                for row in Document.objects.filter(submission=submission).exclude(pk__in=stored)
                if row.translation_of_id in stored or row.redacted_version_of_id in stored
            ]
        more = [row for row in more if id(row) not in found and row.pk not in stored]
        if not more:
            break
        finals += more
        found.update(id(row) for row in more)
        stored.update(row.pk for row in more if row.pk is not None)
    if as_sent := published.published_comments(data):
        stored_sent = Document.objects.filter(submission=submission, event__seq__in=as_sent)
        finals += [
            row
            for row in [
                *(row for row in pending if row.event.seq in as_sent),
                *stored_sent.select_related("event").order_by("event__seq", "position"),
            ]
            if row.position in published.sent_for_public(row.event.data)[1]
            and id(row) not in found
            and row.pk not in stored
        ]
    return finals


def _consolidated(ctx: Context, event: Event) -> None:
    """The two consolidated cases are related cases (the guard found the earlier one)."""
    other = consolidated_with(event.data.get("with"))
    if other is not None and ctx.submission.pk is not None:
        ctx.submission.related.add(other)


def _deadline_missed_explained(ctx: Context, event: Event) -> None:
    deadline = ctx.deadlines.latest(event.data["deadline"], event.data.get("party", ""))
    deadline.missed_reason = event.data["reason"]
    if event.data.get("new_due_on"):
        ctx.deadlines.set_target(deadline, datetime.date.fromisoformat(event.data["new_due_on"]))
    ctx.deadlines._touch(deadline)


_KIND_EFFECTS = {
    "acknowledged": _acknowledged,
    "unrecorded_steps": _unrecorded_steps,
    "request_delivered": _request_delivered,
    "extension_notified": _extension_notified,
    "submitters_joined": _submitters_joined,
    "identity_withheld": _identity_withheld,
    "submitter_left": _submitter_left,
    "assigned": _assigned,
    "visibility_changed": _visibility_changed,
    "published": _published,
    "consolidated": _consolidated,
    "deadline_missed_explained": _deadline_missed_explained,
}
