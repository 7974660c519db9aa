"""Four eyes: the Executive Director's list of proposals, approved or returned with a comment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from secretariat.workspace import queries
from secretariat.workspace.forms import ReturnForm
from submissions import access
from submissions.models import Submission
from workflow import services
from workflow.describe import describe
from workflow.exceptions import CaseMovedOn, NotAllowed, WorkflowError
from workflow.table import TABLE


@login_required
def approvals(request):
    access.require_staff_reader(request.user)
    proposals = list(queries.approval_list(access.staff_submissions(request.user)))
    for proposal in proposals:
        proposed = proposal.data.get("proposal", {})
        rule = TABLE.get(proposed.get("kind"))
        proposal.proposed_label = rule.label if rule else proposed.get("kind")
        proposal.proposed = proposed
        proposal.own = proposal.recorded_by_id == request.user.pk
        proposal.details = describe(proposal)
    return render(
        request,
        "workspace/approvals.html",
        {
            "proposals": proposals,
            "is_director": access.is_director(request.user),
            "return_form": ReturnForm(),
        },
    )


def _director_case(request, pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, act=True, pk=pk)
    if not access.is_director(request.user):
        raise PermissionDenied
    return case


def _seen(request):
    try:
        return int(request.POST.get("event_count", ""))
    except ValueError:
        return None


def _back(request, case):
    """Back to where the director pressed the button: the case or the approval list."""
    if request.POST.get("back") == "case":
        return redirect("ws_case", pk=case.pk)
    return redirect("ws_approvals")


@login_required
@require_POST
def approve(request, pk, seq):
    case = _director_case(request, pk)
    try:
        event = services.approve_proposal(
            case, seq, actor=request.user, expected_event_count=_seen(request)
        )
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except (CaseMovedOn, WorkflowError) as exc:
        messages.error(request, str(exc))
        return _back(request, case)
    messages.success(
        request,
        _("Approved: “%(action)s” is recorded on %(case)s.")
        % {"action": event.kind_label, "case": case.reference},
    )
    return _back(request, case)


@login_required
@require_POST
def return_proposal(request, pk, seq):
    case = _director_case(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the proposal is returned."))
        return _back(request, case)
    try:
        services.return_proposal(
            case,
            seq,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_event_count=_seen(request),
        )
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return _back(request, case)
    messages.success(request, _("The proposal was returned to the officer with your comment."))
    return _back(request, case)
