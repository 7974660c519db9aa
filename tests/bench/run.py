"""`make bench`: performance figures on PostgreSQL (never timed unit tests).

Creates a throw-away database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/sem_bench), migrates it, and measures:
- registry import: 1,000 generated cases of 8 events each (target: under 30 s).
Exits non-zero when a target is missed.
"""

import datetime
import os
import sys
import time

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sem_bench")
CASES = int(os.environ.get("BENCH_CASES", "1000"))
IMPORT_TARGET_SECONDS = 30.0


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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
