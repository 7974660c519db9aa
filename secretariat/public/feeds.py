"""Atom feeds of the public docket: every case, and one case. Public events only, through the
public gate of ``submissions.access``; no submitter name appears in them at all (so a withheld
one cannot).

Each entry is published on the event's own date (``on``) and updated when it was recorded, so an
imported or paper-filed history reads as what it is: old events, newly recorded. The feed lists
entries by when they were recorded, newest first: what is new to a subscriber. The docket's feed
also carries each day's signed statement of the chain heads (``workflow.statements``), so that
subscribers hold what a rewrite of the past would contradict."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import formats
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from submissions import access
from submissions.models import Submission
from workflow.models import ChainStatement, Event

LIMIT = 50
SEAT = zoneinfo.ZoneInfo(settings.TIME_ZONE)  # dates are dates at the Secretariat's seat


def case_path(submission) -> str:
    return reverse("docket_case", kwargs={"slug": submission.slug})


def docket_path() -> str:
    return reverse("docket")


class DocketFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Public docket: latest updates")

    def subtitle(self):
        return _("Submissions on environmental enforcement under the United States–Peru TPA")

    def link(self):
        return docket_path()

    def events(self):
        return (
            access.public_events(Event.objects.all())
            .select_related("submission")
            .order_by("-recorded_at", "-id")
        )

    def items(self):
        statements = list(ChainStatement.objects.order_by("-created_at")[:LIMIT])
        entries = [*self.events()[:LIMIT], *statements]
        entries.sort(key=self.item_updateddate, reverse=True)
        return entries[:LIMIT]

    def item_title(self, item):
        if isinstance(item, ChainStatement):
            date = formats.date_format(item.date, "DATE_FORMAT")
            return _("Statement of the chain hashes of %(date)s") % {"date": date}
        return _("%(reference)s: %(event)s") % {
            "reference": item.submission.reference,
            "event": item.kind_label,
        }

    def item_description(self, item):
        if isinstance(item, ChainStatement):
            return _("Signature %(signature)s with the public key %(key)s.") % {
                "signature": item.signature,
                "key": item.public_key,
            }
        parts = [item.submission.title]
        if item.code:
            parts.append(item.code)
        return " — ".join(p for p in parts if p)

    def item_link(self, item):
        if isinstance(item, ChainStatement):
            return reverse("docket_statement_file", kwargs={"date": item.date.isoformat()})
        return case_path(item.submission)

    def item_guid(self, item):
        if isinstance(item, ChainStatement):
            return f"tag:sem-secretariat,statement:{item.date.isoformat()}"
        return f"tag:sem-secretariat,event:{item.submission_id}:{item.seq}"

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
        # When the Secretariat recorded it (Atom ``updated``): what a reader polls for.
        return item.recorded_at.astimezone(SEAT)


class CaseFeed(DocketFeed):
    def get_object(self, request, slug):
        try:
            return access.public_submissions().select_related("party").get(slug=slug)
        except Submission.DoesNotExist as exc:
            raise Http404 from exc

    def title(self, obj):
        return _("%(reference)s: updates") % {"reference": obj.reference}

    def subtitle(self, obj):
        return obj.title

    def link(self, obj):
        return case_path(obj)

    def items(self, obj):
        return self.events().filter(submission=obj)[:LIMIT]
