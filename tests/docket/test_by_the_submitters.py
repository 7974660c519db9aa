"""Walk 30: "Comunicación presentada por el peticionario" on the docket and in the feeds for a
submission two people filed; the filing is now "by the submitters" where there are several."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.helpers_cases import drive, file_story
from tests.parties import A, es
from workflow import services

pytestmark = pytest.mark.django_db


def _two_filed():
    story = file_story(
        submitters=[
            services.SubmitterInput(
                kind="organization", name="Asociación Amazónica", nationality=A
            ),
            services.SubmitterInput(
                kind="organization", name="Coalición Río Limpio", nationality=A
            ),
        ]
    )
    story.add("acknowledged")
    return story.case


@pytest.mark.parametrize(
    ("language", "several", "one"),
    [
        ("en", "by the submitters", "by the submitter"),
        ("es", es("por los remitentes"), es("por el remitente")),
    ],
)
def test_a_filing_by_several_is_by_the_submitters(language, several, one):
    two, single = _two_filed(), drive("admissibility_review").case
    client = Client()
    with translation.override(language):
        two_url = reverse("docket_case", kwargs={"slug": two.slug})
        single_url = reverse("docket_case", kwargs={"slug": single.slug})
        feed_url = reverse("docket_feed")
    assert f'<span class="event__author">{several}</span>' in client.get(two_url).text
    assert f'<span class="event__author">{one}</span>' in client.get(single_url).text
    feed = client.get(feed_url).text
    assert several in feed and one in feed
