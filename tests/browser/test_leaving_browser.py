"""A co-filer leaves the submission to the other, on a phone, in Spanish (walk 141: one could
only withdraw it for everyone)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.helpers_cases import drive
from tests.parties import A
from workflow.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _es(msgid: str) -> str:
    with translation.override("es"):
        return gettext(msgid)


def test_a_co_filer_leaves_on_a_phone_and_the_other_goes_on(page):
    story = drive("awaiting_response")
    person = {
        "name": "Julio Ramos",
        "kind": "individual",
        "country": A,
        "confidential": False,
        "email": "julio@example.org",
    }
    story.add("submitters_joined", data={"submitters": [person]})
    case = story.case
    leaver = case.memberships.get(position=1)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/es/track/{leaver.tracking_token}/")
    page.wait_for_url(f"**/es/track/case/{leaver.pk}/")
    page.get_by_role("link", name=_es("Leave this submission…")).click()
    page.wait_for_url(f"**/es/track/case/{leaver.pk}/leave/")
    # Refused unconfirmed, with the reason; then confirmed.
    page.get_by_role("button", name=_es("Leave the submission")).click()
    assert _es("Tick the box to confirm that you leave the submission.") in page.content()
    assert not Event.objects.filter(submission=case, kind="submitter_left").exists()
    page.locator("#id_confirm").check()
    page.get_by_role("button", name=_es("Leave the submission")).click()
    page.wait_for_url(f"{page.base}/es/")
    told = _es(
        "You have left submission %(reference)s. The other submitters go on with it; your "
        "private link no longer opens it."
    ) % {"reference": case.reference}
    assert told in page.locator("main").inner_text() or told in page.inner_text("body")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Event.objects.get(submission=case, kind="submitter_left").data == {"submitter": 1}
    case.refresh_from_db()
    assert case.stage == "awaiting_response"
    # The link ends in this browser.
    assert page.goto(f"{page.base}/es/track/case/{leaver.pk}/").status == 404
