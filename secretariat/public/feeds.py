"""Atom feeds of the public docket: every case, and one case. Public events only, through the
public gate of ``submissions.access``; no submitter name appears in them at all (so a withheld
one cannot).

Each entry is published on the event's own date (``on``) and updated when it was recorded, so an
imported or paper-filed history reads as what it is: old events, newly recorded. The feed lists
entries by when they were recorded, newest first: what is new to a subscriber."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from submissions import access
from submissions.models import Submission
from workflow.models import Event

LIMIT = 50
SEAT = zoneinfo.ZoneInfo(settings.TIME_ZONE)  # dates are dates at the Secretariat's seat


def case_path(submission) -> str:
    try:
        return reverse("docket_case", kwargs={"slug": submission.slug})
    except NoReverseMatch:
        return f"/{translation.get_language() or 'en'}/docket/{submission.slug}/"


def docket_path() -> str:
    try:
        return reverse("docket")
    except NoReverseMatch:
        return f"/{translation.get_language() or 'en'}/docket/"


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
        return self.events()[:LIMIT]

    def item_title(self, item):
        return _("%(reference)s: %(event)s") % {
            "reference": item.submission.reference,
            "event": item.kind_label,
        }

    def item_description(self, item):
        parts = [item.submission.title]
        if item.code:
            parts.append(item.code)
        return " — ".join(p for p in parts if p)

    def item_link(self, item):
        return case_path(item.submission)

    def item_guid(self, item):
        return f"tag:sem-secretariat,event:{item.submission_id}:{item.seq}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        # The event's own date: an import or a paper filing recorded today of a 2018 event is a
        # 2018 event, not news (Atom ``published``). Midnight at the seat, whose dates they are.
        return datetime.datetime.combine(item.on, datetime.time(), tzinfo=SEAT)

    def item_updateddate(self, item):
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
