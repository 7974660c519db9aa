"""A real Celery worker for integration tests: started as a subprocess on its own Redis
database (so the CI worker never takes its tasks), pointed at the test database and at an SMTP
server the test runs; and the test process pointed at the same broker."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] or ""
    if s["PASSWORD"]:
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(
    *, broker: str, settings_module: str, smtp_port: int, log: Path, name: str, extra_args=()
) -> subprocess.Popen:
    """A worker on ``broker`` with ``settings_module``, sending mail to ``smtp_port``; returns
    once it is ready (its log says so)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "SEM_NOTICE_RETRY_SECONDS": "1",
    }
    with open(log, "wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "secretariat",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--loglevel=INFO",
                f"--hostname={name}-{smtp_port}@%h",
                *extra_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    wait_for(lambda: " ready." in log.read_text() or process.poll() is not None, 90, name)
    assert process.poll() is None, log.read_text()
    return process


@contextlib.contextmanager
def sending_to(broker: str, settings, monkeypatch):
    """Tasks of this test process go to ``broker`` instead of running in-process."""
    import redis

    from secretariat.celery import app

    redis.Redis.from_url(broker).flushdb()
    # Celery reads CELERY_BROKER_URL from the environment before its configuration (CI sets
    # it for its own worker): point both at this test's broker.
    monkeypatch.setenv("CELERY_BROKER_URL", broker)
    saved = app.conf.task_always_eager, app.conf.broker_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.broker_url = broker
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield app
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        app._pool = None
        app.amqp._producer_pool = None
