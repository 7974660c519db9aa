"""`make bench`: performance figures on PostgreSQL (never timed unit tests).

Creates a throw-away database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/sem_bench), migrates it, and measures:
- registry import: 1,000 generated cases of 8 events each (target: under 30 s);
- the public docket at 10,000 cases (BENCH_DOCKET_CASES; the rest imported in batches): for
  the docket list, a search, a filtered list, a case page and the API list, the queries per
  request and the server time (median, 95th percentile), beside a trivial Django view and each
  one's ratio to it (targets: list, case page and API median under 50 ms; search under 100 ms).
- `verify_history` over VERIFY_EVENTS events (default 100,000; the docket's cases plus more
  imported in batches): the chain, files and replayed state of every case (target: under 5 s).
Exits non-zero when a target is missed.
"""

import datetime
import os
import sys
import time
import warnings

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sem_bench")
CASES = int(os.environ.get("BENCH_CASES", "1000"))
IMPORT_TARGET_SECONDS = 30.0
DOCKET_CASES = int(os.environ.get("BENCH_DOCKET_CASES", "10000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
BATCH = 1000
VERIFY_EVENTS = int(os.environ.get("BENCH_VERIFY_EVENTS", "100000"))
VERIFY_TARGET_SECONDS = 5.0


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def generated_registry(count: int) -> dict:
    """``count`` cases, each filed, acknowledged, admitted, requested, answered, notified,
    instructed and with a call for information: 8 events."""
    start = datetime.date(2019, 1, 7)
    cases = []
    for n in range(count):
        party = "PE" if n % 3 else "US"
        filed = start + datetime.timedelta(days=n % 1500)
        year = filed.year

        def day(offset, filed=filed):
            return (filed + datetime.timedelta(days=offset)).isoformat()

        cases.append(
            {
                "identifier": f"BENCH/{party}/{n + 1:04d}/{year}",
                "party": party,
                "language": "es" if n % 2 else "en",
                "title": {"en": f"Generated case {n}", "es": f"Caso generado {n}"},
                "summary": {
                    "en": "Forest concessions and mining permits.",
                    "es": "Concesiones forestales y permisos mineros.",
                },
                "laws": [f"Environmental law {n % 40}"],
                "submitters": [
                    {
                        "name": f"Submitter {n}",
                        "kind": "organization",
                        "country": "PE",
                        "confidential": n % 7 == 0,
                    }
                ],
                "events": [
                    {"on": day(0), "kind": "filed"},
                    {"on": day(2), "kind": "acknowledged"},
                    {"on": day(25), "kind": "admissibility_determined", "outcome": "meets"},
                    {"on": day(50), "kind": "response_decided", "outcome": "request"},
                    {
                        "on": day(90),
                        "kind": "party_responded",
                        "author": f"party:{party}",
                        "pending_proceeding": False,
                    },
                    {"on": day(130), "kind": "factual_record_notified", "outcome": "warranted"},
                    {
                        "on": day(160),
                        "kind": "council_instructed",
                        "party": "PE",
                        "author": "council:PE",
                    },
                    {"on": day(170), "kind": "information_called"},
                ],
            }
        )
    return {"format": "sem-registry/1", "submissions": cases}


def main() -> int:
    recreate_database(BENCH_URL)
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings.local")
    os.environ["SEM_FOUR_EYES"] = "true"
    os.environ["DEBUG"] = "false"  # as served: no query log, no debug pages
    # WhiteNoise looks for collected static files, which the figures do not need.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from workflow.models import Event
    from workflow.registry import import_registry

    payload = generated_registry(CASES)
    began = time.perf_counter()
    report = import_registry(payload)
    seconds = time.perf_counter() - began
    events = Event.objects.count()
    ok = report.ok and seconds < IMPORT_TARGET_SECONDS * CASES / 1000
    print(
        f"registry import: {CASES} cases, {events} events in {seconds:.1f} s "
        f"({events / seconds:.0f} events/s; target under {IMPORT_TARGET_SECONDS:.0f} s "
        f"for 1,000 cases) {'OK' if ok else 'MISSED'}"
    )
    if not report.ok:
        print(f"  {len(report.refused)} refused, first: {report.refused[0]}")
    docket_ok = bench_docket(payload)
    verify_ok = bench_verify()
    return 0 if ok and docket_ok and verify_ok else 1


def bench_verify() -> bool:
    """`verify_history` over VERIFY_EVENTS events: the generated cases have 8 events each; the
    ones missing are imported in batches (the importer's bulk path) and not timed."""
    import io

    from django.core.management import call_command
    from django.db import connection

    from submissions.models import Submission
    from workflow.models import Event
    from workflow.registry import import_registry

    have = Submission.objects.count()
    need = -(-VERIFY_EVENTS // 8)
    if need > have:
        began = time.perf_counter()
        rest = generated_registry(need)["submissions"][have:]
        for start in range(0, len(rest), BATCH):
            batch = {"format": "sem-registry/1", "submissions": rest[start : start + BATCH]}
            report = import_registry(batch)
            if not report.ok:
                raise SystemExit(f"seeding refused a case: {report.refused[0]}")
        print(f"seeded {need} cases for verify_history in {time.perf_counter() - began:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    events = Event.objects.count()
    out = io.StringIO()
    began = time.perf_counter()
    call_command("verify_history", stdout=out)
    seconds = time.perf_counter() - began
    ok = seconds < VERIFY_TARGET_SECONDS * events / 100_000
    print(
        f"verify_history: {Submission.objects.count()} cases, {events} events in "
        f"{seconds:.1f} s ({events / seconds:.0f} events/s; target under "
        f"{VERIFY_TARGET_SECONDS:.0f} s for 100,000) {'OK' if ok else 'MISSED'}"
    )
    print(f"  {out.getvalue().strip()}")
    return ok


def seed_docket(payload: dict) -> None:
    """Bring the docket to DOCKET_CASES cases, importing the rest in batches through the same
    importer (so every case has its real events, deadlines and chain)."""
    from workflow.registry import import_registry

    have = len(payload["submissions"])
    if have >= DOCKET_CASES:
        return
    began = time.perf_counter()
    rest = generated_registry(DOCKET_CASES)["submissions"][have:]
    for start in range(0, len(rest), BATCH):
        batch = {"format": "sem-registry/1", "submissions": rest[start : start + BATCH]}
        report = import_registry(batch)
        if not report.ok:
            raise SystemExit(f"seeding refused a case: {report.refused[0]}")
    print(f"seeded {DOCKET_CASES} cases in {time.perf_counter() - began:.0f} s")


def _measure(client, url: str) -> tuple[int, float, float]:
    """(queries per request, median ms, 95th percentile ms) over REQUESTS requests."""
    import statistics

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = url if isinstance(url, list) else [url]
    for warm in urls[:3]:
        assert client.get(warm).status_code == 200, warm
    connection.queries_log.clear()  # a full log (9,000 entries) would hide new queries
    with CaptureQueriesContext(connection) as queries:
        client.get(urls[0])
    query_count = len(queries)  # now: the next request empties the log it reads from
    times = []
    for n in range(REQUESTS):
        began = time.perf_counter()
        response = client.get(urls[n % len(urls)])
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return query_count, statistics.median(times), p95


def bench_docket(payload: dict) -> bool:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from submissions.models import Submission

    seed_docket(payload)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    count = Submission.objects.count()
    slugs = list(
        Submission.objects.order_by("?").values_list("slug", flat=True)[: max(REQUESTS, 3)]
    )
    client = Client()
    targets = [
        ("trivial Django view", "/bench/trivial/", None),
        ("docket list", "/en/docket/", 50.0),
        ("search", "/en/docket/?q=concesiones+forestales", 100.0),
        ("filtered list", "/en/docket/?party=PE&status=open&year=2021&sort=updated", None),
        ("case page", [f"/en/docket/{slug}/" for slug in slugs], 50.0),
        ("API list", "/api/v1/submissions/", 50.0),
        ("filing form (GET)", ["/en/file/", "/es/file/"], 20.0),
    ]
    print(f"docket at {count} cases, {REQUESTS} requests each (server time, in process):")
    ok = True
    baseline = None
    with override_settings(
        ROOT_URLCONF="tests.bench.urls", ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        for name, url, target in targets:
            queries, median, p95 = _measure(client, url)
            baseline = baseline or median
            missed = target is not None and median >= target
            ok = ok and not missed
            verdict = "" if target is None else (" MISSED" if missed else " OK")
            goal = f" (target < {target:.0f} ms)" if target else ""
            print(
                f"  {name:<20} {queries:>3} queries  median {median:7.1f} ms  "
                f"p95 {p95:7.1f} ms  x{median / baseline:5.1f}{goal}{verdict}"
            )
    return ok


if __name__ == "__main__":
    sys.exit(main())
