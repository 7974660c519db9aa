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
INSTRUCTED = "The Council has instructed the Secretariat to publish the final factual record."


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


@pytest.mark.skipif(members_needed("publication_instructed") == 1, reason="one member decides")
def test_one_members_instruction_where_the_rule_needs_more_changes_nothing(client):
    from tests.parties import A

    story = drive("final_factual_record")
    story.add("publication_instructed", author=f"council:{A}", data={"party": A})
    assert WAITING in tracking_page(client, story.case)
