"""Sending files to a browser: the one way every website serves a stored document.

Each download view first calls its own gate from ``submissions.access`` (404 for a viewer who
may not see the case or the document, 403 for one who may see it but not here), then hands the
document to ``serve_document``. What a download looks like (an attachment, never sniffed, the
type sniffed when the file was stored, its length, a filename that survives non-ASCII) and the
access log are decided here once, so the docket, the workspace and the portals cannot drift.
"""

import csv
import os
import re
import unicodedata

from django.http import FileResponse, Http404, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from notices.services import public_copy
from submissions import access
from submissions.stages import Visibility

FALLBACK_CONTENT_TYPE = "application/octet-stream"


def download_name(document, *, as_uploaded: bool = False) -> str:
    """The filename offered to the browser.

    Outside the Secretariat's workspace a file is offered under a name made from its case and
    its code, its kind in its language, then its language and extension
    (``SEM-PE-005-2026-D2-determinacion-es.pdf``,
    ``SEM-PE-005-2026-39-anexo-o-prueba-es.pdf``): the name it was uploaded under may name a
    submitter whose identity is withheld, or say what its title does not. The workspace
    (``as_uploaded``) offers that name, else the stored file's. Path parts and control
    characters are dropped (a registry import or an old row may hold either); Django writes
    non-ASCII names as RFC 5987 ``filename*``."""

    uploaded = _clean(document.original_name or document.file.name)
    if as_uploaded:
        return uploaded or f"document-{document.pk}"
    extension = os.path.splitext(uploaded)[1].lower()
    if not SAFE_EXTENSION.fullmatch(extension):
        extension = ""
    case = document.submission
    base = document.code or f"{case.identifier or case.receipt_number or 'document'}-{document.pk}"
    base = UNSAFE_IN_NAME.sub("-", base).strip("-")
    # What kind of document it is, in its own words (walk 39: a determination and the request
    # it made, which then shared its code, both downloaded as "…-D2-es.docx"; a document's
    # translation still shares it): generic words, never a title that might name someone.
    with translation.override(document.language or None):
        kind = slugify(str(document.get_kind_display()))
    base = f"{base}-{kind}" if kind else base
    return f"{base}-{document.language}{extension}" if document.language else base + extension


SAFE_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}")
UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def _clean(name: str) -> str:
    name = os.path.basename((name or "").replace("\\", "/"))
    return "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()


def mark_attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Headers for a generated file (a receipt, an export): an attachment, never sniffed."""

    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_download(filename: str):
    """(response, writer) of a CSV file to download: UTF-8 with a byte-order mark first, so
    that spreadsheet programs read the accents (walk 23: "Presentación" opened garbled; csv
    readers take it with ``encoding="utf-8-sig"``). Each text a person wrote goes through
    ``cell``."""
    response = mark_attachment(HttpResponse(content_type="text/csv; charset=utf-8"), filename)
    response.write("\ufeff")
    return response, csv.writer(response)


def cell(text: str) -> str:
    """A spreadsheet would run a cell starting with =, +, - or @ as a formula, and some skip a
    leading tab or carriage return before looking (OWASP, CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def serve_document(
    request, document, *, as_uploaded: bool = False, without_withheld: bool = False
) -> HttpResponse:
    """Stream a stored document that the view's gate has already let through.

    404 when the document has no file or the file is missing from storage. A restricted
    document downloaded by a signed-in person is written to the access log (PROCESS.md: every
    view of restricted material is logged); ``access.log_access`` skips public documents and
    anonymous visitors, so the public docket is never logged.

    ``without_withheld``: for a viewer who may not see the names of the case's submitters who
    withhold their identity (the public; another Party or a Council member in the portals),
    the file as ``notices.services.public_copy`` gives it where it would name one of them, in
    its text or its metadata (walks 19, 30 and 32).
    """

    if not document.file:
        raise Http404
    try:
        copy = public_copy(document) if without_withheld else None
    except FileNotFoundError as exc:  # read whole for the copy: missing, as below
        raise Http404 from exc
    if copy is not None:
        access.log_access(request, document.submission, document)
        content_type, content = copy
        name = download_name(document)
        if content_type.endswith("wordprocessingml.document") and not name.endswith(".docx"):
            name = f"{name.rsplit('.', 1)[0]}.docx"  # a PDF composed again as Word
        response = mark_attachment(HttpResponse(content, content_type=content_type), name)
        if document.visibility != Visibility.PUBLIC:
            add_never_cache_headers(response)
        return response
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    access.log_access(request, document.submission, document)
    # FileResponse sets Content-Length from the open file and the Content-Disposition (with
    # ``filename*`` for non-ASCII names); the type is the one sniffed at upload, never guessed
    # from the name.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(document, as_uploaded=as_uploaded),
        content_type=document.content_type or FALLBACK_CONTENT_TYPE,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if document.visibility != Visibility.PUBLIC:
        # Neither the browser's cache nor a proxy keeps a restricted document.
        add_never_cache_headers(response)
    return response
