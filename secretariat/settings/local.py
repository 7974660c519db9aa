"""The default: works on a fresh machine with nothing configured."""

from secretariat.settings.base import *  # noqa: F403

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine here: local is never deployed (production refuses to start without one).
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: S105
if "EMAIL_URL" not in env.ENVIRON and "EMAIL_BACKEND" not in env.ENVIRON:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
