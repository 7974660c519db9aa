"""Identity documents are deleted once every case of their submitter has been closed for
SEM_IDENTITY_RETENTION_DAYS; the deletion is recorded in the row history and the log."""

import datetime
import logging
from io import StringIO

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from secretariat.celery import app
from submissions.models import SubmissionSubmitter, Submitter
from submissions.retention import CHANGE_REASON
from tests.helpers_cases import drive, frozen

pytestmark = pytest.mark.django_db

D = datetime.date
CLOSED_ON = D(2023, 5, 20)  # drive("closed"): withdrawn on this day
LAST_DAY_KEPT = D(2024, 5, 19)  # 365 days after closure (2024 is a leap year)


def _with_identity(case, content=b"%PDF-1.4 passport"):
    submitter = case.memberships.get().submitter
    submitter.identity_document.save("passport.pdf", ContentFile(content))
    return submitter


def _apply(day) -> str:
    out = StringIO()
    with frozen(day):
        call_command("apply_retention", stdout=out)
    return out.getvalue()


def test_deleted_the_day_after_the_retention_period_and_recorded(caplog):
    story = drive("closed")
    assert story.case.events.get(kind="withdrawn").on == CLOSED_ON
    submitter = _with_identity(story.case)
    name = submitter.identity_document.name
    assert default_storage.exists(name)

    assert _apply(LAST_DAY_KEPT) == "0 identity document(s) deleted.\n"
    assert default_storage.exists(name)

    with caplog.at_level(logging.INFO, logger="submissions.retention"):
        assert _apply(LAST_DAY_KEPT + datetime.timedelta(days=1)) == (
            "1 identity document(s) deleted.\n"
        )
    assert not default_storage.exists(name)
    submitter.refresh_from_db()
    assert submitter.identity_document.name == ""
    assert submitter.name == "Asociación Amazónica"  # the row stays: the case names its filer
    latest, before = submitter.history.order_by("-history_id")[:2]
    assert (latest.history_type, latest.history_change_reason, latest.identity_document) == (
        "~",
        CHANGE_REASON,
        "",
    )
    assert before.identity_document == name
    [record] = [r for r in caplog.records if r.name == "submissions.retention"]
    assert (record.getMessage(), record.submitter, record.file) == (
        f"retention: identity document of submitter {submitter.pk} deleted",
        submitter.pk,
        name,
    )
    # Nothing left to do: a second run changes nothing and records nothing.
    count = submitter.history.count()
    assert _apply(D(2025, 1, 1)) == "0 identity document(s) deleted.\n"
    assert submitter.history.count() == count


def test_kept_while_the_submitter_has_another_case_open():
    closed = drive("closed")
    submitter = _with_identity(closed.case)
    other = drive("admissibility_review", party="US")
    SubmissionSubmitter.objects.create(
        submission=other.case, submitter=submitter, position=1, joined_on=D(2023, 6, 1)
    )
    assert _apply(D(2026, 1, 1)) == "0 identity document(s) deleted.\n"
    submitter.refresh_from_db()
    assert default_storage.exists(submitter.identity_document.name)


def test_open_cases_keep_their_identity_documents():
    story = drive("awaiting_response")
    submitter = _with_identity(story.case)
    assert _apply(D(2030, 1, 1)) == "0 identity document(s) deleted.\n"
    assert Submitter.objects.get(pk=submitter.pk).identity_document.name != ""


def test_the_period_is_a_setting(settings):
    settings.SEM_IDENTITY_RETENTION_DAYS = 30
    submitter = _with_identity(drive("closed").case)
    assert _apply(CLOSED_ON + datetime.timedelta(days=30)) == "0 identity document(s) deleted.\n"
    assert _apply(CLOSED_ON + datetime.timedelta(days=31)) == "1 identity document(s) deleted.\n"
    assert Submitter.objects.get(pk=submitter.pk).identity_document.name == ""


def test_dry_run_lists_without_deleting():
    submitter = _with_identity(drive("closed").case)
    out = StringIO()
    with frozen(D(2025, 1, 1)):
        call_command("apply_retention", "--dry-run", stdout=out)
    assert out.getvalue() == f"1 identity document(s) due: submitters [{submitter.pk}]\n"
    assert default_storage.exists(Submitter.objects.get(pk=submitter.pk).identity_document.name)


def test_beat_runs_the_job_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-identity-retention"]
    assert entry["task"] == "submissions.retention.apply_retention_task"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {30})
    app.loader.import_default_modules()
    assert "submissions.retention.apply_retention_task" in app.tasks
