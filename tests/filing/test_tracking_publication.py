"""The tracking page once the Council has instructed the final factual record's publication:
the stage is still the final record's until the Secretariat publishes it, but the page no
longer says that it "is made public if a member instructs" (the eleventh walk)."""

import pytest

from tests.helpers_cases import drive
from tests.parties import SLUG, members_needed

pytestmark = pytest.mark.django_db

# The stage's sentence while the Council's rule is not met, in each profile's wording.
WAITING = {
    "us-peru-tpa": "made public if a member of the Council instructs",
    "usmca-cec": "made public when two of the three members of the Council so decide",
    "cafta-dr": "made public if a member of the Council instructs",
}[SLUG]
# One member's instruction is the Council's under the TPA and CAFTA-DR (walk 153: "El Consejo
# ha dado instrucciones" where one member did).
INSTRUCTED = (
    "The Council has instructed"
    if members_needed("publication_instructed") > 1
    else "A member of the Council has instructed"
) + " the Secretariat to publish the final factual record."


def tracking_page(client, case) -> str:
    membership = case.memberships.get()
    return client.get(f"/en/track/{membership.tracking_token}/", follow=True).content.decode()


def test_the_page_says_publication_was_instructed_once_the_councils_rule_is_met(client):
    story = drive("final_factual_record")
    assert WAITING in tracking_page(client, story.case)
    story.council("publication_instructed")
    assert story.stage == "final_factual_record"  # until the Secretariat publishes it
    page = tracking_page(client, story.case)
    assert INSTRUCTED in page and WAITING not in page
    # Its date is the treaty's "normally within 60 days": a target, not a due date (walk 52:
    # "Publicación del expediente de hechos final: vence el…").
    rows = page.split("Publication of the final factual record", 1)[1].split("</li>", 1)[0]
    assert "target date <time" in rows and "due on" not in rows
    # Its public page, where the record will be (walk 46: named, not linked).
    assert f'<a href="/en/docket/{story.case.slug}/">Its page on the public docket</a>' in page


def test_once_published_the_page_says_the_record_is_out_and_where(client):
    """Walk 50: the closed case's page said only "This case is closed", never that the
    record it had waited for was published."""
    story = drive("final_factual_record")
    story.council("publication_instructed")
    story.add("published")
    assert story.case.closure_reason == "factual_record_published"
    page = " ".join(tracking_page(client, story.case).split())
    now = page.split('id="now-heading"', 1)[1].split("</section>", 1)[0]
    assert "has published the final factual record, and the case is closed" in now
    # Straight to the record (walk 52: the case's page, the record further down).
    record = f'<a href="/en/docket/{story.case.slug}/#record-heading">'
    assert f"{record}The final factual record on the public docket</a>" in now
    assert "Its history stays on the public docket" not in now


@pytest.mark.skipif(members_needed("publication_instructed") == 1, reason="one member decides")
def test_one_members_instruction_where_the_rule_needs_more_changes_nothing(client):
    from tests.parties import A

    story = drive("final_factual_record")
    story.add("publication_instructed", author=f"council:{A}", data={"party": A})
    assert WAITING in tracking_page(client, story.case)


COMMENTING = "may comment on its accuracy within 45 days"
COMMENTS_IN = "The Parties have commented on the draft factual record, or their time"


def test_the_page_stops_inviting_comments_once_every_party_has_commented(client):
    """Walk 44: the page still said each Party "may comment within 45 days" after all had."""
    import datetime

    from tests.parties import CODES

    story = drive("factual_record_preparation")
    story.add("draft_submitted", datetime.date.today())
    page = tracking_page(client, story.case)
    assert COMMENTING in page and COMMENTS_IN not in page
    # The treaty's 45 days are due, as the docket says it (walk 46: "target date" here).
    assert 'due on <time datetime="' in page and "target date <time" not in page
    first, *rest = CODES
    story.add("draft_commented", story.on, author=f"party:{first}", data={"party": first})
    page = tracking_page(client, story.case)
    assert COMMENTING in page  # the others' periods still run
    assert '<dd class="stage">Draft factual record: comment period</dd>' in page
    for code in rest:
        story.add("draft_commented", story.on, author=f"party:{code}", data={"party": code})
    page = tracking_page(client, story.case)
    assert COMMENTS_IN in page and COMMENTING not in page
    assert story.stage == "draft_comment_period"  # until the final record is submitted
    # And the stage above it says the same, on this page, the docket's and the portals'
    # (walks 50 and 52: "comment period" above "the Parties have commented").
    stage = "Draft factual record: comments in, final record in preparation"
    assert f'<dd class="stage">{stage}</dd>' in page
    assert f"<dd>{stage}</dd>" in client.get(f"/en/docket/{story.case.slug}/").content.decode()
    # Walk 65: the docket's list and its CSV still said "comment period"; walk 66: the home
    # page and the portals' lists too.
    assert f"<dd>{stage}</dd>" in client.get("/en/docket/").content.decode()
    assert f"<dd>{stage}</dd>" in client.get("/en/").content.decode()
    exported = client.get("/en/docket/export.csv").content.decode("utf-8-sig")
    assert stage in exported and "Draft factual record: comment period" not in exported


def test_the_page_says_the_comments_are_in_once_their_time_has_passed(client):
    story = drive("draft_comment_period", comments=())  # the draft of 2023: long past
    assert COMMENTS_IN in tracking_page(client, story.case)


ASKED = "days from receiving the request"
NO_RESPONSE = "time to respond has passed without a response."
RESPONDED = "The Party has responded. The Secretariat is deciding"


def test_the_page_says_whether_the_party_responded_or_its_time_passed(client):
    """Walks 45 and 46: "the Party has responded, or its time to respond has passed", though
    the page knows which; and "the Party has 45 days" after they had passed."""
    import datetime

    story = drive("response_decision")
    story.add("response_decided", datetime.date.today(), data={"outcome": "request"})
    page = tracking_page(client, story.case)
    assert ASKED in page and NO_RESPONSE not in page
    late = drive("awaiting_response").case  # asked in 2023: its time is long past
    page = tracking_page(client, late)
    assert NO_RESPONSE in page and ASKED not in page
    page = tracking_page(client, drive("factual_record_decision").case)
    assert RESPONDED in page and NO_RESPONSE not in page
