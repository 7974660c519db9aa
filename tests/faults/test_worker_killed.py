"""A Celery worker killed in the middle of a task. The worker is SIGKILLed while it is inside
the SMTP conversation of a notice (the stand-in server holds the first message). With
``acks_late`` the task stays unacknowledged in Redis; after ``visibility_timeout`` (5 s in
tests/faults/worker_settings.py)
Redis hands it to the next worker, which runs it again: the outbox row is still claimed by the
dead worker, so the re-run sends nothing. The periodic sweep puts the stale claim back and sends
it: the message arrives exactly once.

Reuses the worker/SMTP helpers of tests/notices/test_integration.py, on Redis database 12."""

import asyncio
import signal
import time

import pytest
from django.utils import timezone

from notices import sending
from notices.models import Notice
from tests.celery_worker import free_port, sending_to, start_worker, wait_for
from tests.factories import make_filing
from tests.notices.test_integration import smtp
from workflow import services
from workflow.actors import Actor

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

BROKER = "redis://127.0.0.1:6379/12"


class StallingInbox:
    """An SMTP stand-in that holds the first message forever (until released) and never
    accepts it; every later message is accepted and kept."""

    def __init__(self):
        self.messages = []
        self.stalled = 0
        self.release = False

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.stalled == 0:
            self.stalled += 1
            while not self.release:
                await asyncio.sleep(0.1)
            return "451 try again later"
        self.messages.append(envelope.content)
        return "250 OK"


def start(port: int, log, name: str):
    return start_worker(
        broker=BROKER,
        settings_module="tests.faults.worker_settings",
        smtp_port=port,
        log=log,
        name=name,
        extra_args=("--without-mingle", "--without-gossip"),
    )


@pytest.fixture
def broker(settings, monkeypatch):
    with sending_to(BROKER, settings, monkeypatch) as app:
        yield app


def test_a_killed_worker_task_runs_again_and_the_message_arrives_once(broker, tmp_path):
    port = free_port()
    inbox = StallingInbox()
    server = smtp(inbox, port)
    workers = []
    try:
        first = start(port, tmp_path / "first.log", "killed")
        workers.append(first)
        case = services.file_submission(make_filing(language="es"), actor=Actor.public())
        rows = Notice.objects.filter(event__submission=case)
        wait_for(lambda: inbox.stalled == 1, 60, "the first message to reach the server")
        held = rows.get(state=Notice.State.SENDING)
        assert held.attempts == 1

        first.send_signal(signal.SIGKILL)  # no warm shutdown, no acknowledgement
        first.wait(30)
        assert inbox.messages == []

        second_log = tmp_path / "second.log"
        workers.append(start(port, second_log, "second"))
        # Redis hands the unacknowledged task to the new worker; it runs again and finds the
        # row still claimed, so it sends nothing.
        wait_for(
            lambda: (
                "send_notice" in second_log.read_text() and "succeeded" in second_log.read_text()
            ),
            60,
            "the task to run again",
        )
        assert "'skipped'" in second_log.read_text(), second_log.read_text()
        assert inbox.messages == []
        held.refresh_from_db()
        assert held.state == Notice.State.SENDING and held.attempts == 1

        # Half an hour later the sweep finds the dead worker's claim and sends the message.
        inbox.release = True
        later = timezone.now() + sending.STALE_AFTER + timezone.timedelta(seconds=1)
        assert sending.release_stale(now=later) == 1
        from notices.tasks import send_pending

        send_pending.delay()
        wait_for(lambda: not rows.exclude(state=Notice.State.SENT).exists(), 60, "every notice")
        time.sleep(6)  # past another visibility timeout: any duplicate would arrive meanwhile
        held.refresh_from_db()
        assert held.state == Notice.State.SENT and held.attempts == 2
        assert len(inbox.messages) == rows.count() == 1, inbox.messages
        assert case.receipt_number.encode() in inbox.messages[0]
        assert inbox.stalled == 1
    finally:
        for process in workers:
            if process.poll() is None:
                process.terminate()
                process.wait(30)
        server.stop()
