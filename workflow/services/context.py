"""What the guards and effects know of one case while an event is recorded, and the
importer's options."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from submissions.models import (
    Document,
)
from submissions.stages import Stage
from workflow import guards
from workflow.calendar import Calendar
from workflow.deadlines import CaseDeadlines
from workflow.exceptions import InvalidInput, RuleViolation
from workflow.lapsing import lapsed
from workflow.models import Event
from workflow.rule import EventRule, profile_stages
from workflow.table import OUTCOMES


def today() -> datetime.date:
    return timezone.localdate()


@dataclass
class ImportOptions:
    """How the registry importer records a historical event."""

    recorded_at: datetime.datetime | None = None
    recorded_by: object = None  # a User
    expected_hash: str | None = None
    key_id: str = ""  # the chain key the export's hash was made with (none: unkeyed)
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
        """Proposals awaiting the Executive Director: not yet approved or returned, and not
        lapsed (``workflow.lapsing``: made in a stage the case has left; a lapsed one stays in
        the history, unanswered)."""
        answered = self._answered()
        return [
            f
            for f in self.facts
            if f["kind"] == "proposed"
            and f["seq"] not in answered
            and not lapsed(
                f["data"]["proposal"], f.get("stage", self.submission.stage), self.submission.stage
            )
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
        """The next code of ``letter`` after the highest of the case's codes of that letter,
        whatever reference they were given under (the receipt number before the case was
        acknowledged, or an imported registry's codes, numbers skipped included): every code
        of a case is the case's own (the importer refuses another case's)."""
        reference = self.submission.identifier or self.submission.receipt_number
        pattern = re.compile(rf"/{letter}(\d*)$")
        numbers = [
            int(match.group(1) or 1)
            for f in self.facts
            if f["code"] and (match := pattern.search(f["code"]))
        ]
        count = max(numbers, default=0)
        if letter == "N":
            return f"{reference}/N" if count == 0 else f"{reference}/N{count + 1}"
        return f"{reference}/{letter}{count + 1}"

    # --- the table -------------------------------------------------------------------------
    def check_legal(self, rule: EventRule, data: dict) -> None:
        """Stage, keys and further conditions of ``rule`` for an event with ``data`` now."""
        stage = self.submission.stage
        if not rule.allowed_in(stage):
            if rule.stages == frozenset() and not profile_stages(rule.kind):
                raise RuleViolation(
                    _("“%(event)s” is not a step of the procedure this installation runs.")
                    % {"event": rule.label},
                    rule=f"{rule.kind} not in this profile",
                )
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
        # The documents a portal post sent for the public, by position (portals.views).
        positions = data.get("for_public", [])
        if not isinstance(positions, list) or not all(
            isinstance(p, int) and not isinstance(p, bool) and p >= 0 for p in positions
        ):
            raise InvalidInput(
                _("“for_public” lists the positions of documents (0, 1, 2…)."), rule="for_public"
            )
        # Dates the effects parse later: a bad one must be refused here, not raise ValueError
        # while opening a deadline (or, for closes_on, at every later information_submitted).
        for key in ("delivered_on", "closes_on"):
            if data.get(key) not in (None, ""):
                try:
                    day = datetime.date.fromisoformat(data[key])
                except (TypeError, ValueError) as exc:
                    raise InvalidInput(
                        _("“%(key)s” must be a date (YYYY-MM-DD).") % {"key": key}, rule="date key"
                    ) from exc
                # Walk 41: a delivery on 1 March 2027, typed in December 2026, was taken, and
                # the Party's 45 days ran from it. A delivery is known once it happened.
                if key == "delivered_on" and not self.importing and day > today():
                    raise InvalidInput(
                        _("A request cannot be recorded as delivered on a date still to come."),
                        rule="delivered in the future",
                    )
        saved = self.kind, self.data
        self.kind, self.data = rule.kind, data
        try:
            for name in rule.guards:
                getattr(guards, name)(self)
        finally:
            self.kind, self.data = saved


def _stage_label(stage) -> str:
    return str(Stage(stage).label) if stage else _("not yet filed")
