"""Settings shared by every environment.

All configuration is read from the environment here, and only here (see README,
"Configuration"). ``local`` (the default), ``test`` and ``production`` adjust it.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from submissions import profiles

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "guardian",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "submissions",
    "workflow",
    "notices",
    "secretariat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "secretariat.middleware.PreferredLanguageMiddleware",
    # Before anything reads a body (secretariat.limits).
    "secretariat.limits.RequestSizeLimitMiddleware",
    "secretariat.accounts.otp.RequireSecondFactorMiddleware",
    # Cache-Control: no-store on every restricted page (secretariat.nostore).
    "secretariat.nostore.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # django-axes: last, so it turns a lockout flagged during sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "secretariat.urls"
WSGI_APPLICATION = "secretariat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "secretariat.context_processors.site",
                "secretariat.accounts.signin.session_timing",
                "secretariat.web.context.contact",
            ],
        },
    },
]

# Database: a URL such as postgres://user@127.0.0.1:5432/sem; SQLite file by default.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"].get("ENGINE") == "django.db.backends.sqlite3":
    # The demo's SQLite: a write waits up to 20 s for another to finish, from the transaction's
    # start (walk 103: a Council member's instruction sent while an officer saved was a 500,
    # "database is locked", at once).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "submissions.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username+address before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
# A form refused for its security token: the site's page, not Django's bare one (walk 120).
CSRF_FAILURE_VIEW = "secretariat.views.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Row history is evidence: never restored from the admin (an old Submission row would move a
# case without an event).
SIMPLE_HISTORY_REVERT_DISABLED = True
# django-guardian: no anonymous user row; the public gate lives in submissions.access.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Languages: the profile's (English and Spanish), public pages under /en/ and /es/.
LANGUAGE_CODE = "en"
# The procedure profile this installation runs (submissions.profiles; docs/profiles.md): its
# Parties, languages and identifiers. Every case stores the profile it was filed under.
SEM_PROCEDURE = env.str("SEM_PROCEDURE", default=profiles.DEFAULT)
# A profile with values not yet read in its treaty's text (``unverified``) runs only where the
# installation accepts it, for development or to import its histories; its pages say so.
SEM_ALLOW_UNVERIFIED_PROFILE = env.bool("SEM_ALLOW_UNVERIFIED_PROFILE", default=False)
if profiles.problem(SEM_PROCEDURE, SEM_ALLOW_UNVERIFIED_PROFILE):
    raise ImproperlyConfigured(profiles.problem(SEM_PROCEDURE, SEM_ALLOW_UNVERIFIED_PROFILE))
# The site speaks the profile's working languages.
LANGUAGE_NAMES = {"en": _("English"), "es": _("Spanish"), "fr": _("French")}
LANGUAGES = [(code, LANGUAGE_NAMES[code]) for code in profiles.get(SEM_PROCEDURE).languages]
# The catalogues: a profile's own wording of the process first (locale/profiles/<profile>/, in
# every one of its languages, English included: its articles, Parties and rules where the
# default's sentences name the TPA's; see profile_prose), then the shared ones.
LOCALE_PATHS = [
    path
    for path in (BASE_DIR / "locale" / "profiles" / SEM_PROCEDURE, BASE_DIR / "locale")
    if path.is_dir()
]
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = "secretariat.formats"  # one date format per language
# The Secretariat's seat (the profile's: Washington, D.C.): every treaty date is a date there.
TIME_ZONE = env.str("TIME_ZONE", default=profiles.get(SEM_PROCEDURE).time_zone)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files: local disk by default; STORAGE_BACKEND=s3 keeps them in an S3-compatible
# bucket through django-storages (pip install '.[s3]'; see README, "Production"). Media are
# never served by URL: every download goes through a view that applies the access gate.
if env.str("STORAGE_BACKEND", default="local") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Email: EMAIL_URL (smtp://user:pass@host:587, smtp+tls://…, consolemail://) or the
# individual EMAIL_* settings.
if "EMAIL_URL" in env.ENVIRON:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="secretariat@sem.example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: tasks run in-process when no broker is configured (local default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}

# --- The Secretariat's own settings (PROCESS.md marks these [ours]) ---------------------------
# Prefix of permanent identifiers (<PREFIX>/<PARTY>/<NNN>/<YYYY> under us-peru-tpa); the
# profile names its default.
SEM_IDENTIFIER_PREFIX = env.str(
    "SEM_IDENTIFIER_PREFIX", default=profiles.get(SEM_PROCEDURE).identifier_prefix
)
# Decisions are proposed by an officer and take effect when the Executive Director approves.
SEM_FOUR_EYES = env.bool("SEM_FOUR_EYES", default=True)
# Whether the nightly check of the histories re-reads every stored file against its SHA-256
# (workflow.tasks.check_histories); an installation with a great many files may turn it off
# and run `manage.py verify_history` on its own schedule.
SEM_NIGHTLY_FILE_CHECK = env.bool("SEM_NIGHTLY_FILE_CHECK", default=True)
# The key of the event chain's HMAC, kept outside the database (workflow.chain). Rotatable:
# SEM_CHAIN_KEYS holds every key still needed to verify ("id=key,id=key"), SEM_CHAIN_KEY_ID
# names the one new events are hashed with; SEM_CHAIN_KEY alone is key "1". The development
# default is refused by the production settings.
SEM_CHAIN_DEV_KEY = "development-only-chain-key"
SEM_CHAIN_KEYS = env.dict("SEM_CHAIN_KEYS", default={}) or {
    "1": env.str("SEM_CHAIN_KEY", default=SEM_CHAIN_DEV_KEY)
}
SEM_CHAIN_KEY_ID = env.str("SEM_CHAIN_KEY_ID", default=next(iter(SEM_CHAIN_KEYS)))
# The Ed25519 key (32-byte seed, hex) that signs the daily statement of chain heads; its public
# half is published beside the statements. The development seed is refused in production.
SEM_STATEMENT_DEV_SEED = "00" * 32
SEM_STATEMENT_SIGNING_KEY = env.str("SEM_STATEMENT_SIGNING_KEY", default=SEM_STATEMENT_DEV_SEED)
# The daily statement counts each case's row history up to this many seconds before it is made
# (workflow.statements.publish): a transaction still open then cannot add a row it counted.
SEM_STATEMENT_ROW_MARGIN = env.int("SEM_STATEMENT_ROW_MARGIN", default=900)
# Events recorded before keys were introduced keep their unkeyed hash; an unkeyed event
# recorded at or after this moment is a rewrite.
SEM_CHAIN_UNKEYED_BEFORE = env.str("SEM_CHAIN_UNKEYED_BEFORE", default="2026-12-03T00:00:00+00:00")
# A calendar-day period whose last day is not a working day ends on the next working day.
SEM_NEXT_WORKING_DAY = env.bool("SEM_NEXT_WORKING_DAY", default=True)
# Public holidays of the seat (the profile's): the `holidays` country and subdivision.
SEM_HOLIDAY_COUNTRY, SEM_HOLIDAY_SUBDIVISION = profiles.get(SEM_PROCEDURE).holidays
# Letterheads of emails and generated documents, one per language (notices.letterhead); the
# profile names the Secretariat and its treaty in each of its languages.
_LETTERHEADS = profiles.get(SEM_PROCEDURE).letterheads
SEM_LETTERHEAD = env.str("SEM_LETTERHEAD", default=_LETTERHEADS.get("en", ""))
SEM_LETTERHEAD_ES = env.str("SEM_LETTERHEAD_ES", default=_LETTERHEADS.get("es", ""))
SEM_LETTERHEAD_FR = env.str("SEM_LETTERHEAD_FR", default=_LETTERHEADS.get("fr", ""))
# Base URL used in emails (links back to the site).
SEM_SITE_URL = env.str("SEM_SITE_URL", default="http://127.0.0.1:8000")

# --- Public forms ------------------------------------------------------------------------------
# Per-address limit on posts to the public forms (filing, lost link, information): so many per
# window of seconds. 0 turns it off (load tests).
SEM_FILING_RATE_LIMIT = env.int("SEM_FILING_RATE_LIMIT", default=20)
SEM_FILING_RATE_WINDOW = env.int("SEM_FILING_RATE_WINDOW", default=3600)
# How many reverse proxies in front of the application append to X-Forwarded-For: the client's
# address is that many entries from the right (secretariat.clients). 0: no proxy, REMOTE_ADDR.
# Read by the filing rate limit and by django-axes (AXES_* below).
SEM_TRUSTED_PROXY_COUNT = env.int("SEM_TRUSTED_PROXY_COUNT", default=0)
# Django's cache, where the rate limit counts: CACHE_URL=redis://host:6379/1 in production
# (which refuses the per-process local-memory cache).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same, with one Redis client per pool rather than one per call (secretariat.rediscache).
    CACHES["default"]["BACKEND"] = "secretariat.rediscache.RedisCache"
# The public pages and figures, kept by the registry's version (secretariat.public.cache): off
# with SEM_PUBLIC_CACHE=False; an entry is dropped after SEM_PUBLIC_CACHE_SECONDS at the latest.
SEM_PUBLIC_CACHE = env.bool("SEM_PUBLIC_CACHE", default=True)
SEM_PUBLIC_CACHE_SECONDS = env.int("SEM_PUBLIC_CACHE_SECONDS", default=24 * 3600)

# LOG_FORMAT=json: one JSON object per line (production log collectors); plain otherwise.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
# Private tracking tokens are masked in every line (secretariat.logging): on the handler, and on
# the loggers that write request paths, so that every other handler sees them masked too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_tracking": {"()": "secretariat.logging.MaskTrackingTokens"},
        "quiet_forbidden": {"()": "secretariat.logging.QuietForbidden"},
    },
    "formatters": {
        "plain": {
            "()": "secretariat.logging.MaskingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {"()": "secretariat.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["mask_tracking"],
        }
    },
    "loggers": {
        # Through the console handler only: Django's own (DEBUG) handler would print each line
        # twice, as "Watching for file changes" shows at every start of the development server.
        "django": {"handlers": [], "level": env.str("LOG_LEVEL", default="INFO")},
        # A 403 is an ordinary answer (someone opened a page their role does not give): one
        # warning line, without the traceback Django attaches (secretariat.logging).
        "django.request": {"filters": ["mask_tracking", "quiet_forbidden"]},
        "django.security": {"filters": ["mask_tracking", "quiet_forbidden"]},
        "django.server": {
            "handlers": ["console"],
            "level": "INFO",
            "propagate": False,
            "filters": ["mask_tracking"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
if not env.str("CELERY_BROKER_URL", default=""):
    # Tasks run in-process without a broker: a line per task, and kombu's warning that no broker
    # host was given, would only bury what a developer reads (a worker logs them as usual).
    LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}
    LOGGING["loggers"]["kombu"] = {"level": "ERROR"}


# --- Notices (outbox, reminders, documents) ---------------------------------------------------
# First wait before retrying an email the server refused; doubled per attempt, at most 1 hour.
SEM_NOTICE_RETRY_SECONDS = env.int("SEM_NOTICE_RETRY_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    # Whatever is pending and due (rows whose task was lost, or waiting for the server).
    "notices-send-pending": {"task": "notices.tasks.send_pending", "schedule": 60.0},
    # Every case's history checked, before the statement signs its head (walk 69: a date
    # rewritten in the database showed only on that case's audit page).
    "workflow-check-histories": {
        "task": "workflow.tasks.check_histories",
        "schedule": crontab(hour=0, minute=10),
    },
    # The signed statement of every case's chain head, published on the docket each day.
    "workflow-chain-statement": {
        "task": "workflow.tasks.publish_chain_statement",
        "schedule": crontab(hour=0, minute=30),
    },
    # Reminders before due dates and the staff digest, at 07:00 at the seat.
    "notices-daily-sweep": {
        "task": "notices.tasks.daily_sweep",
        "schedule": crontab(hour=7, minute=0),
    },
    # Identity documents past their retention period (SEM_IDENTITY_RETENTION_DAYS, below).
    "privacy-identity-retention": {
        "task": "submissions.retention.apply_retention_task",
        "schedule": crontab(hour=3, minute=30),
    },
    # Files kept across a failed validation, once older than SEM_FILING_PENDING_MAX_AGE.
    "uploads-purge-pending": {
        "task": "submissions.housekeeping.purge_pending_uploads_task",
        "schedule": crontab(minute=15),
    },
}
CELERY_IMPORTS = ["submissions.retention", "submissions.housekeeping"]


# --- Production readiness (headers, health, storage, privacy) ---------------------------------
# Content Security Policy (django-csp): no inline script or style anywhere, nothing from
# another origin, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Identity documents of submitters whose cases have all been closed this many days are
# deleted by the daily retention job (submissions.retention).
SEM_IDENTITY_RETENTION_DAYS = env.int("SEM_IDENTITY_RETENTION_DAYS", default=365)
# Seconds the health endpoint waits for the broker before reporting it unavailable.
SEM_HEALTH_BROKER_TIMEOUT = env.float("SEM_HEALTH_BROKER_TIMEOUT", default=2.0)

# --- Uploads (types, sizes, request limits, optional virus scan) -----------------------------
# Uploads, on every website (public forms, portals, workspace): the one policy is
# submissions.uploads. Allowed extensions and the content type their first bytes must show.
SEM_FILING_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "mp4": "video/mp4",
}
SEM_FILING_ALLOWED_EXTENSIONS = env.list(
    "SEM_FILING_ALLOWED_EXTENSIONS", default=list(SEM_FILING_TYPES)
)
SEM_FILING_MAX_FILE_BYTES = env.int("SEM_FILING_MAX_FILE_BYTES", default=25 * 1024 * 1024)
SEM_FILING_MAX_TOTAL_BYTES = env.int("SEM_FILING_MAX_TOTAL_BYTES", default=100 * 1024 * 1024)
# How long a file kept across a failed validation stays usable (seconds).
SEM_FILING_PENDING_MAX_AGE = env.int("SEM_FILING_PENDING_MAX_AGE", default=24 * 3600)
# Uploaded files up to this size are kept in memory; larger ones are streamed to temporary files.
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)
# The form fields of one request (not its files) may total at most this.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
# A request whose declared body exceeds the files' total limit plus this margin (form fields and
# multipart framing) is refused with 413 before its body is read (secretariat/limits.py).
SEM_UPLOAD_REQUEST_MARGIN_BYTES = env.int(
    "SEM_UPLOAD_REQUEST_MARGIN_BYTES", default=DATA_UPLOAD_MAX_MEMORY_SIZE + 1024 * 1024
)
# clamd address "host:port" (INSTREAM protocol) to scan every attachment; empty: no scan.
SEM_CLAMD_ADDRESS = env.str("SEM_CLAMD_ADDRESS", default="")
SEM_CLAMD_TIMEOUT = env.float("SEM_CLAMD_TIMEOUT", default=30.0)
# When clamd cannot be reached: False holds the file for review (nothing lost); True accepts it.
SEM_CLAMD_FAIL_OPEN = env.bool("SEM_CLAMD_FAIL_OPEN", default=False)


# --- Sign-in (lockout, second factor, sessions) ------------------------------------------------
# django-axes: five failed sign-ins for one username from one address lock that pair out for an
# hour (a password-guessing run against one account, without letting a stranger lock a real
# user out from everywhere).
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# No banner at every start of every command (the settings say what it would).
AXES_VERBOSE = False
# The address is the client's behind the trusted proxy, as for the rate limit; the ipware
# settings say the same for an installation that adds django-ipware.
AXES_CLIENT_IP_CALLABLE = "secretariat.clients.client_address"
AXES_IPWARE_PROXY_COUNT = SEM_TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# A second factor (TOTP or a recovery code, django-otp) before any Secretariat, Party, Council
# or auditor page (secretariat.accounts.otp).
SEM_REQUIRE_OTP = env.bool("SEM_REQUIRE_OTP", default=True)
OTP_TOTP_ISSUER = "SEM"
# A session ends after a working day without a request (each request starts the period again,
# so a page knows when its session ends), and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A signed-in person is warned this many seconds before their session ends, with a button that
# keeps it (static/js/session.js and secretariat.accounts.signin.keep_session).
SEM_SESSION_WARNING_SECONDS = env.int("SEM_SESSION_WARNING_SECONDS", default=5 * 60)

# --- Contact ------------------------------------------------------------------------------------
# The footer of every page, which pages point to when they say to contact the Secretariat
# (secretariat.web.context): its postal address (lines separated by ";"), its country as an
# ISO 3166 code (named in the page's language: "United States" / "Estados Unidos") and email.
SEM_CONTACT_ADDRESS = [
    line.strip()
    for line in env.str(
        "SEM_CONTACT_ADDRESS", default=profiles.get(SEM_PROCEDURE).seat_address
    ).split(";")
    if line.strip()
]
SEM_CONTACT_COUNTRY = (
    env.str("SEM_CONTACT_COUNTRY", default=profiles.get(SEM_PROCEDURE).seat_country).strip().upper()
)
SEM_CONTACT_EMAIL = env.str("SEM_CONTACT_EMAIL", default="secretariat@sem.example.org")
