"""Settings of the Celery worker the integration test starts: the test settings, but mail goes
to the SMTP server named by EMAIL_URL (the test settings keep mail in memory)."""

from secretariat.settings.test import *  # noqa: F403

vars().update(env.email_url("EMAIL_URL"))  # noqa: F405
