"""The client's address, the one answer for django-axes (``AXES_CLIENT_IP_CALLABLE``) and the
public forms' rate limit (``secretariat.public.ratelimit``).

Behind the README's reverse proxy every request comes from the proxy's address, so REMOTE_ADDR
alone would let five bad passwords from anyone lock the Director out, and make every citizen
share one filing limit. Each trusted proxy appends the address it received the request from to
X-Forwarded-For; with ``SEM_TRUSTED_PROXY_COUNT`` proxies in front of the application, the client
is the entry that many places from the right. Entries further left are whatever the client sent
and are never believed. 0 (the default: no proxy) uses REMOTE_ADDR only.
"""

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    count = settings.SEM_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        # Not through the expected chain of proxies: its header proves nothing.
        return remote
    return forwarded[-count]
