"""The default: works on a fresh machine with nothing configured."""

import hashlib

from secretariat.settings.base import *  # noqa: F403

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine here: local is never deployed (production refuses to start without one).
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: S105
if "EMAIL_URL" not in env.ENVIRON and "EMAIL_BACKEND" not in env.ENVIRON:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# The static files straight from their folders, DEBUG on or off (`make run` serves the demo with
# DEBUG off, with nothing collected).
WHITENOISE_USE_FINDERS = True
if "CACHE_URL" not in env.ENVIRON:
    # One cache for the server and the commands run beside it (import_registry, seed_demo,
    # verify_history): with a cache in each process's memory, the server went on serving the
    # docket's CSV and feeds from before an import (walk 84). A folder per database, so that
    # two local databases (the README's CEC demo) never share the public pages' version.
    _database = str(DATABASES["default"]["NAME"])  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(
                BASE_DIR  # noqa: F405
                / ".cache"
                / hashlib.sha256(_database.encode()).hexdigest()[:16]
            ),
        }
    }
