"""What a case's chain alone cannot show (walk 84), for ``workflow.chain.verify_all``:

- a row the application writes with its row history (the case's public texts and what the
  events set on it, each deadline) changed outside the application: the application saves
  every change of those fields with a history row, so the row differs from its last history
  row only if someone wrote to the database directly (a case imported without a digest of its
  texts is covered too);
- a history cut short, or rewritten, after the Secretariat's last signed statement of chain
  heads counted it (``workflow.statements``: the statement stored here is checked against
  the key that signed it);
- for an event whose content changed, which of its fields differ from what was recorded
  (its row history keeps the event as written);
- with ``seals``, a row history rewritten to match (``chain_seals``: every history row
  carries a seal).
"""

import json

from django.db.models import Max
from django.utils.translation import gettext as _
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from submissions.dates import long_date
from submissions.models import Document, Submission
from workflow.chain_seals import Seals
from workflow.models import ChainStatement, Deadline, Event
from workflow.periods import KIND_LABELS
from workflow.streams import Stream

# The case's fields the application saves with a history row (recording.TRACKED_FIELDS, the
# texts set_public_texts saves) and the events do not already check (the stage, the closure,
# the identifier, the filing date: chain_problems.row_problems); the chain's head, its count
# and the last dates move without a history row and are checked against the events.
CASE_FIELDS = (
    "registered_on",
    "assigned_officer_id",
    "title_en",
    "title_es",
    "title_fr",
    "summary_en",
    "summary_es",
    "summary_fr",
)
DEADLINE_FIELDS = (
    "kind",
    "party",
    "start_on",
    "length",
    "unit",
    "due_on",
    "state",
    "met_on",
    "ended_on",
    "late",
    "missed_reason",
    "revised_due_on",
    "original_due_on",
)
EVENT_FIELDS = ("kind", "on", "author", "data", "visibility", "code", "title", "note")
DOCUMENT_FIELDS = ("language", "title", "kind", "initial_visibility", "sha256", "size")


def _quoted(name) -> str:
    """A field's name in the language's quotation marks."""
    return _("“%(name)s”") % {"name": name}


def _first_of_each(rows, key) -> dict:
    """The first row of each ``key`` in the rows' order: a row's last change where its history
    is read newest first, its row as written where oldest first."""
    first = {}
    for row in rows:
        first.setdefault(row[key], row)
    return first


def _by_case(queryset, fields):
    """Rows as dicts, grouped by case (``streams.by_case`` for a history table, whose rows
    name their case by ``submission_id`` or, for the case's own, ``id``)."""
    key = fields[0]
    current, rows = None, []
    for values in queryset.values_list(*fields).iterator(chunk_size=2000):
        row = dict(zip(fields, values, strict=True))
        if row[key] != current:
            if rows:
                yield current, rows
            current, rows = row[key], []
        rows.append(row)
    if rows:
        yield current, rows


class Outside:
    """The row histories of the cases ``submissions`` selects, read as streams in step with
    ``verify_all``, and the last statement stored here."""

    def __init__(self, submissions, seals: bool = False):
        cases = submissions.values("pk")
        self.case_history = Stream(
            _by_case(
                Submission.history.filter(id__in=cases).order_by("id", "-history_id"),
                ("id", "history_type", *CASE_FIELDS),
            )
        )
        self.deadlines = Stream(
            _by_case(
                Deadline.objects.filter(submission__in=cases).order_by("submission_id", "id"),
                ("submission_id", "id", *DEADLINE_FIELDS),
            )
        )
        self.deadline_history = Stream(
            _by_case(
                Deadline.history.filter(submission_id__in=cases).order_by(
                    "submission_id", "id", "-history_id"
                ),
                ("submission_id", "id", "history_type", *DEADLINE_FIELDS),
            )
        )
        self.statement = last_statement()
        # The seals, and the row history's counts in the last statement where it verifies.
        signed = self.statement[1] if self.statement else None
        self.seals = Seals(cases, signed) if seals else None
        # The last event each case's row history records: events are never deleted but with
        # their case, so one it records and the case no longer holds was deleted outside the
        # application (walk 86: a last event deleted with its count and head reset, after the
        # day's statement, passed).
        self.last_recorded = dict(
            Event.history.filter(submission_id__in=cases)
            .values("submission_id")
            .annotate(top=Max("seq"))
            .values_list("submission_id", "top")
        )

    def problems(self, submission, events, problem) -> list:
        pk = submission.pk
        found = []
        recorded = self.last_recorded.get(pk) or 0
        if recorded > len(events):
            found.append(
                problem(
                    len(events) + 1,
                    _(
                        "deleted outside the application: the row history records events up "
                        "to %(count)s"
                    )
                    % {"count": recorded},
                )
            )
        found += case_row(submission, self.case_history.take(pk), problem)
        found += deadline_rows(self.deadlines.take(pk), self.deadline_history.take(pk), problem)
        found += stated(submission, events, self.statement, problem)
        if self.seals is not None:
            found += self.seals.problems(submission, problem)
        return found


def case_row(submission, history, problem) -> list:
    if not history:
        return []
    last = history[0]
    changed = [
        name
        for name in CASE_FIELDS
        if hasattr(submission, name) and getattr(submission, name) != last[name]
    ]
    if not changed:
        return []
    labels = ", ".join(
        _quoted(Submission._meta.get_field(name.removesuffix("_id")).verbose_name)
        for name in changed
    )
    return [
        problem(
            None,
            _("changed outside the application: the case's %(fields)s, against its row history")
            % {"fields": labels},
        )
    ]


def deadline_rows(deadlines, history, problem) -> list:
    last = _first_of_each(history, "id")
    problems = []
    for deadline in deadlines:
        recorded = last.get(deadline["id"])
        if recorded is None:
            continue  # written before row histories were kept
        changed = [name for name in DEADLINE_FIELDS if deadline[name] != recorded[name]]
        if changed:
            problems.append(
                problem(
                    None,
                    _(
                        "changed outside the application: %(fields)s of the period "
                        "“%(kind)s”, against its row history"
                    )
                    % {
                        "kind": KIND_LABELS.get(deadline["kind"], deadline["kind"]),
                        "fields": ", ".join(
                            _quoted(Deadline._meta.get_field(name).verbose_name) for name in changed
                        ),
                    },
                )
            )
    present = {deadline["id"] for deadline in deadlines}
    for deadline_id, recorded in last.items():
        if deadline_id not in present and recorded["history_type"] != "-":
            problems.append(
                problem(
                    None,
                    _("deleted outside the application: the period “%(kind)s”")
                    % {"kind": KIND_LABELS.get(recorded["kind"], recorded["kind"])},
                )
            )
    return problems


def last_statement():
    """The last statement stored here: (its date, the statement), or (its date, None) when
    its signature does not verify with the key it names; ``None`` before the first."""
    row = ChainStatement.objects.order_by("-date").first()
    if row is None:
        return None
    try:
        VerifyKey(bytes.fromhex(row.public_key)).verify(
            row.body.encode(), bytes.fromhex(row.signature)
        )
    except (ValueError, BadSignatureError):
        return row.date, None
    return row.date, json.loads(row.body)


def stated(submission, events, statement, problem) -> list:
    """The case against the last signed statement: as many events at least, the one it
    counted with the hash it stated."""
    if statement is None or not submission.identifier:
        return []
    date, signed = statement
    on = long_date(date)
    if signed is None:
        return [
            problem(
                None,
                _("the statement of %(date)s stored here does not verify with its key")
                % {"date": on},
            )
        ]
    head = signed.get("heads", {}).get(submission.identifier)
    if not head or not head.get("events"):
        return []
    count = head["events"]
    if len(events) < count:
        return [
            problem(
                count,
                _(
                    "missing, though the Secretariat's signed statement of %(date)s counts "
                    "%(count)s events"
                )
                % {"date": on, "count": count},
            )
        ]
    if events[count - 1]["hash"] != head.get("head"):
        return [
            problem(
                count,
                _(
                    "its hash differs from the Secretariat's signed statement of %(date)s: "
                    "the history up to it was rewritten after the statement"
                )
                % {"date": on},
            )
        ]
    return []


def changed_fields(event_row) -> str:
    """Which of an event's fields, and its documents', differ from its row history (what was
    written when it was recorded): "“note”, “date”", or "" when its history is gone too."""
    first = (
        Event.history.filter(id=event_row["id"])
        .order_by("history_id")
        .values(*EVENT_FIELDS)
        .first()
    )
    if first is None:
        return ""
    names = [
        _quoted(Event._meta.get_field(name).verbose_name)
        for name in EVENT_FIELDS
        if event_row.get(name) != first[name]
    ]
    documents = Document.objects.filter(event_id=event_row["id"]).values("id", *DOCUMENT_FIELDS)
    recorded = _first_of_each(
        Document.history.filter(event_id=event_row["id"])
        .order_by("id", "history_id")
        .values("id", *DOCUMENT_FIELDS),
        "id",
    )
    for document in documents:
        was = recorded.get(document["id"])
        if was is not None and any(document[n] != was[n] for n in DOCUMENT_FIELDS):
            names.append(_("document “%(title)s”") % {"title": was["title"]})
    return ", ".join(names)
