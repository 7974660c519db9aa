"""The submitter's private tracking page and its actions, and "lost your link?".

A tracking link stands for one submitter's membership of one case; staff may revoke or reissue
it (404 from then on, in every browser that opened it). The token is only ever in the link
itself: its first visit stores it in the session and the page and its forms use URLs without it.
What the page shows comes from ``submissions.access``; which actions it offers
comes from the transition table (``available_actions``); every action is a workflow event
recorded as that submitter.
"""

import hashlib

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from notices import outbox
from secretariat.public import guidance, ratelimit
from secretariat.public.filing_forms import (
    InformationAddedForm,
    LeaveForm,
    LostLinkForm,
    RevisionForm,
    WithdrawForm,
    WithholdForm,
)
from secretariat.public.filing_views import deadline_rows
from secretariat.web import actions as posted
from secretariat.web import downloads, versions
from submissions import access, published, withheld
from submissions.models import Document, Submission, SubmissionSubmitter
from submissions.stages import Stage, Visibility
from submissions.storage import DocumentInput
from workflow import cofilers, council, services
from workflow.actors import Actor
from workflow.describe import describe, submitters_named
from workflow.services.actions import refusal, withdrawal_closes

ACTION_FORMS = {
    "revision_filed": RevisionForm,
    "information_added": InformationAddedForm,
}


# The session's tracking links: {membership pk: SHA-256 of its token}. The token is exchanged
# for this on the first visit and never appears in a URL again (it would reach access logs,
# warning logs and Referer headers); keeping its hash, not the pk alone, means a link staff
# revoke or reissue stops working in every browser that opened it.
SESSION_KEY = "sem_tracking"


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _case(request, pk):
    """The membership this browser opened with its tracking link, and its case; else 404."""
    digest = request.session.get(SESSION_KEY, {}).get(str(pk))
    membership = (
        SubmissionSubmitter.objects.select_related("submission__party", "submitter")
        .filter(pk=pk, token_revoked_at__isnull=True)
        .first()
        if isinstance(digest, str)
        else None
    )
    if membership is None or not constant_time_compare(
        digest, _token_digest(membership.tracking_token)
    ):
        raise Http404
    submission = access.get_submission_for_user(
        None, Submission.objects, membership=membership, pk=membership.submission_id
    )
    membership.submission = submission
    return membership, submission


def _render(request, membership, submission, bound=None, status=200):
    actor = Actor.submitter(membership)
    kinds = {action.kind for action in services.available_actions(submission, actor)}
    levels = access.visible_levels(None, submission, membership)
    # What each step decided (outcome, findings), as the public reads it: a post still held for
    # the Secretariat's review shows nothing of its text; the submitters' own non-public posts
    # show what they sent. The submitters see their levels and, at least, what the public sees
    # (walk 21: a Party's letter the Secretariat published was on the docket, not here); the
    # same rule as ``access.visible_events``, on the case's events already in hand.
    every = list(submission.events.order_by("seq"))
    council.tally(every)  # before public_timeline copies any of them
    public = {e.seq: e for e in published.public_timeline(every)}
    events = [e for e in every if e.visibility in levels or e.seq in public]
    documents = (
        Document.objects.filter(submission=submission, event_id__in=[e.pk for e in events])
        .filter(Q(visibility__in=levels) | access.submitters_own_kept(levels))
        .order_by("event__seq", "position")
    )
    for document in documents:
        document.kept = document.visibility not in levels  # listed, never served
        # Its kind where its title does not already say it, and who sees it where not everyone
        # (walk 48: "Acuse de recibo (DOCX) (Acuse de recibo)").
        kind = str(document.get_kind_display())
        document.aside = ", ".join(
            [kind] * (not document.title.strip().casefold().startswith(kind.casefold()))
            + [str(document.get_visibility_display())] * (document.visibility != Visibility.PUBLIC)
        )
    by_event: dict[int, list] = {}  # each at its original's event
    for item in versions.grouped(documents, translation.get_language()[:2]):
        by_event.setdefault(item.original.event_id, []).append(item)
    # The co-filer who took a step, named as the page's list of submitters names them (walk
    # 91: the co-filer who withdrew read the withheld label in place of his own name); read
    # once for the page. Not the withheld names of strangers who joined the case later, nor
    # theirs to them (workflow.cofilers).
    show = access.shows_identity(None, submission, membership)
    memberships = list(
        submission.memberships.select_related("submitter").order_by("position", "id")
    )
    strangers = cofilers.strangers(membership, memberships, every)
    unread = [show and m.pk in strangers for m in memberships]
    # The names of those they filed or joined with, their own among them, in their history too.
    known = {m.submitter.name for m in memberships if show and m.pk not in strangers}
    people = {
        case: [
            (name, hidden and (not show or unread[index]))
            for index, (name, hidden) in enumerate(members)
        ]
        for case, members in submitters_named(events).items()
    }
    for event in events:
        event.visible_documents = by_event.get(event.pk, [])
        shown = public.get(event.seq) or (event if event.visibility != Visibility.PUBLIC else None)
        event.details = (
            describe(shown, public=True, people=people, known=known) if shown is not None else []
        )
        # And its title and note as the public reads them (walk 19: the Secretariat's reasons
        # were on the docket but not on the submitters' own page).
        event.shown_title = shown.title if shown is not None else ""
        event.shown_note = shown.note if shown is not None else ""
        event.awaits_review = getattr(shown, "awaits_review", False)
        event.awaits_documents = getattr(shown, "awaits_documents", False)
        event.awaits_text = getattr(shown, "awaits_text", False)
        # The submitters' own words, which the public does not read yet, are theirs to read
        # (walk 51: the note sent with a revision was hidden from those who wrote it).
        event.own_text = event.author == "submitter" and shown is not event
        if event.own_text:
            event.shown_title, event.shown_note = event.title, event.note
    # Prefixed as track_documents reads them back.
    forms = {
        kind: form_class(prefix=kind) for kind, form_class in ACTION_FORMS.items() if kind in kinds
    }
    if bound is not None:
        forms[bound[0]] = bound[1]
    deadlines = deadline_rows(submission) if submission.is_open else []
    today = timezone.localdate()
    # Those who left the submission, by position, with the day (walk 149: listed as if still
    # on it).
    left_on = {e.data.get("submitter"): e.on for e in every if e.kind == cofilers.LEFT}
    submitters = [
        {
            "name": access.submitter_name(m.submitter, show and m.pk not in strangers),
            "withheld": m.submitter.confidential and m.pk not in strangers,
            "you": m.pk == membership.pk,
            "left_on": left_on.get(index),
        }
        for index, m in enumerate(memberships)
    ]
    withheld.mask_case(
        submission,
        [m.submitter.name for m in memberships if m.submitter.confidential and m.pk in strangers],
    )
    return render(
        request,
        "filing/track.html",
        {
            "submission": submission,
            "now": guidance.now(
                submission.stage,
                publication_instructed=council.decides(
                    [
                        {"kind": e.kind, "data": e.data, "on": e.on}
                        for e in events
                        if e.kind == "publication_instructed"
                    ],
                    "publication_instructed",
                ),
                registered=submission.is_registered,
                closure_reason=submission.closure_reason,
                # Every Party's period for comments on the draft is met or past.
                comments_in=not any(
                    row["kind"] == "draft_comments" and row["due_on"] >= today for row in deadlines
                ),
                # The Party's time has passed without a response (the Secretariat may go on).
                response_overdue=any(
                    row["kind"] == "party_response" and row["due_on"] < today for row in deadlines
                ),
            ),
            "laws": submission.laws.all(),
            "membership": membership,
            "pk": membership.pk,
            "events": events,
            "deadlines": deadlines,
            "submitters": submitters,
            "revision_form": forms.get("revision_filed"),
            "information_form": forms.get("information_added"),
            "can_withhold": "identity_withheld" in kinds and not membership.submitter.confidential,
            "withhold_form": forms.get("identity_withheld") or WithholdForm(prefix="withhold"),
            "can_withdraw": "withdrawn" in kinds,
            "can_leave": "submitter_left" in kinds,
            "withdrawal_closes": withdrawal_closes(submission),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET"])
def track(request, token):
    """The link in the emails: remember it in this browser's session and go to the page by a
    URL without the token."""
    try:
        membership = access.membership_for_token(token)
    except Http404:
        return render(request, "filing/track_unknown.html", status=404)
    held = dict(request.session.get(SESSION_KEY, {}))
    if not held:
        # A new holder of a secret gets a new session key (no fixation).
        request.session.cycle_key()
    held[str(membership.pk)] = _token_digest(membership.tracking_token)
    request.session[SESSION_KEY] = held
    return redirect("track_case", pk=membership.pk)


@never_cache
@require_http_methods(["GET"])
def track_case(request, pk):
    try:
        membership, submission = _case(request, pk)
    except Http404:
        # Reopened from a bookmark in another browser, or after the browser was closed: the
        # page opens only from the private link. Said for any number, so it tells nothing.
        return render(request, "filing/track_closed.html", status=404)
    return _render(request, membership, submission)


@never_cache
@require_http_methods(["GET"])
def track_document(request, pk, document_pk):
    """A document the submitter's page lists, by the page's own gate: 404 for any document
    not at this submitter's levels (a confidential annex of another submitter's, a Party's
    restricted letter), exactly as the page never listed it."""
    membership, submission = _case(request, pk)
    levels = access.visible_levels(None, submission, membership)
    document = access.visible_documents(
        Document.objects.filter(submission=submission, pk=document_pk), levels
    ).first()
    if document is None:
        raise Http404
    document.submission = submission
    return downloads.serve_document(request, document)


def _record(request, membership, submission, kind, **kwargs) -> posted.Outcome:
    """Record ``kind`` as this submitter, with the page's event count."""
    actor = Actor.submitter(membership)
    return posted.post_action(request, submission, kind, actor=actor, **kwargs)


def _revision_title(language: str, index: int, count: int) -> str:
    """ "Comunicación revisada", in the submission's language; "(2/3)" when there are several."""
    with translation.override(language):
        title = str(Document.Kind.REVISION.label)
    return f"{title} ({index}/{count})" if count > 1 else title


@never_cache
@posted.posted_from("track_case")
def track_documents(request, pk, kind):
    """A revised submission or added information, with files."""
    membership, submission = _case(request, pk)
    form = ACTION_FORMS[kind](request.POST, request.FILES, prefix=kind)
    form.scan_reference = submission.receipt_number
    if not form.is_valid():
        form.keep_files()
        return _render(request, membership, submission, bound=(kind, form), status=400)
    language = submission.language
    # A revised submission's files wait at *parties* for the Secretariat's review, as the first
    # filing's wait for the acknowledgement: they may name a withheld co-submitter. The
    # Secretariat publishes them (Change visibility); a confidential one never goes further
    # than the Party concerned.
    # Its note waits too (``publish_requested``: the public sees that a revision was filed, not
    # the submitter's words), and its files are titled as what they are, never by a file name
    # that may carry a person's name.
    revision = kind == "revision_filed"
    held = "parties" if revision else None
    uploads = form.uploaded()
    documents_in = [
        DocumentInput(
            title=_revision_title(language, index, len(uploads)) if revision else upload.name,
            language=language,
            file=upload,
            visibility="party_concerned" if confidential else held,
        )
        for index, (upload, confidential) in enumerate(uploads, start=1)
    ]
    outcome = _record(
        request,
        membership,
        submission,
        kind,
        form=form,
        note=form.cleaned_data.get("note", "").strip(),
        documents_in=documents_in,
        # The files sent for the public, by position: all but the confidential ones.
        **(
            {
                "data": {
                    "publish_requested": True,
                    "for_public": [i for i, d in enumerate(documents_in) if d.visibility == held],
                }
            }
            if revision
            else {}
        ),
    )
    if not outcome.ok:
        form.keep_files()
        return _render(request, membership, submission, bound=(kind, form), status=outcome.status)
    form.forget_kept()
    if kind == "revision_filed":
        messages.success(
            request,
            _("Your revised submission was received. The Secretariat will review it again."),
        )
    else:
        # Where it goes (walk 91: said only in the email).
        messages.success(
            request,
            _(
                "Your information was added to the case. The Secretariat and the submitters "
                "see it; it is not published."
            ),
        )
    return redirect("track_case", pk=membership.pk)


@never_cache
@posted.posted_from("track_case")
def track_revision(request, pk):
    return track_documents(request, pk, "revision_filed")


@never_cache
@posted.posted_from("track_case")
def track_information(request, pk):
    return track_documents(request, pk, "information_added")


@never_cache
@posted.posted_from("track_case")
def track_withhold(request, pk):
    """Ask that this submitter's identity be withheld from the public."""
    membership, submission = _case(request, pk)
    form = WithholdForm(request.POST, prefix="withhold")
    if not form.is_valid():
        bound = ("identity_withheld", form)
        return _render(request, membership, submission, bound=bound, status=400)
    outcome = _record(
        request,
        membership,
        submission,
        "identity_withheld",
        data={"submitter": cofilers.position(membership)},
    )
    if not outcome.ok:
        return _render(request, membership, submission, status=outcome.status)
    # The case's title and summary too, where they write it: the public reads the label
    # there (``withheld.mask_case``), and the Secretariat is asked to reword them.
    messages.success(
        request,
        _("Your name is now withheld from the public on every page of the docket."),
    )
    return redirect("track_case", pk=membership.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def track_withdraw(request, pk):
    """Withdraw the submission, after a confirmation step."""
    membership, submission = _case(request, pk)
    actor = Actor.submitter(membership)
    offered = {action.kind for action in services.available_actions(submission, actor)}
    if request.method == "GET" and "withdrawn" not in offered:
        messages.error(request, _("This submission can no longer be withdrawn."))
        return redirect("track_case", pk=membership.pk)
    form = WithdrawForm(request.POST or None)
    status = 400 if form.is_bound else 200
    # Said before the submitter confirms, and again after: after a Council member instructed
    # a factual record the withdrawal is recorded but the case goes on (Art. 18.9.2).
    closes = withdrawal_closes(submission)
    staying = cofilers.staying(submission)
    if not closes:
        form.fields["confirm"].label = _(
            "Yes, withdraw this submission. I understand that the case will go on."
        )
    if request.method == "POST" and form.is_valid():
        outcome = _record(request, membership, submission, "withdrawn", form=form)
        if outcome.ok:
            if outcome.event.stage_after == Stage.CLOSED:
                messages.success(
                    request, _("Your submission has been withdrawn. The case is closed.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "Your withdrawal has been recorded. The case goes on: a Council member "
                        "has instructed a factual record, which the Secretariat must prepare."
                    ),
                )
            return redirect("track_case", pk=membership.pk)
        status = outcome.status
    return render(
        request,
        "filing/withdraw.html",
        {
            "submission": submission,
            "form": form,
            "pk": membership.pk,
            "withdrawal_closes": closes,
            # The co-filers, whose submission it withdraws too (walk 63), and whether one may
            # leave it to them instead.
            "others": staying - 1,
            "can_leave": "submitter_left" in offered,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track_leave(request, pk):
    """Leave a submission the other submitters go on with (walk 141: a co-filer could only
    withdraw it for all), after a confirmation step; the private link then ends."""
    membership, submission = _case(request, pk)
    refused = refusal(submission, Actor.submitter(membership), "submitter_left")
    if request.method == "GET" and refused is not None:
        # Why (walk 149: the last one left on it read only "no longer"): the guard's words.
        messages.error(request, str(refused))
        return redirect("track_case", pk=membership.pk)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {"submitter": cofilers.position(membership)}
        outcome = _record(request, membership, submission, "submitter_left", form=form, data=data)
        if outcome.ok:
            request.session.get(SESSION_KEY, {}).pop(str(pk), None)
            request.session.modified = True
            messages.success(
                request,
                _(
                    "You have left submission %(reference)s. The other submitters go on with it; "
                    "your private link no longer opens it."
                )
                % {"reference": submission.reference},
            )
            return redirect("home")
    status = 400 if form.is_bound else 200
    context = {"submission": submission, "form": form, "pk": membership.pk}
    return render(request, "filing/leave.html", context, status=status)


# --- Lost your link? ----------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def track_lost(request):
    """Queue an email of the tracking links on file for an address (the outbox sends it after
    the request). The answer is the same whether or not the address is known, so the page
    cannot be used to learn who has filed."""
    if request.method == "POST":
        if not ratelimit.allow(request, "lost_link"):
            form = LostLinkForm(initial={"email": request.POST.get("email", "")[:254]})
            return render(request, "filing/lost.html", {"form": form, "limited": True}, status=429)
        form = LostLinkForm(request.POST)
        if form.is_valid():
            outbox.queue_tracking_links(form.cleaned_data["email"])
            return render(request, "filing/lost.html", {"sent": True})
    else:
        form = LostLinkForm()
    return render(request, "filing/lost.html", {"form": form}, status=400 if form.is_bound else 200)
