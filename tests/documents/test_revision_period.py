"""Walk 56: a determination that the submission does not meet the criteria said "The
submitters may file a revised submission", with no period, and in the plural for one
submitter. It now states the profile's period (PROCESS.md: 30 days, ours; the CEC's
Guidelines 6.2: 60 working days) and speaks of one submitter or several."""

import dataclasses

import pytest

from notices import documents
from tests.notices.test_documents import FACTS
from tests.parties import SLUG
from workflow import services
from workflow.periods import SPECS

pytestmark = pytest.mark.django_db

# (language, one submitter?) -> the sentence, per profile.
EXPECTED = {
    "us-peru-tpa": {
        ("en", True): "The submitter may file a revised submission within 30 days of this "
        "determination.",
        ("es", False): "Los remitentes podrán presentar una comunicación revisada dentro de "
        "los 30 días siguientes a esta determinación.",
    },
    "usmca-cec": {
        ("en", False): "The submitters may file a revised submission within 60 working days "
        "of this determination.",
        ("fr", True): "Son auteur peut déposer une communication révisée dans les "
        "60\u00a0jours ouvrables suivant la présente décision.",
        ("es", True): "El peticionario podrá presentar una petición revisada dentro de los "
        "60 días hábiles siguientes a esta determinación.",
    },
    "cafta-dr": {
        ("en", True): "The submitter may file a revised submission within 30 days of this "
        "determination.",
        ("es", False): "Los peticionarios podrán presentar una comunicación revisada dentro "
        "de los 30 días siguientes a esta determinación.",
    },
}[SLUG]


def _paragraphs(outcome, language, submitters):
    facts = dataclasses.replace(FACTS, submitters=submitters, outcome=outcome, language="es")
    blocks = documents.compose("determination_18_8_2", facts, language)
    return [block.text for block in blocks if block.kind == "paragraph"]


@pytest.mark.parametrize(("language", "one"), list(EXPECTED))
def test_does_not_meet_states_the_revision_period(language, one):
    submitters = ["Rosa Martínez"] if one else ["Rosa Martínez", "Asociación Ríos Vivos"]
    assert EXPECTED[language, one] in _paragraphs("does_not_meet", language, submitters)
    # A determination that the criteria are met invites no revision.
    assert not any("revis" in text for text in _paragraphs("meets", language, submitters)), language


def test_the_period_stated_is_the_one_the_deadline_counts(director):
    """Where the Secretariat sets the revision period (the TPA, CAFTA-DR: PROCESS.md [ours]),
    a changed length is the one the determination states."""
    if not SPECS["revision"].editable:
        pytest.skip("the revision period is fixed by a text under this profile")
    services.set_deadline_length("revision", 45, actor=director)
    text = " ".join(_paragraphs("does_not_meet", "en", ["Rosa Martínez"]))
    assert "within 45 days of this determination" in text
