"""Sending outbox rows: claim, send, mark. Shared by the Celery tasks and the management
command.

A row is claimed by a conditional UPDATE (pending → sending) that only one worker can win,
under ``select_for_update(skip_locked=True)`` on PostgreSQL so that a second worker passes over
a row being claimed instead of waiting for it. The claim commits before the SMTP conversation,
so a retry or a second worker finds the row taken and sends nothing. An SMTP error puts the row
back to pending with a later attempt time (exponential back-off).
"""

import datetime
import logging
import smtplib
from enum import Enum

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from notices import emails
from notices.models import Notice

logger = logging.getLogger(__name__)

# After this many failed attempts a row is given up (state failed, visible in the admin).
MAX_ATTEMPTS = 25
# A row left "sending" this long belongs to a worker that died between claiming and marking it.
STALE_AFTER = datetime.timedelta(minutes=30)


class Outcome(Enum):
    SENT = "sent"
    DEFERRED = "deferred"  # the server refused or was unreachable: try again later
    SKIPPED = "skipped"  # not pending (already sent, being sent by another worker) or not due


def backoff(attempts: int) -> datetime.timedelta:
    """The wait before the next attempt: the base doubled per failure, at most an hour."""
    base = settings.SEM_NOTICE_RETRY_SECONDS
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def claim(pk: int) -> Notice | None:
    """Take a pending, due row for this worker, or None if it is not ours to send."""
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    with transaction.atomic():
        row = (
            Notice.objects.select_for_update(skip_locked=True)
            .filter(due, pk=pk, state=Notice.State.PENDING)
            .first()
        )
        if row is None:
            return None
        # The conditional UPDATE is the real guard (SQLite has no row locks).
        won = Notice.objects.filter(pk=pk, state=Notice.State.PENDING).update(
            state=Notice.State.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        if not won:
            return None
        row.refresh_from_db()
        row.save(update_fields=["state"])  # a history row for the claim
    return row


def send_one(pk: int) -> Outcome:
    """Send one outbox row if it is pending and due; never twice."""
    row = claim(pk)
    if row is None:
        return Outcome.SKIPPED
    try:
        emails.build(row).send()
    except (smtplib.SMTPException, OSError) as exc:
        _defer(row, exc)
        return Outcome.DEFERRED
    row.state = Notice.State.SENT
    row.sent_at = timezone.now()
    row.last_error = ""
    row.save()
    return Outcome.SENT


def _defer(row: Notice, exc: Exception) -> None:
    row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if row.attempts >= MAX_ATTEMPTS:
        row.state = Notice.State.FAILED
        logger.error("notice %s given up after %s attempts: %s", row.pk, row.attempts, exc)
    else:
        row.state = Notice.State.PENDING
        row.next_attempt_at = timezone.now() + backoff(row.attempts)
        logger.warning("notice %s deferred (attempt %s): %s", row.pk, row.attempts, exc)
    row.save()


def due_pks(limit: int = 500) -> list[int]:
    now = timezone.now()
    return list(
        Notice.objects.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            state=Notice.State.PENDING,
        )
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )


def release_stale(now: datetime.datetime | None = None) -> int:
    """Put back rows a dead worker left "sending". The one case where a message may go out
    twice: the worker died after the server accepted it and before the row was marked sent
    (the message keeps its Message-ID, so the recipient's mail system can recognise it)."""
    now = now or timezone.now()
    return Notice.objects.filter(
        state=Notice.State.SENDING, claimed_at__lt=now - STALE_AFTER
    ).update(state=Notice.State.PENDING)


def send_pending(limit: int = 500) -> dict[str, int]:
    """Send every pending row that is due, in this process. Returns counts per outcome."""
    release_stale()
    counts = {outcome.value: 0 for outcome in Outcome}
    for pk in due_pks(limit):
        counts[send_one(pk).value] += 1
    return counts
