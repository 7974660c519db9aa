"""Filing a submission online, and its receipt.

The form goes through ``workflow.services.file_submission`` and nothing else; a domain error
comes back as a message on the form. Every answer, kept files included, survives a failed
post.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secretariat.public import cache as public_cache
from secretariat.public import ratelimit
from secretariat.public.filing_forms import (
    ATTACHMENT_SLOTS,
    LAW_ROWS,
    MAX_SUBMITTERS,
    FilingForm,
    SubmitterForm,
)
from secretariat.web import actions
from secretariat.web.countries import country_datalist
from submissions import access, profiles, uploads, withheld
from submissions.models import Document, Submission, SubmissionSubmitter
from workflow import services
from workflow.actors import Actor
from workflow.deadlines import explain, merged_by_party

RECEIPT_SESSION_KEY = "filing_receipt"
COUNT_FIELD = "submitters"  # how many submitter fieldsets the page showed
ADD_BUTTON = "add_submitter"  # "Add another submitter": the form again, with one more fieldset


def _submitter_count(data, files=None) -> int:
    """The fieldsets to bind: as many as the page showed, and at least up to the last one that
    holds an answer (a post made without the count keeps every submitter it names)."""
    try:
        shown = int(data.get(COUNT_FIELD, 1))
    except (TypeError, ValueError):
        shown = 1
    files = files or {}
    answered = [
        i + 1
        for i in range(MAX_SUBMITTERS)
        if any(
            data.get(f"s{i}-{name}") or files.get(f"s{i}-{name}") for name in SubmitterForm.ANSWERS
        )
    ]
    return max(1, min(MAX_SUBMITTERS, max([shown, *answered])))


def _forms(data=None, files=None, initial_from=None, count=1):
    """The submission form and its ``count`` submitter fieldsets (s0 required, s1… optional)."""

    def initial(form_class, prefix, **kwargs):
        if initial_from is None:
            return form_class(prefix=prefix, **kwargs)
        # Re-shown without validation (honeypot, rate limit): the answers as initial values.
        probe = form_class(prefix=prefix, **kwargs)
        values = {
            name: initial_from.get(probe.add_prefix(name))
            for name in probe.fields
            if initial_from.get(probe.add_prefix(name)) not in (None, "")
        }
        return form_class(prefix=prefix, initial=values, **kwargs)

    if data is None:
        filing = initial(FilingForm, "f")
        people = [
            initial(SubmitterForm, f"s{i}", primary=i == 0, number=i, use_required_attribute=i == 0)
            for i in range(count)
        ]
        return filing, people
    filing = FilingForm(data, files, prefix="f")
    people = [
        SubmitterForm(
            data,
            files,
            prefix=f"s{i}",
            primary=i == 0,
            number=i,  # its legend's "Co-submitter <i>" (the first has none)
            empty_permitted=i > 0,
            use_required_attribute=i == 0,
        )
        for i in range(count)
    ]
    return filing, people


def _kept_answers(data, forms):
    """The posted answers with the tokens of the files the forms have just kept."""
    kept = data.copy()
    for form in forms:
        for name in list(kept):
            if name.startswith(f"{form.prefix}-") and name not in form.data:
                del kept[name]  # a file's "remove" box, done
        for name in form.data:
            if name.startswith(f"{form.prefix}-"):
                kept.setlist(name, form.data.getlist(name))
    return kept


def _eligibility_warnings(filing: FilingForm, people: list[SubmitterForm]) -> list[str]:
    """Criterion (f) and Art. 18.8.3, told before filing; the Secretariat decides. Of each
    submitter whose details are valid, once the Party is (walk 137: told only after every
    other problem was mended, the filer sent the form a third time)."""
    party = filing.cleaned_data.get("party")
    if not party or filing.cleaned_data.get("eligibility_confirmed"):
        return []
    warnings = []
    for form in people:
        if (not form.has_changed() and form.empty_permitted) or form.errors:
            continue
        person = form.person()
        if person.may_file_about(party):
            continue
        # The profile's words (submissions.profiles): its articles, its Parties.
        texts = profiles.installed().eligibility_warnings
        parties = person.parties()
        if party in parties:  # the profile bars its own persons from filing about it
            text = texts["own_party_and_another"] if len(parties) > 1 else texts["own_party"]
        else:
            text = texts["not_a_person_of_a_party"]
        warnings.append(text % {"name": person.name})
    return warnings


# The filing form's fields in the order the page shows them (templates/filing/form.html): the
# eligibility confirmation above section 1 (the submitters' forms), then sections 2 to 8.
ABOVE_SUBMITTERS = ("eligibility_confirmed",)
BELOW_SUBMITTERS = (
    "party",
    "language",
    "title",
    *(f"law_{i}_{part}" for i in range(LAW_ROWS) for part in ("name", "provisions")),
    *Submission.ANSWERS,
    *(
        f"attachment_{i}{part}"
        for i in range(ATTACHMENT_SLOTS)
        for part in ("_remove", "", "_title", "_confidential")
    ),
    "declaration",
)


def _error_links(filing, people) -> list:
    """The error summary's links in the page's order: the filing's own errors, the eligibility
    confirmation, section 1 (each submitter), then sections 2 to 8 (and any field the list
    above does not name, last)."""
    named = {*ABOVE_SUBMITTERS, *BELOW_SUBMITTERS}
    rest = [name for name in filing.fields if name not in named]
    links = [("", "", message) for message in filing.non_field_errors()] if filing.is_bound else []
    links += filing.error_links(ABOVE_SUBMITTERS)
    links += [link for person in people for link in person.error_links()]
    return links + filing.error_links([*BELOW_SUBMITTERS, *rest])


def _render_form(request, filing, people, *, warnings=(), problem="", status=200):
    error_links = _error_links(filing, people)
    context = {
        "filing": filing,
        "primary": people[0],
        "co_submitters": people[1:],
        "submitter_count": len(people),
        "may_add_submitter": len(people) < MAX_SUBMITTERS,
        "max_submitters": MAX_SUBMITTERS,
        "countries": country_datalist(),
        "error_links": error_links,
        "warnings": warnings,
        "problem": problem,
    }
    if request.method == "GET" and not filing.is_bound and not warnings and not problem:
        # The blank form is the same for every visitor in a language (its CSRF token, outside
        # this part, is each visitor's own): made once per version, not per new URL.
        context["form_body"] = public_cache.remember(
            "filing-form-blank",
            lambda: render_to_string("filing/_form_body.html", context, request=request),
        )
    return render(request, "filing/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def file_form(request):
    """The submission form at /<lang>/file/."""
    if request.method == "GET":
        filing, people = _forms()
        return _render_form(request, filing, people)

    count = _submitter_count(request.POST, request.FILES)
    if not ratelimit.allow(request, "filing"):
        filing, people = _forms(initial_from=request.POST, count=count)
        problem = _(
            "Too many forms have been sent from your connection in a short time. Your answers "
            "are below: please wait an hour and send the form again."
        )
        return _render_form(request, filing, people, problem=problem, status=429)
    if ADD_BUTTON in request.POST:
        # Checking the forms keeps their files (signed tokens); their errors wait for "Send".
        filing, people = _forms(request.POST, request.FILES, count=count)
        for form in [filing, *people]:
            form.is_valid()
        kept = _kept_answers(request.POST, [filing, *people])
        filing, people = _forms(initial_from=kept, count=min(count + 1, MAX_SUBMITTERS))
        return _render_form(request, filing, people)
    if request.POST.get("f-website"):
        filing, people = _forms(initial_from=request.POST, count=count)
        problem = _(
            "The form could not be accepted because the field “Leave this field empty” was "
            "filled in. Empty it and send the form again."
        )
        return _render_form(request, filing, people, problem=problem, status=400)

    filing, people = _forms(request.POST, request.FILES, count=count)
    results = [form.is_valid() for form in [filing, *people]]  # every form, for every error
    warnings = _eligibility_warnings(filing, people)
    if warnings or not all(results):
        return _render_form(request, filing, people, warnings=warnings)

    opened = []
    try:
        outcome = actions.attempt(
            request,
            lambda: services.file_submission(
                _filing_input(filing, people, opened),
                actor=Actor.public(),
                documents_in=_documents(filing, opened),
            ),
            form=filing,
        )
    finally:
        for fileobj in opened:
            fileobj.close()
    if not outcome.ok:
        return _render_form(request, filing, people, warnings=warnings, status=outcome.status)
    submission = outcome.result
    _forget_pending(filing, people)
    membership = submission.memberships.order_by("position", "id").first()
    request.session[RECEIPT_SESSION_KEY] = membership.pk
    return redirect("file_receipt")


def _filing_input(filing, people, opened) -> services.FilingInput:
    data = filing.cleaned_data
    submitters = []
    for form in people:
        if form.empty_permitted and not form.has_changed():
            continue
        person = form.cleaned_data
        identity = form.pending_identity.open() if form.pending_identity else None
        if identity is not None:
            opened.append(identity)
        submitters.append(
            services.SubmitterInput(
                kind=person["kind"],
                name=person["name"].strip(),
                nationality=person["nationality"],
                residence=person.get("residence") or "",
                email=person["email"],
                phone=person.get("phone", "").strip(),
                postal_address=person.get("postal_address", "").strip(),
                preferred_language=person["preferred_language"],
                confidential=bool(person.get("confidential")),
                identity_document=identity,
            )
        )
    return services.FilingInput(
        party=data["party"],
        language=data["language"],
        title=data["title"].strip(),
        submitters=submitters,
        laws=[services.LawInput(name, provisions) for name, provisions in filing.laws()],
        facts=data["facts"],
        authorities_communication=data["authorities_communication"],
        authorities_response=data.get("authorities_response", ""),
        private_remedies=data.get("private_remedies", ""),
        harm=data.get("harm", ""),
        relies_on_media_only=data["relies_on_media_only"] == "yes",
    )


def _documents(filing, opened) -> list:
    """The filing's attachments. One without a title is named as what it is, in the filing's
    language ("Anexo o prueba 2"), never by its file name, which the public would read as its
    title and which may carry a person's name (walk 30; a revision's files are named so too).
    The Secretariat still sees the file name in its workspace."""
    documents = []
    language = filing.cleaned_data["language"]
    for position, (pending, title, confidential) in enumerate(filing.attachments(), start=1):
        if not title:
            with translation.override(language):
                title = f"{Document.Kind.ANNEX.label} {position}"
        document = uploads.document_input(
            pending,
            title=title,
            language=language,
            confidential=confidential,
            kind="annex",
        )
        opened.append(document.file)
        documents.append(document)
    return documents


def _forget_pending(filing, people) -> None:
    """The workflow has copied the kept files to their final place: remove the temporary ones."""
    for pending, _title, _confidential in filing.attachments():
        pending.delete()
    for form in people:
        if form.pending_identity is not None:
            form.pending_identity.delete()


def deadline_rows(submission) -> list[dict]:
    """Open deadlines, soonest first, each explained in the page's language."""
    return [
        {
            "kind": deadline.kind,
            "target": deadline.is_target,
            "label": deadline.kind_label,
            # One period per Party (comments on the draft): whose, those ending alike as one.
            "parties": deadline.parties,
            "due_on": deadline.due_on,
            "explanation": explain(deadline),
        }
        for deadline in merged_by_party(
            submission.deadlines.filter(state="open").order_by("due_on", "id")
        )
    ]


@require_http_methods(["GET"])
def file_receipt(request):
    """The receipt of the filing just made in this browser session."""
    pk = request.session.get(RECEIPT_SESSION_KEY)
    membership = (
        SubmissionSubmitter.objects.select_related("submission__party", "submitter")
        .filter(pk=pk, token_revoked_at__isnull=True)
        .first()
        if isinstance(pk, int)
        else None
    )
    if membership is None:
        raise Http404
    submission = access.get_submission_for_user(
        None, Submission.objects, membership=membership, pk=membership.submission_id
    )
    tracking_url = request.build_absolute_uri(
        reverse("track", kwargs={"token": membership.tracking_token})
    )
    return render(
        request,
        "filing/receipt.html",
        {
            "submission": submission,
            "membership": membership,
            "deadlines": deadline_rows(submission),
            "tracking_url": tracking_url,
            "submitters": submission.memberships.select_related("submitter").order_by(
                "position", "id"
            ),
            # Walk 177: the withholding asked for was confirmed on the tracking page alone.
            "withheld_label": withheld.WITHHELD_LABEL,
        },
    )
