"""The daily sweep: reminders before due dates (14, 7 and 1 days) to those who owe them, and a
digest of due-soon and overdue deadlines to the staff. Each reminder is written once per
(deadline, threshold) and the digest once per day; the unique constraints make a second sweep
on the same day write nothing."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from notices import recipients, rules
from notices.context import case_context
from notices.models import Digest, Notice, Reminder
from submissions import withheld
from workflow import checks
from workflow import services as workflow


def threshold_for(days_left: int) -> int | None:
    """The reminder due now: the smallest threshold not below the days left (a sweep that
    missed a day sends the most urgent one, not a stale one)."""
    if days_left < 0:
        return None
    candidates = [t for t in rules.REMINDER_THRESHOLDS if days_left <= t]
    return min(candidates) if candidates else None


def sweep(on: datetime.date | None = None) -> dict[str, int]:
    """Write the reminders and the digest due ``on`` (default today). Returns counts. Sends
    nothing itself: its callers (the daily task, ``send_pending_notices --sweep``) send what is
    pending right after."""
    on = on or workflow.today()
    counts = {"reminders": 0, "notices": 0, "digest": 0}
    horizon = max(rules.REMINDER_THRESHOLDS)
    deadlines = list(workflow.due_deadlines(on, within_days=horizon))
    for deadline in deadlines:
        if deadline.kind not in rules.REMINDED:
            continue
        threshold = threshold_for((deadline.due_on - on).days)
        if threshold is None:
            continue
        written = _remind(deadline, threshold, on)
        if written is not None:
            counts["reminders"] += 1
            counts["notices"] += written
    written = _digest(deadlines, on)
    if written is not None:
        counts["digest"] = 1
        counts["notices"] += written
    counts["notices"] += _histories()
    return counts


def _histories() -> int:
    """The Executive Director told, once per check (``workflow.checks``: the beat's nightly
    one, or verify_history), of the cases whose history it found broken."""
    check = checks.latest()
    if check is None or not check.broken:
        return 0
    context = {
        "reference": "",
        "on": timezone.localdate(check.checked_at).isoformat(),
        "references": ", ".join(case["reference"] for case in check.broken),
    }
    rows = _to_staff(rules.DIRECTOR, "histories_broken", context, f"histories:{check.pk}")
    sent = set(
        Notice.objects.filter(dedupe_key__in=[row.dedupe_key for row in rows]).values_list(
            "dedupe_key", flat=True
        )
    )
    rows = [row for row in rows if row.dedupe_key not in sent]
    bulk_create_with_history(rows, Notice)
    return len(rows)


def _to_staff(audience: str, message: str, context: dict, key: str) -> list[Notice]:
    """One unsaved row of a scheduled message for each member of a staff ``audience``, its
    dedupe key ``key`` and the address."""
    return [
        Notice(
            audience=audience,
            message=message,
            recipient_email=person.email,
            recipient_name=person.name,
            language=person.language,
            context={**context, **person.link_context},
            dedupe_key=f"{key}:{person.email.lower()}",
        )
        for person in recipients.of(audience, None)
    ]


def _remind(deadline, threshold: int, on: datetime.date) -> int | None:
    """One reminder's notices, or None if it was already written."""
    audience, message = rules.REMINDED[deadline.kind]
    submission = deadline.submission
    # Each Party owes its own comments on a draft: only that Party's focal points.
    people = recipients.of(audience, submission, party=deadline.party or None)
    names = withheld.names_of(submission)  # masked in the title for those who may not read them
    try:
        with transaction.atomic():
            Reminder.objects.create(deadline=deadline, threshold=threshold, on=on)
            rows = []
            for person in people:
                hidden = person.hidden(names)
                context = case_context(submission, person.language, hidden) | {
                    "party": deadline.party or submission.party.code,
                    "due_on": deadline.due_on.isoformat(),
                    "days": (deadline.due_on - on).days,
                    **person.link_context,
                }
                rows.append(
                    Notice(
                        submission=submission,
                        audience=audience,
                        message=message,
                        recipient_email=person.email,
                        recipient_name=person.name,
                        language=person.language,
                        context=context,
                        dedupe_key=f"reminder:{deadline.pk}:{threshold}:{person.email.lower()}",
                    )
                )
            bulk_create_with_history(rows, Notice)
    except IntegrityError:
        return None  # already reminded at this threshold
    return len(rows)


def _digest(deadlines, on: datetime.date) -> int | None:
    if not deadlines:
        return None
    items = [
        {
            "reference": d.submission.reference,
            "kind": d.kind,
            "party": d.party,
            "due_on": d.due_on.isoformat(),
            "overdue": d.due_on < on,
        }
        for d in deadlines
    ]
    try:
        with transaction.atomic():
            Digest.objects.create(on=on)
            context = {"reference": "", "on": on.isoformat(), "items": items}
            rows = _to_staff(rules.STAFF, "digest", context, f"digest:{on.isoformat()}")
            bulk_create_with_history(rows, Notice)
    except IntegrityError:
        return None
    return len(rows)
