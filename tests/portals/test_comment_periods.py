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


def _others() -> str:
    """The other Parties than A, in the profile's order of its Parties."""
    return ", ".join(party_label(code) for code in CODES if code != A)


def test_a_partys_own_period_first_the_others_as_one(client, a_focal, a_council):
    story = drive(Stage.DRAFT_COMMENT_PERIOD, comments=())
    others = _others()
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


def test_the_comment_form_lists_only_the_periods_still_running(client, a_focal):
    """Walk 60: the form to comment on the draft listed the Party's response, met months
    before, above the comment period it is for. The case page still lists both."""
    story = drive(Stage.DRAFT_COMMENT_PERIOD, comments=())
    response = story.case.deadlines.get(kind="party_response")
    assert response.state == "met"
    with frozen(story.case.deadlines.filter(kind="draft_comments").first().start_on):
        client.force_login(a_focal)
        form = client.get(reverse("party_comment", args=[story.case.pk])).content.decode()
        page = client.get(reverse("party_case", args=[story.case.pk])).content.decode()
    assert _rows(form) == _rows(page) == [party_label(A), _others()]
    assert str(response.kind_label) in page and str(response.kind_label) not in form
    # Walk 62: "Open — due …" beside "met on …": the state in lower case, as the docket has it.
    assert "</strong>: open — due" in " ".join(form.split())


def test_the_portals_lists_read_the_stage_as_the_case_page(client, a_focal, a_council):
    """Walk 66: once the comment periods had passed, the portals' case lists still said
    "comment period" where the case page said the comments were in."""
    story = drive(Stage.DRAFT_COMMENT_PERIOD, comments=())  # the draft of 2023: long past
    stage = "Draft factual record: comments in, final record in preparation"
    for user, home in ((a_focal, "party_home"), (a_council, "council_home")):
        client.force_login(user)
        page = client.get(reverse(home)).content.decode()
        assert f'data-label="Stage">{stage}</td>' in page, home
    assert story.case.stage == Stage.DRAFT_COMMENT_PERIOD
