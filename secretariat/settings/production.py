"""Production: refuses to start without its secrets; secure by default."""

from django.core.exceptions import ImproperlyConfigured

from secretariat.settings.base import *  # noqa: F403

for _name in ("SECRET_KEY", "DATABASE_URL"):
    if not env.str(_name, default=""):
        raise ImproperlyConfigured(
            f"{_name} must be set in the environment for production settings."
        )

if SEM_CHAIN_DEV_KEY in SEM_CHAIN_KEYS.values():  # noqa: F405
    raise ImproperlyConfigured(
        "SEM_CHAIN_KEY must be set in the environment for production settings (or "
        "SEM_CHAIN_KEYS with SEM_CHAIN_KEY_ID): the development key of the event chain is public."
    )
if SEM_STATEMENT_SIGNING_KEY == SEM_STATEMENT_DEV_SEED:  # noqa: F405
    raise ImproperlyConfigured(
        "SEM_STATEMENT_SIGNING_KEY must be set in the environment for production settings "
        "(an Ed25519 seed: 64 hex digits)."
    )
if SEM_CHAIN_KEY_ID not in SEM_CHAIN_KEYS:  # noqa: F405
    raise ImproperlyConfigured("SEM_CHAIN_KEY_ID must name one of SEM_CHAIN_KEYS.")

# The rate limit (and any other count kept in the cache) must be shared by every process:
# with the local-memory cache each gunicorn worker would count on its own.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":  # noqa: F405
    raise ImproperlyConfigured(
        "CACHE_URL must name a shared cache (e.g. redis://127.0.0.1:6379/1) for production "
        "settings: the local-memory cache counts rate limits per process."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A load balancer probes /health/ over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
