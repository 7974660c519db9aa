"""Refuse an oversized request before its body is read.

Django reads a multipart body as it parses ``request.POST``/``request.FILES``; a request that
declares more bytes than every attachment together may hold (``SEM_FILING_MAX_TOTAL_BYTES``)
plus a margin for the form fields is answered 413 at once, from its ``Content-Length`` header
alone. Placed after the middleware that choose the person's language and know their account,
and before any that reads the body, so that the refusal is the site's own page in that
language; what was typed is usually still in the form when they go back, the files are not
(walk 76: a plain-text refusal, and a 500 from a ``Connection`` header a WSGI application may
not set). ``static/js/uploads.js`` checks the same limits before a form is sent.
"""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def request_limit() -> int:
    return settings.SEM_FILING_MAX_TOTAL_BYTES + settings.SEM_UPLOAD_REQUEST_MARGIN_BYTES


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in BODY_METHODS and declared_length(request) > request_limit():
            return render(
                request,
                "413.html",
                {"limit": filesizeformat(settings.SEM_FILING_MAX_TOTAL_BYTES)},
                status=413,
            )
        return self.get_response(request)
