"""The check of every history, kept and shown (walk 69: a date rewritten in the database was
reported only on that case's audit page and by a command run by hand; the queue and the case
page, where the staff work, said nothing)."""

import datetime

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from submissions.models import Document
from tests.security.test_red_team import PDF, _annexed_case
from tests.test_registry import _live_case, saca_as_profile
from workflow import tasks
from workflow.models import ChainCheck, Event
from workflow.registry import import_registry

pytestmark = pytest.mark.django_db

ALERT = "does not verify"


@pytest.fixture
def chained(db, officer):
    """Two imported cases and one recorded here (as tests.test_registry's)."""
    assert import_registry(saca_as_profile()).ok
    return _live_case(officer)


def page(client, name, **kwargs) -> str:
    with translation.override("en"):
        return client.get(reverse(name, kwargs=kwargs or None)).content.decode()


@pytest.mark.usefixtures("chained")
def test_an_intact_installation_checks_clean_and_warns_of_nothing(client, officer):
    assert tasks.check_histories() == 0
    check = ChainCheck.objects.get()
    assert (check.checked, check.broken) == (3, [])
    client.force_login(officer)
    assert ALERT not in page(client, "ws_queue")


def test_a_rewritten_history_is_named_on_the_queue_and_its_case_page(
    client, officer, director, chained
):
    event = Event.objects.get(submission=chained, seq=3)
    Event.objects.filter(pk=event.pk).update(on=datetime.date(2024, 1, 1))
    assert tasks.check_histories() == 1
    [broken] = ChainCheck.objects.get().broken
    assert (broken["submission"], broken["reference"]) == (chained.pk, chained.reference)
    assert broken["problems"] == ["event 3: content changed after it was recorded: “date”"]
    client.force_login(officer)
    queue = page(client, "ws_queue")
    assert "found a case whose history does not verify" in queue
    assert f'href="{reverse("ws_audit", kwargs={"pk": chained.pk})}">{chained.reference}<' in (
        queue
    )
    # An officer is asked to report it; the Executive Director is not asked to report it to
    # herself (walk 73).
    report = "Report it to the Executive Director."
    assert report in queue
    director_client = client.__class__()
    director_client.force_login(director)
    assert report not in page(director_client, "ws_queue")
    assert "found a case whose history does not verify" in page(director_client, "ws_queue")
    assert report not in page(director_client, "ws_case", pk=chained.pk)
    assert report in page(client, "ws_case", pk=chained.pk)
    # The case page checks its own case when it is opened, the check of the night or not.
    ChainCheck.objects.all().delete()
    case_page = page(client, "ws_case", pk=chained.pk)
    assert "The history of this case does not verify (event 3: content changed" in case_page
    other = Event.objects.exclude(submission=chained).values_list("submission", flat=True)[0]
    assert ALERT not in page(client, "ws_case", pk=other)
    assert ALERT not in page(client, "ws_queue")  # no check kept: nothing to say
    # The command run by hand keeps its check too.
    with pytest.raises(CommandError):
        call_command("verify_history", skip_files=True)
    assert ChainCheck.objects.get().broken[0]["reference"] == chained.reference


def test_the_beat_checks_every_night_before_the_statement():
    schedule = settings.CELERY_BEAT_SCHEDULE
    check = schedule["workflow-check-histories"]
    assert check["task"] == "workflow.tasks.check_histories"
    statement = schedule["workflow-chain-statement"]["schedule"]
    assert min(check["schedule"].hour) * 60 + min(check["schedule"].minute) < min(
        statement.hour
    ) * 60 + min(statement.minute)


def test_the_nightly_check_reads_the_stored_files_unless_told_not_to(settings):
    """A file replaced on disk is found by the nightly check; an installation with a great
    many files may leave the files to ``verify_history`` (SEM_NIGHTLY_FILE_CHECK)."""
    case = _annexed_case()
    document = Document.objects.get(submission=case, title="Anexo confidencial")
    with default_storage.open(document.file.name, "wb") as handle:
        handle.write(PDF + b"% a page added afterwards\n")
    settings.SEM_NIGHTLY_FILE_CHECK = False
    assert tasks.check_histories() == 0
    settings.SEM_NIGHTLY_FILE_CHECK = True
    assert tasks.check_histories() == 1
    [broken] = ChainCheck.objects.first().broken
    assert "the file of document “Anexo confidencial” was replaced" in broken["problems"][0]
