"""Site-wide pages that belong to no app: the health probe, the privacy notice, the language
switcher, the server-error page and the page of a form refused for its security token."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from kombu import Connection


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _broker() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "not configured"
    timeout = settings.SEM_HEALTH_BROKER_TIMEOUT
    try:
        with Connection(url, connect_timeout=timeout) as broker:
            # One attempt, bounded: a probe must answer quickly, not retry for a minute.
            broker.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)
    except Exception:  # noqa: BLE001 — every transport raises its own kind; all mean "down"
        return "unavailable"
    return "ok"


@never_cache
@require_safe
def health(request):
    """200 when the database answers and the broker (if any) accepts a connection, else 503.

    For load balancers and monitors: no language prefix, no sign-in, no detail beyond the
    state of each dependency.
    """
    report = {"database": "ok" if _database() else "unavailable", "broker": _broker()}
    healthy = report["database"] == "ok" and report["broker"] in ("ok", "not configured")
    return JsonResponse(report, status=200 if healthy else 503)


@require_safe
def privacy(request):
    return render(request, "privacy.html", {"retention_days": settings.SEM_IDENTITY_RETENTION_DAYS})


def set_language(request):
    """Django's language switcher, with the language of the page it was pressed on active
    while it finds that page in the other language. Django resolves ``next`` under the
    language of the visitor's cookie: a visitor whose cookie says Spanish, on an English page
    opened from an English email, pressed "Español" and stayed on the English page (the second
    walk)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    page_language = next_url.split("/")[1] if next_url.startswith("/") else ""
    if page_language in dict(settings.LANGUAGES):
        with translation.override(page_language):
            return i18n.set_language(request)
    return i18n.set_language(request)


def server_error(request):
    """The server-error page in each of the site's languages, the address's own first (walk
    103: a Spanish address read the English sentence first). Nothing here may fail in turn: no
    database, no catalogue, no context processor; the language is read off the path alone."""
    languages = list(settings.LANGUAGES)
    prefix = request.path.split("/")[1] if request.path.count("/") > 1 else ""
    languages.sort(key=lambda pair: pair[0] != prefix)  # a stable sort: the rest keep their order
    html = loader.get_template("500.html").render({"languages": languages})
    return HttpResponseServerError(html)


def csrf_failure(request, reason=""):
    """A form sent without the security token it was given (CSRF_FAILURE_VIEW): the page stood
    open too long, the session ended, or the browser dropped the site's cookies (walk 120:
    Django's bare English-and-Spanish 403, 980 px wide, no way on). The site's page, in the
    address's language, with the way back to the form and to signing in; nothing recorded."""
    referer = request.META.get("HTTP_REFERER", "")
    back = ""
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        back = parts.path + (f"?{parts.query}" if parts.query else "")
    return render(
        request,
        "403_csrf.html",
        {"back": back, "signed_in": request.user.is_authenticated},
        status=403,
    )
