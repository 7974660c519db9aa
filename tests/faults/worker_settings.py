"""Settings of the worker the kill test starts: the notices worker's (mail to the SMTP server
named by EMAIL_URL), with Redis handing back an unacknowledged task after 5 seconds instead of
an hour, and looking for such tasks every second instead of every ~100 seconds."""

from tests.notices.worker_settings import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
