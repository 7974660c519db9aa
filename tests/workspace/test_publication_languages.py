"""Walk 145: the final factual record went public in Spanish alone, and nothing said so before
the officer proposed its publication. The publication's form names the docket's languages the
record has no version in, until a translation of it is on file."""

import re

import pytest
from django.utils import translation

from secretariat.templatetags.sem_text import language_name
from secretariat.workspace.forms import action_form
from submissions import profiles
from submissions.models import Document
from tests.helpers_cases import drive, frozen

pytestmark = pytest.mark.django_db

MISSING = "The final factual record is not in every language of the docket"
# The docket's other languages than Spanish (TPA, CAFTA-DR: English; the CEC's: and French).
OTHERS = [code for code in profiles.installed().languages if code != "es"]


def _names(codes, language: str) -> list[str]:
    with translation.override(language):
        return [language_name(code) for code in codes]


def _record(case, language: str, translation_of=None, kind="final_factual_record") -> Document:
    event = case.events.get(kind="final_submitted")
    return Document.objects.create(
        submission=case,
        event=event,
        position=event.documents.count(),
        kind=kind,
        title="Expediente de hechos final" if language == "es" else "Final factual record",
        language=language,
        author="secretariat",
        date=event.on,
        visibility="parties",
        translation_of=translation_of,
    )


def _notice(case) -> str:
    with translation.override("en"):
        return str(action_form("published", case).notice_text)


def test_the_form_names_the_language_the_final_record_lacks_until_it_is_translated():
    story = drive("final_factual_record")
    story.council("publication_instructed")
    case = story.case
    original = _record(case, "es")
    # Walk 146: the generated cover letter in every language hid the record's one language.
    for code in OTHERS:
        _record(case, code, kind="correspondence")
    notice = _notice(case)
    assert MISSING in notice
    assert "it has no version in: English" in notice
    assert all(name in notice for name in _names(OTHERS, "en"))
    for code in OTHERS:
        assert MISSING in _notice(case)
        _record(case, code, translation_of=original)
    assert MISSING not in _notice(case)


def test_a_record_in_every_language_says_nothing_of_languages():
    story = drive("final_factual_record")
    story.council("publication_instructed")
    for code in profiles.installed().languages:
        _record(story.case, code)
    assert MISSING not in _notice(story.case)


def test_the_notice_reads_in_spanish(client, officer):
    story = drive("final_factual_record")
    story.council("publication_instructed")
    _record(story.case, "en")
    client.force_login(officer)
    with frozen(story.on):
        page = client.get(f"/es/secretariat/case/{story.case.pk}/").content.decode()
    # Written as Spanish writes a language, lower case (CEC: "francés y español").
    assert re.search(r"no tiene versión en: [a-zé ]*español\. ", page)


def test_the_director_is_told_before_approving_a_record_in_fewer_languages(
    client, officer, director
):
    """Walk 159: the officer was told, proposed anyway, and the Director approved an English
    record for the Spanish docket with no word of it on the card."""
    from django.urls import reverse

    from workflow import services

    story = drive("final_factual_record")
    story.council("publication_instructed")
    original = _record(story.case, "es")
    with frozen(story.on):
        services.record_event(story.case, "published", actor=officer)
    client.force_login(director)
    said = "The final factual record has no version in: "
    for url in (reverse("ws_approvals"), reverse("ws_case", kwargs={"pk": story.case.pk})):
        page = " ".join(client.get(url).content.decode().split())
        named = page.split(said, 1)[1].split(".", 1)[0]  # "English", "English and French"
        assert all(name in named for name in _names(OTHERS, "en")), named
    for code in OTHERS:
        _record(story.case, code, translation_of=original)
    assert said not in client.get(reverse("ws_approvals")).content.decode()
