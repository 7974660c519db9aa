"""Walk 56: with seven Parties, a focal point's case list and case page gave seven lines of
"Comments on the draft factual record (Party): date", its own Party's one among them. The
other Parties' periods that end alike are one row, naming them; a focal point reads its own
Party's apart and first; the Council reads them all as one."""

import re

import pytest
from django.urls import reverse

from notices.phrases import party_label
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import CODES, A

pytestmark = pytest.mark.django_db

LABEL = "Comments on the draft factual record"


def _rows(html: str) -> list[str]:
    """The parenthesised Parties of each comment-period row, in order."""
    return re.findall(re.escape(LABEL) + r" \(([^)]*)\)", html)


def test_a_partys_own_period_first_the_others_as_one(client, a_focal, a_council):
    story = drive(Stage.DRAFT_COMMENT_PERIOD, comments=())
    # In the profile's order of its Parties.
    others = ", ".join(party_label(code) for code in CODES if code != A)
    everyone = ", ".join(party_label(code) for code in CODES)
    with frozen(story.case.deadlines.filter(kind="draft_comments").first().start_on):
        client.force_login(a_focal)
        for url in (reverse("party_home"), reverse("party_case", kwargs={"pk": story.case.pk})):
            assert _rows(client.get(url).content.decode()) == [party_label(A), others], url
        client.force_login(a_council)
        for url in (
            reverse("council_home"),
            reverse("council_case", kwargs={"pk": story.case.pk}),
        ):
            assert _rows(client.get(url).content.decode()) == [everyone], url
