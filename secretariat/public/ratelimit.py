"""A per-address limit on posts to the public forms, counted in Django's cache.

Fixed windows: the first post from an address starts a window of ``SEM_FILING_RATE_WINDOW``
seconds in which at most ``SEM_FILING_RATE_LIMIT`` posts are accepted. ``0`` turns it off (load
tests). The address is the client's as the trusted proxy reports it (``secretariat.clients``),
so that behind a proxy each citizen has their own limit. With the local-memory cache each server
process would count on its own: production refuses to start without a shared cache (Redis).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from secretariat.clients import client_address


def _key(scope: str, address: str) -> str:
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"sem-rate:{scope}:{digest}"


def allow(request, scope: str) -> bool:
    """Count one post from the request's address; False once the address is over the limit."""
    limit = settings.SEM_FILING_RATE_LIMIT
    if not limit:
        return True
    key = _key(scope, client_address(request))
    cache.add(key, 0, timeout=settings.SEM_FILING_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.SEM_FILING_RATE_WINDOW)
        count = 1
    return count <= limit
