"""Walk 41: under CAFTA-DR the docket and the tracking page listed seven identical rows, one
per Party's comments on the draft, each with the same date and explanation, on a phone. The
Parties' periods that end alike are one row naming them all; one that differs stays apart."""

import datetime

import pytest
from django.test import Client

from notices import phrases
from tests.helpers_cases import drive, frozen
from tests.parties import CODES, A
from workflow.models import Deadline

pytestmark = pytest.mark.django_db

LABEL = "<strong>Comments on the draft factual record</strong>"
DURING = datetime.date(2023, 10, 10)  # the draft went on 2 October 2023


def _pages(case):
    track = f"/en/track/{case.memberships.get().tracking_token}/"
    with frozen(DURING):
        docket = Client().get(f"/en/docket/{case.slug}/").content.decode()
        tracking = Client().get(track, follow=True).content.decode()
    return docket, tracking


def test_the_parties_periods_that_end_alike_are_one_row():
    case = drive("draft_comment_period", comments=()).case
    names = ", ".join(phrases.party_label(code) for code in CODES)
    for page in _pages(case):
        assert page.count(LABEL) == 1
        assert f"{LABEL} ({names})" in page


def test_a_period_that_ends_otherwise_stays_apart():
    case = drive("draft_comment_period", comments=()).case
    Deadline.objects.filter(submission=case, kind="draft_comments", party=A).update(
        due_on=datetime.date(2023, 11, 30)
    )
    for page in _pages(case):
        assert page.count(LABEL) == 2
        assert f"{LABEL} ({phrases.party_label(A)})" in page
