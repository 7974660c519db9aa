"""Deadline kinds of REGISTRY-FORMAT.md and the operations on a case's deadlines.

Lengths marked "setting" are PROCESS.md's [ours] choices: their defaults are here and the
Secretariat edits them in ``DeadlineLength`` (which recomputes open deadlines). Treaty periods
are not editable.
"""

import contextlib
import datetime
import functools

from babel.lists import format_list
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from submissions import profiles
from submissions.dates import ordinal_first
from workflow.calendar import Calendar, skipped_weekdays
from workflow.models import Deadline, DeadlineLength
from workflow.periods import SPECS

# What started a period, as a person reads it in the explanation.
START_PHRASES = {
    "filed": _("filing"),
    "revision_filed": _("the revised submission"),
    "admissibility_determined": _("the determination"),
    "response_decided": _("delivery of the request"),
    "request_delivered": _("delivery of the request"),
    "party_responded": _("the Party's response"),
    "response_period_end": _("the end of the response period"),
    "factual_record_notified": _("the notification to the Council"),
    "council_instructed": _("the Council's instruction"),
    "draft_submitted": _("submission of the draft factual record"),
    "final_submitted": _("submission of the final factual record"),
    "publication_instructed": _("the instruction to publish"),
    "reopened": _("reopening"),
}


def configured_lengths() -> dict[str, int]:
    """Current lengths: defaults overridden by the editable table."""
    lengths = {kind: spec.length for kind, spec in SPECS.items()}
    for kind, length in DeadlineLength.objects.values_list("kind", "length"):
        if kind in SPECS and SPECS[kind].editable:
            lengths[kind] = length
    return lengths


def period_of(kind: str, filed_on: datetime.date | None) -> tuple[int, bool]:
    """(length, whether in working days) of a ``kind`` period opened today on a case filed on
    ``filed_on``, as ``CaseDeadlines.open_new`` counts it: its era's, else the configured
    length (a setting the Secretariat changed included) and the profile's unit."""
    era_period = profiles.installed().periods_for(filed_on).get(kind)
    if era_period is not None:
        return era_period.length, era_period.working_days
    return configured_lengths()[kind], SPECS[kind].working_days


def format_day(day: datetime.date, weekday: bool = False) -> str:
    return _format_day(translation.get_language(), day, weekday)


@functools.lru_cache(maxsize=16384)
def _format_day(language: str | None, day: datetime.date, weekday: bool) -> str:
    """A day in words, kept per language: an export or a page of deadlines names the same
    days many times, and Django's date formatting is the dearest part of an explanation."""
    if language == "es":
        fmt = r"l j \d\e F \d\e Y" if weekday else r"j \d\e F \d\e Y"
    else:
        fmt = "l j F Y" if weekday else "j F Y"
    return ordinal_first(dateformat.format(day, fmt), day, language)


# What a Deadline row stores as its explanation: the code of the sentence, never the sentence;
# ``explain`` puts it into words from the row's own fields, in the reader's language.
EXPLANATIONS = ("working_days", "calendar_days", "next_working_day", "new_target")


def explanation_code(deadline: Deadline) -> str:
    if deadline.original_due_on is not None:
        return "new_target"
    return _computed_code(deadline, deadline.due_on)


def _computed_code(deadline: Deadline, due_on: datetime.date) -> str:
    if deadline.unit == Deadline.Unit.WORKING_DAYS:
        return "working_days"
    if due_on != deadline.start_on + datetime.timedelta(days=deadline.length):
        return "next_working_day"  # the last day was not a working day at the seat
    return "calendar_days"


def _words(deadline: Deadline, code: str) -> str:
    if code == "new_target":
        computed = deadline.original_due_on or deadline.due_on
        return gettext("%(computed)s; new target date set by the Secretariat: %(due)s") % {
            "computed": _computed_words(deadline, _computed_code(deadline, computed), computed),
            "due": format_day(deadline.due_on),
        }
    return _computed_words(deadline, code, deadline.due_on)


def _computed_words(deadline: Deadline, code: str, due_on: datetime.date) -> str:
    values = {
        "n": deadline.length,
        "start": START_PHRASES.get(deadline.start_kind, deadline.start_kind),
        "date": format_day(deadline.start_on),
        "due": format_day(due_on),
    }
    if code == "working_days":
        skipped = skipped_weekdays(deadline.start_on, due_on, deadline.length)
        if not skipped:
            return gettext("%(n)s working days from %(start)s on %(date)s → %(due)s") % values
        language = translation.get_language() or "en"
        values["days"] = format_list(
            [format_day(day) for day in skipped], locale=translation.to_locale(language)
        )
        return (
            ngettext(
                "%(n)s working days from %(start)s on %(date)s → %(due)s, not counting the "
                "non-working day %(days)s",
                "%(n)s working days from %(start)s on %(date)s → %(due)s, not counting the "
                "non-working days %(days)s",
                len(skipped),
            )
            % values
        )
    if code == "next_working_day":
        values["due"] = gettext("%(day)s, moved to the next working day, %(next)s") % {
            "day": format_day(deadline.start_on + datetime.timedelta(days=deadline.length), True),
            "next": format_day(due_on, True),
        }
    return gettext("%(n)s calendar days from %(start)s on %(date)s → %(due)s") % values


def explain(deadline: Deadline, language: str | None = None) -> str:
    """The one-line explanation of a due date, in ``language`` (default: the active one).

    Rows written before explanations were stored as codes hold English words: when they are
    the words this row's fields give, they are put into the reader's language like the
    others; any other text is shown as it is."""
    with translation.override(language) if language else contextlib.nullcontext():
        code = deadline.explanation
        if code not in EXPLANATIONS:
            derived = explanation_code(deadline)
            with translation.override("en"):
                recoverable = code == _words(deadline, derived)
            if code and not recoverable:
                return code
            code = derived
        return _words(deadline, code)


def merged_by_party(deadlines, apart: str = "") -> list[Deadline]:
    """``deadlines`` in their order, the Parties' periods of one kind that end alike (each
    Party's comments on the draft) as one row, its ``parties`` naming them all (walk 41:
    CAFTA-DR's seven identical rows on a phone). Every row gets ``parties``: its own Party's,
    or none. The periods of ``apart`` (a Party, in its portal) stay rows of their own, each
    first of its kind (walk 56: its own period was one line among seven)."""
    merged, first = [], {}
    for deadline in deadlines:
        if apart and deadline.party == apart:
            deadline.parties = [apart]
            same = next((row for row in merged if row.kind == deadline.kind), None)
            merged.insert(merged.index(same) if same is not None else len(merged), deadline)
            continue
        key = (
            deadline.kind,
            deadline.due_on,
            deadline.state,
            deadline.explanation,
            deadline.missed_reason,
            deadline.revised_due_on,
        )
        if deadline.party and key in first:
            first[key].parties.append(deadline.party)
            continue
        deadline.parties = [deadline.party] if deadline.party else []
        if deadline.party:
            first[key] = deadline
        merged.append(deadline)
    return merged


class CaseDeadlines:
    """The deadlines of one case, loaded once and changed in memory by a transition; the
    service saves what changed in the same transaction."""

    def __init__(
        self,
        submission,
        calendar: Calendar,
        lengths: dict[str, int] | None = None,
        new: bool = False,
    ):
        self.submission = submission
        self.calendar = calendar
        self.lengths = lengths if lengths is not None else configured_lengths()
        # An earlier text's treaty periods, for a case filed under it (profiles.Era).
        self.era_periods = profiles.installed().periods_for(getattr(submission, "filed_on", None))
        self.items: list[Deadline] = [] if new else list(submission.deadlines.order_by("id"))
        self.dirty: set[int] = set()  # indexes into items

    # --- queries ---------------------------------------------------------------------------
    def latest(self, kind: str, party: str = "", states=None) -> Deadline | None:
        for deadline in reversed(self.items):
            if (
                deadline.kind == kind
                and deadline.party == party
                and (states is None or deadline.state in states)
            ):
                return deadline
        return None

    def open(self, kind: str, party: str = "") -> Deadline | None:
        return self.latest(kind, party, states={Deadline.State.OPEN})

    def parties_of(self, kind: str) -> list[str]:
        return sorted({d.party for d in self.items if d.kind == kind})

    # --- changes ---------------------------------------------------------------------------
    def _touch(self, deadline: Deadline):
        self.dirty.add(id(deadline))

    def _compute(self, deadline: Deadline):
        deadline.due_on, _moved = self.calendar.due_date(
            deadline.start_on, deadline.length, deadline.unit == Deadline.Unit.WORKING_DAYS
        )
        deadline.original_due_on = None  # a period counted afresh replaces any new target
        deadline.explanation = explanation_code(deadline)

    def open_new(
        self,
        kind: str,
        start_on: datetime.date,
        start_kind: str,
        event=None,
        party: str = "",
        length: int | None = None,
    ) -> Deadline:
        """Open a period; an open one of the same kind (and Party) is re-based instead, so a
        case never waits twice for the same thing."""
        spec = SPECS[kind]
        era_period = self.era_periods.get(kind)
        working_days = era_period.working_days if era_period else spec.working_days
        deadline = self.open(kind, party)
        if deadline is None:
            deadline = Deadline(
                submission=self.submission,
                kind=kind,
                party=party,
                rule=era_period.basis if era_period else spec.rule,
                unit=(Deadline.Unit.WORKING_DAYS if working_days else Deadline.Unit.DAYS),
            )
            self.items.append(deadline)
        deadline.start_event = event
        deadline.start_kind = start_kind
        deadline.start_on = start_on
        deadline.length = length or (era_period.length if era_period else self.lengths[kind])
        self._compute(deadline)
        self._touch(deadline)
        return deadline

    def set_target(self, deadline: Deadline, target: datetime.date):
        """The Secretariat's new target for a missed one (`deadline_missed_explained`): it
        becomes the due date every check measures against; the computed one is kept."""
        if deadline.original_due_on is None:
            deadline.original_due_on = deadline.due_on
        deadline.due_on = deadline.revised_due_on = target
        deadline.explanation = explanation_code(deadline)
        self._touch(deadline)

    def rebase(self, deadline: Deadline, start_on: datetime.date, start_kind: str, event=None):
        deadline.start_on = start_on
        deadline.start_kind = start_kind
        deadline.start_event = event
        self._compute(deadline)
        self._touch(deadline)

    def set_length(self, deadline: Deadline, length: int):
        deadline.length = length
        self._compute(deadline)
        self._touch(deadline)

    def meet(self, kind: str, on: datetime.date, party: str = "") -> Deadline | None:
        deadline = self.open(kind, party)
        if deadline is None and SPECS[kind].late_accepted:
            deadline = self.latest(
                kind, party, states={Deadline.State.MISSED, Deadline.State.LAPSED}
            )
        if deadline is None:
            return None
        deadline.state = Deadline.State.MET
        deadline.met_on = on
        deadline.ended_on = on
        deadline.late = on > deadline.due_on
        self._touch(deadline)
        return deadline

    def end_unmet(self, on: datetime.date, stage) -> None:
        """End the open deadlines the case no longer waits for in ``stage``: missed when past
        due (lapsed for a period that binds no one to act), cancelled when not yet due."""
        for deadline in self.items:
            if deadline.state != Deadline.State.OPEN:
                continue
            spec = SPECS[deadline.kind]
            if stage in spec.alive_in:
                continue
            if on <= deadline.due_on:
                deadline.state = Deadline.State.CANCELLED
            elif spec.binds:
                deadline.state = Deadline.State.MISSED
            else:
                deadline.state = Deadline.State.LAPSED
            deadline.ended_on = on
            self._touch(deadline)

    def end_unknown(self, on: datetime.date, stage) -> None:
        """End as unknown the open deadlines a legacy history's unrecorded steps moved the
        case past: whether and when they were met was never recorded."""
        for deadline in self.items:
            if deadline.state == Deadline.State.OPEN and stage not in SPECS[deadline.kind].alive_in:
                self._end_unknown(deadline, on)

    def end_unknown_kind(self, kind: str, on: datetime.date) -> None:
        """End as unknown the open deadline ``kind`` whose step the history never dated."""
        deadline = self.open(kind)
        if deadline is not None:
            self._end_unknown(deadline, on)

    def _end_unknown(self, deadline: Deadline, on: datetime.date) -> None:
        deadline.state = Deadline.State.UNKNOWN
        deadline.ended_on = on
        self._touch(deadline)

    def recompute(self) -> list[dict]:
        """Recompute open due dates after a calendar or length change; the changes made."""
        changes = []
        for deadline in self.items:
            if deadline.state != Deadline.State.OPEN:
                continue
            if deadline.original_due_on is not None:
                continue  # the Secretariat's new target stands
            spec = SPECS[deadline.kind]
            before = deadline.due_on
            if spec.editable and deadline.kind not in self.era_periods:
                deadline.length = self.lengths[deadline.kind]
            self._compute(deadline)
            if deadline.due_on != before:
                self._touch(deadline)
                changes.append(
                    {
                        "deadline": deadline.kind,
                        "party": deadline.party,
                        "from": before.isoformat(),
                        "to": deadline.due_on.isoformat(),
                    }
                )
        return changes

    def save(self, save_row=None):
        for deadline in self.items:
            if id(deadline) in self.dirty:
                if save_row is None:
                    deadline.save()
                else:
                    save_row(deadline)
        self.dirty.clear()


def mark_comments_in(submissions) -> None:
    """Mark each open case of ``submissions`` in the comment period whose Parties' periods for
    comments on the draft are all met or past (``comments_in``): its stage then reads as
    such on every page and list alike (walk 65: the docket's list said "comment period" where
    the case page said "comments in"). One query, for the cases in that stage only."""
    waiting = [s for s in submissions if s.stage == "draft_comment_period" and s.is_open]
    if not waiting:
        return
    running = set(
        Deadline.objects.filter(
            submission_id__in=[s.pk for s in waiting],
            kind="draft_comments",
            state=Deadline.State.OPEN,
            due_on__gte=timezone.localdate(),
        ).values_list("submission_id", flat=True)
    )
    for submission in waiting:
        submission.comments_in = submission.pk not in running
