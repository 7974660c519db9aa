"""`make load`: a bounded load on this machine only (127.0.0.1), not part of CI.

Creates a fresh PostgreSQL database `sem_load` (migrated, seeded with `seed_demo`), starts
gunicorn and a Celery worker (Redis database 11; the cache in database 10) with the filing rate
limit off, runs locust headless (200 users for 60 s by default: a quarter file submissions, the
rest browse the docket), prints throughput, error rate and latency percentiles, stops everything
it started, drops the database, and exits non-zero on any error.

    python -m tests.load.run [--users 200] [--seconds 60]
"""

import argparse
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG = os.environ.get("LOAD_PG", "postgres://postgres@127.0.0.1:5432")
DB = "sem_load"
BROKER = "redis://127.0.0.1:6379/11"
CACHE = "redis://127.0.0.1:6379/10"  # shared by the workers, as production requires


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def admin(sql: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def wait_http(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited ({process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own 127.0.0.1)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer in {timeout} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def figures(prefix: Path, seconds: int) -> int:
    with open(f"{prefix}_stats.csv") as f:
        rows = list(csv.DictReader(f))
    print()
    print(f"{'request':34} {'count':>6} {'fail':>5} {'med':>6} {'p95':>6} {'p99':>6} {'max':>6}")
    for row in rows:
        print(
            f"{row['Name'][:34]:34} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):>6.0f}"
        )
    total = next(r for r in rows if r["Name"] == "Aggregated")
    count, failures = int(total["Request Count"]), int(total["Failure Count"])
    print()
    print(f"requests: {count} in {seconds} s; throughput {float(total['Requests/s']):.1f} req/s")
    print(f"errors: {failures} ({100 * failures / max(count, 1):.2f} %)")
    print(
        f"latency ms: median {total['50%']}, p90 {total['90%']}, p95 {total['95%']}, "
        f"p99 {total['99%']}, max {float(total['Max Response Time']):.0f}"
    )
    filed = next((r for r in rows if r["Name"] == "/en/file/ (post)"), None)
    print(f"submissions filed: {filed['Request Count'] if filed else 0}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sem-load-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "secretariat.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": f"{PG}/{DB}",
        "CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": BROKER,
        "CACHE_URL": CACHE,
        "EMAIL_URL": "dummymail://",
        "MEDIA_ROOT": str(work / "media"),
        "SEM_FILING_RATE_LIMIT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    admin(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB}")
    started = []
    try:
        manage = [str(BIN / "python"), "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [*manage, "seed_demo", "--force"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        import redis

        redis.Redis.from_url(BROKER).flushdb()
        redis.Redis.from_url(CACHE).flushdb()
        worker_log = open(work / "worker.log", "wb")  # noqa: SIM115 (closed with the process)
        started.append(
            subprocess.Popen(
                [str(BIN / "celery"), "-A", "secretariat", "worker", "--pool=solo",
                 "--loglevel=WARNING", f"--hostname=sem-load-{port}@%h"],
                cwd=ROOT, env=env, stdout=worker_log, stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
        server_log = open(work / "gunicorn.log", "wb")  # noqa: SIM115
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "secretariat.wsgi:application",
             f"--bind=127.0.0.1:{port}", f"--workers={args.workers}", "--timeout=60"],
            cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        started.append(gunicorn)
        base = f"http://127.0.0.1:{port}"
        wait_http(f"{base}/en/", gunicorn)
        print(
            f"load: {args.users} users for {args.seconds} s against {base} "
            f"(gunicorn x{args.workers}, PostgreSQL {DB}, Celery worker)"
        )
        prefix = work / "locust"
        run = subprocess.run(
            [str(BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")),
             "--headless", "--users", str(args.users), "--spawn-rate", str(args.users),
             "--run-time", f"{args.seconds}s", "--host", base, "--csv", str(prefix),
             "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        failures = figures(prefix, args.seconds)
        if failures or run.returncode:
            print(f"FAILED: {failures} error(s); logs in {work}", file=sys.stderr)
            return 1
        shutil.rmtree(work, ignore_errors=True)
        return 0
    finally:
        for process in reversed(started):
            stop(process)
        admin(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
