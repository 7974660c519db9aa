"""What a visitor feels: each public page's throughput under gunicorn, beside a trivial view.

``served(database_url, pages)`` starts gunicorn (``BENCH_WORKERS``, default 2) on the bench
database with the public cache in Redis, as in production, and loads each page for
``BENCH_SECONDS`` (default 5) with 8 connections twice: warm (the same URL, kept after the first
request) and cold (each request a new URL, ``?cold=N``: the page is made afresh, as for the first
visitor after an event; the statistics' figures are kept per version, as the worker makes them
after each event). It uses wrk when installed (Debian's package), else a small Python client,
and reports requests per second and each page's share of a trivial view's, loaded between the
pages. Only 127.0.0.1 is ever a target.
"""

import http.client
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12")
TRIVIAL = "/bench/trivial/"


@dataclass
class Rate:
    per_second: float
    errors: int
    tool: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(
    database_url: str, *, cache: bool, log: Path, workers: int = WORKERS
) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",
        "CACHE_URL": CACHE_URL,
        "SEM_PUBLIC_CACHE": "true" if cache else "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "dummymail://",
        "SEM_FILING_RATE_LIMIT": "0",
    }
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "secretariat.wsgi:application", f"--bind=127.0.0.1:{port}",
         f"--workers={workers}", "--timeout=120", "--log-level=warning"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}); see {log}")
        try:
            with urllib.request.urlopen(base + TRIVIAL, timeout=5):  # noqa: S310 (127.0.0.1)
                return process, base
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise SystemExit(f"gunicorn did not answer in 60 s; see {log}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(base: str, path: str) -> tuple[int, bytes]:
    request = urllib.request.Request(  # noqa: S310 (127.0.0.1)
        base + path, headers={"Accept-Encoding": "identity"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (127.0.0.1)
        return response.status, response.read()


# wrk's script for cold requests: a new query parameter on every request of every thread, and
# of every run (RUN): the same URLs in an earlier run, or at the other scale, would be pages
# already kept.
RUN = os.urandom(4).hex()
COLD_SCRIPT = """
local threads, counter, id = 0, 0, 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function init(args) id = wrk.thread:get("id") end
function request()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "cold=RUNx" .. id .. "x" .. counter)
end
""".replace("RUN", RUN)


def wrk_rate(url: str, cold: bool = False) -> Rate:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS:g}s"]
    if cold:
        script = Path(tempfile.gettempdir()) / "sem-bench-cold.lua"
        script.write_text(COLD_SCRIPT)
        command += ["-s", str(script)]
    run = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", run.stdout).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", run.stdout)
    failed = re.search(r"Socket errors:.*?(\d+) timeout", run.stdout)
    errors = (int(bad.group(1)) if bad else 0) + (int(failed.group(1)) if failed else 0)
    return Rate(rate, errors, "wrk")


def _client(host: str, port: int, path: str, until: float, cold: bool, results) -> None:
    done = errors = 0
    connection = http.client.HTTPConnection(host, port, timeout=30)
    sep = "&" if "?" in path else "?"
    while time.monotonic() < until:
        try:
            target = f"{path}{sep}cold={RUN}x{os.getpid()}x{done}" if cold else path
            connection.request("GET", target)
            response = connection.getresponse()
            response.read()
            done += 1
            errors += response.status >= 400
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)
    results.put((done, errors))


def python_rate(url: str, cold: bool = False) -> Rate:
    """The fallback without wrk: CONNECTIONS processes, each a keep-alive client."""
    address, path = url.split("//", 1)[1].split("/", 1)
    host, port = address.split(":")
    results = multiprocessing.Queue()
    began = time.monotonic()
    until = began + SECONDS
    clients = [
        multiprocessing.Process(
            target=_client, args=(host, int(port), "/" + path, until, cold, results)
        )
        for _ in range(CONNECTIONS)
    ]
    for client in clients:
        client.start()
    totals = [results.get() for _ in clients]
    for client in clients:
        client.join()
    elapsed = time.monotonic() - began
    return Rate(sum(d for d, _ in totals) / elapsed, sum(e for _, e in totals), "python")


def rate(url: str, cold: bool = False) -> Rate:
    return wrk_rate(url, cold) if shutil.which("wrk") else python_rate(url, cold)


def served(database_url: str, pages: list[tuple[str, str]], log: Path) -> dict:
    """{(page name, "warm"|"cold"): (Rate, share of the trivial view's rate, bytes)}.

    The trivial view is loaded before each page and the page's share is taken against the
    mean of the runs just before and after it, so that a machine busy with something else for
    part of the run skews both alike."""
    figures = {}
    # The served cache is the bench's own (CACHE_URL): emptied, so that no page kept by an
    # earlier run or at the other scale is served as this one's (the registry's version lives
    # in this process's cache, not there).
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()
    process, base = start(database_url, cache=True, log=log)
    try:
        for temperature in ("warm", "cold"):
            before = rate(base + TRIVIAL)
            trivial = [before.per_second]
            for name, path in pages:
                status, body = fetch(base, path)  # fills the cache; checks the page
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
                measured = rate(base + path, cold=temperature == "cold")
                after = rate(base + TRIVIAL)
                trivial.append(after.per_second)
                baseline = (before.per_second + after.per_second) / 2
                figures[name, temperature] = (measured, measured.per_second / baseline, len(body))
                before = after
            mean = sum(trivial) / len(trivial)
            figures["trivial view", temperature] = (Rate(mean, 0, before.tool), 1.0, 2)
    finally:
        stop(process)
    return figures


def _multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = "sem-bench-" + os.urandom(8).hex()
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, filename, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def filings(database_url: str, form, files, runs: int, log: Path) -> tuple[list, float]:
    """``runs`` filings (after one to warm up) through the public form of one gunicorn worker,
    as a browser sends them: (each one's time in ms, the worker's memory growth in MB)."""
    process, base = start(database_url, cache=True, log=log, workers=1)
    try:
        worker = int(
            Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()[0]
        )
        host, port = base.split("//", 1)[1].split(":")
        times, before = [], None
        for n in range(runs + 1):
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
            connection.request("GET", "/en/file/")
            response = connection.getresponse()
            page = response.read().decode()
            cookies = "; ".join(
                value.split(";", 1)[0]
                for header, value in response.getheaders()
                if header.lower() == "set-cookie"
            )
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            body, content_type = _multipart({**form(n), "csrfmiddlewaretoken": token}, files)
            if n == 1:
                before = _rss_mb(worker)
            began = time.perf_counter()
            connection.request(
                "POST", "/en/file/", body,
                {"Content-Type": content_type, "Cookie": cookies, "Referer": base + "/en/file/"},
            )  # fmt: skip
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - began) * 1000
            connection.close()
            if response.status != 302:
                raise SystemExit(f"the filing was refused ({response.status}); see {log}")
            if n:
                times.append(elapsed)
        return times, _rss_mb(worker) - before
    finally:
        stop(process)
