"""A newcomer's first `make run`: the commands it runs print the demo accounts last, with no
email, library banner or traceback on the way, and the development server starts and answers
(an ordinary 403 included) without a traceback.

The commands are the Makefile's `demo` and `run` steps, run as a fresh clone runs them: the
local settings, an empty SQLite database of their own (never the developer's db.sqlite3 or the
test database), and a media folder of their own; the procedure profile is the suite's
(SEM_PROCEDURE), so a clone set up for either profile is checked.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.parties import SLUG

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()
TRACEBACK = "Traceback (most recent call last)"
# What an email printed by the console backend starts with.
EMAIL_HEADERS = re.compile(r"^(Subject|Content-Type|MIME-Version|From|To): ", re.MULTILINE)
# The demo's accounts: a focal point and a Council member for each of the profile's Parties.
ACCOUNT_ROWS = {
    "us-peru-tpa": [
        "officer",
        "director",
        "pe_focal",
        "us_focal",
        "pe_council",
        "us_council",
        "auditor",
        "admin",
    ],
    "usmca-cec": [
        "officer",
        "director",
        "ca_focal",
        "mx_focal",
        "us_focal",
        "ca_council",
        "mx_council",
        "us_council",
        "auditor",
        "admin",
    ],
    # CAFTA-DR's seven Parties in the Agreement's order: CR, DO, SV, GT, HN, NI, US.
    "cafta-dr": [
        "officer",
        "director",
        "cr_focal",
        "do_focal",
        "sv_focal",
        "gt_focal",
        "hn_focal",
        "ni_focal",
        "us_focal",
        "cr_council",
        "do_council",
        "sv_council",
        "gt_council",
        "hn_council",
        "ni_council",
        "us_council",
        "auditor",
        "admin",
    ],
}[SLUG]
# The demo's focal point of Party A (tests.parties).
A_FOCAL = {"us-peru-tpa": "pe_focal", "usmca-cec": "mx_focal", "cafta-dr": "gt_focal"}[SLUG]
# The settings that choose the procedure profile, which the fresh clone keeps.
PROFILE_SETTINGS = ("SEM_PROCEDURE", "SEM_ALLOW_UNVERIFIED_PROFILE")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The environment of a fresh clone: local settings, a new database and media folder."""
    folder = tmp_path_factory.mktemp("first-day")
    env = {
        key: value
        for key, value in os.environ.items()
        if key in PROFILE_SETTINGS
        or (
            not key.startswith(("DJANGO_", "DATABASE_", "SEM_", "EMAIL_", "CELERY_", "LOG_"))
            and key not in {"MEDIA_ROOT", "DEBUG", "CACHE_URL"}
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="secretariat.settings.local",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, timeout=120) -> str:
    """stdout and stderr of one manage.py command, interleaved as a terminal shows them."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    return done.stdout


def test_the_makefile_runs_these_commands():
    # The test runs what `make run` runs; if the Makefile changes, this test must follow.
    assert "manage.py migrate --noinput --verbosity 0" in MAKEFILE
    assert "manage.py seed_demo" in MAKEFILE
    assert "DEBUG=$${DEBUG:-false} $(PY) manage.py runserver 127.0.0.1:8000" in MAKEFILE


@pytest.fixture(scope="module")
def first_run(fresh) -> str:
    return manage(fresh, "migrate", "--noinput", "--verbosity", "0") + manage(fresh, "seed_demo")


def test_make_run_ends_with_the_account_table_and_nothing_else(first_run):
    assert TRACEBACK not in first_run
    assert not EMAIL_HEADERS.search(first_run), "an email was printed"
    assert "AXES" not in first_run, "django-axes printed its banner"
    assert " INFO " not in first_run and " WARNING " not in first_run, first_run
    lines = first_run.rstrip("\n").splitlines()
    table = lines[-len(ACCOUNT_ROWS) :]
    assert [line.split()[0] for line in table] == ACCOUNT_ROWS
    assert all("demo-password-sem" in line for line in table)
    assert lines[-len(ACCOUNT_ROWS) - 2].split() == ["username", "password", "role"]
    assert "/en/accounts/login/" in lines[-len(ACCOUNT_ROWS) - 3]
    # Above the accounts: the demo cases, and nothing but them.
    assert lines[0].split()[:2] == ["reference", "Party"]


def test_a_second_run_keeps_the_data_and_still_ends_with_the_accounts(first_run, fresh):
    again = manage(fresh, "seed_demo")
    assert again.startswith("Demo data already loaded; nothing changed.")
    assert [line.split()[0] for line in again.splitlines()[-len(ACCOUNT_ROWS) :]] == ACCOUNT_ROWS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, deadline: float) -> None:
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (a local http URL)
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_server_starts_and_answers_a_403_without_a_traceback(first_run, fresh):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The demo accounts have a second factor to set up; a 403 is what this test is after.
    # DEBUG off, as `make run` serves the demo.
    env = dict(fresh, SEM_REQUIRE_OTP="false", DEBUG="false")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(base + "/en/", time.monotonic() + 30)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login = opener.open(base + "/en/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": A_FOCAL,
                "password": "demo-password-sem",
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310
            base + "/en/accounts/login/", data=form, headers={"Referer": base + "/en/"}
        )
        assert opener.open(request).status == 200
        # A Party's focal point on a Secretariat page: refused, the ordinary way.
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(base + "/en/secretariat/")
        assert refused.value.code == 403
        # A mistyped address: the site's own page, in the reader's language (walks 85 and 89:
        # Django's technical page, in English, listing every address of the site).
        with pytest.raises(urllib.error.HTTPError) as missing:
            opener.open(base + "/es/docket/no-such-case/")
        page = missing.value.read().decode()
        assert missing.value.code == 404 and 'lang="es"' in page
        assert "URLconf" not in page
        # The static files are served with DEBUG off.
        assert opener.open(base + "/static/css/site.css").status == 200
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "Starting development server" in output
    # Logged before the answer is sent (the access line may come after the server stopped).
    assert "WARNING django.request Forbidden (Permission denied): /en/secretariat/" in output
    assert TRACEBACK not in output
    assert "PermissionDenied" not in output
    # One line per event: Django's own handler does not print them a second time.
    assert output.count("Forbidden (Permission denied)") == 1
