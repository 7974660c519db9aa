"""The keyed chain (workflow.chain): rotation, legacy unkeyed rows, and the key id through the
restricted export and import."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from submissions.models import Submission, Submitter, User
from tests.helpers_cases import drive, frozen
from workflow import chain, services
from workflow.models import Event
from workflow.registry import export_registry, import_registry

pytestmark = pytest.mark.django_db
D = datetime.date


def _errors():
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_history", stderr=err, stdout=io.StringIO())
    return err.getvalue()


def _passes():
    out = io.StringIO()
    call_command("verify_history", stdout=out)
    return out.getvalue()


def _to_legacy(case):
    """Rows as the code before keys wrote them: empty key id, unkeyed hash over usernames."""
    prev = chain.GENESIS
    for event in Event.objects.filter(submission=case).order_by("seq"):
        event.key_id, event.prev_hash = "", prev
        event.hash = chain.hash_event(event, list(event.documents.all()))
        Event.objects.filter(pk=event.pk).update(key_id="", prev_hash=prev, hash=event.hash)
        prev = event.hash
    Submission.objects.filter(pk=case.pk).update(chain_head=prev)


def test_rows_recorded_before_keys_keep_verifying_and_new_events_are_keyed(settings, officer):
    settings.SEM_CHAIN_UNKEYED_BEFORE = "2024-01-01T00:00:00+00:00"
    with frozen(D(2023, 4, 10)):
        case = drive("response_decision").case
    _to_legacy(case)
    assert "1 case(s) checked, 0 broken" in _passes()
    with frozen(D(2024, 2, 1)):
        services.record_event(
            case,
            "correspondence",
            actor=None,
            on=D(2024, 2, 1),
            title="Letter",
            importing=services.ImportOptions(recorded_by=officer),
        )
    assert list(Event.objects.filter(submission=case).values_list("key_id", flat=True)) == [
        "",
        "",
        "",
        "1",
    ]
    assert "1 case(s) checked, 0 broken" in _passes()
    # An unkeyed event after a keyed one is a downgrade, whenever it claims to be recorded.
    with frozen(D(2024, 2, 2)):
        services.record_event(
            case,
            "correspondence",
            actor=None,
            on=D(2024, 2, 2),
            title="Reply",
            importing=services.ImportOptions(),
        )
    fifth = Event.objects.get(submission=case, seq=5)
    fifth.key_id, fifth.recorded_at = "", datetime.datetime(2023, 5, 1, tzinfo=datetime.UTC)
    fifth.hash = chain.hash_event(fifth, [])
    Event.objects.filter(pk=fifth.pk).update(
        key_id="", recorded_at=fifth.recorded_at, hash=fifth.hash
    )
    Submission.objects.filter(pk=case.pk).update(chain_head=fifth.hash)
    assert f"{case.reference}: event 5: carries no key" in _errors()


def test_keys_rotate_and_old_events_verify_under_their_own_key(settings):
    settings.SEM_CHAIN_KEYS = {"2025": "first key"}
    settings.SEM_CHAIN_KEY_ID = "2025"
    story = drive("admissibility_review")
    settings.SEM_CHAIN_KEYS = {"2025": "first key", "2026": "second key"}
    settings.SEM_CHAIN_KEY_ID = "2026"
    story.add("admissibility_determined", D(2023, 4, 10), data={"outcome": "does_not_meet"})
    keys = list(Event.objects.filter(submission=story.case).values_list("key_id", flat=True))
    assert keys == ["2025", "2025", "2026"]
    assert "1 case(s) checked, 0 broken" in _passes()
    settings.SEM_CHAIN_KEYS = {"2026": "second key"}  # the old key dropped too early
    assert (
        f"{story.case.reference}: event 1: hashed under key “2025”, which this installation "
        "does not hold (SEM_CHAIN_KEYS): it cannot be verified"
    ) in _errors()


def test_the_restricted_export_carries_the_key_id_and_the_recorders_id(settings, officer):
    case = drive("admissibility_review").case
    services.record_event(
        case,
        "correspondence",
        actor=None,
        on=D(2023, 3, 20),
        title="Letter",
        importing=services.ImportOptions(recorded_by=officer),
    )
    exported = export_registry(restricted=True)
    last = json.loads(exported)["submissions"][0]["events"][-1]
    assert (last["key_id"], last["recorded_by"], last["recorded_by_id"]) == (
        "1",
        officer.username,
        officer.pk,
    )
    Submission.objects.all().delete()
    Submitter.objects.all().delete()
    User.objects.all().delete()
    # Another installation, which does not hold key 1: it keeps the hash it cannot check.
    settings.SEM_CHAIN_KEYS = {"9": "another installation's key"}
    settings.SEM_CHAIN_KEY_ID = "9"
    assert import_registry(json.loads(exported)).ok
    assert export_registry(restricted=True) == exported
    assert User.objects.get(username=officer.username).pk == officer.pk
    assert "it cannot be verified" in _errors()
    # Given key 1 as well, the same rows verify.
    settings.SEM_CHAIN_KEYS = {"9": "another installation's key", "1": "development-only-chain-key"}
    assert "1 case(s) checked, 0 broken" in _passes()
