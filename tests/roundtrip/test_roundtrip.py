"""Acceptance 2 of issue 13: export → import → export gives the same bytes for generated cases,
and the export's number of queries does not grow with the number of cases.

The default suite round-trips ROUNDTRIP_CASES cases (200); `SEM_ROUNDTRIP_CASES=10000` runs
the acceptance size (see `make roundtrip` for the same at full size with timings)."""

import json
import os

from django.db import connection
from django.test.utils import CaptureQueriesContext

from submissions.models import Submission, Submitter, User
from tests.parties import SLUG
from tests.roundtrip.generate import varied_registry
from workflow.models import Event
from workflow.registry import export_registry, import_registry

ROUNDTRIP_CASES = int(os.environ.get("SEM_ROUNDTRIP_CASES", "200"))
# The generated identifiers' prefix and what follows it in the profile's shape.
RESERVED = {"us-peru-tpa": "BENCH/", "usmca-cec": "BENCH-", "cafta-dr": "BENCH/"}[SLUG]


def _wipe():
    Submission.objects.all().delete()
    Submitter.objects.all().delete()
    User.objects.all().delete()


def test_generated_cases_round_trip_byte_identical(db):
    report = import_registry(varied_registry(ROUNDTRIP_CASES))
    assert report.ok, [str(r) for r in report.refused[:3]]
    first = export_registry(restricted=True)
    exported = json.loads(first)["submissions"]
    assert len(exported) == ROUNDTRIP_CASES
    assert {c["stage"] for c in exported} >= {
        "admissibility_review",
        "factual_record_preparation",
        "closed",
    }
    reserved = [c for c in exported if c["stage"] == "admissibility_review"]
    assert reserved and all(c["identifier"].startswith(RESERVED) for c in reserved)

    _wipe()
    assert Event.objects.count() == 0
    report = import_registry(json.loads(first))
    assert report.ok, [str(r) for r in report.refused[:3]]
    second = export_registry(restricted=True)
    assert second == first


def _export_queries(**kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        export_registry(**kwargs)
    return len(queries)


def test_export_queries_do_not_grow_with_the_number_of_cases(db):
    assert import_registry(varied_registry(60)).ok
    few = Submission.objects.filter(pk__in=Submission.objects.order_by("pk")[:10])
    for restricted in (True, False):
        # One chunk: the same count for 10 cases as for 60.
        assert _export_queries(queryset=few, restricted=restricted) == _export_queries(
            restricted=restricted
        )
    # Chunks of 10: seven queries per chunk (cases, submitters, laws, related cases,
    # deadlines, events, documents) and one for the keys.
    assert _export_queries(restricted=True, chunk_size=10) == 7 * 6 + 1
    assert _export_queries(restricted=True, chunk_size=25) == 7 * 3 + 1
