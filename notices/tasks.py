"""Thin Celery tasks: primary keys in, a service call, retries with back-off."""

from celery import shared_task

from notices import reminders, sending
from notices.models import Notice

MAX_RETRIES = 12


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, ignore_result=True)
def send_notice(self, notice_pk: int) -> str:
    """Send one outbox row. On an SMTP error the row is already back to pending with its next
    attempt time; the task retries then. Run eagerly (tests, no broker) it does not retry: the
    periodic ``send_pending`` sweep picks the row up."""
    outcome = sending.send_one(notice_pk)
    if outcome is sending.Outcome.DEFERRED and not self.request.is_eager:
        row = Notice.objects.get(pk=notice_pk)
        if row.state == Notice.State.PENDING and self.request.retries < MAX_RETRIES:
            raise self.retry(countdown=sending.backoff(row.attempts).total_seconds())
    return outcome.value


@shared_task(acks_late=True, ignore_result=True)
def send_pending() -> dict:
    """Every minute (beat): whatever is pending and due, including rows whose task was lost."""
    return sending.send_pending()


@shared_task(acks_late=True, ignore_result=True)
def daily_sweep() -> dict:
    """Daily (beat): reminders before due dates and the staff digest, each written once."""
    counts = reminders.sweep()
    sending.send_pending()
    return counts
