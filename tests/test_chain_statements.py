"""Issue 15, acceptance 3: the daily signed statement of chain heads (workflow.statements),
on the docket and in its feed, and ``verify_history --against`` a statement."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from nacl.signing import VerifyKey

from submissions.models import Submission
from tests.helpers_cases import drive
from tests.parties import SLUG
from workflow import chain, statements, tasks
from workflow.models import ChainStatement, Event

pytestmark = pytest.mark.django_db

# The public key of the development signing key, as README.md documents it.
README_DEV_PUBLIC_KEY = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29"


@pytest.fixture
def published(tmp_path):
    first = drive("awaiting_response").case
    second = drive("admissibility_review", party="US").case
    statement = statements.publish(datetime.date(2024, 5, 2))
    path = tmp_path / "statement.json"
    path.write_text(statements.as_file(statement), encoding="utf-8")
    return first, second, path


def test_the_statement_verifies_with_the_public_key_in_the_readme(published):
    first, second, path = published
    document = json.loads(path.read_text(encoding="utf-8"))
    VerifyKey(bytes.fromhex(README_DEV_PUBLIC_KEY)).verify(
        chain.canonical(document["statement"]), bytes.fromhex(document["signature"])
    )
    assert document["statement"]["date"] == "2024-05-02"
    head = document["statement"]["heads"][first.identifier]
    assert (head["events"], head["head"]) == (4, first.chain_head)
    # With the count and digest of its row history (README, Integrity), up to the newest row
    # of each of a case's tables the statement names.
    assert head["rows"]["count"] > 4 and len(head["rows"]["digest"]) == 64
    assert set(document["statement"]["rows_through"]) >= {"workflow.event", "workflow.deadline"}
    assert document["statement"]["heads"][second.identifier]["events"] == 2
    out = io.StringIO()
    call_command("verify_history", "--against", str(path), stdout=out)
    assert "statement of 2024-05-02: 2 case(s), 0 contradicted" in out.getvalue()


def test_verify_against_fails_when_one_event_was_rewritten_after_the_statement(published):
    first, second, path = published
    # An insider holding even the chain's HMAC key rewrites event 2 and re-chains the case:
    # the chain alone verifies again, the statement the public holds does not.
    Event.objects.filter(submission=first, seq=2).update(on=datetime.date(2023, 3, 14))
    prev = chain.GENESIS
    for event in Event.objects.filter(submission=first).order_by("seq"):
        event.prev_hash = prev
        event.hash = chain.hash_event(event, [])
        Event.objects.filter(pk=event.pk).update(prev_hash=prev, hash=event.hash)
        prev = event.hash
    Submission.objects.filter(pk=first.pk).update(chain_head=prev)
    # The chain alone verifies; the statement stored here does not agree (walk 84: only a
    # statement file given with --against caught it), nor the event's row history.
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 broken case"):
        call_command("verify_history", stderr=err, stdout=io.StringIO())
    assert (
        f"BROKEN {first.reference}: event 4: its hash differs from the Secretariat's signed "
        "statement of 2 May 2024: the history up to it was rewritten after the statement"
    ) in err.getvalue()
    assert f"BROKEN {first.reference}: event 2: content changed" not in err.getvalue()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_history", "--against", str(path), stderr=err, stdout=io.StringIO())
    assert (
        f"CONTRADICTS {first.identifier}: event 4: its hash differs from the statement of "
        "2024-05-02: the history up to it was rewritten after the statement"
    ) in err.getvalue()
    assert second.identifier not in err.getvalue()


def test_a_forged_statement_is_refused(published):
    _first, _second, path = published
    document = json.loads(path.read_text(encoding="utf-8"))
    document["statement"]["date"] = "2024-05-01"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="signature does not verify"):
        call_command("verify_history", "--against", str(path), stdout=io.StringIO())


def test_the_beat_task_publishes_once_a_day(settings, time_machine):
    time_machine.move_to(datetime.datetime(2024, 6, 3, 5, 0, tzinfo=datetime.UTC), tick=False)
    # The seat's date at 05:00 UTC: 3 June in Washington and Montréal (01:00, UTC-4); still 2
    # June in Guatemala City (23:00, UTC-6).
    today = {"us-peru-tpa": "2024-06-03", "usmca-cec": "2024-06-03", "cafta-dr": "2024-06-02"}[SLUG]
    drive("admissibility_review")
    assert tasks.publish_chain_statement() == today
    assert tasks.publish_chain_statement() == today
    assert ChainStatement.objects.count() == 1
    entry = settings.CELERY_BEAT_SCHEDULE["workflow-chain-statement"]
    assert entry["task"] == "workflow.tasks.publish_chain_statement"


def test_the_docket_lists_the_statements_with_the_key_and_in_a_feed(client, published):
    page = client.get("/en/docket/statements/")
    assert page.status_code == 200
    text = page.content.decode()
    assert README_DEV_PUBLIC_KEY in text
    assert "/en/docket/statements/2024-05-02.json" in text
    download = client.get("/en/docket/statements/2024-05-02.json")
    assert download.status_code == 200
    assert json.loads(download.content)["signature"] == ChainStatement.objects.get().signature
    feed = client.get("/en/docket/statements.atom")
    assert feed.status_code == 200
    assert b"Statement of the chain hashes of 2 May 2024" in feed.content
    assert client.get("/en/docket/statements/2024-05-01.json").status_code == 404


def _out(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_docket_feed_carries_the_statement_beside_the_events(client, published):
    """Subscribers to the docket's own feed hold each statement too (issue 15: "on the docket
    (and in its feed)")."""
    statement = ChainStatement.objects.get()
    feed = client.get("/en/docket/feed/").content.decode()
    assert "Statement of the chain hashes of 2 May 2024" in feed
    assert statement.signature in feed
    assert "<id>tag:127.0.0.1,2026:statement/2024-05-02</id>" in feed
    assert "<id>tag:127.0.0.1,2026:docket/" in feed  # the events are still there


def test_a_case_not_yet_acknowledged_is_left_out_not_fatal():
    """A case filed and not yet acknowledged has no identifier: the daily statement failed
    on it (found seeding the demo's first statement, walk 51). It names the registered
    cases only."""
    registered = drive("admissibility_review").case
    waiting = drive("admissibility_review", acknowledged=False).case
    assert waiting.identifier is None
    statement = statements.publish(datetime.date(2024, 5, 2))
    assert list(json.loads(statement.body)["heads"]) == [registered.identifier]
