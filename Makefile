# Two commands on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install messages migrate demo serve lint check bench roundtrip load clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Compile the catalogues: GNU msgfmt when present, else Babel (a fresh laptop may lack gettext).
messages: $(STAMP)
	$(PY) -m secretariat.compile_messages

migrate: install messages
	$(PY) manage.py migrate --noinput

# Quiet until the list of demo accounts, which is the last thing before the server's banner
# (tests/test_first_day.py runs the same commands).
demo: install messages
	@$(PY) manage.py migrate --noinput --verbosity 0
	@$(PY) manage.py seed_demo

# The demo is served as a visitor meets the site: DEBUG off (the site's own 404 and 500 pages,
# not Django's technical ones; walks 85 and 89), the static files through WhiteNoise's finders.
# `DEBUG=true make run` for Django's debug pages.
run: demo
	@DEBUG=$${DEBUG:-false} $(PY) manage.py runserver 127.0.0.1:8000

# The whole suite under each built procedure profile (issue #18): the default, then usmca-cec,
# then cafta-dr. The second and third passes leave out the tests no profile changes (the
# settings' checks, backups, the services' faults, headers, the second factor, lockout, the
# virus scan, SQLite's writers: PROFILE_FREE), to keep the CI under 30 minutes; CEC_TESTS and
# CAFTA_TESTS narrow them further (the CI's PostgreSQL pass runs only tests/profiles there:
# PostgreSQL with the default profile). The CI's junit report is the first pass's.
# Each pass runs on every core (pytest-xdist, a test file per process at a time);
# PYTEST_WORKERS=0 runs it in one process.
PROFILE_FREE = --ignore=tests/backup --ignore=tests/faults --ignore=tests/test_settings.py \
	--ignore=tests/production/test_sqlite_writers_wait.py \
	--ignore=tests/production/test_headers_and_health.py \
	--ignore=tests/production/test_virusscan.py --ignore=tests/production/test_otp.py \
	--ignore=tests/production/test_lockout.py --ignore=tests/production/test_limits.py \
	--ignore=tests/test_rediscache.py --ignore=tests/test_architecture.py \
	--ignore=tests/test_compile_messages.py --ignore=tests/test_chain_keys.py
CEC_TESTS ?= $(PROFILE_FREE)
CAFTA_TESTS ?= $(PROFILE_FREE)
PYTEST_WORKERS ?= auto
XDIST = -n $(PYTEST_WORKERS) --dist loadfile
test: install messages
	$(PY) -m pytest $(XDIST) $(PYTEST_ARGS)
	SEM_PROCEDURE=usmca-cec SEM_ALLOW_UNVERIFIED_PROFILE=true \
		$(PY) -m pytest $(XDIST) $(CEC_TESTS) $(filter-out --junitxml=%,$(PYTEST_ARGS))
	SEM_PROCEDURE=cafta-dr SEM_ALLOW_UNVERIFIED_PROFILE=true \
		$(PY) -m pytest $(XDIST) $(CAFTA_TESTS) $(filter-out --junitxml=%,$(PYTEST_ARGS))

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check: install messages
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

bench: install messages
	$(PY) -m tests.bench.run

# Export → import → export of 10,000 generated cases, byte for byte (not in `make test`):
# SQLite by default, PostgreSQL with ROUNDTRIP_DATABASE_URL; ROUNDTRIP_CASES to change the size.
roundtrip: install messages
	$(PY) -m tests.roundtrip.run

# Bounded load at 127.0.0.1 (not CI): gunicorn + PostgreSQL + a Celery worker; see README, "Performance".
load: install messages
	$(PY) -m pip install --quiet -e ".[dev,load]"
	$(PY) -m tests.load.run $(LOAD_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 test.sqlite3 media staticfiles
