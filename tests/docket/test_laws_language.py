"""Walk 145: on a Spanish page, a case filed in English named its laws in English unmarked,
where its title said "(en inglés)". The laws say which language they are written in, on the
case's page and on its card in the list, wherever that is not the page's."""

import pytest

from tests.helpers_cases import TIMELINE, file_story

pytestmark = pytest.mark.django_db


def _case(language: str):
    story = file_story(language=language, title="Forest concessions")
    story.add("acknowledged", TIMELINE["acknowledged"])
    return story.case


def _laws(page: str) -> str:
    return page.split("<dt>Legislación ambiental", 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_laws_say_their_language_where_it_is_not_the_pages(client, language):
    case = _case(language)
    page = client.get(f"/es/docket/{case.slug}/").content.decode()
    listing = client.get("/es/docket/").content.decode()
    marked = "(en inglés)"
    for block in (_laws(page), _laws(listing)):
        assert (marked in block) == (language == "en"), block
    assert "Ley Forestal (Ley N.° 29763)" in _laws(page)  # tests.factories.make_filing's
