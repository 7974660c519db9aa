"""Every row history row is sealed (``submissions.history``): a history row rewritten in the
database to match a rewritten row, which the comparison with the row history passed (the
note of session 24: "the row history itself is not keyed"), is named by the history check,
``verify_history`` and the audit page."""

import contextlib
import datetime
import html
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from submissions.history import (
    ACCOUNT_DELETED,
    BROKEN,
    OK,
    UNKNOWN_KEY,
    row_values,
    seal_of,
    seal_rows,
    seal_state,
    sealed_fields,
)
from submissions.models import Submission, Submitter
from tests.helpers_cases import drive
from workflow import checks
from workflow.chain import problems_of
from workflow.models import Deadline, NonWorkingDay

pytestmark = pytest.mark.django_db


def _history_models():
    return [
        model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]


def _messages(case) -> list[str]:
    return [str(problem.message) for problem in problems_of(Submission.objects.get(pk=case.pk))]


def _verify(*options) -> str:
    err = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command("verify_history", "--skip-files", *options, stderr=err, stdout=io.StringIO())
    return err.getvalue()


def test_every_history_row_is_sealed_as_written_and_read_back():
    # Saved one by one (a Party's change) and in bulk (the services' bulk_history_create).
    case = drive("awaiting_response").case
    party = case.party
    party.name_en = party.name_en + " (renamed)"
    party.save()
    checked = 0
    for model in _history_models():
        history = model.history.model
        for row in history.objects.all():
            assert seal_state(history, row_values(row)) == OK, (history.__name__, row.pk)
            checked += 1
        for values in history.objects.values():
            assert seal_state(history, values) == OK
    assert checked > 20
    assert _messages(case) == []
    assert _verify("--seals") == ""


def test_a_row_and_its_history_rewritten_together_are_named():
    case = drive("awaiting_response").case
    Submission.objects.filter(pk=case.pk).update(title_es="Título alterado")
    last = Submission.history.filter(id=case.pk).order_by("-history_id").first()
    Submission.history.filter(history_id=last.history_id).update(title_es="Título alterado")
    messages = _messages(case)
    assert len(messages) == 1
    assert messages[0].startswith(
        "changed outside the application: the row history of “submissions” holds a row of "
    )
    assert messages[0].endswith("that does not match its seal")
    broken = f"BROKEN {case.reference}: case: changed outside the application: the row history"
    assert broken in _verify("--seals")
    # The plain command leaves the seals to the nightly check (make bench: 5 s per 100,000
    # events): it reads the case as intact, its row against a row history that agrees.
    assert _verify() == ""


def test_a_due_date_moved_with_its_history_is_named():
    case = drive("awaiting_response").case
    period = Deadline.objects.get(submission=case, kind="party_response")
    later = period.due_on + datetime.timedelta(40)
    Deadline.objects.filter(pk=period.pk).update(due_on=later)
    Deadline.history.filter(id=period.pk).update(due_on=later)
    assert any("row history of “deadlines”" in m for m in _messages(case))


def test_a_submitters_history_rewritten_is_named_with_the_case():
    """A submitter's row may be shared by cases: its history rows are checked with each."""
    case = drive("awaiting_response").case
    submitter = Submitter.objects.get(memberships__submission=case)
    Submitter.history.filter(id=submitter.pk).update(confidential=not submitter.confidential)
    assert any("row history of “submitters”" in m for m in _messages(case))


def test_a_blank_seal_is_no_way_out():
    case = drive("awaiting_response").case
    Submission.history.filter(id=case.pk).update(history_seal="")
    assert any("does not match its seal" in m for m in _messages(case))


def test_a_row_of_no_case_is_named_by_the_nightly_check():
    NonWorkingDay.objects.create(date=datetime.date(2031, 7, 28), description="Fiestas Patrias")
    NonWorkingDay.history.update(description="A day anyone chose")
    from workflow.tasks import check_histories

    assert check_histories() == 1  # the beat's nightly check reads the seals
    check = checks.latest()
    [entry] = check.broken
    assert entry["submission"] is None
    assert entry["reference"] == "row history"
    assert entry["problems"][0].startswith(
        "changed outside the application: the row history of “non-working days”"
    )
    assert "BROKEN row history: changed outside the application" in _verify("--seals")


def test_a_retired_key_still_verifies_and_an_unknown_one_is_named(settings):
    case = drive("awaiting_response").case
    old = dict(settings.SEM_CHAIN_KEYS)
    with override_settings(SEM_CHAIN_KEYS={**old, "2": "a newer key"}, SEM_CHAIN_KEY_ID="2"):
        Submission.objects.get(pk=case.pk).save()  # a history row under key 2
        assert (
            Submission.history.filter(id=case.pk).latest("history_id").history_seal.startswith("2:")
        )
        assert _messages(case) == []
    assert any("sealed with the key “2”, which this installation" in m for m in _messages(case))
    row = Submission.history.filter(id=case.pk).latest("history_id")
    assert seal_state(Submission.history.model, row_values(row)) == UNKNOWN_KEY


def test_the_migration_seals_the_rows_written_before_seals():
    case = drive("awaiting_response").case
    Submission.history.filter(id=case.pk).update(history_seal="")
    history = Submission.history.model
    assert {seal_state(history, v) for v in history.objects.values()} == {BROKEN}
    seal_rows(apps, "submissions")
    assert {seal_state(history, v) for v in history.objects.values()} == {OK}
    assert _messages(case) == []


def test_the_audit_page_marks_the_row(client, auditor):
    case = drive("awaiting_response").case
    Submission.history.filter(id=case.pk).update(summary_en="Rewritten")
    client.force_login(auditor)
    page = html.unescape(client.get(reverse("ws_audit", args=[case.pk])).content.decode())
    assert page.count("does not match its seal: changed outside the application") == len(
        Submission.history.filter(id=case.pk)
    )
    assert "holds a row of" in page


# The columns each history table's seal covers (with the history's own: its date, user, type
# and change reason). A column added with a non-empty default
# changes the seal of every earlier row: its migration must check, then seal again, the rows
# (submissions.history.seal_rows). Update this list in the same change.
SEALED = {
    "notices.historicalnotice": (
        "attempts",
        "audience",
        "claimed_at",
        "created_at",
        "dedupe_key",
        "event_id",
        "id",
        "language",
        "last_error",
        "message",
        "next_attempt_at",
        "recipient_email",
        "recipient_name",
        "sent_at",
        "state",
        "submission_id",
    ),
    "submissions.historicaldocument": (
        "author",
        "code",
        "content_type",
        "created_at",
        "date",
        "event_id",
        "file",
        "id",
        "initial_visibility",
        "kind",
        "language",
        "official_translation",
        "original_name",
        "position",
        "redacted_version_of_id",
        "sha256",
        "size",
        "submission_id",
        "title",
        "translation_of_id",
        "visibility",
    ),
    "submissions.historicalenvironmentallaw": ("id", "name", "party_id", "provisions"),
    "submissions.historicalidentifiercounter": ("id", "last", "party", "prefix", "year"),
    "submissions.historicalparty": ("code", "id", "name_en", "name_es"),
    "submissions.historicalsubmission": (
        "assigned_officer_id",
        "authorities_communication",
        "authorities_response",
        "closure_reason",
        "created_at",
        "facts",
        "filed_on",
        "harm",
        "id",
        "identifier",
        "imported_identifier",
        "language",
        "party_id",
        "private_remedies",
        "procedure",
        "receipt_number",
        "registered_on",
        "relies_on_media_only",
        "slug",
        "stage",
        "summary_en",
        "summary_es",
        "summary_fr",
        "title_en",
        "title_es",
        "title_fr",
    ),
    "submissions.historicalsubmissionlaw": ("id", "law_id", "position", "submission_id"),
    "submissions.historicalsubmissionsubmitter": (
        "id",
        "joined_on",
        "position",
        "submission_id",
        "submitter_id",
        "token_revoked_at",
    ),
    "submissions.historicalsubmitter": (
        "confidential",
        "email",
        "id",
        "identity_document",
        "kind",
        "name",
        "nationality",
        "phone",
        "postal_address",
        "preferred_language",
        "residence",
    ),
    "submissions.historicaluser": (
        "date_joined",
        "email",
        "first_name",
        "id",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "last_name",
        "party_id",
        "password",
        "preferred_language",
        "username",
    ),
    "workflow.historicaldeadline": (
        "due_on",
        "ended_on",
        "explanation",
        "id",
        "kind",
        "late",
        "length",
        "met_on",
        "missed_reason",
        "original_due_on",
        "party",
        "revised_due_on",
        "rule",
        "start_event_id",
        "start_kind",
        "start_on",
        "state",
        "submission_id",
        "unit",
    ),
    "workflow.historicaldeadlinelength": ("id", "kind", "length"),
    "workflow.historicalevent": (
        "author",
        "code",
        "data",
        "hash",
        "id",
        "key_id",
        "kind",
        "note",
        "on",
        "prev_hash",
        "proposal_id",
        "recorded_at",
        "recorded_by_id",
        "seq",
        "stage_after",
        "stage_before",
        "submission_id",
        "title",
        "visibility",
    ),
    "workflow.historicalnonworkingday": ("date", "description", "id"),
}


def test_the_sealed_columns_are_the_listed_ones():
    found = {
        model.history.model._meta.label_lower: tuple(
            sorted(
                field.attname
                for field in sealed_fields(model.history.model)
                if not field.attname.startswith("history_")
            )
        )
        for model in _history_models()
    }
    assert found == SEALED


def test_an_account_deleted_later_leaves_its_rows_checkable(client, auditor):
    """Deleting an account makes Django attribute its history rows to no one (the test of the
    restricted export's round trip deletes every account): the rows' values still match
    their seal, and the audit page says who acted was an account since deleted."""
    from submissions.models import User

    case = drive("awaiting_response").case
    clerk = User.objects.create_user("clerk", password="x")
    submission = Submission.objects.get(pk=case.pk)
    submission._history_user = clerk
    submission.save()
    clerk.delete()
    row = Submission.history.filter(id=case.pk).latest("history_id")
    assert row.history_user_id is None
    assert seal_state(Submission.history.model, row_values(row)) == ACCOUNT_DELETED
    assert _messages(case) == []
    client.force_login(auditor)
    page = html.unescape(client.get(reverse("ws_audit", args=[case.pk])).content.decode())
    assert "an account since deleted" in page
    # Attributing a row to another account is a rewrite.
    Submission.history.filter(history_id=row.history_id).update(history_user=auditor)
    assert any("does not match its seal" in m for m in _messages(case))


def test_an_events_history_row_is_named(client, auditor):
    from workflow.models import Event

    case = drive("awaiting_response").case
    event = Event.objects.get(submission=case, seq=2)
    Event.history.filter(id=event.pk).update(note="Rewritten in the history only")
    [message] = _messages(case)
    assert message.startswith("changed outside the application: the row history of “events”")
    client.force_login(auditor)
    page = html.unescape(client.get(reverse("ws_audit", args=[case.pk])).content.decode())
    assert "The history does not agree with itself: 1 problem." in page
    assert "does not match its seal: changed outside the application" in page


def test_every_history_table_is_checked_somewhere():
    from notices.models import Notice
    from workflow import chain_seals

    checked = (
        {model for model, _column in chain_seals.OF_CASE}
        | {model for model, *_rest in chain_seals.SHARED}
        | set(chain_seals.ELSEWHERE)
        | {Notice}  # the outbox, not the case's record
    )
    assert set(_history_models()) == checked


def test_a_json_value_is_sealed_as_it_is_stored():
    """A number as a key in an event's data is stored as text: sealed so."""
    from workflow.models import Event

    case = drive("awaiting_response").case
    event = Event.objects.get(submission=case, seq=2)
    history = Event.history.model
    row = Event.history.filter(id=event.pk).first()
    values = row_values(row)
    # Beside a text key (sorting mixed keys as written would fail).
    values["data"] = {**(values["data"] or {}), "on": "2024-05-02", 3: "x"}
    values["history_seal"] = seal_of(history, values)
    stored = {**values, "data": {**(row.data or {}), "on": "2024-05-02", "3": "x"}}
    assert seal_state(history, stored) == OK


def test_the_case_page_says_how_many_more_problems_the_audit_names(client, officer):
    """Walk 90: a title rewritten with its history row showed, on the case page, only the
    first of its two problems."""
    case = drive("awaiting_response").case
    Submission.objects.filter(pk=case.pk).update(title_es="Título alterado")
    Submission.history.filter(id=case.pk).update(title_es="Título alterado")
    assert len(_messages(case)) >= 2
    client.force_login(officer)
    page = html.unescape(client.get(reverse("ws_case", args=[case.pk])).content.decode())
    more = len(_messages(case)) - 1
    noun = "problem" if more == 1 else "problems"
    assert f"The audit view names {more} more {noun}." in page
