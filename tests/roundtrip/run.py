"""`make roundtrip`: acceptance 2 of issue 13 at full size, outside the default suite.

Generates ROUNDTRIP_CASES varied cases (default 10,000; tests/roundtrip/generate.py) through
the importer into an empty database A, exports it with --include-restricted (streamed to a
file), imports that file into another empty database B, exports again, and compares the bytes.
Prints each step's time and queries and the export's peak memory; exits non-zero when a case
is refused or the bytes differ.

SQLite (two files in a temporary folder) by default; PostgreSQL when ROUNDTRIP_DATABASE_URL is
set (e.g. postgres://postgres@127.0.0.1:5432/sem_roundtrip: that database and one named
<name>_b are dropped and created afresh).
"""

import gc
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

CASES = int(os.environ.get("ROUNDTRIP_CASES", "10000"))
PG_URL = os.environ.get("ROUNDTRIP_DATABASE_URL", "")


class Counter:
    """Counts the queries run while installed (connection.execute_wrapper)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _timed(label, function, *args, **kwargs):
    from django.db import connection

    counter = Counter()
    began = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = function(*args, **kwargs)
    seconds = time.perf_counter() - began
    print(f"  {label:<34} {seconds:8.1f} s  {counter.count:>9,} queries", flush=True)
    return result, seconds


def _resident() -> int:
    """The process's resident memory in bytes now (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _export_to(path: Path) -> tuple[int, int]:
    """The restricted export streamed to ``path``: (resident memory before, highest during),
    sampled every 100 cases."""
    from workflow.registry import iter_registry

    gc.collect()
    before = highest = _resident()
    with path.open("w", encoding="utf-8") as out:
        for n, piece in enumerate(iter_registry(restricted=True)):
            out.write(piece)
            if n % 100 == 0:
                highest = max(highest, _resident())
    return before, highest


def _print_memory(path, memory) -> None:
    before, highest = memory
    print(
        f"  {'':<34} {path.stat().st_size / 1e6:8.1f} MB written; resident memory "
        f"{before / 1e6:.0f} MB before, at most {highest / 1e6:.0f} MB during"
    )


def _use_database(name) -> None:
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def _create_copy(source, target) -> None:
    """Database ``target``: an exact copy of the freshly migrated, empty ``source``."""
    from django.db import connection

    connection.close()
    if PG_URL:
        import psycopg

        admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    else:
        shutil.copyfile(source, target)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="sem-roundtrip-"))
    if PG_URL:
        from tests.bench.run import recreate_database

        recreate_database(PG_URL)
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'a.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "secretariat.settings.test"
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tests.roundtrip.generate import varied_registry
    from workflow.registry import import_registry

    call_command("migrate", verbosity=0)
    first_db = connection.settings_dict["NAME"]
    second_db = f"{first_db}_b" if PG_URL else str(work / "b.sqlite3")
    _create_copy(first_db, second_db)
    _use_database(first_db)
    print(f"round trip of {CASES:,} generated cases on {connection.vendor} (work folder {work})")

    began = time.perf_counter()
    payload = varied_registry(CASES)
    report, _ = _timed("import of the generated cases", import_registry, payload)
    if not report.ok:
        print(f"  {len(report.refused)} refused, first: {report.refused[0]}")
        return 1
    del payload
    first, second = work / "first.json", work / "second.json"
    memory, export_seconds = _timed("restricted export (streamed)", _export_to, first)
    _print_memory(first, memory)

    _use_database(second_db)
    with first.open(encoding="utf-8") as source:
        exported = json.load(source)
    report, _ = _timed("import into an empty database", import_registry, exported)
    if not report.ok:
        print(f"  {len(report.refused)} refused, first: {report.refused[0]}")
        return 1
    del exported
    memory, _ = _timed("export again", _export_to, second)
    _print_memory(second, memory)
    same = first.read_bytes() == second.read_bytes()
    print(
        f"  byte-identical: {'yes' if same else 'NO'}; "
        f"total {time.perf_counter() - began:.0f} s; export {CASES / export_seconds:,.0f} cases/s"
    )
    if same:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"  compare {first} and {second}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
