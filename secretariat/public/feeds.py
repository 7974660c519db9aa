"""Atom feeds of the public docket: every case, and one case. Public events only, through the
public gate of ``submissions.access``; no submitter name appears in them at all (so a withheld
one cannot).

Each entry is published on the event's own date (``on``) and updated when it was recorded, so an
imported or paper-filed history reads as what it is: old events, newly recorded. The feed lists
entries by when they were recorded, newest first: what is new to a subscriber. The docket's feed
also carries each day's signed statement of the chain heads (``workflow.statements``), so that
subscribers hold what a rewrite of the past would contradict.

An entry says what the case page's timeline says of the event, as the public sees it
(``published.public_timeline``: a redacted title or note stays out): its own title, its outcome
and findings, the note, and its public documents with their download links, absolute, so a
reader can follow them from anywhere. Its link is the event's place in the timeline."""

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from notices import letterhead
from secretariat.public.docket_views import attach_documents, bad_filters
from submissions import access, published, withheld
from submissions.dates import long_date
from submissions.models import Submission, SubmissionSubmitter
from submissions.search import docket_queryset
from submissions.stages import Visibility
from workflow import council
from workflow.describe import describe_all
from workflow.models import ChainStatement, Event

LIMIT = 50
SEAT = zoneinfo.ZoneInfo(settings.TIME_ZONE)  # dates are dates at the Secretariat's seat


def case_path(submission) -> str:
    return reverse("docket_case", kwargs={"slug": submission.slug})


def docket_path() -> str:
    return reverse("docket")


# The year the docket began to name its entries (RFC 4151: the tag's date, fixed for good).
TAG_YEAR = 2026


def tag(specific: str) -> str:
    """An entry's permanent id, an RFC 4151 tag URI: the installation's host name (its
    ``SEM_SITE_URL``, whatever address a reader used), the year, and what the entry is, by the
    case's identifier and the event's number, never a database key. Before, "tag:sem-
    secretariat,event:12:3" had no date and a row's key: feed validators refused it, and an
    import gave the same event another id."""
    host = urlsplit(settings.SEM_SITE_URL).hostname or "localhost"
    return f"tag:{host},{TAG_YEAR}:{specific}"


# A path the entry's HTML links to, made absolute against the feed's own address.
LOCAL_HREF = re.compile(r'href="/')


# A list's parameters that select nothing: its order and page.
UNFILTERING = ("sort", "page")


def _filters(request) -> str:
    """The query string of the docket's filters a request gives (its sort and page left out:
    they change no feed)."""
    filters = request.GET.copy()
    for name in UNFILTERING:
        filters.pop(name, None)
    return filters.urlencode()


@dataclass(frozen=True)
class Scope:
    """What a feed is of (a case, or the whole docket) and the request it answers, against
    whose address the entries' links are made absolute (one Feed instance serves every
    request, so nothing of a request is kept on it)."""

    request: object
    submission: object = None
    # The docket's filters, where the feed follows a filtered list (walk 51: its link dropped
    # them, as the CSV and JSON links did not): the public cases they select, else ``None``.
    cases: object = None


# The kinds whose later rows change what the public sees of an earlier event
# (``published.public_text``): a decision on an event's text, and a publication that attaches
# the Parties' comments (those comments themselves among them).
TEXT_CHANGING = (published.TEXT_DECISION, published.ATTACHING, published.ATTACHED)
# The entry whose documents a publication makes public (the final factual record's).
FINAL_RECORD = "final_submitted"


def opened_later(timeline) -> dict[int, datetime.datetime]:
    """By ``seq``, when a later entry of the case (``timeline``: its events in order, those
    of ``TEXT_CHANGING`` among them) widened what the public sees of an earlier one: a
    decision publishing its text or a document of it, a publication making the final factual
    record public with any comments it attaches or publishes as sent (walk 106: those kept
    their arrival). That is the entry's Atom ``updated``: the Secretariat publishing a Party's
    response weeks after it arrived is news to a subscriber (walk 40: the entry's ``updated``
    stayed at its arrival, so no reader showed it again)."""
    recorded = {event.seq: event.recorded_at for event in timeline}
    # An entry a decision, or a publication attaching or publishing it as sent, published.
    opened = {seq: recorded[by] for seq, by in published.publishers(timeline).items()}
    finals: list[int] = []
    for event in timeline:
        if event.kind == FINAL_RECORD:
            finals.append(event.seq)
        elif event.kind == published.ATTACHING:  # and the final record it makes public
            opened.update(dict.fromkeys(finals, event.recorded_at))
    return opened


def reopened(limit: int, submission=None, cases=None) -> list[int]:
    """The keys of the entries the latest ``limit`` widening decisions opened (their
    ``opened_later``), of one case or all, for a feed that otherwise lists entries by when
    they were recorded: a query for the decisions, one for the entries they name if any."""
    decisions = Event.objects.filter(
        Q(kind=published.TEXT_DECISION, data__to=Visibility.PUBLIC) | Q(kind=published.ATTACHING)
    )
    if submission is not None:
        decisions = decisions.filter(submission=submission)
    if cases is not None:
        decisions = decisions.filter(submission__in=cases)
    decisions = decisions.order_by("-recorded_at", "-id")[:limit]
    wanted = None
    for decision in decisions.only("submission_id", "seq", "kind", "data"):
        data = decision.data or {}
        case = Q(submission_id=decision.submission_id)
        if decision.kind == published.ATTACHING:
            named = case & Q(seq__lt=decision.seq, kind__in=(FINAL_RECORD, published.ATTACHED))
        elif (seq := published.decided_entry(data)) is not None:
            named = case & Q(seq=seq)
        else:
            continue
        wanted = named if wanted is None else wanted | named
    if wanted is None:
        return []
    return list(access.public_events(Event.objects.filter(wanted)).values_list("pk", flat=True))


def as_the_public_sees_them(events, request) -> list:
    """``events`` (of any cases, in the feed's order) as each case's public timeline shows
    them, each with its public documents and its entry's HTML (``entry_html``): one query
    for the events that decide what the public sees of them, one for their documents."""
    events = list(events)
    cases = {event.submission_id: event.submission for event in events}
    # Whether each case has several submitters ("by the submitters"), and the names of
    # those who withhold them (typed into a title or note: the label instead): one query.
    prefetch_related_objects(
        list(cases.values()),
        Prefetch("memberships", queryset=SubmissionSubmitter.objects.select_related("submitter")),
    )
    names = {pk: withheld.names_of(case) for pk, case in cases.items()}
    for pk, case in cases.items():
        withheld.mask_case(case, names[pk])  # the case's title each entry shows
    wanted = {event.pk for event in events}
    timelines: dict[int, list] = {}
    # And every Council instruction of those cases, for where each leaves the Council's rule.
    rows = Event.objects.filter(submission_id__in=cases).filter(
        Q(pk__in=wanted) | Q(kind__in=TEXT_CHANGING) | Q(kind__in=tuple(council.RULES))
    )
    for event in rows.order_by("submission_id", "seq"):
        event.submission = cases[event.submission_id]
        timelines.setdefault(event.submission_id, []).append(event)
    for timeline in timelines.values():
        council.tally(timeline)
        opened = opened_later(timeline)
        for event in timeline:
            event.updated_at = max(event.recorded_at, opened.get(event.seq, event.recorded_at))
    shown = {
        event.pk: event
        for pk, timeline in timelines.items()
        for event in published.public_timeline(timeline, names[pk], cases[pk].language)
        if event.pk in wanted
    }
    result = [shown[event.pk] for event in events if event.pk in shown]
    documents = list(
        published.public_documents_of(result)
        .select_related("event")
        .order_by("event_id", "position", "id")
    )
    for submission_id in cases:
        attach_documents(
            [e for e in result if e.submission_id == submission_id],
            [d for d in documents if d.submission_id == submission_id],
            cases[submission_id].filed_on,
            names[submission_id],
        )
    base = f'href="{request.build_absolute_uri("/")}'
    describe_all(result, public=True)
    for event in result:
        # Rendered without the request's context processors: an entry needs none of them.
        html = render_to_string(
            "docket/_feed_event.html", {"event": event, "submission": event.submission}
        )
        event.entry_html = LOCAL_HREF.sub(base, html)
    return result


class WrongFilters(Exception):
    """A feed's filters the docket refuses, with the response that says why."""

    def __init__(self, response):
        super().__init__()
        self.response = response


class DocketFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        # Every parameter checked as the CSV and the API check it, its sort and page too,
        # though they change no feed (walk 127: ``?page=0`` was 400 there, 200 here).
        form, cases = docket_queryset(request.GET)
        if cases is None:  # said as the docket's exports say it
            raise WrongFilters(bad_filters(form))
        # Filtered by what the docket reads, not by the address's keys (walk 134: ``?q=`` or
        # an unknown ``?limit=`` left the whole docket's feed without its statements).
        if not any(
            value not in (None, "")
            for k, value in form.cleaned_data.items()
            if k not in UNFILTERING
        ):
            return Scope(request)
        return Scope(request, cases=cases.order_by().values("pk"))

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except WrongFilters as wrong:
            return wrong.response

    def title(self, obj):
        if obj.cases is not None:
            return _("Public docket: latest updates (filtered)")
        return _("Public docket: latest updates")

    def feed_url(self, obj):
        """A filtered feed's own address, its filters with it (walk 84: its ``self`` link and
        its id were the whole docket's, so a reader merged the two)."""
        if getattr(obj, "cases", None) is None:  # the whole docket, a case, the statements
            return None
        return f"{obj.request.path}?{_filters(obj.request)}"

    def author_name(self):
        """The feed's author, which each entry inherits (RFC 4287 asks for one): the
        Secretariat, by its letterhead in the reader's language."""
        return letterhead.for_language(get_language())

    def subtitle(self):
        return _("Submissions on environmental enforcement under the United States–Peru TPA")

    def link(self, obj):
        """The docket's page the feed follows, a filtered list with its filters (it is also
        the feed's Atom id)."""
        if obj.cases is None:
            return docket_path()
        return f"{docket_path()}?{_filters(obj.request)}"

    def events(self):
        return (
            access.public_events(Event.objects.all())
            .select_related("submission")
            .order_by("-recorded_at", "-id")
        )

    def latest(self, request, submission=None, cases=None) -> list:
        """The entries last recorded, and those the latest decisions published (of one case,
        of the ``cases`` a filter selects, or all), as the public sees them, newest by
        ``updated`` first."""
        events = self.events()
        if submission is not None:
            events = events.filter(submission=submission)
        if cases is not None:
            events = events.filter(submission__in=cases)
        latest = list(events[:LIMIT])
        known = {event.pk for event in latest}
        more = [pk for pk in reopened(LIMIT, submission, cases) if pk not in known]
        if more:
            latest += list(Event.objects.filter(pk__in=more).select_related("submission"))
        entries = as_the_public_sees_them(latest, request)
        entries.sort(key=self.item_updateddate, reverse=True)
        return entries[:LIMIT]

    def items(self, obj):
        if obj.cases is not None:  # a filtered list's: its cases' entries alone
            return self.latest(obj.request, cases=obj.cases)
        statements = list(ChainStatement.objects.order_by("-created_at")[:LIMIT])
        entries = [*self.latest(obj.request), *statements]
        entries.sort(key=self.item_updateddate, reverse=True)
        return entries[:LIMIT]

    def item_title(self, item):
        if isinstance(item, ChainStatement):
            date = long_date(item.date)
            return _("Statement of the chain hashes of %(date)s") % {"date": date}
        return _("%(reference)s: %(event)s") % {
            "reference": item.submission.reference,
            "event": item.kind_label,
        }

    def item_description(self, item):
        if isinstance(item, ChainStatement):
            return escape(
                _("Signature %(signature)s with the public key %(key)s.")
                % {"signature": item.signature, "key": item.public_key}
            )
        return item.entry_html

    def item_link(self, item):
        if isinstance(item, ChainStatement):
            return reverse("docket_statement_file", kwargs={"date": item.date.isoformat()})
        return f"{case_path(item.submission)}#event-{item.seq}"

    def item_guid(self, item):
        if isinstance(item, ChainStatement):
            return tag(f"statement/{item.date.isoformat()}")
        return tag(f"docket/{item.submission.slug}/event/{item.seq}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        if isinstance(item, ChainStatement):
            return item.created_at.astimezone(SEAT)
        # The event's own date: an import or a paper filing recorded today of a 2018 event is a
        # 2018 event, not news (Atom ``published``). Midnight at the seat, whose dates they are.
        return datetime.datetime.combine(item.on, datetime.time(), tzinfo=SEAT)

    def item_updateddate(self, item):
        if isinstance(item, ChainStatement):
            return item.created_at.astimezone(SEAT)
        # When the Secretariat recorded it, or later published more of it (Atom ``updated``,
        # ``opened_later``): what a reader polls for.
        return item.updated_at.astimezone(SEAT)


class CaseFeed(DocketFeed):
    def get_object(self, request, slug):
        try:
            submission = access.public_submissions().select_related("party").get(slug=slug)
        except Submission.DoesNotExist as exc:
            raise Http404 from exc
        withheld.mask_case(submission, withheld.names_of(submission))  # the feed's subtitle
        return Scope(request, submission)

    def title(self, obj):
        return _("%(reference)s: updates") % {"reference": obj.submission.reference}

    def subtitle(self, obj):
        return obj.submission.title

    def link(self, obj):
        return case_path(obj.submission)

    def items(self, obj):
        return self.latest(obj.request, obj.submission)
