"""`make bench`: what users feel, on PostgreSQL (never timed unit tests).

Creates a throw-away database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/sem_bench), migrates it, and measures, printing one table:
- registry import: 1,000 generated cases of 8 events each (guard: under 60 s);
- the public pages at BENCH_SCALES cases (default 10,000 and 100,000): each page's throughput
  under gunicorn, warm (the public cache filled) and cold (the cache off), as a share of a trivial
  Django view's in the same run (tests/bench/serve.py), and in process its cold server time
  (median, 95th percentile), queries and size. Targets: warm share >= 0.50 for the docket list,
  search, case page, API list, feed and statistics; cold median <= 20 ms (search <= 50 ms) at
  10,000 cases; the same number of queries at every scale; the filing form >= 0.25 and <= 40 KB;
- filing with three 5 MB attachments, in process: p95 <= 300 ms, memory growth <= 20 MB;
- export of 10,000 cases (target: under 20 s) and `verify_history` over VERIFY_EVENTS events
  (default 100,000; target: under 5 s per 100,000), then `verify_history --seals`, the nightly
  check's reading of every row history row's seal (timed, no target).
The cases up to 10,000 (and 12,500 for verify_history) are imported through the importer; the
rest are copies made in SQL (tests/bench/scale.py). Exits non-zero when a target is missed.
"""

import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sem_bench")
CASES = int(os.environ.get("BENCH_CASES", "1000"))
# Not one of issue #16's targets (it asks for the rate): a guard against a twofold regression
# (22.8 to 38.6 s were seen on the 2-core machine, depending on its neighbours).
IMPORT_TARGET_SECONDS = 60.0
SCALES = [int(n) for n in os.environ.get("BENCH_SCALES", "10000,100000").split(",")]
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


# Public pages: (name, path, warm share target, cold median target in ms at 10,000 cases).
PAGES = [
    ("home", "/en/", None, 20.0),
    ("docket list", "/en/docket/", 0.5, 20.0),
    ("search", "/en/docket/?q=concesiones+forestales", 0.5, 50.0),
    ("filtered list", "/en/docket/?party=PE&status=open&year=2021&sort=updated", None, 20.0),
    ("case page", "/en/docket/{slug}/", 0.5, 20.0),
    ("API list", "/api/v1/submissions/", 0.5, 20.0),
    ("feed", "/en/docket/feed/", 0.5, 20.0),
    ("statistics", "/es/statistics/", 0.5, 20.0),
    ("filing form (GET)", "/en/file/", None, 20.0),
]
FILING_SHARE = 0.25
FILING_BYTES = 40 * 1024
FILING_RUNS = int(os.environ.get("BENCH_FILINGS", "20"))
FILING_P95_MS = 300.0
FILING_GROWTH_MB = 20.0
EXPORT_TARGET_SECONDS = 20.0


class Verdicts:
    """Every figure with a target, and whether it was met."""

    def __init__(self):
        self.missed = []

    def check(self, what: str, ok: bool) -> str:
        if not ok:
            self.missed.append(what)
        return "OK" if ok else "MISSED"


def main() -> int:
    recreate_database(BENCH_URL)
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    os.environ["SEM_FOUR_EYES"] = "true"
    os.environ["DEBUG"] = "false"  # as served: no query log, no debug pages
    os.environ["SEM_FILING_RATE_LIMIT"] = "0"
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="sem-bench-media-")
    # WhiteNoise looks for collected static files, which the figures do not need.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(machine())
    verdicts = Verdicts()
    payload = bench_import(verdicts)
    pages = {}
    for scale in SCALES:
        reached = seed(payload, scale)
        pages[reached] = bench_pages(reached, verdicts, first=scale == SCALES[0])
        if scale == SCALES[0]:
            bench_export(verdicts)
            bench_verify(verdicts)
    if len(pages) > 1:
        counts = [
            {name: row["queries"] for name, row in figures.items()} for figures in pages.values()
        ]
        same = all(c == counts[0] for c in counts)
        print(f"queries per page the same at {', '.join(f'{n:,}' for n in pages)} cases: "
              f"{verdicts.check('queries constant', same)}")  # fmt: skip
    bench_filing(verdicts)
    if verdicts.missed:
        print(f"MISSED: {', '.join(verdicts.missed)}")
        return 1
    print("all targets met")
    return 0


def machine() -> str:
    from django.db import connection

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0].split()[0]
    return (
        f"make bench, {datetime.date.today().isoformat()}: {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, PostgreSQL {pg}"
    )


def bench_import(verdicts: Verdicts) -> dict:
    from workflow.models import Event
    from workflow.registry import import_registry

    payload = generated_registry(CASES)
    began = time.perf_counter()
    report = import_registry(payload)
    seconds = time.perf_counter() - began
    events = Event.objects.count()
    ok = report.ok and seconds < IMPORT_TARGET_SECONDS * max(CASES, 1000) / 1000
    print(
        f"registry import: {CASES:,} cases, {events:,} events in {seconds:.1f} s "
        f"({events / seconds:.0f} events/s; target under {IMPORT_TARGET_SECONDS:.0f} s "
        f"for 1,000 cases) {verdicts.check('import', ok)}"
    )
    if not report.ok:
        print(f"  {len(report.refused)} refused, first: {report.refused[0]}")
    return payload


def import_up_to(count: int) -> None:
    """Import generated cases (through the importer: real events, deadlines and chains) until
    the registry holds ``count``; not timed."""
    from django.db import connection

    from submissions.models import Submission
    from workflow.registry import import_registry

    have = Submission.objects.count()
    if have >= count:
        return
    began = time.perf_counter()
    rest = generated_registry(count)["submissions"][have:]
    for start in range(0, len(rest), BATCH):
        batch = {"format": "sem-registry/1", "submissions": rest[start : start + BATCH]}
        report = import_registry(batch)
        if not report.ok:
            raise SystemExit(f"seeding refused a case: {report.refused[0]}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"imported {count - have:,} more cases in {time.perf_counter() - began:.0f} s")


def seed(payload: dict, scale: int) -> int:
    """The docket at ``scale`` cases: imported up to 12,500, copied in SQL beyond."""
    from submissions.models import Submission

    from .scale import grow_to

    if scale <= 12_500:
        import_up_to(scale)
        return Submission.objects.count()
    began = time.perf_counter()
    reached = grow_to(scale)
    print(f"copied the docket up to {reached:,} cases in {time.perf_counter() - began:.0f} s")
    return reached


def bench_export(verdicts: Verdicts) -> None:
    from submissions.models import Submission
    from workflow.registry import iter_registry

    count = Submission.objects.count()
    began = time.perf_counter()
    size = sum(len(piece.encode()) for piece in iter_registry())
    seconds = time.perf_counter() - began
    ok = seconds < EXPORT_TARGET_SECONDS * max(count, 10_000) / 10_000
    print(
        f"export: {count:,} cases, {size / 1e6:.1f} MB in {seconds:.1f} s (target under "
        f"{EXPORT_TARGET_SECONDS:.0f} s for 10,000) {verdicts.check('export', ok)}"
    )


def bench_verify(verdicts: Verdicts) -> None:
    """`verify_history` over VERIFY_EVENTS events: the generated cases have 8 events each."""
    import io

    from django.core.management import call_command

    from submissions.models import Submission
    from workflow.models import Event

    import_up_to(-(-VERIFY_EVENTS // 8))
    events = Event.objects.count()
    out = io.StringIO()
    began = time.perf_counter()
    call_command("verify_history", stdout=out)
    seconds = time.perf_counter() - began
    ok = seconds < VERIFY_TARGET_SECONDS * max(events, 100_000) / 100_000
    print(
        f"verify_history: {Submission.objects.count():,} cases, {events:,} events in "
        f"{seconds:.1f} s ({events / seconds:.0f} events/s; target under "
        f"{VERIFY_TARGET_SECONDS:.0f} s for 100,000) {verdicts.check('verify_history', ok)}"
    )
    print(f"  {out.getvalue().strip()}")
    # The nightly check also reads every row history row's seal (workflow.chain_seals): timed
    # for the record, with no target (it runs at night; nobody waits for it).
    began = time.perf_counter()
    call_command("verify_history", "--seals", stdout=io.StringIO())
    print(f"verify_history --seals (the nightly check): {time.perf_counter() - began:.1f} s")


def _cold(client, urls: list[str]) -> tuple[int, float, float]:
    """In process, each request a page made afresh (a new URL, so the page cache misses, as for
    the first visitor after an event): (queries per request, median ms, 95th percentile ms)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for warm in urls[:3]:
        assert client.get(warm).status_code == 200, warm
    connection.queries_log.clear()  # a full log (9,000 entries) would hide new queries
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{urls[0]}{'&' if '?' in urls[0] else '?'}cold=queries")
    query_count = len(queries)
    times = []
    for n in range(REQUESTS):
        url = urls[n % len(urls)]
        url = f"{url}{'&' if '?' in url else '?'}cold={n}"
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return query_count, statistics.median(times), p95


def bench_pages(count: int, verdicts: Verdicts, *, first: bool) -> dict:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import translation

    from submissions.models import Submission

    from .serve import served

    slugs = list(
        Submission.objects.filter(identifier__startswith="BENCH/")
        .order_by("?")
        .values_list("slug", flat=True)[: max(REQUESTS, 3)]
    )
    client = Client()
    figures = {}
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        for name, path, _share, _median in PAGES:
            urls = [path.format(slug=slug) for slug in slugs] if "{slug}" in path else [path]
            queries, median, p95 = _cold(client, urls)
            figures[name] = {"queries": queries, "median": median, "p95": p95}
    # The statistics page reads figures kept per version; the worker's task makes them after
    # each event. Their cost is not a visitor's, but it is said here.
    from secretariat.public import statistics as public_statistics

    with translation.override("es"):
        began = time.perf_counter()
        public_statistics.compute()
        compute_seconds = time.perf_counter() - began
    log = Path(tempfile.gettempdir()) / "sem-bench-gunicorn.log"
    rates = served(BENCH_URL, [(n, p.format(slug=slugs[0])) for n, p, _s, _m in PAGES], log)
    trivial_warm, _share, _size = rates["trivial view", "warm"]
    trivial_cold, _share, _size = rates["trivial view", "cold"]
    print()
    print(
        f"public pages at {count:,} cases: gunicorn x{os.environ.get('BENCH_WORKERS', '2')}, "
        f"{trivial_warm.tool}, trivial view {trivial_warm.per_second:.0f} req/s "
        f"(warm run) and {trivial_cold.per_second:.0f} req/s (cold run); cold: every request "
        f"a page made afresh"
    )
    print(
        f"  {'page':<18} {'warm req/s':>10} {'share':>6} {'cold req/s':>10} {'share':>6} "
        f"{'cold med':>9} {'p95':>7} {'queries':>7} {'size':>8}  verdict"
    )
    for name, _path, share_target, median_target in PAGES:
        warm, warm_share, size = rates[name, "warm"]
        cold, cold_share, _size = rates[name, "cold"]
        row = figures[name]
        row.update(warm=warm.per_second, warm_share=warm_share, cold=cold.per_second)
        checks = []
        if warm.errors or cold.errors:
            checks.append(("errors", False))
        if share_target is not None:
            checks.append((f"share >= {share_target:.2f}", warm_share >= share_target))
        if name.startswith("filing"):
            checks.append((f"share >= {FILING_SHARE:.2f}", warm_share >= FILING_SHARE))
            checks.append(("<= 40 KB", size <= FILING_BYTES))
        if first and median_target is not None:
            checks.append((f"cold <= {median_target:.0f} ms", row["median"] <= median_target))
        verdict = "; ".join(
            f"{what} {verdicts.check(f'{name} {what} at {count:,}', ok)}" for what, ok in checks
        )
        print(
            f"  {name:<18} {warm.per_second:>10.0f} {warm_share:>6.2f} {cold.per_second:>10.0f} "
            f"{cold_share:>6.2f} {row['median']:>6.1f} ms {row['p95']:>4.0f} ms "
            f"{row['queries']:>7} {size / 1024:>5.1f} KB  {verdict}"
        )
    print(
        f"  statistics' figures, made by the worker once per version: {compute_seconds:.1f} s "
        f"at {count:,} cases (no visitor waits for them)"
    )
    print()
    return figures


def bench_filing(verdicts: Verdicts) -> None:
    """FILING_RUNS filings through the public form under gunicorn, each with three 5 MB PDFs."""
    from .serve import filings

    padding = os.urandom(5 * 1024 * 1024 - 64)
    files = [(f"f-attachment_{i}", f"evidence-{i}.pdf", b"%PDF-1.4\n" + padding + b"\n%%EOF\n")
             for i in range(3)]  # fmt: skip

    def form(n: int) -> dict:
        return {
            "s0-kind": "organization",
            "s0-name": f"Asociación {n}",
            "s0-nationality": "PE",
            "s0-postal_address": "Jr. Lima 123, Iquitos",
            "s0-email": "asociacion@example.org",
            "s0-preferred_language": "es",
            "f-party": "PE",
            "f-language": "es",
            "f-title": f"Tala ilegal en Loreto {n}",
            "f-law_0_name": "Ley Forestal y de Fauna Silvestre (Ley N.° 29763)",
            "f-facts": "Se tala sin permiso en la cuenca del Nanay desde 2022.",
            "f-authorities_communication": "Carta al SERFOR del 3 de marzo de 2023.",
            "f-relies_on_media_only": "no",
            "f-declaration": "on",
            "f-website": "",
        }

    log = Path(tempfile.gettempdir()) / "sem-bench-gunicorn.log"
    times, growth = filings(BENCH_URL, form, files, FILING_RUNS, log)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    ok_time, ok_memory = p95 <= FILING_P95_MS, growth <= FILING_GROWTH_MB
    print(
        f"filing with 3 x 5 MB attachments under gunicorn, {FILING_RUNS} filings: median "
        f"{statistics.median(times):.0f} ms, p95 {p95:.0f} ms (target <= {FILING_P95_MS:.0f}) "
        f"{verdicts.check('filing p95', ok_time)}; the worker's memory growth {growth:.1f} MB "
        f"(target <= {FILING_GROWTH_MB:.0f}) {verdicts.check('filing memory', ok_memory)}"
    )


if __name__ == "__main__":
    sys.exit(main())
