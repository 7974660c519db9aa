"""Issue 13, acceptance 4: neither the statistics nor the docket count a lapsed period, or a
period that binds no one left unused, as anyone's failure."""

import datetime
import re

import pytest

from secretariat.public import statistics
from tests.helpers_cases import drive, frozen
from tests.parties import SLUG, A, B
from workflow.models import Deadline

pytestmark = pytest.mark.django_db

D = datetime.date


def test_an_unused_comment_period_is_not_overdue_on_the_docket(client):
    # The draft went to the Parties on 2 October 2023; their 45 days ended on 16 November: one
    # period per Party (the TPA's two, the CEC's three, CAFTA-DR's seven).
    parties = {"us-peru-tpa": 2, "usmca-cec": 3, "cafta-dr": 7}[SLUG]
    with frozen(D(2023, 11, 20)):
        story = drive("draft_comment_period")
        body = client.get(f"/en/docket/{story.case.slug}/").content.decode()
        figures = statistics.compute()
    assert Deadline.objects.filter(kind="draft_comments", state="open").count() == parties
    assert "period ended; it binds no one, so this is no one's failure" in body
    assert 'class="overdue"' not in body
    # The treaty's period is due on its date; the Secretariat's own period is a target.
    assert "due on 16 November 2023" in body
    comments = next(s for s in figures["steps"] if s["kind"] == "draft_comments")
    assert (comments["lapsed"], comments["late"], comments["overdue"]) == (parties, 0, 0)


def test_a_lapsed_comment_period_is_no_failure_and_the_docket_never_says_missed(client):
    with frozen(D(2023, 12, 1)):
        story = drive("final_factual_record", comments=(A,))
        body = client.get(f"/en/docket/{story.case.slug}/").content.decode()
        figures = statistics.compute()
    # A commented; B (and the CEC's Canada, CAFTA-DR's five others) did not.
    assert Deadline.objects.get(kind="draft_comments", party=B).state == "lapsed"
    assert "missed" not in body.lower()
    comments = next(s for s in figures["steps"] if s["kind"] == "draft_comments")
    assert (comments["on_time"], comments["lapsed"], comments["late"]) == (
        1,
        {"us-peru-tpa": 1, "usmca-cec": 2, "cafta-dr": 6}[SLUG],
        0,
    )
    assert all(s["kind"] != "draft_comments" for s in figures["binding_steps"])


def test_an_unused_council_period_is_not_late(client):
    # Notified 14 July 2023; the 60 days of the Council's instruction ended on 12 September.
    with frozen(D(2023, 10, 2)):
        story = drive("awaiting_council")
        body = client.get(f"/en/docket/{story.case.slug}/").content.decode()
        figures = statistics.compute()
    council = next(s for s in figures["steps"] if s["kind"] == "council_instruction")
    assert (council["lapsed"], council["late"], council["binds"]) == (1, 0, False)
    assert "Council instruction" in body and 'class="overdue"' not in body
    # The Secretariat's own period for it: a target, not a date the treaty makes due (walk 45:
    # the docket read "Council instruction: due on", the tracking page "target date").
    assert re.search(r"Council instruction</strong>:\s+target date <time", body)
