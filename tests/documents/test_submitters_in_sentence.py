"""Walk 145: the acknowledgement read "presentada … por María Quispe y Asociación de
Pescadores del Nanay": an organization's name inside the sentence takes its article where
its first word wants one, in Spanish and French; a person's name, and English, do not."""

import pytest

from notices import documents
from notices.services import facts_for
from submissions.models import SubmissionSubmitter, Submitter
from tests.helpers_cases import drive
from tests.parties import PROFILE

pytestmark = pytest.mark.django_db


def _joined(case, name, kind="organization"):
    person = Submitter.objects.create(name=name, kind=kind)
    position = case.memberships.count()
    SubmissionSubmitter.objects.create(
        submission=case, submitter=person, position=position, joined_on=case.filed_on
    )


def _acknowledgement(case, language) -> str:
    facts = facts_for(case, "acknowledged", language, visibility="public")
    blocks = documents.compose("acknowledgement", facts, language)
    return " ".join(b.text for b in blocks if b.kind == "paragraph")


def test_an_organizations_name_takes_its_article_in_a_sentence():
    case = drive("admissibility_review").case
    _joined(case, "Asociación de Pescadores del Nanay")
    _joined(case, "Instituto de Defensa Legal")
    _joined(case, "Mesa Quispe", kind="individual")  # a surname, not a "mesa"
    first = case.memberships.get(position=0).submitter
    assert (first.name, first.kind) == ("Asociación Amazónica", "organization")
    if "es" in PROFILE.languages:
        text = _acknowledgement(case, "es")
        assert (
            "por la Asociación Amazónica, la Asociación de Pescadores del Nanay, el Instituto "
            "de Defensa Legal y Mesa Quispe" in text
        ), text
    if "fr" in PROFILE.languages:
        text = _acknowledgement(case, "fr")
        assert "par Asociación Amazónica, Asociación de Pescadores del Nanay" in text, text
    text = _acknowledgement(case, "en")
    assert "the Asociación" not in text and "Asociación de Pescadores del Nanay" in text
