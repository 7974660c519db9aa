"""What the Parties and the Council did on cases, and when (the Secretariat shows it on its
case pages and its activity page).

``portal_activity`` is one query for the rows plus one for their documents, whatever their
number. Show it with ``{% include "portals/_activity.html" with activity=… %}``.
"""

from submissions import profiles
from workflow.models import Event

# Authors that speak for a government or a Council member (Author in submissions.stages).
PORTAL_AUTHORS = profiles.installed().portal_authors


def portal_activity(submissions=None, *, limit: int | None = 200):
    """Events authored by a Party or a Council member, newest first, with who recorded them
    (the member through the portal, or an officer on paper) and when. ``submissions``: a
    queryset or one case (default: every case)."""
    events = Event.objects.filter(author__in=PORTAL_AUTHORS)
    if submissions is not None:
        if hasattr(submissions, "_meta"):
            events = events.filter(submission=submissions)
        else:
            events = events.filter(submission__in=submissions)
    events = (
        events.select_related("submission", "submission__party", "recorded_by")
        .prefetch_related("documents")
        .order_by("-recorded_at", "-id")
    )
    return events[:limit] if limit else events
