"""Information for a factual record from anyone, while a call for information is open
(Article 18.9.4(b)): recorded as an `information_submitted` event for the Secretariat to
review."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secretariat.public import ratelimit
from secretariat.public.filing_forms import InformationForm
from secretariat.web import actions as posted
from secretariat.web.countries import current_language
from submissions import access
from submissions.storage import DocumentInput
from workflow.actors import Actor
from workflow.services.actions import refusal


def _call_open(submission) -> bool:
    """Whether the workflow offers this action to the public now (a call is open)."""
    return refusal(submission, Actor.public(), "information_submitted") is None


@require_http_methods(["GET", "POST"])
def information_submit(request, slug):
    submission = access.get_submission_for_user(None, access.public_submissions(), slug=slug)
    context = {"submission": submission, "call_open": _call_open(submission)}
    if not context["call_open"]:
        return render(request, "filing/information.html", context, status=200)
    status = 200
    if request.method == "POST":
        if not ratelimit.allow(request, "information"):
            form = InformationForm(initial=_initial(request.POST))
            context["problem"] = _(
                "Too many forms have been sent from your connection in a short time. Your "
                "answers are below: please wait an hour and send the form again."
            )
            status = 429
        else:
            form = InformationForm(request.POST, request.FILES)
            form.scan_reference = submission.receipt_number
            status = 400
            if form.is_valid():
                outcome = _record(request, submission, form)
                if outcome.ok:
                    form.forget_kept()
                    return render(request, "filing/information_thanks.html", context)
                status = outcome.status
            form.keep_files()  # its valid files come back with the page (walk 83)
    else:
        form = InformationForm()
    context["form"] = form
    return render(request, "filing/information.html", context, status=status)


def _initial(data) -> dict:
    names = ("name", "organization", "email", "note")
    return {name: data.get(name, "")[:50_000] for name in names}


def _record(request, submission, form: InformationForm) -> posted.Outcome:
    data = form.cleaned_data
    return posted.post_action(
        request,
        submission,
        "information_submitted",
        actor=Actor.public(data["name"].strip()),
        form=form,
        data={
            "name": data["name"].strip(),
            "organization": data.get("organization", "").strip(),
            "email": data["email"],
        },
        note=data["note"].strip(),
        documents_in=[
            DocumentInput(title=upload.name, language=current_language(), file=upload)
            for upload, _confidential in form.uploaded()
        ],
    )
