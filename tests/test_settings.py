"""The settings modules, each started in a fresh process with a controlled environment.

Production must refuse to start without its secrets (never a silent default) and pass
Django's deployment checklist without silencing anything; local must work with nothing set.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = "secretariat.settings.production"
# Nothing from the developer's or CI's environment leaks in: only what the test gives.
BARE_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}


def manage(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**BARE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": "postgres://sem@127.0.0.1:5432/sem",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
        "SEM_CHAIN_KEY": secrets.token_urlsafe(32),
        "SEM_STATEMENT_SIGNING_KEY": secrets.token_hex(32),
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "SEM_CHAIN_KEY", "SEM_STATEMENT_SIGNING_KEY"]
)
def test_production_refuses_to_start_without(missing):
    result = manage("check", **production_env(**{missing: None}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set" in result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_an_empty_value(missing):
    result = manage("check", **production_env(**{missing: ""}))
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


@pytest.mark.parametrize("value", [None, "locmemcache://"])
def test_production_refuses_a_cache_each_process_keeps_alone(value):
    # The rate limit counts in the cache: per-process counts would let each worker's share
    # through (issue 15).
    result = manage("check", **production_env(CACHE_URL=value))
    assert result.returncode != 0
    assert "CACHE_URL must name a shared cache" in result.stderr


def test_production_uses_the_shared_cache():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**BARE_ENV, **production_env()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    backend, location = result.stdout.split()
    assert backend.endswith("RedisCache") and location == "redis://127.0.0.1:6379/1"


def test_production_passes_the_deployment_checklist():
    # --fail-level WARNING: any security warning (HSTS, secure cookies, SSL redirect, a weak
    # key, DEBUG) fails, and "0 silenced" shows that nothing was switched off to get there.
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_silences_no_checks_and_keeps_debug_off():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(list(settings.SILENCED_SYSTEM_CHECKS), settings.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**BARE_ENV, **production_env(DEBUG="true")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", "False"]


def test_local_settings_work_with_an_empty_environment():
    # manage.py defaults to the local settings: a fresh clone needs no configuration.
    result = manage("check")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_local_processes_share_the_public_pages_version(tmp_path):
    # Walk 84: the demo server kept serving the docket's CSV and feeds from before an
    # import_registry run in another process (each had its own memory cache). A version the
    # command bumps is the one the server reads; another database has its own.
    code = (
        "import sys, django; django.setup(); "
        "from secretariat.public import cache; "
        "print(cache.version()) if sys.argv[1] == 'read' else cache.bump()"
    )

    def run(action, database):
        env = {
            **BARE_ENV,
            "DJANGO_SETTINGS_MODULE": "secretariat.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp_path / database}",
        }
        result = subprocess.run(
            [sys.executable, "-c", code, action],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    first = run("read", "one.sqlite3")
    assert first and run("read", "one.sqlite3") == first
    run("bump", "one.sqlite3")
    bumped = run("read", "one.sqlite3")
    assert bumped != first
    assert run("read", "two.sqlite3") not in (first, bumped)
