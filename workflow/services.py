"""Every change to a case goes through here: one transaction, a row lock, a re-check against
the transition table, the event written into the hash chain, deadlines updated, and side
effects scheduled after commit.

Views, admin actions, Celery tasks, management commands and the registry importer all call
these functions; nothing else writes a submission's stage.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from submissions import access
from submissions import storage as documents
from submissions.history import acting_user
from submissions.models import (
    EnvironmentalLaw,
    IdentifierCounter,
    Party,
    Submission,
    SubmissionLaw,
    SubmissionSubmitter,
    Submitter,
)
from submissions.stages import OPEN_STAGES, Stage, Visibility
from workflow import chain, guards
from workflow.actors import Actor
from workflow.calendar import Calendar
from workflow.deadlines import EXTENDED_PARTY_RESPONSE, CaseDeadlines, configured_lengths
from workflow.exceptions import CaseMovedOn, InvalidInput, NotAllowed, RuleViolation
from workflow.models import Deadline, Event, NonWorkingDay
from workflow.table import OUTCOMES, TABLE, EventRule

__all__ = ["Actor", "record_event", "file_submission"]

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


def today() -> datetime.date:
    return timezone.localdate()


@dataclass
class ImportOptions:
    """How the registry importer records a historical event."""

    recorded_at: datetime.datetime | None = None
    recorded_by: object = None  # a User
    expected_hash: str | None = None
    # Write the case row and deadlines once at the end (the caller runs flush_deferred).
    defer_writes: bool = False
    # Shared by all the cases of one import: the calendar and lengths are read once.
    calendar: Calendar | None = None
    lengths: dict | None = None


class Context:
    """What the guards and effects need to know about one case, loaded once.

    The importer keeps one context for all the events of a case; a live transition loads a
    fresh one after locking the row.
    """

    def __init__(
        self, submission, calendar: Calendar | None = None, lengths=None, new: bool = False
    ):
        self.submission = submission
        self.calendar = calendar or Calendar()
        self.deadlines = CaseDeadlines(submission, self.calendar, lengths, new=new)
        self.facts = (
            []
            if new or not submission.pk
            else [
                {
                    "seq": e.seq,
                    "kind": e.kind,
                    "data": e.data,
                    "code": e.code,
                    "on": e.on,
                    "stage": e.stage_after,
                }
                for e in Event.objects.filter(submission=submission).order_by("seq")
            ]
        )
        self.last_event = None
        self.kind = ""
        self.data: dict = {}
        self.on: datetime.date = today()
        self.author = ""
        self.importing = False
        # The importer writes the case row and its deadlines once, at the end of the case
        # (flush_deferred), instead of after every event: the whole case is one transaction.
        self.defer_writes = False
        self.submission_dirty = False
        self.history_rows: dict = {}
        self.pending_inserts: list = []

    # --- facts about the history ------------------------------------------------------------
    def has(self, kind: str) -> bool:
        return any(f["kind"] == kind for f in self.facts)

    def has_closure(self, reason: str) -> bool:
        return any(f["kind"] == "closed" and f["data"].get("reason") == reason for f in self.facts)

    def call_open(self, on: datetime.date) -> bool:
        if self.submission.stage not in (
            Stage.FACTUAL_RECORD_PREPARATION,
            Stage.DRAFT_COMMENT_PERIOD,
        ):
            return False
        calls = [f for f in self.facts if f["kind"] == "information_called"]
        if not calls:
            return False
        closes_on = calls[-1]["data"].get("closes_on")
        return not closes_on or on <= datetime.date.fromisoformat(closes_on)

    def _answered(self) -> set[int]:
        """Sequence numbers of proposals already approved or returned. Events refer to other
        events of the case by 0-based index (= seq - 1), as REGISTRY-FORMAT.md does."""
        return {
            f["data"]["proposal_event"] + 1
            for f in self.facts
            if isinstance(f["data"].get("proposal_event"), int)
        }

    def pending_proposals(self) -> list[dict]:
        """Proposals awaiting the Executive Director: not yet approved or returned, and made
        in the stage the case is still in. A proposal the case has moved past lapses (it stays
        in the history, unanswered): its reasons were about a state that no longer holds."""
        answered = self._answered()
        return [
            f
            for f in self.facts
            if f["kind"] == "proposed"
            and f["seq"] not in answered
            and f.get("stage", self.submission.stage) == self.submission.stage
        ]

    def unanswered_proposal_by_seq(self, seq) -> dict | None:
        answered = self._answered()
        for fact in self.facts:
            if fact["kind"] == "proposed" and fact["seq"] == seq and seq not in answered:
                return fact
        return None

    def pending_proposal(self, kind: str) -> dict | None:
        for fact in self.pending_proposals():
            if fact["data"]["proposal"]["kind"] == kind:
                return fact
        return None

    def pending_proposal_by_seq(self, seq) -> dict | None:
        for fact in self.pending_proposals():
            if fact["seq"] == seq:
                return fact
        return None

    def event_by_seq(self, seq: int) -> Event:
        for row in self.pending_inserts:
            if isinstance(row, Event) and row.seq == seq:
                return row
        return Event.objects.get(submission=self.submission, seq=seq)

    def submitter_count(self) -> int:
        return self.submission.memberships.count()

    def document_at(self, event_index: int, index: int):
        """A document by its event's 0-based index in the case and its own position."""
        from submissions.models import Document

        for row in self.pending_inserts:
            if (
                isinstance(row, Document)
                and row.event.seq == event_index + 1
                and row.position == index
            ):
                return row
        return Document.objects.filter(
            submission=self.submission, event__seq=event_index + 1, position=index
        ).first()

    def next_code(self, letter: str) -> str:
        reference = self.submission.identifier or self.submission.receipt_number
        pattern = re.compile(rf"{re.escape(reference)}/{letter}(\d*)$")
        count = sum(1 for f in self.facts if f["code"] and pattern.match(f["code"]))
        if letter == "N":
            return f"{reference}/N" if count == 0 else f"{reference}/N{count + 1}"
        return f"{reference}/{letter}{count + 1}"

    # --- the table -------------------------------------------------------------------------
    def check_legal(self, rule: EventRule, data: dict) -> None:
        """Stage, keys and further conditions of ``rule`` for an event with ``data`` now."""
        stage = self.submission.stage
        if not rule.allowed_in(stage):
            if rule.stages is None:
                raise RuleViolation(
                    _("A case is filed only once, as its first event."),
                    rule="filed: first event only",
                )
            raise RuleViolation(
                _("“%(event)s” cannot be recorded while the case is in “%(stage)s”.")
                % {"event": rule.label, "stage": _stage_label(stage)},
                rule=f"{rule.kind} not allowed in {stage}",
            )
        for key in rule.required:
            if data.get(key) in (None, "", [], {}):
                raise InvalidInput(
                    _("“%(key)s” is required for “%(event)s”.") % {"key": key, "event": rule.label},
                    rule="required key",
                )
        outcome = data.get("outcome")
        if OUTCOMES[rule.kind] and outcome not in OUTCOMES[rule.kind]:
            raise InvalidInput(
                _("The outcome must be one of: %(values)s.")
                % {"values": ", ".join(OUTCOMES[rule.kind])},
                rule="outcome",
            )
        # Dates the effects parse later: a bad one must be refused here, not raise ValueError
        # while opening a deadline (or, for closes_on, at every later information_submitted).
        for key in ("delivered_on", "closes_on"):
            if data.get(key) not in (None, ""):
                try:
                    datetime.date.fromisoformat(data[key])
                except (TypeError, ValueError) as exc:
                    raise InvalidInput(
                        _("“%(key)s” must be a date (YYYY-MM-DD).") % {"key": key}, rule="date key"
                    ) from exc
        saved = self.kind, self.data
        self.kind, self.data = rule.kind, data
        try:
            for name in rule.guards:
                getattr(guards, name)(self)
        finally:
            self.kind, self.data = saved


def _stage_label(stage) -> str:
    return str(Stage(stage).label) if stage else _("not yet filed")


def _now_in_chain_format() -> datetime.datetime:
    return timezone.now().astimezone(datetime.UTC)


def _effective_date(ctx: Context, on, reason: str, importing: bool) -> datetime.date:
    current = today()
    if on is None:
        on = current
    if isinstance(on, str):
        on = datetime.date.fromisoformat(on)
    if not importing:
        if on > current:
            raise InvalidInput(_("An event cannot be dated in the future."), rule="date")
        if on < current and not reason:
            raise InvalidInput(
                _("Give a reason for recording this with a past date."), rule="past date"
            )
    if ctx.facts and on < ctx.facts[-1]["on"]:
        raise RuleViolation(
            _("Events of a case are recorded in date order: the last one is dated %(date)s.")
            % {"date": ctx.facts[-1]["on"].isoformat()},
            rule="date order",
        )
    return on


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
        ctx.author = _author(actor, submission, author, importing is not None)
        ctx.on = _effective_date(ctx, on, reason, importing is not None)
        if reason and importing is None and ctx.on < today():
            data.setdefault("date_reason", reason)
        ctx.kind, ctx.data = kind, data
        ctx.check_legal(rule, data)

        if (
            rule.decision
            and settings.SEM_FOUR_EYES
            and importing is None
            and proposal_event is None
        ):
            proposal = {"kind": kind, **data}
            if title:
                proposal["title"] = title
            if note:
                proposal["note"] = note
            if visibility:
                proposal["visibility"] = visibility
            if documents_in:
                proposal["documents"] = [
                    {"visibility": d.visibility or rule.default_visibility} for d in documents_in
                ]
            proposed = {"proposal": proposal}
            if replaces is not None:
                # An edited proposal (e.g. the generated draft replaced by an edited file)
                # answers the pending one it replaces; the history keeps both.
                proposed["proposal_event"] = replaces - 1
            # The proposal's own guards: one pending proposal per decision, legal now.
            ctx.check_legal(TABLE["proposed"], proposed)
            return _write(
                ctx,
                TABLE["proposed"],
                proposed,
                actor=actor,
                documents_in=[d.restricted() for d in documents_in],
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


def _author(actor: Actor, submission, author, importing) -> str:
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
    _apply(ctx, rule, event)
    event.stage_after = submission.stage
    rows = documents.prepare(event, documents_in, rule)
    event.hash = chain.hash_event(event, rows)
    if importing is not None and importing.expected_hash and importing.expected_hash != event.hash:
        raise RuleViolation(
            _("The recomputed hash does not match the archive's: the export was altered."),
            rule="hash check",
        )
    _insert_row(ctx, event, recorded_by)
    documents.save(event, rows, lambda row: _insert_row(ctx, row, recorded_by))
    submission.chain_head = event.hash
    submission.event_count = event.seq
    submission.last_event_on = event.on
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
        )
    if not ctx.defer_writes:
        ctx.deadlines.save()
    if importing is None:
        # The outbox rows commit (or roll back) with the event; an import never emails.
        from notices import dispatch

        dispatch.queue_notices(event)
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
    if importing is None:
        transaction.on_commit(lambda: _after_commit(event.pk))
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


def _save_row(ctx: "Context", row, user) -> None:
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
    from submissions.models import Document

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
            _save_row(ctx, ctx.submission, user)  # its one history row comes below
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
            _save_row(ctx, deadline, user)
    ctx.deadlines.dirty.clear()
    for model, rows in ctx.history_rows.items():
        model.history.bulk_history_create(rows)
    ctx.history_rows = {}


def _after_commit(event_pk: int) -> None:
    """Side effects of a recorded event, run only once its transaction has committed."""
    from notices import dispatch

    dispatch.event_recorded(event_pk)


def _apply(ctx: Context, rule: EventRule, event: Event) -> None:
    """The event's effect on the case: stage, closure, identifier, deadlines, access."""
    submission = ctx.submission
    data = event.data
    on = event.on
    stage_before = submission.stage
    effect = rule.effect(data.get("outcome"))
    in_scope = effect.from_stages is None or stage_before in effect.from_stages
    deadlines = ctx.deadlines

    # Deadlines met by this event.
    for kind in effect.meets:
        if kind == "factual_record_decision" and deadlines.open(kind) is None:
            _open_lapsed_decision(ctx, event)
        deadlines.meet(kind, on, party=data.get("party", "") if kind == "draft_comments" else "")

    # Stage.
    to = effect.to if in_scope else None
    if rule.kind == "reopened":
        to = data["to_stage"]
        submission.closure_reason = ""
    if to:
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
        final = [f["on"] for f in ctx.facts if f["kind"] == "final_submitted"]
        instructed = [f["on"] for f in ctx.facts if f["kind"] == "publication_instructed"]
        if event.kind == "final_submitted":
            final.append(on)
        elif event.kind == "publication_instructed":
            instructed.append(on)
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
            start_kind = (
                "final_submitted" if final[-1] >= instructed[0] else "publication_instructed"
            )
            deadlines.open_new(kind, max(final[-1], instructed[0]), start_kind, event)
    elif kind == "factual_record_decision" and event.kind == "party_responded":
        deadlines.open_new(kind, on, "party_responded", event)
    else:
        deadlines.open_new(kind, on, event.kind, event)


def _open_lapsed_decision(ctx: Context, event=None) -> None:
    """The Secretariat's factual-record decision period starts the day after the Party's
    response period ends unmet."""
    response = ctx.deadlines.latest("party_response")
    if response is None:
        return
    start = response.due_on + datetime.timedelta(days=1)
    ctx.deadlines.open_new("factual_record_decision", start, "response_period_end", None)


def _acknowledged(ctx: Context, event: Event) -> None:
    submission = ctx.submission
    if submission.imported_identifier:
        identifier = submission.imported_identifier
        prefix, party, number, year = identifier.split("/")
        IdentifierCounter.hold(prefix, party, int(year), int(number))
    else:
        prefix = settings.SEM_IDENTIFIER_PREFIX
        party = submission.party.code
        year = submission.filed_on.year

        def taken(number):
            return Submission.objects.filter(
                identifier=f"{prefix}/{party}/{number:03d}/{year}"
            ).exists()

        number = IdentifierCounter.take(prefix, party, year, taken=taken)
        identifier = f"{prefix}/{party}/{number:03d}/{year}"
    submission.identifier = identifier
    submission.slug = Submission.slug_for(identifier)
    submission.registered_on = event.on


def _request_delivered(ctx: Context, event: Event) -> None:
    deadline = ctx.deadlines.open("party_response")
    if deadline is not None:
        ctx.deadlines.rebase(deadline, event.on, "request_delivered", event)


def _extension_notified(ctx: Context, event: Event) -> None:
    ctx.deadlines.set_length(ctx.deadlines.open("party_response"), EXTENDED_PARTY_RESPONSE)


def _response_decided(ctx: Context, event: Event) -> None:
    if event.data["outcome"] == "request":
        access.grant_case_access(ctx.submission, access.Audience.PARTY_CONCERNED)


def _factual_record_notified(ctx: Context, event: Event) -> None:
    access.grant_case_access(ctx.submission, access.Audience.COUNCIL)


def _draft_submitted(ctx: Context, event: Event) -> None:
    access.grant_case_access(ctx.submission, access.Audience.PARTIES_AND_COUNCIL)


def _submitters_joined(ctx: Context, event: Event) -> None:
    position = ctx.submission.memberships.count()
    for offset, item in enumerate(event.data["submitters"]):
        submitter = Submitter.objects.create(
            kind=item["kind"],
            name=item["name"],
            nationality=item.get("country", ""),
            residence=item.get("residence", ""),
            email=item.get("email", ""),
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


def _assigned(ctx: Context, event: Event) -> None:
    from submissions.models import User

    ctx.submission.assigned_officer = User.objects.filter(username=event.data["officer"]).first()


def _visibility_changed(ctx: Context, event: Event) -> None:
    document = ctx.document_at(*event.data["document"])
    document.visibility = event.data["to"]
    if document.pk is not None:  # else an import's row, inserted with this visibility
        document.save(update_fields=["visibility"])


def _deadline_missed_explained(ctx: Context, event: Event) -> None:
    deadline = ctx.deadlines.latest(event.data["deadline"], event.data.get("party", ""))
    deadline.missed_reason = event.data["reason"]
    if event.data.get("new_due_on"):
        deadline.revised_due_on = datetime.date.fromisoformat(event.data["new_due_on"])
    ctx.deadlines._touch(deadline)


_KIND_EFFECTS = {
    "acknowledged": _acknowledged,
    "request_delivered": _request_delivered,
    "extension_notified": _extension_notified,
    "response_decided": _response_decided,
    "factual_record_notified": _factual_record_notified,
    "draft_submitted": _draft_submitted,
    "submitters_joined": _submitters_joined,
    "identity_withheld": _identity_withheld,
    "assigned": _assigned,
    "visibility_changed": _visibility_changed,
    "deadline_missed_explained": _deadline_missed_explained,
}


# --- Filing -----------------------------------------------------------------------------------


@dataclass
class SubmitterInput:
    kind: str
    name: str
    nationality: str
    residence: str = ""
    email: str = ""
    phone: str = ""
    postal_address: str = ""
    preferred_language: str = "en"
    confidential: bool = False
    identity_document: object = None


@dataclass
class LawInput:
    name: str
    provisions: str = ""


@dataclass
class FilingInput:
    party: str
    language: str
    title: str
    submitters: list[SubmitterInput]
    laws: list[LawInput] = field(default_factory=list)
    summary: str = ""
    title_other: str = ""  # the title in the other language, when given (staff, import)
    summary_other: str = ""
    facts: str = ""
    authorities_communication: str = ""
    authorities_response: str = ""
    private_remedies: str = ""
    harm: str = ""
    relies_on_media_only: bool | None = None


def file_submission(
    filing: FilingInput,
    *,
    actor,
    on: datetime.date | str | None = None,
    reason: str = "",
    documents_in=(),
    identifier: str = "",
    receipt_number: str = "",
    note: str = "",
    title: str = "",
    author: str | None = None,
    visibility: str | None = None,
    importing: ImportOptions | None = None,
    context_out: list | None = None,
) -> Submission:
    """File a submission: the case, its submitters and laws, and its first event (`filed`),
    which gives it a receipt number and opens the acknowledgement and admissibility periods."""
    actor = Actor.of(actor)
    if filing.party not in guards.PARTIES:
        raise InvalidInput(_("The Party concerned must be Peru or the United States."))
    if filing.language not in ("en", "es"):
        raise InvalidInput(_("A submission is written in English or Spanish."))
    if not filing.submitters:
        raise InvalidInput(_("A submission has at least one submitter."))
    if importing is None and actor.kind == "user" and not actor.is_secretariat_user:
        raise NotAllowed()
    on_date = datetime.date.fromisoformat(on) if isinstance(on, str) else (on or today())
    other = "es" if filing.language == "en" else "en"
    history_user = importing.recorded_by if importing is not None else actor.user
    with transaction.atomic(), acting_user(history_user):
        party = Party.objects.get(code=filing.party)
        if receipt_number:
            _prefix, year, number = receipt_number.split("-")
            IdentifierCounter.hold("R", "", int(year), int(number))
        else:
            number = IdentifierCounter.take("R", "", on_date.year)
            receipt_number = f"R-{on_date.year}-{number:06d}"
        submission = Submission(
            receipt_number=receipt_number,
            party=party,
            language=filing.language,
            filed_on=on_date,
            stage="",
            imported_identifier=identifier,
            facts=filing.facts,
            authorities_communication=filing.authorities_communication,
            authorities_response=filing.authorities_response,
            private_remedies=filing.private_remedies,
            harm=filing.harm,
            relies_on_media_only=filing.relies_on_media_only,
        )
        setattr(submission, f"title_{filing.language}", filing.title)
        setattr(submission, f"title_{other}", filing.title_other)
        setattr(submission, f"summary_{filing.language}", filing.summary)
        setattr(submission, f"summary_{other}", filing.summary_other)
        ctx = Context(
            submission,
            getattr(importing, "calendar", None),
            getattr(importing, "lengths", None),
            new=True,
        )
        ctx.defer_writes = bool(importing is not None and importing.defer_writes)
        _save_row(ctx, submission, history_user)
        for position, law in enumerate(filing.laws):
            law_row, _created = EnvironmentalLaw.objects.get_or_create(
                party=party, name=law.name.strip(), provisions=law.provisions.strip()
            )
            _save_row(
                ctx,
                SubmissionLaw(submission=submission, law=law_row, position=position),
                history_user,
            )
        first_membership = None
        for position, item in enumerate(filing.submitters):
            submitter = Submitter(
                kind=item.kind,
                name=item.name,
                nationality=item.nationality.upper(),
                residence=item.residence.upper(),
                email=item.email,
                phone=item.phone,
                postal_address=item.postal_address,
                preferred_language=item.preferred_language,
                confidential=item.confidential,
            )
            if item.identity_document:
                submitter.identity_document.save(
                    documents.safe_name(item.identity_document.name),
                    item.identity_document,
                    save=False,
                )
            _save_row(ctx, submitter, history_user)
            membership = SubmissionSubmitter(
                submission=submission, submitter=submitter, position=position, joined_on=on_date
            )
            _save_row(ctx, membership, history_user)
            first_membership = first_membership or membership
        if actor.kind == "public":
            actor = Actor.submitter(first_membership)
        if author is None:
            author = "submitter"  # the submitters file, whoever types it in (paper filings)
        record_event(
            submission,
            "filed",
            actor=actor,
            on=on_date,
            reason=reason,
            documents_in=documents_in,
            context=ctx,
            importing=importing,
            note=note,
            title=title,
            author=author,
            visibility=visibility,
        )
        if context_out is not None:
            context_out.append(ctx)
    return submission


# --- Four eyes ----------------------------------------------------------------------------------


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


# --- Calendar and lengths -----------------------------------------------------------------------


def recompute_deadlines(reason: str, *, actor=None) -> int:
    """Recompute every open deadline after a calendar or length change and record a
    `deadlines_recomputed` event on each case whose due dates moved. Returns that count."""
    _require_secretariat_or_system(actor)
    calendar = Calendar()
    lengths = configured_lengths()
    changed = 0
    case_ids = (
        Deadline.objects.filter(state=Deadline.State.OPEN)
        .values_list("submission_id", flat=True)
        .distinct()
    )
    for pk in list(case_ids):
        with transaction.atomic(), acting_user(Actor.of(actor).user):
            submission = Submission.objects.select_for_update().select_related("party").get(pk=pk)
            if submission.stage not in OPEN_STAGES:
                continue
            ctx = Context(submission, calendar, lengths)
            changes = ctx.deadlines.recompute()
            if not changes:
                continue
            ctx.deadlines.save()
            ctx.deadlines.dirty.clear()
            record_event(
                submission,
                "deadlines_recomputed",
                actor=Actor.system() if actor is None else actor,
                data={"reason": reason, "changes": changes},
                context=ctx,
                on=max(today(), ctx.facts[-1]["on"]),
            )
            changed += 1
    return changed


def _require_secretariat_or_system(actor) -> None:
    """The calendar and the lengths are the Secretariat's: checked before anything changes."""
    actor = Actor.of(actor)
    if actor.kind != "system" and not actor.is_secretariat_user:
        raise NotAllowed(_("Only the Secretariat changes the calendar and the periods."))


def set_non_working_day(day: datetime.date, description: str, *, actor) -> NonWorkingDay:
    """Add (or rename) an extra non-working day at the seat and recompute open deadlines."""
    _require_secretariat_or_system(actor)
    with transaction.atomic(), acting_user(Actor.of(actor).user):
        row, _created = NonWorkingDay.objects.update_or_create(
            date=day, defaults={"description": description}
        )
        recompute_deadlines(
            _("Non-working day added: %(date)s (%(what)s)")
            % {"date": day.isoformat(), "what": description},
            actor=actor,
        )
    return row


def remove_non_working_day(day: datetime.date, *, actor) -> None:
    _require_secretariat_or_system(actor)
    with transaction.atomic(), acting_user(Actor.of(actor).user):
        for row in NonWorkingDay.objects.filter(date=day):
            row.delete()  # one by one, so that the history records the deletion
        recompute_deadlines(
            _("Non-working day removed: %(date)s") % {"date": day.isoformat()}, actor=actor
        )


def set_deadline_length(kind: str, length: int, *, actor) -> None:
    """Change an editable length ([ours] in PROCESS.md) and recompute open deadlines."""
    from workflow.deadlines import SPECS
    from workflow.models import DeadlineLength

    _require_secretariat_or_system(actor)
    if kind not in SPECS or not SPECS[kind].editable:
        raise InvalidInput(_("This period is set by the treaty and cannot be changed."))
    if length < 1:
        raise InvalidInput(_("A period lasts at least one day."))
    with transaction.atomic(), acting_user(Actor.of(actor).user):
        DeadlineLength.objects.update_or_create(kind=kind, defaults={"length": length})
        recompute_deadlines(
            _("Length of “%(kind)s” set to %(n)s days") % {"kind": SPECS[kind].label, "n": length},
            actor=actor,
        )


def open_lapsed_deadlines(on: datetime.date | None = None) -> int:
    """Daily: where the Party's response period ended unmet, open the Secretariat's
    factual-record decision period from the day after. Returns how many were opened."""
    on = on or today()
    opened = 0
    candidates = Deadline.objects.filter(
        kind="party_response",
        state=Deadline.State.OPEN,
        due_on__lt=on,
        submission__stage=Stage.AWAITING_RESPONSE,
    ).values_list("submission_id", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            submission = Submission.objects.select_for_update().get(pk=pk)
            ctx = Context(submission)
            if ctx.deadlines.open("factual_record_decision") is None:
                _open_lapsed_decision(ctx)
                ctx.deadlines.save()
                opened += 1
    return opened


def due_deadlines(on: datetime.date | None = None, within_days: int = 14):
    """Open deadlines that are overdue or due within ``within_days``, soonest first, for
    reminders and dashboards."""
    on = on or today()
    return (
        Deadline.objects.filter(
            state=Deadline.State.OPEN,
            due_on__lte=on + datetime.timedelta(days=within_days),
        )
        .exclude(submission__stage=Stage.CLOSED)
        .select_related("submission", "submission__party")
        .order_by("due_on", "id")
    )


def available_actions(submission, actor) -> list[EventRule]:
    """The event kinds this actor may record on this case now (for templates and forms):
    allowed in the current stage and by the actor's roles. Conditions that need the
    action's own input (dates, outcomes) are checked when it is recorded."""
    actor = Actor.of(actor)
    roles = actor.table_roles(submission)
    return [
        rule
        for rule in TABLE.values()
        if rule.stages is not None and rule.allowed_in(submission.stage) and roles & rule.roles
    ]


# Re-exported for callers that build document inputs.
DocumentInput = documents.DocumentInput
VISIBILITY = Visibility
