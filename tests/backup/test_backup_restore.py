"""Backup and restore as the README describes it: `pg_dump -Fc` of the database and a tar of
MEDIA_ROOT, restored into an empty database and an empty folder; every case, event, document
hash and chain comes back intact, and `verify_history` passes against the restored copy."""

import hashlib
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from submissions.models import Document, Submission
from tests.roundtrip.generate import in_profile
from workflow.models import Deadline, Event
from workflow.registry import import_registry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def conninfo(name: str) -> dict:
    s = connection.settings_dict
    return {
        "host": s["HOST"] or "127.0.0.1",
        "port": str(s["PORT"] or 5432),
        "user": s["USER"] or "postgres",
        "password": s["PASSWORD"] or "",
        "dbname": name,
    }


def url(info: dict) -> str:
    auth = info["user"] + (f":{info['password']}" if info["password"] else "")
    return f"postgres://{auth}@{info['host']}:{info['port']}/{info['dbname']}"


def pg_env(info: dict) -> dict:
    return {**os.environ, "PGPASSWORD": info["password"]}


def snapshot(rows) -> list:
    return sorted(rows)


def test_dump_restore_into_an_empty_database_keeps_every_case_event_and_hash(tmp_path):
    payload = in_profile(json.loads((DATA / "every_kind.json").read_text()))
    report = import_registry(payload, base_dir=DATA)
    assert report.ok, [str(r) for r in report.refused]
    cases = snapshot(Submission.objects.values_list("pk", "stage", "chain_head", "event_count"))
    events = snapshot(Event.objects.values_list("pk", "submission_id", "seq", "hash"))
    documents = snapshot(Document.objects.values_list("pk", "sha256", "file"))
    deadlines = Deadline.objects.count()
    assert len(cases) >= 2 and len(events) > 20 and any(d[2] for d in documents)

    source = conninfo(connection.settings_dict["NAME"])
    dump = tmp_path / "sem.dump"
    subprocess.run(
        ["pg_dump", "-Fc", "--no-owner", "-f", str(dump), url(source)],
        check=True,
        env=pg_env(source),
    )
    media_tar = tmp_path / "media.tar.gz"
    with tarfile.open(media_tar, "w:gz") as tar:
        tar.add(settings.MEDIA_ROOT, arcname="media")

    restored = conninfo(f"sem_restore_{uuid.uuid4().hex[:8]}")
    admin = psycopg.connect(**{**source, "dbname": "postgres"}, autocommit=True)
    admin.execute(f'CREATE DATABASE "{restored["dbname"]}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", url(restored), str(dump)],
            check=True,
            env=pg_env(restored),
        )
        with tarfile.open(media_tar) as tar:
            tar.extractall(tmp_path / "restored", filter="data")
        media = tmp_path / "restored" / "media"

        with psycopg.connect(**restored) as db:
            got_cases = snapshot(
                db.execute(
                    "SELECT id, stage, chain_head, event_count FROM submissions_submission"
                ).fetchall()
            )
            got_events = snapshot(
                db.execute("SELECT id, submission_id, seq, hash FROM workflow_event").fetchall()
            )
            got_documents = snapshot(
                db.execute("SELECT id, sha256, file FROM submissions_document").fetchall()
            )
            got_deadlines = db.execute("SELECT count(*) FROM workflow_deadline").fetchone()[0]
        assert got_cases == cases
        assert got_events == events
        assert got_documents == documents
        assert got_deadlines == deadlines
        stored = [(sha, name) for _, sha, name in got_documents if name]
        for sha, name in stored:
            assert hashlib.sha256((media / name).read_bytes()).hexdigest() == sha, name

        verify = subprocess.run(
            [sys.executable, "manage.py", "verify_history"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "secretariat.settings.test",
                "DATABASE_URL": url(restored),
                "MEDIA_ROOT": str(media),
            },
            capture_output=True,
            text=True,
        )
        assert verify.returncode == 0, verify.stderr
        assert f"{len(cases)} case(s) checked, 0 broken" in verify.stdout
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored["dbname"]}" WITH (FORCE)')
        admin.close()
