"""Walk 84: what the chain alone did not show (workflow.chain_outside). An auditor changed, in
the database, a case's public title, a deadline's due date, two events, and cut a case's last
event with its count and head; ``verify_history`` and the audit page said all was intact, or
named only the first rewritten event, without saying what had changed."""

import contextlib
import datetime
import html
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from submissions.models import Submission
from tests.helpers_cases import drive
from workflow import statements
from workflow.chain import problems_of
from workflow.models import ChainStatement, Deadline, Event

pytestmark = pytest.mark.django_db


def _verify(*options) -> str:
    err = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command("verify_history", "--skip-files", *options, stderr=err, stdout=io.StringIO())
    return err.getvalue()


def _messages(case) -> list[str]:
    return [str(problem.message) for problem in problems_of(Submission.objects.get(pk=case.pk))]


def test_an_intact_case_has_no_outside_change():
    case = drive("awaiting_response").case
    statements.publish(datetime.date(2024, 5, 2))
    assert _messages(case) == []
    assert _verify() == ""


def test_a_title_changed_in_the_database_is_named_even_without_a_digest():
    case = drive("awaiting_response").case
    # The history was recorded as imported: no digest of its texts in its filing.
    assert "texts_sha256" not in Event.objects.get(submission=case, seq=1).data
    Submission.objects.filter(pk=case.pk).update(title_es="Título alterado")
    assert _messages(case) == [
        "changed outside the application: the case's “title in Spanish”, against its row history"
    ]
    assert (
        f"BROKEN {case.reference}: case: changed outside the application: the case's "
        "“title in Spanish”" in _verify()
    )


def test_changes_the_application_made_are_not_outside_ones(officer):
    from workflow import services

    case = drive("awaiting_response").case
    services.set_public_texts(
        case, actor=officer, reason="Clearer.", title_en="A new title", title_es="Un título nuevo"
    )
    services.record_event(
        Submission.objects.get(pk=case.pk),
        "assigned",
        actor=officer,
        data={"officer": officer.username},
    )
    assert _messages(case) == []


def test_a_due_date_changed_in_the_database_is_named():
    case = drive("awaiting_response").case
    period = Deadline.objects.get(submission=case, kind="party_response")
    Deadline.objects.filter(pk=period.pk).update(due_on=period.due_on + datetime.timedelta(40))
    assert _messages(case) == [
        "changed outside the application: “due on” of the period “Response of the Party”, against "
        "its row history"
    ]
    with connection.cursor() as cursor:  # as SQL would, without the row history's signal
        cursor.execute("DELETE FROM workflow_deadline WHERE id = %s", [period.pk])
    assert _messages(case) == [
        "deleted outside the application: the period “Response of the Party”"
    ]


def test_every_rewritten_event_is_named_with_what_changed():
    case = drive("awaiting_response").case
    Event.objects.filter(submission=case, seq=2).update(note="Rewritten")
    Event.objects.filter(submission=case, seq=3).update(on=datetime.date(2020, 1, 1))
    assert _messages(case) == [
        "content changed after it was recorded: “note”",
        "content changed after it was recorded: “date”",
    ]


def test_a_history_cut_short_after_the_last_statement_is_named():
    case = drive("awaiting_response").case
    other = drive("admissibility_review", party="US").case
    statements.publish(datetime.date(2024, 5, 2))
    count = case.event_count
    last = Event.objects.get(submission=case, seq=count)
    before = Event.objects.get(submission=case, seq=count - 1)
    last.delete()
    Submission.objects.filter(pk=case.pk).update(
        event_count=count - 1, chain_head=before.hash, stage=last.stage_before
    )
    # The chain alone verifies: the statement stored here does not agree.
    assert _messages(case) == [
        f"deleted outside the application: the row history records events up to {count}",
        f"missing, though the Secretariat's signed statement of 2 May 2024 counts {count} events",
    ]
    assert _messages(other) == []
    err = _verify()
    assert f"BROKEN {case.reference}: event {count}: missing, though" in err
    # A case the statement lists that is gone altogether.
    identifier = other.identifier
    Submission.objects.filter(pk=other.pk).delete()
    assert (
        f"CONTRADICTS {identifier}: case: missing, though the statement of 2024-05-02 lists it"
    ) in _verify()


def test_a_stored_statement_altered_is_named():
    case = drive("awaiting_response").case
    row = statements.publish(datetime.date(2024, 5, 2))
    count = f'"events":{case.event_count}'
    assert row.body.count(count) == 1
    ChainStatement.objects.filter(pk=row.pk).update(
        body=row.body.replace(count, f'"events":{case.event_count - 1}')
    )
    assert _messages(case) == [
        "the statement of 2 May 2024 stored here does not verify with its key"
    ]
    assert "CONTRADICTS the statement stored here" in _verify()


def test_the_audit_page_names_an_outside_change_and_the_statement_it_checked(client, auditor):
    case = drive("awaiting_response").case
    statements.publish(datetime.date(2024, 5, 2))
    client.force_login(auditor)
    url = reverse("ws_audit", kwargs={"pk": case.pk})
    page = " ".join(client.get(url).content.decode().split())
    assert "agree with the last change the application recorded in their row history" in page
    assert "statement of the chain hashes, of 2 May 2024, counted, unchanged." in page
    counted = json.loads(ChainStatement.objects.get().body)["heads"][case.identifier]["rows"]
    assert counted["count"] > 0
    assert f"Its row history holds the {counted['count']} rows that statement counted" in page
    Submission.objects.filter(pk=case.pk).update(summary_en="Altered.")
    page = html.unescape(" ".join(client.get(url).content.decode().split()))
    assert "The history does not agree with itself: 1 problem." in page
    assert "changed outside the application: the case's “summary in English”" in page
    assert "counted, unchanged." not in page
    assert "Its row history holds the" not in page


def test_the_audit_page_says_when_the_statement_counted_none_of_the_rows(client, auditor, settings):
    """Walk 169: a statement counts only the rows saved SEM_STATEMENT_ROW_MARGIN before it;
    of a case whose rows were all newer, the page said its row history "holds every row saved
    before that statement", as if they were anchored."""
    settings.SEM_STATEMENT_ROW_MARGIN = 900
    case = drive("awaiting_response").case
    statements.publish(datetime.date(2024, 5, 2))
    client.force_login(auditor)
    page = " ".join(
        client.get(reverse("ws_audit", kwargs={"pk": case.pk})).content.decode().split()
    )
    assert "counted, unchanged." in page  # its events, which it counts at once
    assert "That statement counted none of its row history" in page
    assert "Its row history holds the" not in page


def test_a_last_event_deleted_after_the_statement_is_named_by_the_row_history(officer):
    # Walk 86: an entry recorded after the day's statement, deleted with the case's count and
    # head reset, passed: the statement never counted it; its row history did.
    from workflow import services

    case = drive("awaiting_response").case
    statements.publish(datetime.date(2024, 5, 2))
    before = Submission.objects.get(pk=case.pk)
    letter = services.record_event(before, "correspondence", actor=officer, note="Later.")
    assert _messages(case) == []
    with connection.cursor() as cursor:  # as SQL would, without the row history's signal
        cursor.execute("DELETE FROM workflow_event WHERE id = %s", [letter.pk])
    Submission.objects.filter(pk=case.pk).update(
        event_count=before.event_count, chain_head=before.chain_head
    )
    assert _messages(case) == [
        f"deleted outside the application: the row history records events up to {letter.seq}"
    ]
    assert f"BROKEN {case.reference}: event {letter.seq}: deleted outside" in _verify()


def test_the_audit_page_claims_no_statement_that_did_not_count_the_case(client, auditor):
    # Walk 86: a case registered (or imported) after the last statement read as counted by it.
    statements.publish(datetime.date(2024, 5, 2))
    case = drive("awaiting_response").case
    client.force_login(auditor)
    page = " ".join(
        client.get(reverse("ws_audit", kwargs={"pk": case.pk})).content.decode().split()
    )
    assert "The chain is intact" in page
    assert "counted, unchanged." not in page
    # Walk 104: it said nothing of the statement that had not counted it.
    assert "No signed statement of the chain hashes has counted this case yet" in page


def _moved_then_hidden(case):
    """A due date moved by the application (its row history records it), the day's statement
    made; then, in the database, the date put back and the history row that recorded the move
    deleted: the row agrees with the history left, and every row left matches its seal."""
    period = Deadline.objects.get(submission=case, kind="party_response")
    first = period.due_on
    period.due_on = first + datetime.timedelta(10)
    period.save()
    statements.publish(datetime.date(2024, 5, 2))
    Deadline.objects.filter(pk=period.pk).update(due_on=first)
    newest = Deadline.history.filter(id=period.pk).order_by("-history_id").first()
    with connection.cursor() as cursor:  # as SQL would, without the row history's signal
        cursor.execute(
            "DELETE FROM workflow_historicaldeadline WHERE history_id = %s", [newest.history_id]
        )
    return period, newest


def test_a_history_row_deleted_with_its_row_reverted_contradicts_the_statement(tmp_path):
    """The gap the seals left (README, Integrity): deleting a row's newest history rows
    together with reverting the row. The daily statement counts each case's row history and
    signs a digest of it: a row deleted after it is named on the case (its page, its audit
    page, the nightly check) and by ``verify_history --against``."""
    case = drive("awaiting_response").case
    _period, _newest = _moved_then_hidden(case)
    counted = json.loads(ChainStatement.objects.get().body)["heads"][case.identifier]["rows"]
    assert counted["count"] > 1
    messages = _messages(case)
    assert messages == [
        "deleted outside the application: rows of its row history saved before the signed "
        f"statement of 2 May 2024: {counted['count'] - 1}, where the statement counted "
        f"{counted['count']}"
    ]
    assert f"BROKEN {case.reference}: case: deleted outside the application: rows of its" in (
        _verify("--seals")
    )
    path = tmp_path / "statement.json"
    path.write_text(statements.as_file(ChainStatement.objects.get()), encoding="utf-8")
    assert f"CONTRADICTS {case.identifier}: row history: deleted outside" in _verify(
        "--against", str(path)
    )


def test_a_history_row_put_in_the_place_of_a_deleted_one_contradicts_the_statement():
    """A deleted history row replaced by a copy of an earlier one of the same row, under its
    id: the count agrees, every seal matches (a seal does not cover the row's id), the
    statement's digest does not."""
    case = drive("awaiting_response").case
    period, newest = _moved_then_hidden(case)
    earlier = Deadline.history.filter(id=period.pk).order_by("history_id").values().first()
    Deadline.history.model.objects.create(**{**earlier, "history_id": newest.history_id})
    assert _messages(case) == [
        "changed outside the application: its row history saved before the signed statement "
        "of 2 May 2024 differs from what the statement counted"
    ]
