"""The Secretariat's edits to a case that are not steps of the process: related submissions,
the public texts, a later version (translation, redacted copy) of a document on file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from secretariat.web import actions as posted
from secretariat.workspace.case_forms import DocumentVersionForm, LinkRelatedForm, PublicTextsForm
from secretariat.workspace.views.case import case_context
from submissions import access
from submissions.models import Submission
from workflow import services


def _again(request, case, name, form, status: int = 200):
    """The case page again, with this form open and its errors."""
    context = case_context(request, case)
    context[name] = form
    return render(request, "workspace/case.html", context, status=status)


def _apply(request, case, name, form, call, done: str):
    """Run a service; a workflow error shows the form again with its message and status."""
    outcome = posted.attempt(request, call, form=form)
    if not outcome.ok:
        return _again(request, case, name, form, status=outcome.status)
    messages.success(request, done)
    return redirect("ws_case", pk=case.pk)


@login_required
@posted.posted_from("ws_case", "editing-heading")
def link_related(request, pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, act=True, pk=pk)
    form = LinkRelatedForm(case, request.POST)
    if not form.is_valid():
        return _again(request, case, "link_form", form)
    other = form.cleaned_data["other"]
    service = (
        services.link_related if form.cleaned_data["action"] == "link" else services.unlink_related
    )
    return _apply(
        request,
        case,
        "link_form",
        form,
        lambda: service(case, other, actor=request.user, reason=form.cleaned_data["reason"]),
        _("Related submissions updated."),
    )


@login_required
@posted.posted_from("ws_case", "editing-heading")
def public_texts(request, pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, act=True, pk=pk)
    form = PublicTextsForm(case, request.POST)
    if not form.is_valid():
        return _again(request, case, "texts_form", form)
    return _apply(
        request,
        case,
        "texts_form",
        form,
        lambda: services.set_public_texts(case, actor=request.user, **form.cleaned_data),
        _("Public texts saved."),
    )


@login_required
@posted.posted_from("ws_case", "editing-heading")
def document_version(request, pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, act=True, pk=pk)
    form = DocumentVersionForm(case, request.POST, request.FILES)
    if not form.is_valid():
        return _again(request, case, "version_form", form)
    data = form.cleaned_data
    return _apply(
        request,
        case,
        "version_form",
        form,
        lambda: services.add_document_version(
            case,
            actor=request.user,
            document=data["document"],
            file=data["file"],
            language=data["language"],
            title=data["title"],
            translation=data["version"] == "translation",
            redacted=data["version"] == "redacted",
            official=data["official"],
            visibility=data["visibility"],
            reason=data["reason"],
            expected_event_count=posted.seen_event_count(request),
        ),
        _("Document added."),
    )
