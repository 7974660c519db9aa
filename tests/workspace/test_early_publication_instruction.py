"""A Council instruction to publish given before the final factual record (walks 27 and 29).

REGISTRY-FORMAT.md accepts `publication_instructed` in AC, FP and DC: it opens the publication
period from the later of itself and `final_submitted`. The officer recording one from a letter
and the public reading the docket are now told what such an early instruction means."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from secretariat.workspace.forms import action_form
from tests.helpers_cases import drive

pytestmark = pytest.mark.django_db

EARLY_FORM = "No final factual record has been submitted yet."
EARLY_DOCKET = {
    "en": "before the final factual record was submitted, to take effect once it is",
    "es": "antes de que se presentara el expediente de hechos final, con efecto desde que se "
    "presente",
}


def test_the_form_says_an_instruction_before_the_final_record_waits_for_it():
    early = action_form("publication_instructed", drive("factual_record_preparation").case)
    assert str(early.notice_text).startswith(EARLY_FORM)
    on_time = action_form("publication_instructed", drive("final_factual_record").case)
    assert EARLY_FORM not in str(on_time.notice_text)


def _public_page(case, language: str, client) -> str:
    with translation.override(language):
        url = reverse("docket_case", kwargs={"slug": case.slug})
    return html.unescape(client.get(url).content.decode())


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_docket_marks_an_early_instruction_and_not_one_on_time(client, language):
    early = drive("factual_record_preparation")
    early.council("publication_instructed")
    assert early.stage == "factual_record_preparation"  # no stage change
    assert EARLY_DOCKET[language] in _public_page(early.case, language, client)

    on_time = drive("final_factual_record")
    on_time.council("publication_instructed")
    page = _public_page(on_time.case, language, client)
    assert EARLY_DOCKET[language] not in page
