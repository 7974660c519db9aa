"""Walk 65: after a revised submission the Party portal still read "Matter raised with the
authorities — Not yet", the answer given at filing, which the revision had changed. The
answers are now said to be those of the filing, with the revision's date."""

import datetime

import pytest
from django.urls import reverse

from tests.helpers_cases import ALL_MET, drive, frozen
from tests.parties import A
from workflow.deadlines import format_day

pytestmark = pytest.mark.django_db

NOTICE = "These are the answers given when the submission was filed, on "


def test_the_answers_say_they_are_the_filings_once_a_revision_came(client, officer, a_focal):
    story = drive("awaiting_revision", party=A)
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    assert NOTICE not in page
    revised = story.case.filed_on + datetime.timedelta(days=40)
    story.add("revision_filed", revised, author="submitter")
    story.add("admissibility_determined", revised, data={"outcome": "meets", "criteria": ALL_MET})
    story.add("response_decided", revised, data={"outcome": "request"})
    with frozen(revised):
        page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
        client.force_login(a_focal)
        portal = client.get(reverse("party_case", kwargs={"pk": story.case.pk})).content.decode()
    said = f"A revised submission was filed on {format_day(revised)}"
    for text in (page, portal):
        flat = " ".join(text.split())
        assert NOTICE + format_day(story.case.filed_on) in flat and said in flat
