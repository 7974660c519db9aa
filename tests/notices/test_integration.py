"""Acceptance: a real SMTP server (aiosmtpd) and a real Celery worker on Redis. File a case:
the receipt arrives; stop the server, record a determination: the message waits; start the
server again: it arrives exactly once.

The test starts its own worker (on its own Redis database, so the CI worker never takes its
tasks) pointed at the test database and at this SMTP server."""

import time
from email import message_from_bytes, policy

import pytest

from notices.models import Notice
from tests.celery_worker import free_port, sending_to, start_worker, wait_for
from tests.factories import make_filing
from tests.parties import CRITERIA
from workflow import services
from workflow.actors import Actor

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

BROKER = "redis://127.0.0.1:6379/13"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def subjects(self):
        return [str(m["Subject"]) for m in self.messages]


def smtp(inbox, port):
    from aiosmtpd.controller import Controller

    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@pytest.fixture
def worker(tmp_path):
    port = free_port()
    log = tmp_path / "worker.log"
    process = start_worker(
        broker=BROKER,
        settings_module="tests.notices.worker_settings",
        smtp_port=port,
        log=log,
        name="notices-test",
    )
    try:
        yield port, log
    finally:
        process.terminate()
        process.wait(30)


@pytest.fixture
def real_celery(settings, monkeypatch):
    with sending_to(BROKER, settings, monkeypatch) as app:
        yield app


def test_mail_waits_while_the_server_is_down_and_arrives_once(
    worker, real_celery, officer, settings
):
    settings.SEM_FOUR_EYES = False
    port, log = worker
    inbox = Inbox()
    server = smtp(inbox, port)
    case = services.file_submission(make_filing(language="es"), actor=Actor.public())
    wait_for(
        lambda: any(m["To"] == "amazonica@example.org" for m in inbox.messages), 60, "the receipt"
    )
    receipt = next(m for m in inbox.messages if m["To"] == "amazonica@example.org")
    assert case.receipt_number in str(receipt["Subject"])
    assert receipt["To"] == "amazonica@example.org"
    token = case.memberships.get().tracking_token
    assert f"/es/track/{token}/" in receipt.get_body(("plain",)).get_content()
    assert receipt.get_body(("html",)) is not None

    server.stop()
    services.record_event(case, "acknowledged", actor=officer)
    criteria = {c: {"met": True, "reasons": "ok"} for c in CRITERIA}
    determination = services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": criteria},
    )
    waiting = Notice.objects.filter(event=determination)
    wait_for(
        lambda: waiting.filter(state="pending", attempts__gte=1).exclude(last_error="").exists(),
        60,
        "a failed attempt",
    )
    assert not any("D1" in s for s in inbox.subjects())

    server = smtp(inbox, port)
    try:
        wait_for(lambda: waiting.filter(state="sent").exists(), 90, "the determination")
        time.sleep(3)  # any duplicate would arrive meanwhile
        subjects = inbox.subjects()
        # Sent once; its subject gives the case's identifier, then the code's own number
        # (TPA "SEM/PE/001/<year>: determination D1 …"; walk 97: the identifier twice).
        case.refresh_from_db()
        decided = [s.strip() for s in subjects if " D1" in s]
        assert len(decided) == 1 and decided[0].startswith(f"{case.identifier}: "), subjects
        assert f"{case.identifier}/D1" not in decided[0]
        receipts = [
            m
            for m in inbox.messages
            if m["To"] == "amazonica@example.org" and case.receipt_number in str(m["Subject"])
        ]
        assert len(receipts) == 1, subjects
        sent = Notice.objects.get(event=determination)
        assert sent.attempts >= 2 and sent.state == "sent"
    finally:
        server.stop()
