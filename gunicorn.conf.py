"""gunicorn configuration: `gunicorn -c gunicorn.conf.py secretariat.wsgi`.

Every value can be changed from the environment, so one file serves every machine.
"""

import multiprocessing
import os

wsgi_app = "secretariat.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# WEB_CONCURRENCY is the usual name on hosting platforms; the default suits a small server.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Uploads of up to 100 MB on a slow line need longer than gunicorn's 30 s default.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak cannot grow without bound; the jitter keeps them
# from restarting all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# Behind a reverse proxy on the same machine: trust its X-Forwarded-* headers only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# The access log masks submitters' private tracking tokens (secretariat/logging.py).
logger_class = "secretariat.logging.GunicornLogger"
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# JSON access lines when LOG_FORMAT=json, like the application's own logs. The path without
# its query string: what people type into the docket search stays out of the logs.
if os.environ.get("LOG_FORMAT") == "json":
    access_log_format = (
        '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
        '"status": "%(s)s", "bytes": "%(B)s", "duration_us": "%(D)s", '
        '"user_agent": "%(a)s"}'
    )
else:
    access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(D)sus "%(a)s"'
