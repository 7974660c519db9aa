"""`make bench` under gunicorn: the local settings plus the trivial view's route."""

from secretariat.settings.local import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
