"""Four eyes: the Executive Director's list of proposals, approved or returned with a comment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from secretariat.web import actions as posted
from secretariat.workspace import queries
from secretariat.workspace.forms import ReturnForm
from secretariat.workspace.views.case import case_context
from submissions import access
from submissions.models import Submission
from submissions.stages import Visibility
from workflow.describe import describe_all


@login_required
def approvals(request):
    access.require_staff_reader(request.user)
    return _approval_list(request)


def _approval_list(request, status: int = 200, **sent_back):
    proposals = list(queries.approval_list(access.staff_submissions(request.user)))
    queries.what_they_publish(proposals)
    queries.texts_they_publish(proposals)
    queries.name_parts_proposed(proposals)
    queries.standing_against(proposals)
    queries.out_of_date(proposals)
    describe_all(proposals)
    for proposal in proposals:
        proposal.proposed = proposal.data.get("proposal", {})
        proposal.own = proposal.recorded_by_id == request.user.pk
        # Each document with the audience approving gives it (walk 77: listed by language
        # alone, the Director could not tell which would be public).
        levels = [item.get("visibility") for item in proposal.proposed.get("documents") or []]
        proposal.listed_documents = sorted(proposal.documents.all(), key=lambda d: d.position)
        for document in proposal.listed_documents:
            level = levels[document.position] if document.position < len(levels) else None
            document.becomes = Visibility(level).label if level in Visibility.values else ""
    return render(
        request,
        "workspace/approvals.html",
        {
            "proposals": proposals,
            "is_director": access.is_director(request.user),
            **sent_back,
        },
        status=status,
    )


def _proposal_pk(case, seq: int) -> str:
    """The proposal's pk, which its return form's ids end with (templatetags.return_forms)."""
    pk = case.events.filter(seq=seq).values_list("pk", flat=True).first()
    return str(pk or seq)


def _director_case(request, pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, act=True, pk=pk)
    if not access.is_director(request.user):
        raise PermissionDenied
    return case


def _back(request, case):
    """Back to where the director pressed the button: the case or the approval list. A
    refusal goes back there too, its message kept for that page (walk 77 was left at the
    button's address, where reloading would have posted again)."""
    if request.POST.get("back") == "case":
        return redirect("ws_case", pk=case.pk)
    return redirect("ws_approvals")


@login_required
@posted.posted_from("ws_case", "pending-heading")
def approve(request, pk, seq):
    case = _director_case(request, pk)
    outcome = posted.post_approval(request, case, seq)
    if not outcome.ok:
        return _back(request, case)  # with the workflow's message (posted.attempt)
    messages.success(
        request,
        _("Approved: “%(action)s” is recorded on %(case)s.")
        % {"action": outcome.event.kind_label, "case": case.reference},
    )
    return _back(request, case)


@login_required
@posted.posted_from("ws_case", "pending-heading")
def return_proposal(request, pk, seq):
    case = _director_case(request, pk)
    form = ReturnForm(request.POST, auto_id=f"return-%s-{_proposal_pk(case, seq)}")
    if not form.is_valid():
        # The page it was sent from again, this form open with its errors, as every form of
        # the site is (walk 83: an empty comment had the browser's bubble, or a redirect).
        sent_back = {"return_form": form, "return_for": (case.pk, seq)}
        if request.POST.get("back") == "case":
            context = {**case_context(request, case), **sent_back}
            return render(request, "workspace/case.html", context)
        return _approval_list(request, **sent_back)
    outcome = posted.post_return(request, case, seq, comment=form.cleaned_data["comment"])
    if not outcome.ok:
        return _back(request, case)  # with the workflow's message (posted.attempt)
    messages.success(request, _("The proposal was returned to the officer with your comment."))
    return _back(request, case)
