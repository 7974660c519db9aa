"""Thin Celery tasks of the workflow layer."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from workflow import checks, statements


@shared_task(acks_late=True, ignore_result=True)
def publish_chain_statement() -> str:
    """The beat's daily statement of every case's chain head (once a day)."""
    return statements.publish(timezone.localdate()).date.isoformat()


@shared_task(acks_late=True, ignore_result=True)
def check_histories() -> int:
    """The beat's nightly check of every case's history (``workflow.checks``): how many cases
    do not verify. It re-reads every stored file unless ``SEM_NIGHTLY_FILE_CHECK`` is off
    (``verify_history`` then checks them, run when the installation chooses). It checks every
    row history row's seal (``verify_history --seals``)."""
    return len(checks.record(check_files=settings.SEM_NIGHTLY_FILE_CHECK, seals=True).broken)
