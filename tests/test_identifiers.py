"""Receipt numbers and permanent identifiers: format, sequences, imported numbers, races."""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection

from submissions.models import Submission
from tests.factories import file_case
from tests.parties import SLUG, A, B
from workflow import services
from workflow.registry import import_registry

D = datetime.date

# The identifiers each profile gives: the TPA's SEM/PE/001/2023, a sequence per Party and a
# four-digit year; the CEC's SEM-23-001, one sequence across the Parties and a two-digit year;
# CAFTA-DR's below.
IDS = {
    "us-peru-tpa": {
        "sequence": [
            "SEM/PE/001/2023",
            "SEM/PE/002/2023",
            "SEM/US/001/2023",
            "SEM/PE/001/2024",
            "SACA-SEEM/PE/001/2023",
        ],
        "other_prefix_slug": "saca-seem-pe-001-2023",
        "first": "SEM/PE/001/2023",
        "second": "SEM/PE/002/2023",
        "third": "SEM/PE/003/2023",
        "fourth": "SEM/PE/004/2023",
        "fifth": "SEM/PE/005/2023",
        "imported_other_prefix": {"SACA-SEEM/PE/001/2023", "SACA-SEEM/PE/002/2023"},
    },
    "usmca-cec": {
        # Party B's case of May 2023 takes the next number of the one sequence.
        "sequence": [
            "SEM-23-001",
            "SEM-23-002",
            "SEM-23-003",
            "SEM-24-001",
            "SACA-SEEM-23-001",
        ],
        "other_prefix_slug": "saca-seem-23-001",
        "first": "SEM-23-001",
        "second": "SEM-23-002",
        "third": "SEM-23-003",
        "fourth": "SEM-23-004",
        "fifth": "SEM-23-005",
        "imported_other_prefix": {"SACA-SEEM-23-001", "SACA-SEEM-23-002"},
    },
    # CAFTA-DR's CAALA/23/001 (its default prefix CAALA): one sequence across the Parties and
    # a two-digit year, like the CEC's.
    "cafta-dr": {
        # Party B's case of May 2023 takes the next number of the one sequence.
        "sequence": [
            "CAALA/23/001",
            "CAALA/23/002",
            "CAALA/23/003",
            "CAALA/24/001",
            "SACA-SEEM/23/001",
        ],
        "other_prefix_slug": "saca-seem-23-001",
        "first": "CAALA/23/001",
        "second": "CAALA/23/002",
        "third": "CAALA/23/003",
        "fourth": "CAALA/23/004",
        "fifth": "CAALA/23/005",
        "imported_other_prefix": {"SACA-SEEM/23/001", "SACA-SEEM/23/002"},
    },
}[SLUG]


def _registry(*identifiers) -> dict:
    """A registry file (of the installed profile) of filed and acknowledged cases about A."""
    payload = {"format": "sem-registry/1", "submissions": [_imported(i) for i in identifiers]}
    if SLUG != "us-peru-tpa":
        payload["profile"] = SLUG
    return payload


def _imported(identifier: str) -> dict:
    return {
        "identifier": identifier,
        "party": A,
        "language": "es",
        "title": {"es": "Importada"},
        "summary": {"es": "Resumen"},
        "laws": [],
        "submitters": [
            {"name": "ONG", "kind": "organization", "country": A, "confidential": False}
        ],
        "events": [
            {"on": "2023-02-01", "kind": "filed"},
            {"on": "2023-02-02", "kind": "acknowledged"},
        ],
    }


def _other_prefix_registry() -> dict:
    """Two imported cases with the prefix SACA-SEEM: under the TPA the real SACA file."""
    if SLUG == "us-peru-tpa":
        from tests.test_registry import saca_payload

        return saca_payload()
    return _registry(*sorted(IDS["imported_other_prefix"]))


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
    a1 = acknowledge(file_case(party=A, on=D(2023, 3, 1)))
    a2 = acknowledge(file_case(party=A, on=D(2023, 5, 1)))
    b1 = acknowledge(file_case(party=B, on=D(2023, 5, 2)))
    a2024 = acknowledge(file_case(party=A, on=D(2024, 1, 2)))
    settings.SEM_IDENTIFIER_PREFIX = "SACA-SEEM"
    other_prefix = acknowledge(file_case(party=A, on=D(2023, 6, 1)))
    assert [a1, a2, b1, a2024, other_prefix] == IDS["sequence"]
    case = Submission.objects.get(identifier=IDS["sequence"][-1])
    assert case.slug == IDS["other_prefix_slug"]
    assert case.registered_on == D(2023, 6, 2)


def test_the_year_is_the_filing_year_not_the_acknowledgement_year(db):
    case = file_case(on=D(2023, 12, 29))
    assert acknowledge(case, on=D(2024, 1, 3)) == IDS["first"]


def test_numbers_held_by_imported_cases_are_skipped_and_never_reused(db):
    payload = _registry(IDS["third"])
    assert import_registry(payload).ok
    assert acknowledge(file_case(on=D(2023, 4, 1))) == IDS["fourth"]
    Submission.objects.filter(identifier=IDS["fourth"]).delete()
    assert acknowledge(file_case(on=D(2023, 4, 2))) == IDS["fifth"]


def test_an_identifier_taken_outside_the_counter_is_skipped(db):
    first = file_case(on=D(2023, 4, 1))
    Submission.objects.filter(pk=first.pk).update(identifier=IDS["first"])
    assert acknowledge(file_case(on=D(2023, 4, 2))) == IDS["second"]


def test_imported_identifiers_with_another_prefix_are_kept(db):
    assert import_registry(_other_prefix_registry()).ok
    assert (
        set(Submission.objects.values_list("identifier", flat=True))
        == (IDS["imported_other_prefix"])
    )
    assert acknowledge(file_case(on=D(2023, 5, 1))) == IDS["first"]


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
    assert sorted(results) == [IDS["first"], IDS["second"]]
