"""Information for a factual record from anyone, while a call for information is open
(Article 18.9.4(b)): recorded as an `information_submitted` event for the Secretariat to
review."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secretariat.public import ratelimit
from secretariat.public.filing_forms import InformationForm, current_language
from submissions import access
from submissions.storage import DocumentInput
from workflow import services
from workflow.actors import Actor
from workflow.exceptions import WorkflowError


def _call_open(submission) -> bool:
    return services.Context(submission).call_open(services.today())


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
            if form.is_valid():
                try:
                    _record(submission, form)
                except WorkflowError as error:
                    form.add_error(None, error.message)
                else:
                    return render(request, "filing/information_thanks.html", context)
            status = 400
    else:
        form = InformationForm()
    form.describe()
    context["form"] = form
    return render(request, "filing/information.html", context, status=status)


def _initial(data) -> dict:
    names = ("name", "organization", "email", "note")
    return {name: data.get(name, "")[:50_000] for name in names}


def _record(submission, form: InformationForm) -> None:
    data = form.cleaned_data
    services.record_event(
        submission,
        "information_submitted",
        actor=Actor.public(data["name"].strip()),
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
