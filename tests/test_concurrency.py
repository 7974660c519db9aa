"""Two people recording the same thing at the same moment: one wins, the other is told."""

import datetime
import threading

import pytest
from django.db import connection

from submissions.models import Submission
from tests.factories import file_case
from workflow import services
from workflow.exceptions import CaseMovedOn, RuleViolation
from workflow.models import Event

D = datetime.date


def run_together(*calls):
    """Run each call in its own thread (own database connection), released by a Barrier."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _case_in_review(officer):
    case = file_case(on=D(2024, 1, 2))
    services.record_event(
        case, "acknowledged", actor=None, on=D(2024, 1, 3), importing=services.ImportOptions()
    )
    return Submission.objects.get(pk=case.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_decision_recorded_twice_at_once_is_written_once(officer, officer2, settings):
    settings.SEM_FOUR_EYES = False
    case = _case_in_review(officer)
    seen = case.event_count

    def decide(user):
        return lambda: services.record_event(
            case,
            "admissibility_determined",
            actor=user,
            data={"outcome": "meets"},
            expected_event_count=seen,
        )

    outcomes = run_together(decide(officer), decide(officer2))
    events = [o for o in outcomes if isinstance(o, Event)]
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(events) == 1 and len(errors) == 1, outcomes
    assert isinstance(errors[0], CaseMovedOn)
    assert "moved on" in str(errors[0])
    assert Event.objects.filter(submission=case, kind="admissibility_determined").count() == 1
    case.refresh_from_db()
    assert case.stage == "response_decision"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_a_seen_count_the_second_is_refused_by_the_stage_rule(officer, officer2, settings):
    settings.SEM_FOUR_EYES = False
    case = _case_in_review(officer)

    def decide(user):
        return lambda: services.record_event(
            case, "admissibility_determined", actor=user, data={"outcome": "does_not_meet"}
        )

    outcomes = run_together(decide(officer), decide(officer2))
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], RuleViolation), outcomes
    assert "cannot be recorded while the case is in" in str(errors[0])
    assert Event.objects.filter(submission=case, kind="admissibility_determined").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_proposing_the_same_determination_at_once(officer, officer2):
    case = _case_in_review(officer)

    def propose(user):
        return lambda: services.record_event(
            case, "admissibility_determined", actor=user, data={"outcome": "meets"}
        )

    outcomes = run_together(propose(officer), propose(officer2))
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], RuleViolation), outcomes
    assert "already awaiting the Executive Director" in str(errors[0])
    assert Event.objects.filter(submission=case, kind="proposed").count() == 1


def test_a_stale_page_is_told_the_case_moved_on(db, officer, settings):
    settings.SEM_FOUR_EYES = False
    case = _case_in_review(officer)
    seen = case.event_count
    services.record_event(case, "correspondence", actor=officer, title="Carta")
    with pytest.raises(CaseMovedOn):
        services.record_event(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets"},
            expected_event_count=seen,
        )
    assert not Event.objects.filter(submission=case, kind="admissibility_determined").exists()
