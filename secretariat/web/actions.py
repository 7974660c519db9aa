"""Posting an action: the one way every website turns a posted form into a workflow event and
a workflow error into a response.

A page that posts an action sends the number of events it showed in one hidden field,
``event_count``; ``record_event`` refuses with ``CaseMovedOn`` if the case has changed since.
Every ``WorkflowError`` is shown the same way: its translated message on the page (on the
form when there is one, otherwise as a page message), which the view renders again with
``Outcome.status``: 409 when the case moved on, 403 when the actor may not do this, 400 when
the rules or the input refuse it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse

from submissions.stages import Stage
from workflow import services
from workflow.exceptions import CaseMovedOn, NotAllowed, WorkflowError
from workflow.models import Event

EVENT_COUNT = "event_count"  # the posted field: how many events the page showed


def response_moved_on(case, kind: str, responded: bool) -> bool:
    """Whether ``kind`` is a further response of the Party concerned that no page offers: its
    response is on record (``responded``) and the case has moved on from awaiting it. The
    workflow accepts it (PROCESS.md: a late response is never refused); the portal stopped
    offering it, and the workspace's "from a letter" did not (walk 52: a second response was
    recorded on a case closed by publication, and published)."""
    return kind == "party_responded" and responded and case.stage != Stage.AWAITING_RESPONSE


def posted_from(page: str, anchor: str = ""):
    """``require_POST`` for a form sent back with its errors at its own address: a GET there
    (the language switcher, a reload, a bookmark) goes to the page the form is on (``page``, a
    URL name taking the view's ``pk``; ``anchor`` formatted with the view's arguments)
    instead of an empty 405 (walk 37: Chromium's "HTTP ERROR 405", in English, after "English"
    was pressed on a Spanish form's errors). Any other method: 405."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                url = reverse(page, kwargs={"pk": kwargs["pk"]})
                return HttpResponseRedirect(url + ("#" + anchor.format(**kwargs) if anchor else ""))
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def seen_event_count(request) -> int | None:
    """The event count the posting page showed (``None`` if it sent none)."""
    try:
        return int(request.POST.get(EVENT_COUNT, ""))
    except ValueError:
        return None


def status_of(error: WorkflowError) -> int:
    if isinstance(error, CaseMovedOn):
        return 409
    if isinstance(error, NotAllowed):
        return 403
    return 400


@dataclass(frozen=True)
class Outcome:
    """What became of a posted action: what the service returned (the event written, or the
    case a filing made), or the error shown on the page."""

    result: object = None
    error: WorkflowError | None = None

    @property
    def event(self) -> Event | None:
        return self.result

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def status(self) -> int:
        return 200 if self.error is None else status_of(self.error)


def attempt(request, call: Callable[[], object], *, form=None) -> Outcome:
    """Run a workflow service; a ``WorkflowError`` becomes the page's message (the form's
    error when a form is given) and the outcome's status."""
    try:
        return Outcome(result=call())
    except WorkflowError as error:
        if form is not None:
            form.add_error(None, str(error))
        else:
            messages.error(request, str(error))
        return Outcome(error=error)


def post_action(
    request, case, kind: str, *, actor=None, form=None, record=None, **kwargs
) -> Outcome:
    """Record ``kind`` on ``case`` as posted: by ``actor`` (default: the signed-in user), with
    the page's event count and ``kwargs`` of ``record_event`` (data, documents_in, note…).
    ``record`` is a service with ``record_event``'s signature to call instead (one that adds
    the formal documents a decision issues, say)."""
    record = services.record_event if record is None else record
    return attempt(
        request,
        lambda: record(
            case,
            kind,
            actor=request.user if actor is None else actor,
            expected_event_count=seen_event_count(request),
            **kwargs,
        ),
        form=form,
    )


def post_approval(request, case, seq: int, *, form=None) -> Outcome:
    """The Executive Director approves proposal ``seq`` as posted."""
    return attempt(
        request,
        lambda: services.approve_proposal(
            case, seq, actor=request.user, expected_event_count=seen_event_count(request)
        ),
        form=form,
    )


def post_return(request, case, seq: int, *, comment: str, form=None) -> Outcome:
    """The Executive Director returns proposal ``seq`` with a comment, as posted."""
    return attempt(
        request,
        lambda: services.return_proposal(
            case,
            seq,
            actor=request.user,
            comment=comment,
            expected_event_count=seen_event_count(request),
        ),
        form=form,
    )
