"""Retention of submitters' identity documents (privacy notice: how long data is kept).

An identity document is needed while a case is decided; once every case its submitter belongs
to has been closed for ``SEM_IDENTITY_RETENTION_DAYS``, the file is deleted. The submitter's
row stays (the case's record names who filed it); the deletion shows in its row history with
a reason, and in the log. The case's event chain is untouched: retention is not a step of the
Article 18.8 process.
"""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from submissions.models import Submission, SubmissionSubmitter, Submitter
from submissions.stages import Stage

logger = logging.getLogger(__name__)

CHANGE_REASON = "identity document deleted: retention period after closure ended"


def closed_before(cutoff: datetime.date):
    """Closed cases whose closing event is dated before ``cutoff``."""
    closing = Q(events__stage_after=Stage.CLOSED) & ~Q(events__stage_before=Stage.CLOSED)
    return (
        Submission.objects.filter(stage=Stage.CLOSED)
        .annotate(closed_on=Max("events__on", filter=closing))
        .filter(closed_on__lt=cutoff)
    )


def identity_documents_due(today: datetime.date | None = None):
    """Submitters with an identity document whose every case closed before the cutoff."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.SEM_IDENTITY_RETENTION_DAYS)
    old = closed_before(cutoff).values("pk")
    # A submitter of another case still open (or closed recently) keeps the document.
    still_needed = SubmissionSubmitter.objects.exclude(submission__in=old).values("submitter_id")
    return (
        Submitter.objects.exclude(identity_document="")
        .filter(memberships__submission__in=old)
        .exclude(pk__in=still_needed)
        .distinct()
    )


def apply_retention(today: datetime.date | None = None) -> int:
    """Delete the identity documents whose retention period has ended; return how many.

    Idempotent: the file is deleted first, then the field cleared, so a run stopped between
    the two leaves the row due and the next run finishes it (deleting a missing file is a
    no-op).
    """
    deleted = 0
    for submitter in identity_documents_due(today).order_by("pk"):
        name = submitter.identity_document.name
        submitter.identity_document.delete(save=False)
        submitter._change_reason = CHANGE_REASON
        submitter.save(update_fields=["identity_document"])
        logger.info(
            "retention: identity document of submitter %s deleted",
            submitter.pk,
            extra={"retention": "identity_document", "submitter": submitter.pk, "file": name},
        )
        deleted += 1
    return deleted


@shared_task(acks_late=True, ignore_result=True)
def apply_retention_task() -> int:
    """Daily (beat): see :func:`apply_retention`."""
    return apply_retention()
