"""The public site kept by the registry's version: a warm page is one cache read.

The docket changes only when something is written: an event is recorded, the Secretariat edits
a case's public title or summary, the calendar changes. Each of these bumps one **version** (a
key in Django's cache framework) once its transaction has committed — the event through the
workflow's ``committed`` hook, the rest through the models' save and delete signals, all wired
in ``SecretariatConfig.ready()`` — so a page can never outlive the data it was made from, and
nothing is bumped by a transaction that rolls back.

``public_page`` wraps every public page (home, docket, case page, statistics, API, feeds, CSV,
sitemap) and the empty filing form. For an anonymous visitor it gives the page an ``ETag`` from
the version, the day, the language, the URL (with its query string) and the visitor's CSRF
cookie, answers ``304`` to a matching ``If-None-Match`` without running the view, and keeps the
full response in a slot for its URL, language and day, marked with the version it was made
under, so the next visitor is served with one cache read (the version and the slot together).
A signed-in user always gets a fresh page marked ``private`` and never a cached one; a visitor
with a message waiting (after a redirect) gets a fresh page too; a POST always runs the view.
The information form and the restricted pages (tracking, workspace, portals) are never wrapped.

Every page carries the language switcher's CSRF token (and the filing form its own): the stored
copy holds a placeholder, replaced on the way out by the visitor's own token, so no visitor
receives another's.
A release is a change too: the first public page each process serves compares the code with
the one the current version was made with, and starts a new version when it differs
(``new_code_bumps``).
``SEM_PUBLIC_CACHE = False`` turns all of it off (the test settings do; the cache's own tests
turn it on).
"""

import hashlib
import re
import secrets
import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.utils.translation import ngettext

from submissions.models import EnvironmentalLaw, Submission, Submitter
from workflow.models import Event

VERSION_KEY = "sem:public:version"
# The fingerprint of the code the kept pages were made with (``code_fingerprint``).
CODE_KEY = "sem:public:code"
PAGE_PREFIX = "sem:public:page:"
DATA_PREFIX = "sem:public:data:"
STATUS_HEADER = "X-Public-Cache"

# The token of the language switcher's form (base.html), in the form Django renders it.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"__SEM_CSRF_TOKEN__"
# Headers the stored copy drops: they are set afresh for each visitor.
DROPPED_HEADERS = {"cache-control", "expires", "vary", "etag", "last-modified"}


def enabled() -> bool:
    return getattr(settings, "SEM_PUBLIC_CACHE", True)


def timeout() -> int:
    return getattr(settings, "SEM_PUBLIC_CACHE_SECONDS", 24 * 3600)


# --- The version -------------------------------------------------------------------------------


def version() -> str:
    """The registry's current version: the time (ns, hex) of the last bump and a random part
    (two bumps in the same nanosecond, or under a frozen clock, still differ).

    A cache that lost the key (restarted, evicted) starts a new version: every page is made
    afresh, never one from before."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, _new_version(), None)
        current = cache.get(VERSION_KEY) or _new_version()
    return current


def _new_version() -> str:
    return f"{time.time_ns():x}.{secrets.token_hex(4)}"


# What a page is made from besides the data: its templates, the catalogues, the static files it
# names and the project's Python code.
CODE_FOLDERS = (
    "templates",
    "locale",
    "static",
    "secretariat",
    "submissions",
    "workflow",
    "notices",
)
CODE_SUFFIXES = {".html", ".txt", ".mo", ".py", ".css", ".js", ".svg", ".png", ".ico"}
_code_checked = False


def code_fingerprint() -> str:
    """The code the pages are made with, by each file's path and content: the same release on
    several hosts, or checked out again, is the same code (by modification time, each host's
    new process would have started a version of its own). About 400 files, 3 MB, 10 ms, once
    per process."""
    root = settings.BASE_DIR
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def new_code_bumps() -> None:
    """The cache outlives a restart (Redis; the quick start's file cache): pages and ETags kept
    under the last version would be served after a release, its templates unseen until the
    next event (a page of the docket kept the filters a release had folded). The first public
    page a process serves compares the code with the one the version was made with, and makes
    a new version when it differs."""
    global _code_checked  # noqa: PLW0603 -- once per process
    if _code_checked:
        return
    fingerprint = code_fingerprint()
    if cache.get(CODE_KEY) != fingerprint:
        bump()
        cache.set(CODE_KEY, fingerprint, None)
    _code_checked = True


# Called with each new version (``SecretariatConfig.ready()`` registers the statistics' warming).
_after_bump: list = []


def after_bump(callback) -> None:
    """Register ``callback(version)``, called after every bump."""
    if callback not in _after_bump:
        _after_bump.append(callback)


def bump() -> str:
    """Start a new version now (every cached public page and figure is left behind)."""
    value = _new_version()
    cache.set(VERSION_KEY, value, None)
    if enabled():
        for callback in _after_bump:
            callback(value)
    return value


def event_committed(event_pk: int) -> None:
    """The workflow's ``committed`` hook: an event's transaction has committed. An event of a
    case not on the docket (a filing waiting for its acknowledgement) changes no public page."""
    if Event.objects.filter(pk=event_pk, submission__registered_on__isnull=False).exists():
        bump()


# The rows a public page is made from, apart from events and deadlines (an event is told by the
# workflow's hook, and an import saves its case; a deadline moves with an event or with a
# calendar change). Not users, access grants or the access log: they change no public page.
PUBLIC_MODELS = {
    "submissions": {
        "submission",
        "submissionlaw",
        "submitter",
        "submissionsubmitter",
        "document",
        "environmentallaw",
        "party",
    },
    "workflow": {"nonworkingday", "deadlinelength", "chainstatement"},
}


def changed_model(sender, **kwargs) -> None:
    """A signal receiver: a row a public page is made from was saved or deleted."""
    if sender._meta.model_name in PUBLIC_MODELS.get(sender._meta.app_label, ()) and _shown(
        kwargs.get("instance"), kwargs
    ):
        transaction.on_commit(bump)


def _shown(instance, kwargs) -> bool:
    """Whether the row can be on a public page. Not the rows of a case that is not on the docket
    (a filing waiting for its acknowledgement: its case, memberships, laws and documents), nor a
    new submitter or law, which no public page shows until a membership or link to a case on the
    docket is saved (and that bumps)."""
    if isinstance(instance, Submission):
        return instance.registered_on is not None
    submission_id = getattr(instance, "submission_id", None)
    if submission_id is not None:
        return Submission.objects.filter(pk=submission_id, registered_on__isnull=False).exists()
    return not (kwargs.get("created") and isinstance(instance, Submitter | EnvironmentalLaw))


def last_modified(current: str) -> float:
    try:
        return int(current.split(".")[0], 16) / 1e9
    except ValueError:
        return time.time()


def key(*parts, current: str | None = None) -> str:
    """A short digest of the version, today's date, the active language and ``parts``."""
    text = "\n".join(
        [current or version(), timezone.localdate().isoformat(), translation.get_language() or ""]
        + [str(part) for part in parts]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _slot(path: str) -> str:
    """Where a page is kept whatever the version: its URL, today's date and the language."""
    text = "\n".join([timezone.localdate().isoformat(), translation.get_language() or "", path])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def remember(name: str, compute):
    """``compute()``, kept under the version (and day and language) as ``name``."""
    if not enabled():
        return compute()
    cache_key = DATA_PREFIX + key(name)
    found = cache.get(cache_key)
    if found is None:
        found = compute()
        cache.set(cache_key, found, timeout())
    return found


class KeptCountPaginator(Paginator):
    """A paginator whose count is kept under the version for the same search: every page of
    the results (and the API's) then counts them once, not once per page. ``search`` names the
    search (its parameters, without the page)."""

    def __init__(self, object_list, per_page, *, search: str):
        super().__init__(object_list, per_page)
        self.search = search

    @cached_property
    def count(self) -> int:
        return remember("count:" + self.search, lambda: Paginator.count.func(self))

    def asked(self, form):
        """The page the form asks for, or ``None`` with an error on the form's ``page`` when
        there is no such page (walk 69: page 2 of one page answered page 1, and a script
        reading pages in turn read the same cases twice)."""
        number = form.cleaned_data.get("page") or 1
        try:
            return self.page(number)
        except EmptyPage:
            pages = self.num_pages
            form.add_error(
                "page",
                ngettext(
                    "There is no page %(number)s: the results fit on one page.",
                    "There is no page %(number)s: the results fit on %(pages)s pages.",
                    pages,
                )
                % {"number": number, "pages": pages},
            )
            return None


# --- Public pages ------------------------------------------------------------------------------


def _bypass(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    # A message waiting to be shown (after a redirect) belongs to this visitor alone.
    return len(messages.get_messages(request)) > 0


def _mark_private(response) -> None:
    add_never_cache_headers(response)
    patch_vary_headers(response, ("Cookie",))
    response[STATUS_HEADER] = "bypass"


def _mark_public(response, etag: str, modified: float, status: str) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ("Cookie",))
    response[STATUS_HEADER] = status


def _etag(request, page_key: str) -> str:
    """The page's ETag. The visitor's CSRF secret counts too (as the cookie will hold it once
    the page has set it): a page kept by the browser holds a token made from it, and a browser
    whose cookie changed must not be told to keep it."""
    salted = page_key + request.META.get("CSRF_COOKIE", "")
    return '"' + hashlib.sha256(salted.encode()).hexdigest()[:32] + '"'


def _with_token(request, content: bytes) -> bytes:
    if CSRF_PLACEHOLDER not in content:
        return content
    return content.replace(CSRF_PLACEHOLDER, get_token(request).encode())


def _stored(response) -> dict:
    return {
        "status": response.status_code,
        "headers": {
            name: value for name, value in response.items() if name.lower() not in DROPPED_HEADERS
        },
        "content": CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content),
    }


def _from_store(request, stored: dict) -> HttpResponse:
    response = HttpResponse(_with_token(request, stored["content"]), status=stored["status"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def _cacheable(response) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


def public_page(view):
    """Serve ``view`` to anonymous visitors by the registry's version (see the module)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not enabled() or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        new_code_bumps()
        if _bypass(request):
            response = view(request, *args, **kwargs)
            _mark_private(response)
            return response
        # One round trip for the version and the page's slot (its URL, language and day); the
        # copy in the slot serves only if it was made under the current version.
        slot = PAGE_PREFIX + _slot(request.get_full_path())
        found = cache.get_many([VERSION_KEY, slot])
        current = found.get(VERSION_KEY) or version()
        modified = last_modified(current)
        page_key = key(request.get_full_path(), current=current)
        etag = _etag(request, page_key)
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            _mark_public(response, etag, modified, "not-modified")
            return response
        stored = found.get(slot)
        if stored is not None and stored.get("version") == current:
            response = _from_store(request, stored)
            _mark_public(response, _etag(request, page_key), modified, "hit")
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if not _cacheable(response):
            if response.status_code == 200:
                _mark_public(response, _etag(request, page_key), modified, "miss")
            return response
        cache.set(slot, {**_stored(response), "version": current}, timeout())
        _mark_public(response, _etag(request, page_key), modified, "miss")
        return response

    return wrapped
