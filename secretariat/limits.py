"""Refuse an oversized request before its body is read.

Django reads a multipart body as it parses ``request.POST``/``request.FILES``; a request that
declares more bytes than every attachment together may hold (``SEM_FILING_MAX_TOTAL_BYTES``)
plus a margin for the form fields is answered 413 at once, from its ``Content-Length`` header
alone. Placed after ``LocaleMiddleware`` so that the refusal is in the person's language.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

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
            response = HttpResponse(
                _(
                    "This request is too large. The files sent with one form may total at "
                    "most %(limit)s MB; send fewer or smaller files."
                )
                % {"limit": settings.SEM_FILING_MAX_TOTAL_BYTES // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            response["Connection"] = "close"
            return response
        return self.get_response(request)
