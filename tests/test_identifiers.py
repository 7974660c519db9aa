"""Receipt numbers and permanent identifiers: format, sequences, imported numbers, races."""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection

from submissions.models import Submission
from tests.factories import file_case
from workflow import services
from workflow.registry import import_registry

D = datetime.date


def acknowledge(case, on=None):
    on = on or case.filed_on + datetime.timedelta(days=1)
    services.record_event(
        case, "acknowledged", actor=None, on=on, importing=services.ImportOptions()
    )
    case.refresh_from_db()
    return case.identifier


def test_receipt_numbers_run_per_year(db):
    assert file_case(on=D(2023, 3, 1)).receipt_number == "R-2023-000001"
    assert file_case(on=D(2023, 3, 2)).receipt_number == "R-2023-000002"
    assert file_case(on=D(2024, 1, 2)).receipt_number == "R-2024-000001"


def test_identifier_format_and_sequence_per_prefix_party_and_year(db, settings):
    pe1 = acknowledge(file_case(party="PE", on=D(2023, 3, 1)))
    pe2 = acknowledge(file_case(party="PE", on=D(2023, 5, 1)))
    us1 = acknowledge(file_case(party="US", on=D(2023, 5, 2)))
    pe2024 = acknowledge(file_case(party="PE", on=D(2024, 1, 2)))
    settings.SEM_IDENTIFIER_PREFIX = "SACA-SEEM"
    other_prefix = acknowledge(file_case(party="PE", on=D(2023, 6, 1)))
    assert [pe1, pe2, us1, pe2024, other_prefix] == [
        "SEM/PE/001/2023",
        "SEM/PE/002/2023",
        "SEM/US/001/2023",
        "SEM/PE/001/2024",
        "SACA-SEEM/PE/001/2023",
    ]
    case = Submission.objects.get(identifier="SACA-SEEM/PE/001/2023")
    assert case.slug == "saca-seem-pe-001-2023"
    assert case.registered_on == D(2023, 6, 2)


def test_the_year_is_the_filing_year_not_the_acknowledgement_year(db):
    case = file_case(on=D(2023, 12, 29))
    assert acknowledge(case, on=D(2024, 1, 3)) == "SEM/PE/001/2023"


def test_numbers_held_by_imported_cases_are_skipped_and_never_reused(db):
    payload = {
        "format": "sem-registry/1",
        "submissions": [
            {
                "identifier": "SEM/PE/003/2023",
                "party": "PE",
                "language": "es",
                "title": {"es": "Importada"},
                "summary": {"es": "Resumen"},
                "laws": [],
                "submitters": [
                    {"name": "ONG", "kind": "organization", "country": "PE", "confidential": False}
                ],
                "events": [
                    {"on": "2023-02-01", "kind": "filed"},
                    {"on": "2023-02-02", "kind": "acknowledged"},
                ],
            }
        ],
    }
    assert import_registry(payload).ok
    assert acknowledge(file_case(on=D(2023, 4, 1))) == "SEM/PE/004/2023"
    Submission.objects.filter(identifier="SEM/PE/004/2023").delete()
    assert acknowledge(file_case(on=D(2023, 4, 2))) == "SEM/PE/005/2023"


def test_an_identifier_taken_outside_the_counter_is_skipped(db):
    first = file_case(on=D(2023, 4, 1))
    Submission.objects.filter(pk=first.pk).update(identifier="SEM/PE/001/2023")
    assert acknowledge(file_case(on=D(2023, 4, 2))) == "SEM/PE/002/2023"


def test_imported_identifiers_with_another_prefix_are_kept(db):
    from tests.test_registry import saca_payload

    assert import_registry(saca_payload()).ok
    assert set(Submission.objects.values_list("identifier", flat=True)) == {
        "SACA-SEEM/PE/001/2023",
        "SACA-SEEM/PE/002/2023",
    }
    assert acknowledge(file_case(on=D(2023, 5, 1))) == "SEM/PE/001/2023"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_acknowledgements_get_distinct_consecutive_numbers():
    cases = [file_case(on=D(2023, 3, 1)), file_case(on=D(2023, 3, 1))]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run(case):
        try:
            barrier.wait(timeout=10)
            results.append(acknowledge(case, on=D(2023, 3, 2)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == ["SEM/PE/001/2023", "SEM/PE/002/2023"]
