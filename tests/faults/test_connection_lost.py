"""The database connection lost in the middle of a transition: the event row is already
inserted, the stage and deadlines written, when the server drops the connection. Nothing of the
transition stays: no event, no deadline, no stage change, no outbox row; the chain verifies and
the same decision can be recorded afterwards. (Two transitions at once — one wins — is
tests/test_concurrency.py.)"""

import psycopg
import pytest
from django.db import OperationalError, connection

from notices import dispatch
from notices.models import Notice
from submissions.models import Submission
from tests.factories import make_filing
from tests.parties import CRITERIA as LETTERS
from workflow import hooks, services
from workflow.actors import Actor
from workflow.chain import verify_submission
from workflow.models import Deadline, Event

pytestmark = pytest.mark.django_db(transaction=True)

# Every criterion of the profile met (the TPA's a–f, the USMCA's a–e).
CRITERIA = {c: {"met": True, "reasons": "ok"} for c in LETTERS}


def state(case):
    case = Submission.objects.get(pk=case.pk)
    return {
        "case": (case.stage, case.chain_head, case.event_count, case.last_event_on),
        "events": list(Event.objects.filter(submission=case).values_list("seq", "kind", "hash")),
        "deadlines": sorted(
            Deadline.objects.filter(submission=case).values_list(
                "kind", "due_on", "met_on", "state"
            )
        ),
        "notices": Notice.objects.count(),
    }


def acknowledged_case(officer):
    case = services.file_submission(make_filing(), actor=Actor.public())
    services.record_event(case, "acknowledged", actor=officer)
    return Submission.objects.get(pk=case.pk)


def determine(case, officer):
    return services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": CRITERIA},
    )


def lose_connection_before_outbox(monkeypatch, how):
    """Break the connection at the last write of the transition (its outbox rows): everything
    else of it has been written inside the transaction by then."""
    original = dispatch.queue_notices
    seen = {}

    def broken(event):
        seen["event_pk"] = event.pk
        seen["stage"] = event.submission.stage
        how()
        return original(event)

    # The outbox hears of the event through the workflow's hook (NoticesConfig.ready()): break
    # the connection there, in place of the registered dispatch.queue_notices.
    monkeypatch.setattr(hooks, "_written", [broken if h is original else h for h in hooks._written])
    return seen


def assert_nothing_half_applied(case, before, seen, officer):
    connection.close()  # the next query opens a new connection
    assert seen["event_pk"] is not None  # the event row had been inserted
    assert seen["stage"] == "response_decision"  # and the stage moved, in memory
    assert state(case) == before
    assert not Event.objects.filter(pk=seen["event_pk"]).exists()
    assert verify_submission(Submission.objects.get(pk=case.pk)) is None

    event = determine(Submission.objects.get(pk=case.pk), officer)
    assert event.seq == before["case"][2] + 1
    after = state(case)
    assert after["case"][0] == "response_decision"
    assert [k for _, k, _ in after["events"]].count("admissibility_determined") == 1
    assert verify_submission(Submission.objects.get(pk=case.pk)) is None


@pytest.mark.postgres
def test_server_terminates_the_connection_mid_transition(officer, settings, monkeypatch):
    settings.SEM_FOUR_EYES = False
    case = acknowledged_case(officer)
    before = state(case)
    s = connection.settings_dict

    def terminate():
        pid = connection.connection.info.backend_pid
        with psycopg.connect(
            host=s["HOST"] or "127.0.0.1",
            port=s["PORT"] or 5432,
            user=s["USER"],
            password=s["PASSWORD"] or None,
            dbname=s["NAME"],
            autocommit=True,
        ) as other:
            assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]

    seen = lose_connection_before_outbox(monkeypatch, terminate)
    with pytest.raises(OperationalError):
        determine(case, officer)
    monkeypatch.undo()
    assert_nothing_half_applied(case, before, seen, officer)


def test_operational_error_mid_transition_rolls_everything_back(officer, settings, monkeypatch):
    settings.SEM_FOUR_EYES = False
    case = acknowledged_case(officer)
    before = state(case)

    def drop():
        raise OperationalError("server closed the connection unexpectedly")

    seen = lose_connection_before_outbox(monkeypatch, drop)
    with pytest.raises(OperationalError, match="closed the connection"):
        determine(case, officer)
    monkeypatch.undo()
    assert_nothing_half_applied(case, before, seen, officer)
