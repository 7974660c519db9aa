"""The portals of the Parties' focal points (/party/) and of Council members (/council/).

Every view calls ``submissions.access`` first (404 for a case the account may not see, 403
when it may see the case but the page or action is not its own), then a form, then
``secretariat.web.actions.post_action``. The actions a case page offers are chosen by
``offers`` among the workflow's (``available_actions``); an action page takes only those.
"""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from notices import outbox
from notices import receipts as portal_receipts
from secretariat.portals import entries, forms, offers, periods
from secretariat.templatetags.sem_text import download_label
from secretariat.web import actions as posted
from secretariat.web import downloads, versions
from submissions import access, withheld
from submissions.models import Document, Submission
from submissions.roles import Role
from submissions.stages import Visibility
from workflow import cofilers, council
from workflow.deadlines import mark_comments_in, merged_by_party
from workflow.exceptions import NotAllowed
from workflow.models import Deadline, Event, last_revision
from workflow.services.actions import refusal
from workflow.table import TABLE, in_procedure

PORTAL_ROLES = {"party": Role.FOCAL_POINT, "council": Role.COUNCIL}


# --- Access --------------------------------------------------------------------------------------


def _require_portal(user, portal: str) -> None:
    """Only focal points enter /party/ and only Council members /council/ (staff and auditors
    have the workspace)."""
    if PORTAL_ROLES[portal] not in access.roles_of(user) or access.is_staff_reader(user):
        raise PermissionDenied


def _portal_case(request, pk: int, portal: str) -> tuple[Submission, frozenset]:
    case = access.get_submission_for_portal(request.user, Submission.objects.all(), pk=pk)
    _require_portal(request.user, portal)
    if not access.shows_identity(request.user, case):  # its title, on every page of it
        withheld.mask_case(case, withheld.names_of(case))
    return case, access.visible_levels(request.user, case)


def _own_author(user, portal: str) -> str:
    return f"{portal}:{access.party_of(user)}"


@login_required
@require_GET
def portal(request, pk: int | None = None):
    """/portal/ and /portal/cases/<pk>/: the addresses in the notices' emails; each account
    goes on to its own portal, to the case the email is about (walk 46: "Open the case in the
    portal" opened the list)."""
    roles = access.roles_of(request.user)
    for role, home, case in (
        (Role.FOCAL_POINT, "party_home", "party_case"),
        (Role.COUNCIL, "council_home", "council_case"),
    ):
        if role in roles and not access.is_staff_reader(request.user):
            return redirect(case, pk=pk) if pk is not None else redirect(home)
    raise PermissionDenied


# --- Lists ---------------------------------------------------------------------------------------


def _case_list(request, portal: str):
    _require_portal(request.user, portal)
    kinds = periods.PORTAL_DEADLINES[portal]
    cases = (
        access.staff_submissions(request.user)
        .select_related("party")
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.filter(
                    kind__in=kinds, state=Deadline.State.OPEN
                ).order_by("due_on", "id"),
                to_attr="open_portal_deadlines",
            )
        )
        .order_by("-last_event_on", "-id")
    )
    cases = list(cases)
    mark_comments_in(cases)  # the stage as the case page reads it (walk 66)
    names = withheld.names_by_case([case.pk for case in cases])
    mine = periods.mine(request.user, portal)
    for case in cases:
        case.open_portal_deadlines = merged_by_party(case.open_portal_deadlines, mine)
        if names[case.pk] and not access.shows_identity(request.user, case):
            withheld.mask_case(case, names[case.pk])
    return render(
        request,
        f"portals/{portal}_home.html",
        {"cases": cases, "portal": portal, "party": request.user.party},
    )


@login_required
@require_GET
def party_home(request):
    return _case_list(request, "party")


@login_required
@require_GET
def council_home(request):
    return _case_list(request, "council")


# --- A case --------------------------------------------------------------------------------------


def _sent_here(user, portal: str, prefix: str = "") -> Q:
    """What this Party (or its Council member) sent through this portal, at whatever level
    (walk 39: Peru's letter "for the Secretariat only" led to a receipt that was a 404, and
    left its own history): the event in its name, recorded by one of its own accounts, not
    a Secretariat account's record on its behalf."""
    return Q(
        **{
            f"{prefix}author": _own_author(user, portal),
            f"{prefix}recorded_by__party": user.party_id,
        }
    )


def _not_reached(user, portal: str, case) -> str:
    """Who does not see the case yet, said to the Party concerned alone."""
    own = portal == "party" and case.party.code == access.party_of(user)
    return entries.not_reached_yet(case) if own else ""


def _seen_or_sent(case, levels, user, portal: str) -> Q:
    return Q(pk__in=access.visible_events(case.events.all(), levels).values("pk")) | _sent_here(
        user, portal
    )


def _shown_events(request, case, levels, portal: str, kinds=None) -> tuple[list, list]:
    """The case's events this portal's user reads (``kinds`` only, if given), each with its
    documents in the page's language where it can be and withheld names masked as they must
    be; and the submitters as (name, withheld from the public, left)."""
    documents = Document.objects.filter(
        Q(pk__in=access.visible_documents(Document.objects.all(), levels).values("pk"))
        | _sent_here(request.user, portal, "event__")
    ).order_by("position")
    shown = case.events.filter(_seen_or_sent(case, levels, request.user, portal))
    if kinds is not None:
        shown = shown.filter(kind__in=kinds)
    events = list(
        shown.select_related("recorded_by")
        .prefetch_related(Prefetch("documents", queryset=documents))
        .order_by("seq")
    )
    show_identity = access.shows_identity(request.user, case)
    memberships = list(case.memberships.select_related("submitter").order_by("position", "id"))
    # (name, whether it is withheld from the public): a Party concerned that sees a withheld
    # name is told the public does not (walk 31), as the workspace tells the Secretariat.
    # And whether they left it (walk 155: the portal listed one who had, as if still on it).
    gone = cofilers.left(events)
    submitters = [
        (
            access.submitter_name(m.submitter, show_identity),
            show_identity and m.submitter.confidential,
            position in gone,
        )
        for position, m in enumerate(memberships)
    ]
    for event in events:  # the entry in which one left names them, as the list does
        index = (event.data or {}).get("submitter") if event.kind == cofilers.LEFT else None
        known = type(index) is int and 0 <= index < len(submitters)
        event.acting_submitter = submitters[index][0] if known else ""
    hidden = (
        [] if show_identity else [m.submitter.name for m in memberships if m.submitter.confidential]
    )
    entries.mask_withheld(case, events, hidden)
    entries.words(case, events, hidden)
    for event in events:  # each document once, in the page's language where it can be
        event.listed_documents = versions.grouped(
            event.documents.all(), translation.get_language()[:2]
        )
    return events, submitters


def _case_page(request, pk: int, portal: str):
    case, levels = _portal_case(request, pk, portal)
    access.log_access(request, case)
    events, submitters = _shown_events(request, case, levels, portal)
    responded = any(e.kind == "party_responded" for e in events)
    # The submission and all its supporting information go to the Party concerned with the
    # request for a response (Art. 18.8.4; walk 23: its portal showed the facts alone).
    forwarded = Visibility.PARTY_CONCERNED in levels and any(
        e.kind == "request_delivered"
        or (e.kind == "response_decided" and e.data.get("outcome") == "request")
        for e in events
    )
    actions = offers.offered(case, request.user, portal, responded=responded)
    own = _own_author(request.user, portal)
    mine = periods.mine(request.user, portal)
    entries.mark_sent(case, events, own, request.user.party_id, portal)
    context = {
        "case": case,
        "portal": portal,
        "not_reached": _not_reached(request.user, portal, case),
        "events": events,
        "own_author": own,
        "submitters": submitters,
        "deadlines": periods.rows(case, portal, translation.get_language() or "en", mine),
        "actions": actions,
        # With the votes against (walk 38: Mexico's member voted against and the summary, its
        # own page too, named only Canada's instruction).
        "instructions": [
            e
            for e in events
            if e.kind in ("council_instructed", "publication_instructed", "council_declined")
        ],
        # Where the Council's rule asks for several members, how many of them have instructed
        # each act so far (workflow.council), while it waits for more.
        "waiting": council.waiting(case.stage, events),
        "requests": [e for e in events if e.kind in ("response_decided", "request_delivered")],
        "forwarded": forwarded,
        "answers": case.answer_rows() if forwarded else [],
        "laws": case.laws.all() if forwarded else [],
        "revised_on": last_revision(events),
        "filing": [e for e in events if e.kind in ("filed", "revision_filed", "information_added")],
        "notifications": [e for e in events if e.kind == "factual_record_notified"],
        "records": [e for e in events if e.kind in ("draft_submitted", "final_submitted")],
    }
    return render(request, f"portals/{portal}_case.html", context)


@login_required
@require_GET
def party_case(request, pk):
    return _case_page(request, pk, "party")


@login_required
@require_GET
def council_case(request, pk):
    return _case_page(request, pk, "council")


@login_required
@require_GET
def case_document(request, pk, document_pk, portal):
    case, _levels = _portal_case(request, pk, portal)
    # What it sent itself, at whatever level (a letter for the Secretariat only), is its own.
    document = Document.objects.filter(
        _sent_here(request.user, portal, "event__"), submission=case, pk=document_pk
    ).first() or access.get_document_for_user(request.user, case, document_pk)
    # PROCESS.md: every view of restricted material by a signed-in user is logged (there). A
    # withheld name reaches the Party concerned only (walk 32: another Party's focal point and
    # the Council members downloaded the submitters' files with her name as their author).
    return downloads.serve_document(
        request, document, without_withheld=not access.shows_identity(request.user, case)
    )


# --- Actions -------------------------------------------------------------------------------------


def _action(request, pk, *, portal: str, kind: str, form_class, build, template: str):
    """GET: the form; POST: record ``kind`` with what ``build(form, formset, case, user)``
    returns (keyword arguments of ``record_event``), then send the receipt."""
    case, levels = _portal_case(request, pk, portal)
    if not in_procedure(kind):  # a step of another procedure, not "not at this stage"
        raise Http404
    rule = TABLE[kind]
    if isinstance(refusal(case, request.user, kind), NotAllowed):
        raise PermissionDenied
    why_not = offers.not_offered(case, request.user, portal, kind)
    if why_not is not None:
        # Only what the case page offers: neither the form nor a post of it (typed address,
        # stale page) records anything else; the case page says why.
        messages.error(
            request, _("This is not offered on this case: %(reason)s") % {"reason": why_not}
        )
        return redirect(f"{portal}_case", pk=case.pk)
    status = 200
    language = translation.get_language() or "en"
    attached = kind in (
        "party_responded",
        "correspondence",
        "draft_commented",
        "party_information_added",
    )
    letter = kind == "correspondence"  # its attachments may go where the letter goes
    choices = forms.party_visibilities(case, access.party_of(request.user))
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, initial={"language": language})
        forms.offer_visibilities(form, choices)
        formset = forms.attachment_formset(request, language, choices, letter) if attached else None
        # Both validated, so that each says its problems and keeps its valid files.
        valid = [form.is_valid(), formset is None or formset.is_valid()]
        if all(valid):
            outcome = posted.post_action(
                request,
                case,
                kind,
                form=form,
                **held_for_review(kind, build(form, formset, case, request.user)),
            )
            status = outcome.status
            if outcome.ok:
                for each in [form, *(formset.forms if formset is not None else [])]:
                    each.forget_kept()
                event = outcome.event
                if outbox.queue_portal_receipt(event, request.user, portal) is not None:
                    said = _("Recorded: “%(event)s”. Your receipt is below and was sent by email.")
                elif kind in ("party_responded", "extension_notified"):  # walks 55, 140
                    said = _(
                        "Recorded: “%(event)s”. Your receipt is below; your Party's focal "
                        "points, you included, are told by email that the Secretariat received it."
                    )
                else:
                    # Walk 43: a response's receipt is not emailed (the Party's focal points
                    # are told of it by the notices), though this said it was.
                    said = _(
                        "Recorded: “%(event)s”. Your receipt is below; keep it, or find it "
                        "again from the case's history."
                    )
                messages.success(request, said % {"event": event.kind_label})
                return redirect(f"{portal}_receipt", pk=case.pk, seq=event.seq)
        # Sent back: its valid files wait for the next post (the partial shows them kept).
        for each in [form, *(formset.forms if formset is not None else [])]:
            each.keep_files()
    else:
        form = form_class(initial={"language": language})
        forms.offer_visibilities(form, choices)
        formset = forms.attachment_formset(None, language, choices, letter) if attached else None
    # Only the periods still running: the comment form listed the response met months ago.
    deadlines = periods.rows(
        case, portal, language, periods.mine(request.user, portal), running=True
    )
    return render(
        request,
        template,
        {
            "case": case,
            "portal": portal,
            "rule": rule,
            "action_label": offers.label(case, kind, access.party_of(request.user)),
            "form": form,
            "formset": formset,
            "deadlines": deadlines,
            "own_case": case.party.code == access.party_of(request.user),
            "not_reached": _not_reached(request.user, portal, case),
            # How many members' instructions the Council's rule asks for (the profile's).
            "needed": council.needed("council_instructed"),
            # The draft the comments are about, with its documents (walk 167: not linked).
            "records": (
                _shown_events(request, case, levels, portal, kinds=("draft_submitted",))[0]
                if kind == "draft_commented"
                else []
            ),
        },
        status=status,
    )


# A Party's own letters: the event is the text, so it waits at *parties* as a whole. Other
# kinds a portal records are public by the table (the act is public); their text waits.
OWN_LETTERS = ("correspondence", "draft_commented", "party_information_added")


def held_for_review(kind: str, kwargs: dict) -> dict:
    """PROCESS.md, Visibility: what a Party or the Council sends for the public waits at
    *parties* until the Secretariat publishes it (a widening, under four eyes): nothing
    reaches the public docket without the Secretariat's act. The request is kept in the
    event's data (``publish_requested``) and shown to the Secretariat for review."""
    rule = TABLE[kind]
    requested = False
    if (kwargs.get("visibility") or rule.default_visibility) == Visibility.PUBLIC:
        if kind in OWN_LETTERS:
            kwargs["visibility"] = Visibility.PARTIES
            requested = True
        elif kwargs.get("title") or kwargs.get("note"):
            requested = True  # the act is public, its text is withheld until published
    documents = kwargs.get("documents_in") or ()
    for_public = []  # the documents sent for the public, by their positions in the event
    for position, document in enumerate(documents):
        if (document.visibility or rule.default_visibility) == Visibility.PUBLIC:
            document.visibility = Visibility.PARTIES
            requested = True
            for_public.append(position)
    if requested:
        kwargs["data"] = {**kwargs.get("data", {}), "publish_requested": True}
        if documents:
            kwargs["data"]["for_public"] = for_public
    return kwargs


def _documents(form, formset, main_kind=None, main_visibility=None) -> list:
    result = []
    if main_kind is not None:
        result.append(form.main_document(main_kind, main_visibility))
    if formset is not None:
        result.extend(forms.attachments_in(formset))
    return result


def _build_response(form, formset, case, user):
    return {
        "data": form.event_data(),
        "documents_in": _documents(form, formset, "response"),
    }


def _build_extension(form, formset, case, user):
    return {"note": form.cleaned_data["circumstances"]}


def _build_comment(form, formset, case, user):
    visibility = Visibility.PUBLIC if form.cleaned_data["make_public"] else Visibility.PARTIES
    return {
        "data": {"party": access.party_of(user)},
        "visibility": visibility,
        "documents_in": _documents(form, formset, "comment", visibility),
    }


def _build_supplement(form, formset, case, user):
    visibility = Visibility.PUBLIC if form.cleaned_data["make_public"] else Visibility.PARTIES
    return {
        "note": form.cleaned_data["summary"],
        "visibility": visibility,
        "documents_in": _documents(form, formset, "correspondence", visibility),
    }


def _build_correspondence(form, formset, case, user):
    data = form.cleaned_data
    return {
        "title": data["subject"],
        "note": data["message"],
        "visibility": data["visibility"],
        "documents_in": forms.attachments_in(formset, data["visibility"]),
    }


def _build_instruction(form, formset, case, user):
    return {"data": {"party": access.party_of(user)}, "note": form.cleaned_data["reasons"]}


def _build_recommendation(form, formset, case, user):
    return {
        "data": {"party": access.party_of(user)},
        "note": form.cleaned_data["recommendation"],
    }


def _action_view(portal, kind, form_class, build, template):
    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, pk):
        return _action(
            request,
            pk,
            portal=portal,
            kind=kind,
            form_class=form_class,
            build=build,
            template=f"portals/{template}.html",
        )

    view.__name__ = f"{portal}_{template}"
    return view


party_respond = _action_view(
    "party", "party_responded", forms.ResponseForm, _build_response, "respond"
)
party_extension = _action_view(
    "party", "extension_notified", forms.ExtensionForm, _build_extension, "extension"
)
party_comment = _action_view(
    "party", "draft_commented", forms.CommentForm, _build_comment, "comment"
)
party_supplement = _action_view(
    "party", "party_information_added", forms.SupplementForm, _build_supplement, "supplement"
)
party_correspondence = _action_view(
    "party", "correspondence", forms.CorrespondenceForm, _build_correspondence, "correspondence"
)
council_instruct = _action_view(
    "council", "council_instructed", forms.InstructionForm, _build_instruction, "instruct"
)
council_decline = _action_view(
    "council", "council_declined", forms.VoteAgainstForm, _build_instruction, "decline"
)
council_publish = _action_view(
    "council",
    "publication_instructed",
    forms.PublicationInstructionForm,
    _build_instruction,
    "publish",
)
council_recommend = _action_view(
    "council", "recommendation_made", forms.RecommendationForm, _build_recommendation, "recommend"
)


# --- Receipts ------------------------------------------------------------------------------------


def _own_event(request, pk, seq, portal) -> Event:
    """An event of this case recorded in the viewer's name (their Party, this portal)."""
    case, levels = _portal_case(request, pk, portal)
    event = (
        case.events.filter(_seen_or_sent(case, levels, request.user, portal))
        .filter(seq=seq, author=_own_author(request.user, portal))
        .select_related("submission", "recorded_by")
        .first()
    )
    if event is None:
        raise Http404
    return event


@login_required
@require_GET
def receipt(request, pk, seq, portal):
    event = _own_event(request, pk, seq, portal)
    context = portal_receipts.receipt_context(event, request.user)
    context["portal"] = portal
    # Who does not see the case yet (walk 115: "only the Secretariat, the Parties and the
    # Council see it" while neither the other Party nor the Council could open the case).
    context["not_reached"] = _not_reached(request.user, portal, event.submission)
    # The download's format and size, as every other download link says them.
    name, content_type, content = portal_receipts.render_receipt_document(
        event, translation.get_language() or "en", request.user
    )
    context["receipt_download"] = download_label(
        SimpleNamespace(content_type=content_type, original_name=name, size=len(content), file=None)
    )
    return render(request, "portals/receipt.html", context)


@login_required
@require_GET
def receipt_document(request, pk, seq, portal):
    event = _own_event(request, pk, seq, portal)
    name, content_type, content = portal_receipts.render_receipt_document(
        event, translation.get_language() or "en", request.user
    )
    return downloads.mark_attachment(HttpResponse(content, content_type=content_type), name)
