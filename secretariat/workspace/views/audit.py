"""The auditor's view of a case: the event chain, each record's row history, the chain check."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from submissions import access
from submissions.models import (
    AccessLogEntry,
    Document,
    Submission,
    SubmissionSubmitter,
    Submitter,
)
from workflow.chain import verify_submission
from workflow.models import Deadline, Event

# The newest entries of the access log shown on the page (the table keeps all of them).
AUDIT_ACCESS_ROWS = 500
SKIPPED = {"history_id", "history_date", "history_user", "history_type", "history_change_reason"}


def _changes(records, fields):
    """Each history row with the fields it changed against the previous row of the same
    record (computed here from one ordered query, not one query per row): (label in the
    page's language, column name, old value, new value)."""
    last = {}
    rows = []
    for record in records:
        before = last.get(record.id)
        changed = []
        for name, label in fields:
            new = getattr(record, name)
            old = getattr(before, name) if before is not None else None
            if before is None or old != new:
                if before is None and new in (None, ""):
                    continue
                changed.append((label, name, old, new))
        last[record.id] = record
        rows.append((record, changed))
    return rows


def _history(model, **lookup):
    history = model.history.model
    fields = [
        (f.attname, f.verbose_name)
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
            "broken": verify_submission(case),
            "access_log": AccessLogEntry.objects.filter(submission=case).select_related(
                "user", "document"
            )[:AUDIT_ACCESS_ROWS],
        },
    )
