"""Walk 30: "Comunicación presentada por el peticionario" on the docket and in the feeds for a
submission two people filed; the filing is now "by the submitters" where there are several."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import make_filing
from tests.helpers_cases import drive, file_story, public_file, registered
from tests.parties import A, es
from workflow import services

pytestmark = pytest.mark.django_db


PEOPLE = [
    services.SubmitterInput(kind="organization", name="Asociación Amazónica", nationality=A),
    services.SubmitterInput(kind="organization", name="Coalición Río Limpio", nationality=A),
]


def _two_filed():
    story = file_story(submitters=PEOPLE)
    story.add("acknowledged")
    return story.case


def _filed_with_a_document(people):
    return registered(make_filing(submitters=people), [public_file("Pruebas")])


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


@pytest.mark.parametrize(
    ("language", "several", "one"),
    [("en", "Submitters", "Submitter"), ("es", es("Remitentes"), es("Remitente"))],
)
def test_a_document_filed_by_several_is_the_submitters(language, several, one):
    """Walk 32: the timeline said "por los remitentes", the document beside it "(Remitente,
    …)"."""
    two, single = _filed_with_a_document(PEOPLE), _filed_with_a_document(PEOPLE[:1])
    client = Client()
    with translation.override(language):
        pages = {
            case: client.get(reverse("docket_case", kwargs={"slug": case.slug})).text
            for case in (two, single)
        }
        feed = client.get(reverse("docket_feed")).text
    assert f"({several}, " in pages[two] and f"({one}, " not in pages[two]
    assert f"({one}, " in pages[single] and f"({several}, " not in pages[single]
    assert f"({several}, " in feed and f"({one}, " in feed


def test_who_acted_is_said_before_the_title_not_after_it():
    """Walk 176: "Determinación de admisibilidad (…/D1): Determinación de admisibilidad: no
    cumple el criterio (c) por la Secretaría", the author read as part of the officer's
    title. The entry names who acted, then the title."""
    import html

    from django.utils.translation import pgettext

    story = drive("admissibility_review")
    story.add(
        "correspondence",
        visibility="public",
        title="Carta sobre el plazo de la revisión",
        author="secretariat",
    )
    with translation.override("es"):
        url = reverse("docket_case", kwargs={"slug": story.case.slug})
        by = pgettext("author", "by the Secretariat")  # the profile's words
    page = " ".join(html.unescape(Client().get(url).text).split())
    line = page[: page.index("Carta sobre el plazo de la revisión")].rsplit("<p>", 1)[1]
    assert f'<span class="event__author">{by}</span>: <span lang=' in line, line
