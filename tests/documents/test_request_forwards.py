"""Walk 121: every request for a response read "forwards with this request the submission and
the following supporting information:" above the submission's title alone. Without
supporting information it forwards the submission, and says only that."""

import pytest

from notices import documents
from notices.services import facts_for
from tests.helpers_cases import drive
from tests.parties import PROFILE

pytestmark = pytest.mark.django_db


def _request_text(case, language) -> str:
    facts = facts_for(case, "response_decided", language, visibility="party_concerned")
    blocks = documents.compose("request", facts, language)
    return "\n".join(
        [b.text for b in blocks if b.kind == "paragraph"]
        + [str(row) for b in blocks if b.kind == "list" for row in b.rows]
    )


@pytest.mark.parametrize("language", PROFILE.languages)
def test_a_submission_without_supporting_information_is_forwarded_alone(language):
    case = drive("response_decision").case
    text = _request_text(case, language)
    alone = {
        "en": "forwards the submission with this request:",
        "es": "la comunicación con esta solicitud:"
        if PROFILE.slug != "usmca-cec"
        else "la petición con esta solicitud:",
        "fr": "transmet la communication avec la présente demande",
    }[language]
    assert alone in text
    for listed in (
        "and the following supporting information",
        "siguiente información de respaldo",
        "renseignements à l’appui suivants",
    ):
        assert listed not in text
