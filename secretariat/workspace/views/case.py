"""A case in the workspace: everything about it, and the actions the table allows now."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from notices import services as notice_documents
from secretariat.web import actions as posted
from secretariat.web.countries import country_datalist
from secretariat.workspace import queries
from secretariat.workspace.case_forms import DocumentVersionForm, LinkRelatedForm, PublicTextsForm
from secretariat.workspace.forms import PaperFilingForm, action_form
from submissions import access, published, withheld
from submissions.models import Submission
from submissions.stages import Stage, Visibility
from workflow import activity, council, lapsing, services
from workflow.chain import problems_of
from workflow.deadlines import explain
from workflow.describe import describe_all
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event, last_revision
from workflow.profile_guards import consolidated_on
from workflow.proposal_guards import may_move
from workflow.services.actions import NOT_OFFERED, refusal
from workflow.table import TABLE, in_procedure

# The step each stage leads to that waits on others (the Parties' comments, the Council).
AWAITED_STEP = {
    Stage.DRAFT_COMMENT_PERIOD: "final_submitted",
    Stage.FINAL_FACTUAL_RECORD: "published",
}


def _name_parts(event, hidden, names):
    """The words of a withheld name a public entry writes, and whether only its public
    documents still do (walk 92: a decision's reasons withheld, its generated documents
    still public carried them): ``None`` when none."""
    if parts := withheld.parts_named_in(published.public_words(event, hidden), names):
        return parts, False
    documents_public = any(d.visibility == Visibility.PUBLIC for d in event.documents.all())
    if (
        hidden
        and documents_public
        and (parts := withheld.parts_named_in(published.public_words(event), names))
    ):
        return parts, True
    return None


def case_context(request, case, bound=None) -> dict:
    user = request.user
    events = list(
        Event.objects.filter(submission=case)
        .select_related("recorded_by", "proposal")
        .prefetch_related("documents")
        .order_by("seq")
    )
    deadlines = list(Deadline.objects.filter(submission=case).order_by("start_on", "id"))
    today = timezone.localdate()
    for deadline in deadlines:
        deadline.explained = explain(deadline)
        deadline.days_left = (deadline.due_on - today).days
    # Said at the top (walk 176: the next step was ~4,000 px down a phone, under the history).
    next_deadline = min(
        (d for d in deadlines if d.state == Deadline.State.OPEN),
        key=lambda d: (d.due_on, d.pk),
        default=None,
    )
    can_act = access.is_secretariat(user)
    forms = []
    # The Executive Director's return is the last thing that happened: its form holds the
    # proposal again, with the comment, to be changed and proposed anew.
    last = events[-1] if events else None
    returned = (
        (last.proposal.data.get("proposal") or {}, last.data.get("comment", ""))
        if last and last.kind == "returned" and last.proposal_id
        else None
    )
    if can_act:
        by_seq = {event.seq: event for event in events}
        responded = any(event.kind == "party_responded" for event in events)
        for offered in services.available_actions(case, user):
            if posted.response_moved_on(case, offered.kind, responded):
                continue
            if bound is not None and bound.rule.kind == offered.kind:
                form = bound
            else:
                form = action_form(offered.kind, case)
                if returned and returned[0].get("kind") == offered.kind:
                    form.resume(*returned)
                elif offered.replaces in by_seq:
                    # Proposing again starts from the pending proposal (the fourteenth walk:
                    # the Parties ticked for publication were lost when an edited notice
                    # replaced the generated one).
                    form.resume(by_seq[offered.replaces].data.get("proposal") or {}, "")
                elif offered.kind == "visibility_changed":
                    # Walk 33: "Change its visibility" beside a held item chose nothing; walk
                    # 35: once its text was public, it chose the text again, not the document.
                    form.choose_event(by_seq.get(_number(request.GET.get("publish"))))
                    form.choose_document(_number(request.GET.get("document")))
                elif offered.kind == "assigned" and case.assigned_officer_id is None:
                    # Walk 65: an officer took a case to publication, unassigned throughout.
                    form.fields["officer"].initial = user.get_username()
            if not form.offerable:
                continue  # nothing left to choose in it (a Council act every member gave)
            # A new proposal of a kind already pending replaces it (an edited draft, say).
            form.pending(offered.replaces)
            forms.append(form)
        if bound is not None and all(form is not bound for form in forms):
            # Posted, then refused because the case moved on: shown again with the message.
            bound.pending(None)
            forms.insert(0, bound)
        # The steps that may move the case on first, then the records that move nothing.
        for form in forms:
            # The acknowledgement too: it changes no stage, but is the first step (walk 79).
            form.moves_case = form.rule.kind == "acknowledged" or may_move(
                form.rule.kind, case.stage
            )
        forms.sort(key=lambda form: not form.moves_case)
    # The step a stage waits for, when it is not offered yet, and why (the sixteenth walk:
    # nothing said that the final record waits for every Party's comments or the period's end).
    awaited = AWAITED_STEP.get(case.stage)
    waiting = None
    if can_act and awaited and all(form.rule.kind != awaited for form in forms):
        refused = refusal(case, user, awaited)
        waiting = str(refused) if isinstance(refused, RuleViolation) else None
    pending = list(
        queries.pending_proposals().filter(submission=case).select_related("recorded_by")
    )
    for proposal in pending:
        proposal.own = proposal.recorded_by_id == user.pk
        proposal.submission = case
    describe_all(pending)
    queries.what_they_publish(pending)
    queries.texts_they_publish(pending)
    council.tally(events)
    describe_all(events)
    # What a Party or a Council member sent for the public and is still held for review
    # (portals.views.held_for_review), and a submitter's revised submission (tracking_views):
    # listed above the timeline, so that publishing the
    # record does not leave a Party's comments behind unnoticed (the helper's walk).
    # Published means the public sees the event (its text, if any) and its documents; an
    # event at *parties* whose document the Secretariat made public is shown for that
    # document alone, its text still held (published.public_text).
    public_state = published.public_text(events)

    # A document the author sent only to the Parties stays at *parties* as one sent for the
    # public does until published: the post names the latter (``for_public``, by position).
    # For a post recorded before it did, once one of its documents was decided on, the rest
    # are taken as reviewed (walk 19: "still awaits your review" after the response and its
    # text were published, because of an annex for the Parties only).
    reviewed = {
        e.data["document"][0] + 1
        for e in events
        if e.kind == "visibility_changed" and isinstance((e.data or {}).get("document"), list)
    }

    def held_documents(event) -> list:
        documents = event.documents.all()
        for_public = (event.data or {}).get("for_public")
        if isinstance(for_public, list):
            return [
                d
                for d in documents
                if d.position in for_public and d.visibility == Visibility.PARTIES
            ]
        if event.seq in reviewed:
            return []
        return [d for d in documents if d.visibility == Visibility.PARTIES]

    def documents_held(event) -> bool:
        return bool(held_documents(event))

    def text_held(event) -> bool:
        """Whether the entry's own words still wait: any, while it is not shown at all; the
        words an author sent beside the note (a Party's information, published.TEXT_DATA) while
        the note is withheld (walk 36: a response's words were taken as published)."""
        shown = public_state.get(event.seq)
        data = event.data or {}
        if shown is None or "note" in shown:
            # A declaration of no pending proceeding (False) is words the public waits for too.
            words = published.words_beside_note(data)
            if words or shown is None:
                return bool(words or event.title or event.note)
        return any(getattr(event, name) for name in shown & set(published.TEXT_FIELDS))

    def is_held(event) -> bool:
        if event.kind == "revision_filed" and documents_held(event):
            return True
        if not (event.data or {}).get("publish_requested"):
            return False
        # Held while a field it withholds has text (walk 32: a Council member's reasons, made
        # public, still listed as held because its empty title stayed withheld).
        return text_held(event) or documents_held(event) or public_state.get(event.seq) is None

    held = [event for event in events if is_held(event)]
    for form in forms:  # what a closing step leaves unpublished (a publication: less, walk 98)
        form.held_left = [event for event in held if event.seq not in form.publishes()]
    # The entries a pending proposal would publish (walk 43: the link beside one stayed, and
    # the form it opened was refused: a proposal of that kind was already pending).
    proposed = {
        published.decided_entry(data)
        for proposal in pending
        if (data := proposal.data.get("proposal") or {}).get("kind") == "visibility_changed"
    } | {  # and those a pending publication publishes as sent (walk 98)
        seq
        for proposal in pending
        if (data := proposal.data.get("proposal") or {}).get("kind") == "published"
        for seq in published.published_comments(data)
    }
    for event in held:  # what the link beside it chooses: its words, else its first document
        event.text_held = text_held(event)
        held_now = held_documents(event)
        event.held_document = next(iter(held_now), None)
        # Each document still held, marked in the entry's list (walk 99: an annex sent for the
        # public read "Secretariat, Parties and Council" alone).
        event.held_pks = {document.pk for document in held_now}
        # Not on the docket at all: publishing the entry with its documents is one decision
        # (walk 100: a comment's link chose its first document, and each document took a
        # proposal and an approval of its own).
        event.unseen = public_state.get(event.seq) is None
        event.publication_proposed = event.seq in proposed
    # A proposal nobody answered, made in a stage the case has since left, has lapsed
    # (Context.pending_proposals): said on it, so that its author sees why it vanished from
    # the approvals (the proposal rule's note: another actor's step moved the case on).
    answered = {event.proposal_id for event in events if event.proposal_id}
    # A proposal a later one replaced, by that one's number (walk 77: unmarked, it had only
    # vanished from the approvals).
    replaced_by = {e.proposal_id: e.seq for e in events if e.proposal_id and e.kind == "proposed"}
    published_by = published.publishers(events)
    for event in events:
        event.replaced_by = replaced_by.get(event.pk)
        event.held = event in held
        event.lapsed = (
            event.kind == "proposed"
            and event.pk not in answered
            and lapsing.lapsed(event.data.get("proposal"), event.stage_after, case.stage)
        )
        # At *parties* by its row, public since a later entry published it (a decision on its
        # text, or a publication that attached a Party's comments): the fourteenth walk.
        event.published_later = (
            event.visibility != Visibility.PUBLIC and public_state.get(event.seq) is not None
        )
        event.published_by = published_by.get(event.seq)  # the entry that did (walk 105)
        # Shown only for a document a later decision made public, its own text still held.
        event.opened = published.OPENED in (public_state.get(event.seq) or ())
    memberships = list(case.memberships.select_related("submitter").order_by("position", "id"))
    queries.name_acting_submitters(events, memberships)
    # A public title or summary that names a submitter who has since withheld her identity
    # (one typed after it is refused: services.refuse_withheld_names): the public reads the
    # label in its place (withheld.mask_case), and the officer is asked to reword it.
    names = [m.submitter.name for m in memberships if m.submitter.confidential]
    texts_naming = [
        (label, found[0])
        for _code, title_label, summary_label, title, summary in case.text_rows()
        for label, text in ((title_label, title), (summary_label, summary))
        if (found := withheld.named_in(text, names))
    ]
    # A part of a withheld name in a text the public reads ("el señor Xicará"): not masked, as
    # it may be anyone's; the officer is told where, to judge (walk 89).
    texts_with_parts = [
        (label, parts)
        for _code, title_label, summary_label, title, summary in case.text_rows()
        for label, text in ((title_label, title), (summary_label, summary))
        if (parts := withheld.parts_named_in(text, names))
    ]
    entries_with_parts = [
        (event, *found)
        for event in events
        if (hidden := public_state.get(event.seq)) is not None
        and (found := _name_parts(event, hidden, names))
    ]
    queries.name_parts_proposed(pending, names)
    queries.standing_against(pending)
    queries.out_of_date(pending)
    # What the submitters wrote, which the determinations weigh (the helper's walk: the
    # officer's page showed only the title and laws).
    answers = case.answer_rows()
    related = list(case.related.order_by("identifier"))
    joined = consolidated_on(case, related)
    for other in related:
        other.consolidated_on = joined.get(other.pk)
    return {
        "answers": answers,
        # Checked each time the case is opened (walk 69: a date rewritten in the database
        # showed only on the audit page); its files are the nightly check's (workflow.checks).
        # Every problem, the first named (walk 90: one of two was named, as if alone).
        "broken": problems_of(case, check_files=False),
        "case": case,
        "portal_activity": activity.portal_activity(case),
        "events": events,
        # The day it was acknowledged, when a recorded step says so: an imported history whose
        # registry left it undated is public since its gap's end, not acknowledged then.
        "acknowledged": next((e for e in events if e.kind == "acknowledged"), None),
        "deadlines": deadlines,
        "next_deadline": next_deadline,
        # The kind of the proposal the Executive Director just returned, whose form holds it.
        "returned_kind": returned[0].get("kind", "") if returned and can_act else "",
        "forms": forms,
        "bound": bound,
        "pending": pending,
        "held_for_review": held,
        # Of those, the ones nobody has proposed to publish yet (walk 181: the top box still
        # asked for a review already proposed).
        "held_unproposed": [event for event in held if not event.publication_proposed],
        # Walk 65: the determination on a revision was public, the revision never was.
        "held_revision": any(event.kind == "revision_filed" for event in held),
        "memberships": memberships,
        "texts_naming": texts_naming,
        "texts_with_parts": texts_with_parts,
        "entries_with_parts": entries_with_parts,
        "withheld_label": withheld.WITHHELD_LABEL,
        "laws": case.laws.all(),
        "revised_on": last_revision(events),
        "can_act": can_act,
        "is_director": access.is_director(user),
        "related": related,
        "waiting": waiting,
        "four_eyes": settings.SEM_FOUR_EYES,
        # The Secretariat's edits (views/editing.py); a view re-rendering replaces its own.
        "link_form": LinkRelatedForm(case) if can_act else None,
        "texts_form": PublicTextsForm(case) if can_act else None,
        "version_form": DocumentVersionForm(case) if can_act else None,
    }


@login_required
def case(request, pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, pk=pk)
    access.log_access(request, case)
    return render(request, "workspace/case.html", case_context(request, case))


def _number(value) -> int | None:
    return int(value) if value and value.isdigit() else None


def _replaces(request) -> int | None:
    return _number(request.POST.get("replaces", ""))


def _recorder(kind: str, form):
    """The service that records ``kind``: with the formal documents it issues (generated in
    both languages from the form's findings, or the officer's edited files in their place),
    and for the acknowledgement after the review of what it makes public."""
    if kind == "acknowledged":
        return partial(notice_documents.acknowledge, **form.review_kwargs())
    if notice_documents.issues_documents(kind):
        return partial(notice_documents.record_with_documents, edited=form.edited_documents())
    return None


@login_required
@posted.posted_from("ws_case", "action-{kind}")
def action(request, pk, kind):
    case = access.get_submission_for_staff(request.user, Submission.objects, act=True, pk=pk)
    if not in_procedure(kind) or kind in NOT_OFFERED:  # not a step of this procedure
        raise Http404
    responded = case.events.filter(kind="party_responded").exists()
    if posted.response_moved_on(case, kind, responded):
        # Only what the case page offers, as the portals do (walk 52).
        messages.error(
            request,
            _("This is not offered on this case: %(reason)s")
            % {"reason": _("the Party's response is on record and the case has moved on.")},
        )
        return redirect("ws_case", pk=case.pk)
    form = action_form(kind, case, request.POST, request.FILES)
    if not form.is_valid():
        # Sent back: its valid files wait for the next post (the partial shows them kept).
        form.keep_files()
        return render(request, "workspace/case.html", case_context(request, case, bound=form))
    outcome = posted.post_action(
        request,
        case,
        kind,
        form=form,
        record=_recorder(kind, form),
        replaces=_replaces(request),
        **form.service_kwargs(),
    )
    if not outcome.ok:
        form.keep_files()
        context = case_context(request, case, bound=form)
        return render(request, "workspace/case.html", context, status=outcome.status)
    form.forget_kept()
    if outcome.event.kind == "proposed":
        proposal = outcome.event.data["proposal"]
        proposed = TABLE[kind].label_for(proposal.get("outcome"), proposal)
        said = _("Proposed: “%(action)s” now awaits the Executive Director's approval.") % {
            "action": proposed
        }
        replaced = outcome.event.data.get("proposal_event")
        if isinstance(replaced, int):  # walk 77: the proposal it replaced vanished unsaid
            said += " " + _("It replaces proposal no. %(seq)s.") % {"seq": replaced + 1}
        messages.success(request, said)
    else:
        messages.success(
            request, _("Recorded: “%(action)s”.") % {"action": outcome.event.kind_label}
        )
    return redirect("ws_case", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def file_case(request):
    """Record a filing that arrived on paper or by email."""
    access.require_staff_reader(request.user, act=True)
    form = PaperFilingForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        outcome = posted.attempt(
            request,
            lambda: services.file_submission(
                form.filing(),
                actor=request.user,
                on=form.cleaned_data["filed_on"],
                reason=form.cleaned_data.get("date_reason", ""),
                documents_in=form.documents_in(),
            ),
            form=form,
        )
        if outcome.ok:
            form.forget_kept()
            case = outcome.result
            messages.success(
                request,
                _("Filing recorded with receipt number %(number)s.")
                % {"number": case.receipt_number},
            )
            return redirect("ws_case", pk=case.pk)
        status = outcome.status
    if request.method == "POST":
        form.keep_files()
    return render(
        request,
        "workspace/file.html",
        {"form": form, "countries": country_datalist()},
        status=status,
    )
