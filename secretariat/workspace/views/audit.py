"""The auditor's view of a case: the event chain, each record's row history, the chain check."""

import datetime
import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from secretariat.web import downloads
from secretariat.workspace import queries
from submissions import access, profiles
from submissions.dates import long_date
from submissions.history import row_values, seal_state
from submissions.models import (
    PARTY_CHOICES,
    AccessLogEntry,
    Document,
    Submission,
    SubmissionSubmitter,
    Submitter,
    User,
)
from submissions.stages import Visibility
from workflow.chain import problems_of
from workflow.models import ChainStatement, Deadline, Event
from workflow.periods import KIND_LABELS
from workflow.registry import export_registry
from workflow.table import TABLE

# The steps whose ``reason`` is the Secretariat's words (a closure's is a code).
REASON_IN_DATA = {
    "visibility_changed",
    "deadline_missed_explained",
    "deadlines_recomputed",
    "reopened",
}
# The newest entries of the access log shown on the page (the table keeps all of them).
AUDIT_ACCESS_ROWS = 500
SKIPPED = {
    "history_id",
    "history_date",
    "history_user",
    "history_type",
    "history_change_reason",
    "history_seal",
}


# Codes stored without choices on the model, shown with their label beside them.
EVENT_KINDS = {kind: rule.label for kind, rule in TABLE.items()}
CODE_LABELS = {
    (Event, "kind"): EVENT_KINDS,
    (Deadline, "kind"): KIND_LABELS,
    # Walk 69: "Regla (rule): setting", "Origen del plazo (start_kind): filed". A rule is the
    # treaty's article, as stored, or the Secretariat's own target.
    (Deadline, "rule"): {"setting": gettext_lazy("a target the Secretariat sets")},
    (Deadline, "start_kind"): EVENT_KINDS,
    (Deadline, "party"): dict(PARTY_CHOICES),  # walk 73: "Parte (party): PE"
    # The procedure a case runs, by its treaty (walk 73: "us-peru-tpa"); one installation
    # serves one profile, whose catalogue names its treaty.
    (Submission, "procedure"): lambda: {
        profiles.installed_slug(): gettext_lazy("United States–Peru Trade Promotion Agreement")
    },
    # How its due date was counted (workflow.deadlines.EXPLANATIONS; walk 71: "working_days").
    (Deadline, "explanation"): {
        "working_days": gettext_lazy("working days from its start"),
        "calendar_days": gettext_lazy("calendar days from its start"),
        "next_working_day": gettext_lazy(
            "calendar days from its start, moved to the next working day"
        ),
        "new_target": gettext_lazy("a new target date set by the Secretariat"),
    },
}


def _shown(value, choices: dict) -> str:
    """A stored value as the auditor reads it: a choice by its label with the stored code
    beside it, a moment in the seat's time to the second, a date in the page's format, yes
    or no; the stored text otherwise."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value)
        return f"{long_date(moment)}, {moment:%H:%M:%S} UTC{moment:%z}"
    if isinstance(value, datetime.date):
        return long_date(value)
    if choices and isinstance(value, str | int) and value in choices:
        return f"{choices[value]} ({value})"
    if isinstance(value, dict | list):
        # An event's data in the registry format's JSON (walk 27: Python's {'met': True}).
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _brief(value, choices: dict) -> str:
    """``_shown``, a free text cut at 80 characters; an event's data and a choice whole (walk
    28: cut, the data hid "proposal_event" behind the criteria; walk 31: "… période
    d’observations (draft_comment_p…")."""
    shown = _shown(value, choices)
    if isinstance(value, dict | list) or (choices and isinstance(value, str | int)):
        return shown
    return Truncator(shown).chars(80)


def _changes(records, fields, shown=_brief):
    """Each history row with the fields it changed against the previous row of the same
    record (computed here from one ordered query, not one query per row): (label in the
    page's language, column name, old value, new value), the values as ``shown`` gives them
    (``_brief`` on the page, ``_shown`` whole in the CSV); and whether the row matches its seal
    (``submissions.history``)."""
    last = {}
    rows = []
    for record in records:
        before = last.get(record.id)
        changed = []
        for name, label, choices in fields:
            new = getattr(record, name)
            old = getattr(before, name) if before is not None else None
            if before is None or old != new:
                if before is None and new in (None, ""):
                    continue
                changed.append((label, name, shown(old, choices), shown(new, choices)))
        last[record.id] = record
        rows.append((record, changed, seal_state(type(record), row_values(record))))
    return rows


def _statement_counting(case):
    """The last signed statement stored here, if it counted this case (walk 86: the page said
    so of a case imported, or registered, after it), and whether it counted the case's row
    history too: (statement, how many of its rows it counted), or (None, None). A statement
    counts only rows saved ``SEM_STATEMENT_ROW_MARGIN`` before it (walk 169: a case's rows
    all newer than that read "holds every row saved before that statement")."""
    statement = ChainStatement.objects.order_by("-date").first()
    if statement is None or not case.identifier:
        return None, None
    head = json.loads(statement.body).get("heads", {}).get(case.identifier)
    if head is None:
        return None, None
    rows = head.get("rows")
    return statement, rows.get("count", 0) if isinstance(rows, dict) else None


def _history(model, shown=_brief, **lookup):
    history = model.history.model
    wanted = [
        f
        for f in history._meta.concrete_fields
        if f.attname not in SKIPPED and f.name not in SKIPPED and f.attname != "history_user_id"
    ]
    records = list(
        model.history.filter(**lookup)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    fields = [
        (
            f.attname,
            f.verbose_name,
            dict(f.flatchoices)
            if f.choices
            else _related_labels(f, records) or _code_labels(model, f.attname),
        )
        for f in wanted
    ]
    return {
        "name": model._meta.verbose_name_plural,
        "rows": _changes(records, fields, shown),
    }


def _code_labels(model, name) -> dict:
    labels = CODE_LABELS.get((model, name), {})
    return labels() if callable(labels) else labels


def _related_labels(field, records) -> dict:
    """A reference to another row (a user, a Party, an event) by what a person calls it, by
    its id: one query per referenced table, not per row (walk 18: "assigned_officer_id: — →
    1")."""
    if not field.is_relation or field.related_model is None:
        return {}
    ids = {getattr(record, field.attname) for record in records} - {None}
    if not ids:
        return {}
    related = field.related_model
    if related is User:
        return dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))
    if related is Event:  # by its number in the case, as the chain above lists it
        rows = Event.objects.filter(pk__in=ids).values_list("pk", "seq", "kind")
        labels = CODE_LABELS[(Event, "kind")]
        return {
            pk: _("no. %(seq)s, %(kind)s") % {"seq": seq, "kind": labels.get(kind, kind)}
            for pk, seq, kind in rows
        }
    return {pk: str(row) for pk, row in related.objects.in_bulk(ids).items()}


def _tables(case, shown=_brief) -> list[dict]:
    """The row history of each table that holds the case's records."""
    submitter_ids = SubmissionSubmitter.objects.filter(submission=case).values("submitter_id")
    return [
        _history(Submission, shown, id=case.pk),
        _history(Event, shown, submission_id=case.pk),
        _history(Deadline, shown, submission_id=case.pk),
        _history(Document, shown, submission_id=case.pk),
        _history(SubmissionSubmitter, shown, submission_id=case.pk),
        _history(Submitter, shown, id__in=submitter_ids),
    ]


def _moment(value) -> str:
    """A moment in the seat's time, to the second, as a spreadsheet sorts it."""
    return timezone.localtime(value).isoformat(timespec="seconds")


CHANGE_WORDS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("deleted"),
}
SEAL_WORDS = {
    # Said, not left blank (walk 161: an empty column read as "not checked").
    "ok": gettext_lazy("matches its seal"),
    "account deleted": gettext_lazy("matches its seal; the account that made it was deleted"),
    "broken": gettext_lazy("does not match its seal: changed outside the application"),
    "unknown key": gettext_lazy("sealed with a key this installation does not hold"),
}


@login_required
def audit_access_log(request, pk):
    """The whole access log of the case as CSV (the page shows its newest entries; walk 127:
    the auditor could read it, not keep it)."""
    case = access.get_submission_for_staff(request.user, Submission.objects, pk=pk)
    access.log_access(request, case)
    response, writer = downloads.csv_download(f"{case.slug or case.pk}-access-log.csv")
    writer.writerow(
        [
            pgettext("CSV column", "at"),
            pgettext("CSV column", "user"),
            pgettext("CSV column", "what"),
            pgettext("CSV column", "what_label"),
            pgettext("CSV column", "document"),
            pgettext("CSV column", "document_title"),
            pgettext("CSV column", "path"),
        ]
    )
    entries = AccessLogEntry.objects.filter(submission=case).select_related("user", "document")
    for entry in entries.order_by("at", "id").iterator(chunk_size=2000):
        writer.writerow(
            [
                _moment(entry.at),
                entry.user.get_username(),
                entry.what,
                entry.get_what_display(),
                entry.document_id or "",
                downloads.cell(str(entry.document)) if entry.document else "",
                downloads.cell(entry.path),
            ]
        )
    return response


@login_required
def audit_row_history(request, pk):
    """Every row history change of the case as CSV, each value whole, the old beside the new
    (walk 127: the history download holds the events, not what a change replaced: the old
    title was on the page alone)."""
    case = access.get_submission_for_staff(request.user, Submission.objects, pk=pk)
    access.log_access(request, case)
    response, writer = downloads.csv_download(f"{case.slug or case.pk}-row-history.csv")
    writer.writerow(
        [
            pgettext("CSV column", "table"),
            pgettext("CSV column", "record"),
            pgettext("CSV column", "at"),
            pgettext("CSV column", "user"),
            pgettext("CSV column", "change"),
            pgettext("CSV column", "field"),
            pgettext("CSV column", "field_label"),
            pgettext("CSV column", "before"),
            pgettext("CSV column", "after"),
            pgettext("CSV column", "seal"),
        ]
    )
    for table in _tables(case, shown=_shown):
        for record, changes, seal in table["rows"]:
            who = record.history_user.get_username() if record.history_user else ""
            for label, name, old, new in changes or [("", "", "", "")]:
                writer.writerow(
                    [
                        str(table["name"]),
                        record.id,
                        _moment(record.history_date),
                        who,
                        str(CHANGE_WORDS.get(record.history_type, record.history_type)),
                        name,
                        str(label),
                        downloads.cell(old) if record.history_type == "~" else "",
                        downloads.cell(new),
                        str(SEAL_WORDS.get(seal, "")),
                    ]
                )
    return response


@login_required
def audit_export(request, pk):
    """The case's whole history in the registry format with everything restricted (who
    recorded each event, when, and its hash): an archive ``import_registry`` verifies hash by
    hash, for the auditor to keep or to check elsewhere."""
    case = access.get_submission_for_staff(request.user, Submission.objects, pk=pk)
    access.log_access(request, case)
    text = export_registry(Submission.objects.filter(pk=case.pk), restricted=True)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    return downloads.mark_attachment(response, f"{case.slug or case.pk}-history.json")


@login_required
def audit(request, pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, pk=pk)
    access.log_access(request, case)
    events = list(
        Event.objects.filter(submission=case)
        .select_related("recorded_by", "proposal")
        .order_by("seq")
    )
    for event in events:
        # Recorded after the date it bears: by how much, and the reason given (walk 112: every
        # demo act recorded in December for dates in May read alike, nothing flagged).
        # Not an import's or the system's own entries (recorded without an account).
        recorded_on = timezone.localdate(event.recorded_at)
        event.recorded_late = (recorded_on - event.on).days if event.recorded_by_id else 0
        event.date_reason = (event.data or {}).get("date_reason", "")
        # Why, where a step keeps its reasons in its data (walk 127: a visibility change read
        # with no reason, no from and no to, where other rows gave theirs).
        data = event.data or {}
        event.data_reason = data.get("reason", "") if event.kind in REASON_IN_DATA else ""
        levels = (data.get("from"), data.get("to"))
        if event.kind == "visibility_changed" and set(levels) <= set(Visibility.values):
            event.change = tuple(Visibility(level).label for level in levels)
    memberships = list(case.memberships.select_related("submitter").order_by("position", "id"))
    queries.name_acting_submitters(events, memberships)
    tables = _tables(case)
    statement, statement_rows = _statement_counting(case)
    return render(
        request,
        "workspace/audit.html",
        {
            "case": case,
            "events": events,
            "tables": tables,
            "problems": problems_of(case),
            "statement": statement,
            "statement_rows": statement_rows,
            "access_log": list(
                AccessLogEntry.objects.filter(submission=case).select_related("user", "document")[
                    :AUDIT_ACCESS_ROWS
                ]
            ),
            "access_rows": AUDIT_ACCESS_ROWS,
        },
    )
