"""Headers every page carries, the health probe, structured logs and the gunicorn file."""

import json
import logging
import re
import runpy
import socket
from pathlib import Path

import pytest
from django.db import DatabaseError

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/es/docket/", "/en/file/", "/en/accounts/login/"])
def test_pages_carry_a_strict_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert directives == CSP
    assert response["X-Content-Type-Options"] == "nosniff"


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),  # a script without src
    re.compile(r"<style\b", re.IGNORECASE),
    re.compile(r"\sstyle\s*=", re.IGNORECASE),
    re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),  # onclick=, onload=, …
    re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE),
]


def test_no_template_has_inline_script_or_style():
    templates = [
        path
        for folder in ("templates", "submissions", "workflow", "notices")
        for path in (BASE_DIR / folder).rglob("*.html")
    ]
    assert len(templates) > 20
    found = [
        f"{path.relative_to(BASE_DIR)}: {match.group(0)}"
        for path in templates
        for pattern in INLINE
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []


# --- /health/ ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "not configured"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_with_a_reachable_broker(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    response = client.get("/health/")
    assert (response.status_code, response.json()) == (200, {"database": "ok", "broker": "ok"})


@pytest.mark.django_db
def test_health_with_a_broker_down_is_503(client, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    settings.SEM_HEALTH_BROKER_TIMEOUT = 0.5
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "unavailable"}


@pytest.mark.django_db
def test_health_with_the_database_down_is_503(client, settings, monkeypatch):
    settings.CELERY_BROKER_URL = ""

    def refuse(self, *args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "broker": "not configured"}


def test_health_has_no_language_prefix(client):
    assert client.get("/en/health/").status_code == 404


# --- Structured logs and gunicorn -------------------------------------------------------------


def test_json_log_lines():
    from secretariat.logging import JsonFormatter

    record = logging.LogRecord(
        "submissions.access", logging.INFO, __file__, 1, "access %s", ("download",), None
    )
    record.created = 1707147000.25
    record.case = 7
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line) == {
        "time": "2024-02-05T15:30:00.250000+00:00",
        "level": "INFO",
        "logger": "submissions.access",
        "message": "access download",
        "case": 7,
    }


def test_json_log_lines_carry_the_exception():
    from secretariat.logging import JsonFormatter

    try:
        raise ValueError("bad")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "failed"
    assert entry["exception"].splitlines()[-1] == "ValueError: bad"


def test_log_format_json_selects_the_formatter():
    import subprocess
    import sys

    code = (
        "import django; django.setup(); import logging; "
        "logging.getLogger('sem.test').warning('hello %s', 'world')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "secretariat.settings.local",
            "LOG_FORMAT": "json",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "WARNING",
        "sem.test",
        "hello world",
    )


def test_gunicorn_configuration_reads_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    monkeypatch.setenv("LOG_FORMAT", "json")
    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    assert (config["workers"], config["timeout"], config["wsgi_app"]) == (
        3,
        45,
        "secretariat.wsgi:application",
    )
    assert config["accesslog"] == "-"
    assert config["access_log_format"].startswith('{"time": "%(t)s"')
