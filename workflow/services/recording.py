"""Recording one event: one transaction, a row lock, a re-check against the transition table,
the event written into the hash chain, deadlines updated, and the layers above told through
``workflow.hooks`` (inside the transaction, then after commit)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from submissions import published
from submissions import storage as documents
from submissions.dates import long_date
from submissions.history import acting_user
from submissions.models import (
    Document,
    Submission,
)
from submissions.stages import ClosureReason, Visibility
from workflow import chain, hooks, versions
from workflow.actors import Actor
from workflow.exceptions import CaseMovedOn, InvalidInput, NotAllowed, RuleViolation
from workflow.guards import beyond, check_within_limits, refuse_beyond_submitters, widens
from workflow.models import Deadline, Event
from workflow.rule import EventRule
from workflow.services.context import Context, ImportOptions, today
from workflow.services.effects import apply
from workflow.table import ON_BEHALF_KINDS, TABLE, stood_for


def _now_in_chain_format() -> datetime.datetime:
    return timezone.now().astimezone(datetime.UTC)


def _effective_date(
    ctx: Context, on, reason: str, importing: bool, approving: bool = False
) -> datetime.date:
    current = today()
    if on is None:
        on = current
    if isinstance(on, str):
        on = datetime.date.fromisoformat(on)
    if not importing:
        if on > current:
            raise InvalidInput(_("An event cannot be dated in the future."), rule="date")
        # An approved record made on someone's behalf keeps its proposal's date, which the
        # proposal already explained.
        if on < current and not reason and not approving:
            raise InvalidInput(
                _("Give a reason for recording this with a past date."), rule="past date"
            )
    if ctx.facts and on < ctx.facts[-1]["on"]:
        raise RuleViolation(date_order_error(ctx.facts[-1]["on"]), rule="date order")
    return on


def date_order_error(last: datetime.date) -> str:
    """Why a date before the case's last event is refused (the engine's and the forms')."""
    return _("Events of a case are recorded in date order: the last one is dated %(date)s.") % {
        "date": long_date(last)
    }


def record_event(
    submission: Submission,
    kind: str,
    *,
    actor,
    on: datetime.date | str | None = None,
    reason: str = "",
    data: dict | None = None,
    documents_in: list | tuple = (),
    author: str | None = None,
    title: str = "",
    note: str = "",
    visibility: str | None = None,
    code: str | None = None,
    expected_event_count: int | None = None,
    proposal_event: int | None = None,
    replaces: int | None = None,
    context: Context | None = None,
    importing: ImportOptions | None = None,
) -> Event:
    """Record one event on a case, or — for a Secretariat decision under four eyes — its
    proposal. Returns the event written.

    ``on`` is the date the event took effect (default today); a past date recorded by hand
    needs ``reason``. ``expected_event_count`` is the count the caller saw: if the case moved
    on since, ``CaseMovedOn`` is raised. ``documents_in`` is a list of ``DocumentInput``.
    ``replaces`` (a decision under four eyes) is the ``seq`` of the pending proposal of the same
    kind that this one replaces — how staff swap a generated draft for an edited file.
    """
    actor = Actor.of(actor)
    rule = TABLE.get(kind)
    if rule is None:
        raise InvalidInput(_("Unknown event kind “%(kind)s”.") % {"kind": kind}, rule="kind")
    data = dict(data or {})
    # Choices are not enforced on save: an unknown level would hide the row from every audience.
    for level in [visibility, *(d.visibility for d in documents_in)]:
        if level is not None and level not in Visibility.values:
            raise InvalidInput(
                _("Unknown visibility “%(value)s”.") % {"value": level}, rule="visibility"
            )
    history_user = importing.recorded_by if importing is not None else actor.user
    with transaction.atomic(), acting_user(history_user):
        if context is None:
            submission = (
                Submission.objects.select_for_update().select_related("party").get(pk=submission.pk)
            )
            context = Context(submission)
        else:
            submission = context.submission
        if expected_event_count is not None and submission.event_count != expected_event_count:
            raise CaseMovedOn()
        ctx = context
        ctx.importing = importing is not None
        ctx.actor = actor
        if importing is None:
            roles = actor.table_roles(submission)
            if not roles & rule.roles:
                raise NotAllowed()
        ctx.author = _author(actor, submission, author, importing is not None, kind, data)
        if actor.kind == "submitter" and "submitter" in rule.optional:
            # Which co-filer acted (a private link has no account; walk 85 could not tell who
            # withdrew): by index, as ``identity_withheld`` names one.
            members = list(submission.memberships.order_by("position", "id").values_list("pk"))
            data.setdefault("submitter", members.index((actor.membership.pk,)))
        ctx.on = _effective_date(
            ctx, on, reason, importing is not None, approving=proposal_event is not None
        )
        if reason and importing is None and ctx.on < today():
            data.setdefault("date_reason", reason)
        if kind == "visibility_changed" and importing is None:
            versions.mark(submission, data)  # the translations withheld with a document
        ctx.kind, ctx.data = kind, data
        ctx.check_legal(rule, data)
        on_behalf = importing is None and _on_behalf(rule, actor)
        if importing is None:
            _check_document_levels(rule, documents_in)
            _check_never_public(ctx, documents_in)
            # A later version (translation, redacted copy) of an earlier event's document keeps
            # that document's limit: a new event cannot show what a visibility change may not.
            for item in documents_in:
                for earlier in (item.translation_of, item.redacted_version_of):
                    if isinstance(earlier, Document):
                        check_within_limits(
                            ctx, earlier, item.visibility or rule.default_visibility
                        )
                _translation_within_its_original(item, rule)
        if on_behalf and proposal_event is None and not documents_in:
            raise InvalidInput(
                _(
                    "Attach the letter or email you are recording as evidence: a record made "
                    "on someone else's behalf carries it."
                ),
                rule="evidence",
            )

        if (
            _four_eyes(rule, data, on_behalf)
            and settings.SEM_FOUR_EYES
            and importing is None
            and proposal_event is None
        ):
            proposal = {"kind": kind, **data}
            if on_behalf:
                proposal["author"] = ctx.author
            if title:
                proposal["title"] = title
            if note:
                proposal["note"] = note
            if visibility:
                proposal["visibility"] = visibility
            if documents_in:
                proposal["documents"] = [
                    {"visibility": d.visibility or documents.default_level(rule, data)}
                    for d in documents_in
                ]
            proposed = {"proposal": proposal}
            if replaces is not None:
                # An edited proposal (e.g. the generated draft replaced by an edited file)
                # answers the pending one it replaces; the history keeps both.
                proposed["proposal_event"] = replaces - 1
            # The proposal's own guards: one pending proposal per decision, legal now.
            ctx.check_legal(TABLE["proposed"], proposed)
            ctx.author = actor.default_author(submission)  # the proposal is the officer's
            return _write(
                ctx,
                TABLE["proposed"],
                proposed,
                actor=actor,
                documents_in=[d.restricted(rule.document_kind) for d in documents_in],
            )
        if proposal_event is not None:
            data["proposal_event"] = proposal_event - 1  # stored as the event's index
        if "proposal_event" in data and kind != "returned":  # `returned` has its own guard
            _check_answers_proposal(ctx, kind, data["proposal_event"], actor, importing is not None)
        return _write(
            ctx,
            rule,
            data,
            actor=actor,
            documents_in=documents_in,
            title=title,
            note=note,
            visibility=visibility,
            code=code,
            importing=importing,
        )


def _check_answers_proposal(ctx: Context, kind: str, index, actor: Actor, importing) -> None:
    """A decision that names a proposal must answer a pending proposal of its kind and, live,
    be recorded by the Executive Director who did not propose it. Otherwise any caller could
    skip four eyes by passing ``proposal_event`` (and an import could point anywhere)."""
    fact = ctx.pending_proposal_by_seq(index + 1) if type(index) is int else None
    if fact is None or fact["data"]["proposal"]["kind"] != kind:
        raise RuleViolation(_("There is no such proposal awaiting a decision."), rule="four eyes")
    if importing:
        return
    if actor.kind != "user" or "director" not in actor.table_roles(ctx.submission):
        raise NotAllowed(_("Only the Executive Director approves decisions."))
    proposer = (
        Event.objects.filter(submission=ctx.submission, seq=index + 1)
        .values_list("recorded_by_id", flat=True)
        .first()
    )
    if proposer == actor.user.pk:
        raise NotAllowed(_("You cannot approve your own proposal."))


def _on_behalf(rule: EventRule, actor: Actor) -> bool:
    """A record the Secretariat makes of what someone else did (PROCESS.md): only the actor's
    own account (portal, tracking link) records such an act alone."""
    return rule.kind in ON_BEHALF_KINDS and actor.is_secretariat_user


def _four_eyes(rule: EventRule, data: dict, on_behalf: bool) -> bool:
    """Whether recording this live waits for the Executive Director: a decision, a record
    made on someone else's behalf, or a widening of a document's visibility (PROCESS.md,
    Four eyes; narrowing takes effect at once)."""
    if rule.decision or on_behalf:
        return True
    return rule.kind == "visibility_changed" and widens(data.get("to"), data.get("from"))


def _translation_within_its_original(item, rule: EventRule) -> None:
    """A later translation of a document is shown no wider than that document now is (walk
    93: a translation of a document withheld from the public could be added as public at
    once, the withheld words in the other language). Widening the original is a decision
    under four eyes, which its translation then follows; a redacted version, which leaves out
    what was withheld, is what is published in a document's place."""
    original = item.translation_of
    level = item.visibility or rule.default_visibility
    if isinstance(original, Document) and widens(level, original.visibility):
        raise InvalidInput(
            _(
                "A translation is shown no wider than the document it translates "
                "(“%(level)s”): widen that document first, or add a redacted version."
            )
            % {"level": original.get_visibility_display()},
            rule="translation: at most its original",
        )


def _check_document_levels(rule: EventRule, documents_in) -> None:
    """A draft factual record is never filed beyond the Parties, nor a final one as public
    before its publication (the same limits ``visibility_within_limits`` keeps later)."""
    limit = rule.documents_at_most
    if limit is None:
        return
    for item in documents_in:
        if item.visibility and beyond(item.visibility, limit):
            raise RuleViolation(
                _(
                    "A factual record is shown only to the Parties and the Council until its "
                    "publication is recorded."
                ),
                rule=f"{rule.kind}: documents at most parties",
            )


def _check_never_public(ctx, documents_in) -> None:
    """Nor the documents of the closure of a case as not a submission, or of a later entry
    (walk 176: its closing notice was filed as public, and the case's page said it would be
    on the docket): ``guards.refuse_beyond_submitters``."""
    closing = ctx.kind == "closed" and ctx.data.get("reason") == ClosureReason.NOT_A_SUBMISSION
    if not (closing or ctx.has_closure(ClosureReason.NOT_A_SUBMISSION)):
        return
    for item in documents_in:
        if item.visibility and widens(item.visibility, Visibility.SUBMITTER):
            refuse_beyond_submitters(item.title)


def _author(actor: Actor, submission, author, importing, kind="", data=None) -> str:
    # The Secretariat never does these acts itself: it records what the Party, the Council
    # member or the submitters did, and the record names them.
    if (
        not importing
        and kind in ON_BEHALF_KINDS
        and actor.is_secretariat_user
        and author in (None, "secretariat")
    ):
        return stood_for(kind, submission.party.code, data or {})
    if author is None:
        return actor.default_author(submission)
    if importing or actor.is_secretariat_user or author == actor.default_author(submission):
        # The Secretariat records on paper what a Party, the Council or a submitter did.
        return author
    raise NotAllowed(_("You may record events only in your own name."))


def _write(
    ctx: Context,
    rule: EventRule,
    data: dict,
    *,
    actor: Actor,
    documents_in=(),
    title="",
    note="",
    visibility=None,
    code=None,
    importing=None,
) -> Event:
    submission = ctx.submission
    stage_before = submission.stage
    outcome = data.get("outcome")
    effect = rule.effect(outcome)
    if effect.code and code is None:
        code = ctx.next_code(effect.code)
    recorded_by = None
    if importing is not None:
        recorded_by = importing.recorded_by
    elif actor.kind == "user":
        recorded_by = actor.user
    event = Event(
        submission=submission,
        seq=submission.event_count + 1,
        kind=rule.kind,
        on=ctx.on,
        recorded_at=(
            importing.recorded_at if importing and importing.recorded_at else _now_in_chain_format()
        ),
        recorded_by=recorded_by,
        author=ctx.author,
        stage_before=stage_before,
        data=data,
        visibility=visibility or rule.default_visibility,
        code=code or "",
        title=title,
        note=note,
        prev_hash=submission.chain_head,
    )
    if isinstance(data.get("proposal_event"), int):
        event.proposal = ctx.event_by_seq(data["proposal_event"] + 1)
    tracked_before = _tracked(submission)
    apply(ctx, rule, event)
    event.stage_after = submission.stage
    rows = documents.prepare(event, documents_in, rule)
    chain.seal(
        event,
        rows,
        importing.expected_hash if importing is not None else None,
        importing.key_id if importing is not None else "",
    )
    if importing is not None and importing.expected_hash and importing.expected_hash != event.hash:
        raise RuleViolation(
            _(
                "The recomputed hash does not match the archive's: the history was altered, in "
                "the file or before it was exported."
            ),
            rule="hash check",
        )
    _insert_row(ctx, event, recorded_by)
    documents.save(event, rows, lambda row: _insert_row(ctx, row, recorded_by))
    submission.chain_head = event.hash
    submission.event_count = event.seq
    submission.last_event_on = event.on
    if published.changes_public_view(event.kind, event.visibility, event.data or {}):
        submission.last_public_on = event.on
    if ctx.defer_writes:
        ctx.submission_dirty = True
    elif _tracked(submission) != tracked_before:
        submission.save()  # a change worth a history row
    else:
        # Only the chain's head moved: no history row for bookkeeping.
        Submission.objects.filter(pk=submission.pk).update(
            chain_head=submission.chain_head,
            event_count=submission.event_count,
            last_event_on=submission.last_event_on,
            last_public_on=submission.last_public_on,
        )
    if not ctx.defer_writes:
        ctx.deadlines.save()
    if importing is None:
        # What the layers above write (the outbox rows) commits or rolls back with the event;
        # an import tells nobody.
        hooks.event_written(event)
    ctx.last_event = event
    ctx.facts.append(
        {
            "seq": event.seq,
            "kind": event.kind,
            "data": event.data,
            "code": event.code,
            "on": event.on,
            "stage": event.stage_after,
        }
    )
    return event


TRACKED_FIELDS = (
    "stage",
    "closure_reason",
    "identifier",
    "slug",
    "registered_on",
    "assigned_officer_id",
)


def _tracked(submission) -> tuple:
    return tuple(getattr(submission, name) for name in TRACKED_FIELDS)


def save_row(ctx: "Context", row, user) -> None:
    """Save a row; when the importer defers writes, its history row is written in bulk at the
    end of the case (one query per model instead of one per row)."""
    if not ctx.defer_writes:
        row.save()
        return
    row.skip_history_when_saving = True
    try:
        row.save()
    finally:
        del row.skip_history_when_saving
    row._history_user = user
    ctx.history_rows.setdefault(type(row), []).append(row)


def _insert_row(ctx: "Context", row, user) -> None:
    """Insert an append-only row (an event, a document); an import inserts them in bulk at the
    end of the case."""
    if not ctx.defer_writes:
        row.save()
        return
    row._history_user = user
    ctx.pending_inserts.append(row)
    ctx.history_rows.setdefault(type(row), []).append(row)


def flush_deferred(ctx: "Context") -> None:
    """Write what an import deferred to the end of a case: its events and documents in bulk,
    the case row and its deadlines each once in its final state, and the history rows of
    everything the case wrote."""
    actor = getattr(ctx, "actor", None)
    user = actor.user if actor is not None else None  # whoever runs the import
    events = [row for row in ctx.pending_inserts if isinstance(row, Event)]
    answering = [e for e in events if e.proposal is not None and e.proposal_id is None]
    Event.objects.bulk_create([e for e in events if e not in answering])
    for event in answering:  # after the proposals they answer have keys
        event.skip_history_when_saving = True
        event.save()
        del event.skip_history_when_saving
    docs = [row for row in ctx.pending_inserts if isinstance(row, Document)]
    linked = [d for d in docs if d.translation_of is not None or d.redacted_version_of is not None]
    Document.objects.bulk_create([d for d in docs if d not in linked])
    for document in linked:  # after the documents they point to have keys
        document.skip_history_when_saving = True
        document.save()
        del document.skip_history_when_saving
    ctx.pending_inserts = []
    if ctx.submission_dirty:
        if ctx.submission in ctx.history_rows.get(Submission, []):
            save_row(ctx, ctx.submission, user)  # its one history row comes below
            ctx.history_rows[Submission].pop()
        else:
            ctx.submission.save()
        ctx.submission_dirty = False
    dirty = [d for d in ctx.deadlines.items if id(d) in ctx.deadlines.dirty]
    new = [d for d in dirty if d.pk is None]
    Deadline.objects.bulk_create(new)
    for deadline in dirty:
        if any(deadline is n for n in new):
            deadline._history_user = user
            ctx.history_rows.setdefault(Deadline, []).append(deadline)
        else:
            save_row(ctx, deadline, user)
    ctx.deadlines.dirty.clear()
    for model, rows in ctx.history_rows.items():
        model.history.bulk_history_create(rows)
    ctx.history_rows = {}
