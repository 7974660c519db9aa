"""Settings for the test suite (pytest-django). SQLite unless DATABASE_URL says otherwise."""

import tempfile

from secretariat.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
if "DATABASE_URL" not in env.ENVIRON:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "test.sqlite3"}
    }
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A fresh folder per run, unless MEDIA_ROOT names one (the backup test restores a media folder
# and runs verify_history, which re-hashes the stored files, against it).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or tempfile.mkdtemp(prefix="sem-test-media-"))
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Unit tests run Celery in-process; the integration pass starts a real worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# The suite's hundreds of force_login tests exercise the pages, not the second factor;
# tests/production/test_otp.py turns it on.
SEM_REQUIRE_OTP = False
# client.login() authenticates without a request, which django-axes refuses;
# tests/production/test_lockout.py turns it on.
AXES_ENABLED = False
# Tests run inside transactions that never commit, so the version of the public cache would never
# move: pages would outlive their data between tests. tests/docket/test_cache.py turns it on.
SEM_PUBLIC_CACHE = False
# Tests sign in once and then travel in time across days (time-machine): a session written again
# at every request would end between their steps. tests/security/test_signin.py turns it on.
SESSION_SAVE_EVERY_REQUEST = False
# A test makes its statement right after the rows it counts: no margin (base.py: 15 minutes).
SEM_STATEMENT_ROW_MARGIN = 0
