"""The auditor's view of a case: the event chain, each record's row history, the chain check."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from submissions import access
from submissions.models import (
    AccessLogEntry,
    Document,
    Submission,
    SubmissionSubmitter,
    Submitter,
)
from workflow.chain import problems_of
from workflow.models import Deadline, Event

# The newest entries of the access log shown on the page (the table keeps all of them).
AUDIT_ACCESS_ROWS = 500
SKIPPED = {"history_id", "history_date", "history_user", "history_type", "history_change_reason"}


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
        return f"{formats.date_format(moment, 'DATE_FORMAT')}, {moment:%H:%M:%S}"
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if choices and isinstance(value, str) and value in choices:
        return f"{choices[value]} ({value})"
    return str(value)


def _changes(records, fields):
    """Each history row with the fields it changed against the previous row of the same
    record (computed here from one ordered query, not one query per row): (label in the
    page's language, column name, old value, new value), the values as ``_shown``."""
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
                changed.append((label, name, _shown(old, choices), _shown(new, choices)))
        last[record.id] = record
        rows.append((record, changed))
    return rows


def _history(model, **lookup):
    history = model.history.model
    fields = [
        (f.attname, f.verbose_name, dict(f.flatchoices) if f.choices else {})
        for f in history._meta.concrete_fields
        if f.attname not in SKIPPED and f.name not in SKIPPED and f.attname != "history_user_id"
    ]
    records = (
        model.history.filter(**lookup)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    return {
        "name": model._meta.verbose_name_plural,
        "rows": _changes(records, fields),
    }


@login_required
def audit(request, pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, pk=pk)
    access.log_access(request, case)
    submitter_ids = SubmissionSubmitter.objects.filter(submission=case).values("submitter_id")
    events = (
        Event.objects.filter(submission=case)
        .select_related("recorded_by", "proposal")
        .order_by("seq")
    )
    tables = [
        _history(Submission, id=case.pk),
        _history(Event, submission_id=case.pk),
        _history(Deadline, submission_id=case.pk),
        _history(Document, submission_id=case.pk),
        _history(SubmissionSubmitter, submission_id=case.pk),
        _history(Submitter, id__in=submitter_ids),
    ]
    return render(
        request,
        "workspace/audit.html",
        {
            "case": case,
            "events": events,
            "tables": tables,
            "problems": problems_of(case),
            "access_log": AccessLogEntry.objects.filter(submission=case).select_related(
                "user", "document"
            )[:AUDIT_ACCESS_ROWS],
        },
    )
