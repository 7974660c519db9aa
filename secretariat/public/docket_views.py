"""The public docket: list with search and filters, case pages, public document downloads, the
CSV export and the statistics page.

Every view takes its data only through the public gate of ``submissions.access``: the docket
shows the public view of a case to everyone, signed in or not (staff use the workspace).
"""

import datetime
from collections import defaultdict

from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_safe

from notices import services as notice_documents
from secretariat.public import statistics
from secretariat.public.cache import KeptCountPaginator, remember
from secretariat.templatetags.sem_text import colon
from secretariat.web import downloads
from secretariat.web.forms import AccessibleForm
from submissions import access, profiles, published, withheld
from submissions.models import SubmissionLaw, SubmissionSubmitter
from submissions.search import PAGE_SIZE, DocketFilterForm, docket_queryset
from submissions.stages import COMMENTS_IN, ClosureReason, Stage
from workflow import cofilers, council
from workflow.deadlines import explain, mark_comments_in, merged_by_party
from workflow.describe import describe_all
from workflow.models import Deadline, Event
from workflow.profile_guards import consolidated_on

CALL_STAGES = (Stage.FACTUAL_RECORD_PREPARATION, Stage.DRAFT_COMMENT_PERIOD)


def with_public_people(queryset):
    """The prefetches every list of cases needs (a fixed number of queries for any page)."""
    return queryset.select_related("party").prefetch_related(
        Prefetch(
            "memberships",
            queryset=SubmissionSubmitter.objects.select_related("submitter").order_by(
                "position", "id"
            ),
        ),
        Prefetch(
            "submissionlaw_set",
            queryset=SubmissionLaw.objects.select_related("law").order_by("position", "id"),
        ),
    )


def public_submitter_names(submission, gone=()) -> list[str]:
    """The names the public sees, the withheld ones as one label (``withheld.public_names``);
    ``gone``: the positions of those who left the submission, said beside their names (walk
    154: "Remitentes: …; Asociación Río Vivo" read as if it were still on it)."""
    return withheld.public_names(
        (
            _("%(name)s (left the submission)") % {"name": m.submitter.name}
            if position in gone
            else m.submitter.name,
            m.submitter.confidential,
        )
        for position, m in enumerate(submission.memberships.all())
    )


def _decorate(submissions):
    for submission in submissions:
        submission.public_submitters = public_submitter_names(submission)
        submission.law_list = [link.law for link in submission.submissionlaw_set.all()]
    return submissions


# The columns a row of the docket list shows; the long texts (summaries, facts) stay in the
# database (tests/docket/test_queries.py: no query per row).
LIST_FIELDS = (
    "identifier",
    "slug",
    "stage",
    "closure_reason",
    "filed_on",
    "last_public_on",
    "language",  # the laws are written in it (their list is marked so)
    *(f"title_{code}" for code in profiles.installed().languages),
    "party__code",
    "party__name_en",
    "party__name_es",
)


def _list_rows(submissions):
    """What each row of the list shows, made in Python once per page: a page has twenty rows,
    and the template language costs more per value than the value itself (make bench). The
    submitters' names and the laws come as plain values, two queries for the page (a
    ``prefetch_related`` makes models and a queryset per row: a third of the page's time)."""
    submissions = list(submissions)
    if not submissions:
        return submissions
    pks = [submission.pk for submission in submissions]
    names, laws, withheld_names = defaultdict(list), defaultdict(list), defaultdict(list)
    for pk, name, confidential in (
        SubmissionSubmitter.objects.filter(submission_id__in=pks)
        .order_by("position", "id")
        .values_list("submission_id", "submitter__name", "submitter__confidential")
    ):
        names[pk].append((name, confidential))
        if confidential:
            withheld_names[pk].append(name)
    for pk, name, provisions in (
        SubmissionLaw.objects.filter(submission_id__in=pks)
        .order_by("position", "id")
        .values_list("submission_id", "law__name", "law__provisions")
    ):
        laws[pk].append(f"{name} ({provisions})" if provisions else name)
    for submission in submissions:
        submission.public_submitters = withheld.public_names(names[submission.pk])
        submission.law_list = laws[submission.pk]
        # A withheld name its title still writes (typed before she withheld it): the label.
        withheld.mask_case(submission, withheld_names[submission.pk])
    # The case page's address reversed once, for the first row, then with each row's slug.
    first = submissions[0].slug
    head, tail = reverse("docket_case", args=[first]).rsplit(first, 1)
    stages = {}
    mark_comments_in(submissions)  # as the case page reads its stage (walk 65)
    for submission in submissions:
        submission.public_url = f"{head}{submission.slug}{tail}"
        if submission.stage not in stages:
            stages[submission.stage] = submission.get_stage_display()
        submission.stage_label = _stage_words(submission, stages[submission.stage])
    return submissions


class DocketPageForm(DocketFilterForm, AccessibleForm):
    """The docket's parameters (those the API, the CSV and the feeds read too) as the page's
    search form: its fields through ``forms/_field.html``, each naming its help and errors, and
    its errors in the site's summary (walk 83: the law's input did not name its error)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].help_text = format_lazy(
            "{} {}",
            gettext_lazy(
                "Titles, summaries, environmental laws and the titles of public documents, in "
                "English and Spanish."
            ),
            gettext_lazy(
                "Also the names of the submitters, except those withheld at their request."
            ),
        )
        # The base names the partial's <auto_id>-help, as on every other form.
        self.fields["law"].widget.attrs.pop("aria-describedby", None)

    def error_links(self, fields=None):
        # The page number has no control of its own (the pagination's links set it): said, not
        # linked.
        page = self["page"]
        links = []
        for anchor, label, message in super().error_links(fields):
            if anchor == page.id_for_label:
                anchor, label, message = "", "", f"{page.label}{colon()} {message}"
            links.append((anchor, label, message))
        return links


@require_safe
def docket(request):
    """Every registered case, searchable and filterable, 20 to a page."""
    form = DocketPageForm(request.GET)
    # As submissions.search.docket_queryset, with the page's form: from the public gate.
    queryset = form.apply(access.public_submissions()) if form.is_valid() else None
    page = None
    if queryset is not None:
        paginator = KeptCountPaginator(
            queryset.select_related("party").only(*LIST_FIELDS),
            PAGE_SIZE,
            search=repr(sorted(form.active_filters().items())),
        )
        page = paginator.asked(form)
        if page is not None:
            page.object_list = _list_rows(page.object_list)
    filters = form.active_filters()
    return render(
        request,
        "docket/list.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "query_string": _encode(filters),
            "filters_html": _filters_html(form, filters),
            # The filters the search applies beside its words, named on the fold.
            "chosen_filters": _chosen(form, filters),
        },
        status=200 if page is not None else 404 if queryset is not None else 400,
    )


def _left(submission, events) -> list[tuple[str, object]]:
    """Who left the submission, as the public reads their names, with the day (walk 149: the
    list of submitters read as if they were all still on it)."""
    members = list(submission.memberships.all())  # prefetched, by position
    left = []
    for event in events:
        index = event.data.get("submitter") if event.kind == "submitter_left" else None
        if type(index) is int and 0 <= index < len(members):
            submitter = members[index].submitter
            left.append((access.submitter_name(submitter, False), event.on))
    return left


def _chosen(form, filters: dict) -> list[str]:
    """The filters chosen, as their lists name them ("Perú", "En trámite"; walk 146: the fold
    said how many were chosen, not which)."""
    chosen = []
    for name, value in filters.items():
        if name not in ("q", "page", "sort"):
            labels = {str(key): label for key, label in getattr(form.fields[name], "choices", ())}
            chosen.append(str(labels.get(str(value), value)))
    return chosen


def _filters_html(form, filters: dict):
    """The filter controls, which depend only on the choices made and the language: made once
    per version (the form renderer draws each option through two templates). Not kept when the
    form has errors, which are shown beside the controls."""
    if form.errors:
        return None
    chosen = sorted((name, value) for name, value in filters.items() if name != "q")
    return remember(
        f"docket-filters:{chosen!r}",
        lambda: render_to_string("docket/_filters.html", {"form": form}),
    )


def _encode(filters: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(filters)


@require_safe
def typed_identifier(request, typed):
    """A case's address typed with its identifier as printed (walk 18: ``SEM-17-001`` was a
    404): to the page at its slug, which answers 404 itself if there is no such case."""
    return redirect("docket_case", slug=typed.lower())


@require_safe
def docket_case(request, slug):
    """Everything PROCESS.md's "What the public docket shows" lists, for one case."""
    submission = access.get_submission_for_user(
        None, with_public_people(access.public_submissions()), slug=slug
    )
    # What the public sees of each event: Parties' items only once published, text redacted
    # by the Secretariat blank (derived from all the case's events; the rows never change).
    names = withheld.names_of(submission)  # typed into a title or note: the label instead
    withheld.mask_case(submission, names)
    events = published.public_timeline(
        Event.objects.filter(submission=submission).order_by("seq"), names, submission.language
    )
    documents = list(
        published.public_documents_of(events)
        .select_related("event")
        .order_by("event_id", "position", "id")
    )
    attach_documents(events, documents, submission.filed_on, names)
    council.tally(events)
    # Each decision's outcome and findings in the reader's language (the reasons are the
    # event's note), with a withheld name never shown.
    describe_all(events, public=True)
    deadlines = list(
        # With the periods a legacy history's unrecorded steps skipped: shown as unknown.
        Deadline.objects.filter(
            submission=submission, state__in=(Deadline.State.OPEN, Deadline.State.UNKNOWN)
        )
        .public()
        .order_by("due_on", "id")
    )
    for deadline in deadlines:
        deadline.explained = explain(deadline)
    # Those a legacy history skipped are not open: listed apart, as what the registry does not
    # tell (walk 18: a closed case listed them under "Open deadlines").
    unknown = [d for d in deadlines if d.state == Deadline.State.UNKNOWN]
    deadlines = merged_by_party(d for d in deadlines if d.state != Deadline.State.UNKNOWN)
    related = list(access.public_submissions(submission.related.all()).order_by("identifier"))
    withheld.mask_cases(related)
    # A related case consolidated with this one says so, with the day (issue #18).
    joined = consolidated_on(submission, related)
    for other in related:
        other.consolidated_on = joined.get(other.pk)
    _decorate([submission])
    submission.public_submitters = public_submitter_names(submission, cofilers.left(events))
    context = {
        "submission": submission,
        "left": _left(submission, events),
        "events": events,
        "deadlines": deadlines,
        "unknown_deadlines": unknown,
        "today": timezone.localdate(),
        "related": related,
        "call": _open_call(submission, events),
        # Once published, the record itself near the top, not only in the timeline; the
        # record first, before its cover letter (walk 48).
        "final_record": next(
            (
                sorted(e.public_documents, key=lambda d: d.kind != "final_factual_record")
                for e in events
                if e.kind == "final_submitted" and e.public_documents
            ),
            [],
        ),
        # And beside it the Parties' comments on its draft that are public: attached to the
        # published record (the CEC's Council resolutions) or published at a Party's request.
        "draft_comments": [
            document
            for e in events
            if e.kind == "draft_commented"
            for document in e.public_documents
        ],
    }
    context.update(_other_languages(submission, (request.LANGUAGE_CODE or "")[:2]))
    return render(request, "docket/case.html", context)


# A section in another language is headed in that language, whatever the page's.
NATIVE_HEADINGS = {"en": "In English", "es": "En español", "fr": "En français"}


def _other_languages(submission, language: str) -> dict:
    """The summary's language, and the title and summary in each other language they are
    written in that the page does not already show (as a fallback) in their place."""
    title_shown = submission.shown_text("title", language)[1]
    summary_shown = submission.shown_text("summary", language)[1]
    others = []
    for code in LANGUAGES:
        if code == language:
            continue
        title = getattr(submission, f"title_{code}")
        summary = getattr(submission, f"summary_{code}")
        # Only what the page does not already show in that language (walk 18: an English
        # summary shown as the fallback came again under "In English").
        title = title if title_shown != code else ""
        summary = summary if summary_shown != code else ""
        if title or summary:
            others.append(
                {
                    "language": code,
                    "heading": NATIVE_HEADINGS.get(code, code),
                    "title": title,
                    "summary": summary,
                }
            )
    return {
        "summary_language": summary_shown,
        "other_texts": others,
        # Whether the summary shown as a fallback is also written in yet another language.
        "summary_elsewhere": any(other["summary"] for other in others),
    }


def attach_documents(events, documents, filed_on, names=()):
    """Each public event gets its public documents, each original with its public language
    versions (Document.translations) beside it (``filed_on``: the case's, for its era's
    document titles), any of ``names`` (the case's withheld submitters') a title writes in the
    withheld label's place (the rows are never saved from here)."""
    public_ids = {d.pk for d in documents}
    for document in documents:
        document.title = withheld.masked(document.title, names, document.language)
    versions: dict[int, list] = {}
    for document in documents:
        if document.translation_of_id in public_ids:
            versions.setdefault(document.translation_of_id, []).append(document)
    by_event: dict[int, list] = {}
    for document in documents:
        if document.translation_of_id in public_ids:
            continue
        document.versions = [document, *versions.get(document.pk, [])]
        for version in document.versions:
            version.readable = notice_documents.generated_kind(version, filed_on) is not None
        by_event.setdefault(document.event_id, []).append(document)
    for event in events:
        event.public_documents = by_event.get(event.pk, [])


def _open_call(submission, events):
    """The open call for information, if any: the latest public ``information_called`` while
    the record is being prepared and before its closing date."""
    if submission.stage not in CALL_STAGES:
        return None
    calls = [e for e in events if e.kind == "information_called"]
    if not calls:
        return None
    call = calls[-1]
    closes_on = call.data.get("closes_on")
    if closes_on:
        closes_on = datetime.date.fromisoformat(closes_on)
        if closes_on < timezone.localdate():
            return None
    return {"event": call, "closes_on": closes_on}


@require_safe
def document_read(request, slug, pk):
    """A public formal document as an accessible, printable page: composed again from its
    decision's stored data and the treaty's words (``notices.services.reading_blocks``), the
    very blocks its .docx was written from, in the document's language."""
    document = access.get_public_document(slug, pk)
    blocks = notice_documents.reading_blocks(document)
    if blocks is None:
        raise Http404
    names = withheld.names_of(document.submission)
    document.title = withheld.masked(document.title, names, document.language)
    return render(
        request,
        "docket/document.html",
        {"document": document, "submission": document.submission, "blocks": _named(blocks)},
    )


def _named(blocks) -> list[tuple]:
    """(block, ident): a table of findings and the paragraph that introduces it ("…against
    each criterion of Article 18.8.2. The submission:") share an ident, by which the table is
    labelled with the paragraph (walk 83: a table without a caption)."""
    named = []
    for i, block in enumerate(blocks):
        ident = ""
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.kind == "paragraph" and after is not None and after.kind == "findings":
            ident = f"findings-{i + 1}"
        elif block.kind == "findings" and i and blocks[i - 1].kind == "paragraph":
            ident = f"findings-{i}"
        named.append((block, ident))
    return named


@require_safe
def document_download(request, slug, pk):
    """A public document's file, only if the public gate lets it through."""
    document = access.get_public_document(slug, pk)
    # A submitter who withholds their identity is named neither in its text nor its metadata.
    return downloads.serve_document(request, document, without_withheld=True)


LANGUAGES = profiles.installed().languages
CSV_COLUMNS = (
    "identifier",
    "party",
    "language",
    *(f"title_{code}" for code in profiles.installed().languages),
    "filed_on",
    "status",
    "stage",
    "closure_reason",
    "last_update",
    "submitters",
    "laws",
    "chain_hash",
    "url",
    # The same three in the reader's words (walk 21: a Spanish spreadsheet read "closed" and
    # "admissibility_review"); the coded columns stay for scripts.
    "status_label",
    "stage_label",
    "closure_reason_label",
    # And the Party's name (walk 169: a spreadsheet read "PE", explained only on another page).
    "party_label",
)

# The header row in the reader's language: the English export keeps the column names above
# (scripts read them), the Spanish one names them in Spanish; the values stay the same data.
CSV_HEADERS = {
    "identifier": pgettext_lazy("CSV column", "identifier"),
    "party": pgettext_lazy("CSV column", "party"),
    "language": pgettext_lazy("CSV column", "language"),
    "title_en": pgettext_lazy("CSV column", "title_en"),
    "title_es": pgettext_lazy("CSV column", "title_es"),
    "title_fr": pgettext_lazy("CSV column", "title_fr"),
    "filed_on": pgettext_lazy("CSV column", "filed_on"),
    "status": pgettext_lazy("CSV column", "status"),
    "stage": pgettext_lazy("CSV column", "stage"),
    "closure_reason": pgettext_lazy("CSV column", "closure_reason"),
    "last_update": pgettext_lazy("CSV column", "last_update"),
    "submitters": pgettext_lazy("CSV column", "submitters"),
    "laws": pgettext_lazy("CSV column", "laws"),
    "chain_hash": pgettext_lazy("CSV column", "chain_hash"),
    "url": pgettext_lazy("CSV column", "url"),
    "status_label": pgettext_lazy("CSV column", "status_label"),
    "stage_label": pgettext_lazy("CSV column", "stage_label"),
    "closure_reason_label": pgettext_lazy("CSV column", "closure_reason_label"),
    "party_label": pgettext_lazy("CSV column", "party_label"),
}


def _label(choices, code: str) -> str:
    """A stage's or closure reason's label; a code the table does not know as it is."""
    try:
        return str(choices(code).label) if code else ""
    except ValueError:
        return code


def bad_filters(form) -> HttpResponseBadRequest:
    """The 400 of an export or a feed whose filters are wrong, each named by its label with
    what is wrong with it, as the docket page says it beside its controls (walk 76: "The
    export's parameters are not valid.", and the feed answered Django's bare page)."""
    problems = [
        _("%(field)s: %(problem)s") % {"field": form.fields[name].label, "problem": problem}
        if name in form.fields
        else str(problem)
        for name, errors in form.errors.items()
        for problem in errors
    ]
    return HttpResponseBadRequest(
        "\n".join([_("The search's parameters are not valid."), *problems]),
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def docket_export_csv(request):
    """The docket as CSV, with the page's filters and search (all pages)."""
    form, queryset = docket_queryset(request.GET)
    if queryset is None:
        return bad_filters(form)
    # In the reader's words, without spaces, and dated (walk 45: "registro público.csv" for
    # every export, whatever its day).
    name = slugify(pgettext("CSV file name", "docket"))
    response, writer = downloads.csv_download(f"{name}-{timezone.localdate().isoformat()}.csv")
    writer.writerow([str(CSV_HEADERS[column]) for column in CSV_COLUMNS])
    submissions = list(with_public_people(queryset))
    mark_comments_in(submissions)  # the stage in words as the pages read it
    for submission in submissions:
        withheld.mask_case(submission, withheld.names_of(submission))
        closed = submission.stage == Stage.CLOSED
        writer.writerow(
            [
                submission.identifier,
                submission.party.code,
                submission.language,
                *(downloads.cell(getattr(submission, f"title_{code}")) for code in LANGUAGES),
                submission.filed_on.isoformat(),
                "closed" if closed else "open",
                submission.stage,
                submission.closure_reason,
                submission.last_public_on.isoformat() if submission.last_public_on else "",
                "; ".join(downloads.cell(n) for n in public_submitter_names(submission)),
                "; ".join(
                    downloads.cell(str(link.law)) for link in submission.submissionlaw_set.all()
                ),
                submission.chain_head,
                request.build_absolute_uri(reverse("docket_case", args=[submission.slug])),
                pgettext("case status", "Closed" if closed else "Open"),
                _stage_words(submission, _label(Stage, submission.stage)),
                _label(ClosureReason, submission.closure_reason),
                submission.party.name,
            ]
        )
    return response


def _stage_words(submission, otherwise: str) -> str:
    """A list's stage in words: the comment period's, once its comments are in (marked by
    ``mark_comments_in``), else ``otherwise``."""
    return str(COMMENTS_IN) if getattr(submission, "comments_in", False) else otherwise


@require_safe
def statistics_page(request):
    return render(request, "docket/statistics.html", statistics.figures())
