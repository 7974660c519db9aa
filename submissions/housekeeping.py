"""Housekeeping tasks run by beat (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from submissions.uploads import purge_pending


@shared_task(acks_late=True, ignore_result=True)
def purge_pending_uploads_task() -> int:
    """Hourly: pending uploads older than ``SEM_FILING_PENDING_MAX_AGE`` are deleted
    (``submissions.uploads.purge_pending``)."""
    return purge_pending()
