"""List pages and the API list run the same number of queries at 10 and at 200 cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.docket.conftest import for_profile
from tests.parties import A, slug
from workflow.registry import import_registry

pytestmark = pytest.mark.django_db

URLS = [
    "/en/docket/",
    "/es/docket/?q=concesiones",
    f"/en/docket/?party={A}&status=open&law=Forest&sort=updated",
    "/en/docket/?page=2",
    "/api/v1/submissions/",
    "/api/v1/submissions/?q=forest&year=2022",
    "/en/docket/export.csv",
    "/en/statistics/",
    "/sitemap.xml",
]


def cases(start: int, count: int) -> dict:
    """Cases concerning Party A (tests.parties) and every third the United States, in the
    installed profile's registry file (``for_profile``)."""
    items = []
    for n in range(start, start + count):
        items.append(
            {
                "identifier": f"QC/PE/{n + 1:03d}/2022",
                "party": "PE" if n % 3 else "US",
                "language": "es",
                "title": {"en": f"Forest case {n}", "es": f"Concesiones caso {n}"},
                "summary": {"en": "Forest concessions.", "es": "Concesiones forestales."},
                "laws": [f"Forest law {n % 4}", {"name": "Ley general", "provisions": f"Art. {n}"}],
                "submitters": [
                    {
                        "name": f"Person {n}",
                        "kind": "individual",
                        "country": "PE",
                        "confidential": n % 2 == 0,
                    },
                    {
                        "name": f"Org {n}",
                        "kind": "organization",
                        "country": "PE",
                        "confidential": False,
                    },
                ],
                "events": [
                    {
                        "on": "2022-03-01",
                        "kind": "filed",
                        "documents": [{"language": "es", "title": f"Petición {n}"}],
                    },
                    {"on": "2022-03-02", "kind": "acknowledged"},
                    {"on": "2022-03-20", "kind": "admissibility_determined", "outcome": "meets"},
                ],
            }
        )
    return for_profile({"format": "sem-registry/1", "submissions": items})


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def test_same_queries_at_21_and_200_cases(client):
    # 21: a second page to read (a page past the last is a 404, walk 69).
    assert import_registry(cases(0, 21)).ok
    small = {url: count_queries(client, url) for url in URLS}
    assert import_registry(cases(21, 179)).ok
    large = {url: count_queries(client, url) for url in URLS}
    assert large == small
    assert max(small.values()) <= 8, small


def test_case_page_queries_do_not_grow_with_events_or_documents(client):
    assert import_registry(cases(0, 3)).ok
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/en/docket/{slug(A, 1, 2022, 'QC')}/").status_code == 200
    assert len(queries) <= 10
