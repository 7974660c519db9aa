"""Walk 56: the English request for a response said "The Secretariat's note is given in
Spanish" with no note at all: the determination's findings, which the letter does not print,
had reasons in Spanish. A version says its words are in another language only over words it
prints."""

import dataclasses

import pytest

from notices import documents
from notices.wording import LABELS
from tests.notices.test_documents import FACTS
from tests.parties import FACTORS

pytestmark = pytest.mark.django_db


def _facts(**kwargs):
    """A request for a response, its determination's factors reasoned in Spanish."""
    findings = {f: {"met": True, "reasons": "Razones en español."} for f in FACTORS}
    return dataclasses.replace(
        FACTS, code="", outcome="request", findings=findings, language="es", **kwargs
    )


def _said(kind, facts):
    return [block.text for block in documents.compose(kind, facts, "en")]


def test_a_letter_says_nothing_of_words_it_does_not_print():
    notes = {
        LABELS["en"][key] % {"language": "Spanish"} for key in ("note_language", "reasons_language")
    }
    assert not notes & set(_said("request", _facts()))
    # The determination prints the findings, and says what language their reasons are in.
    assert notes & set(_said("determination_18_8_4", _facts()))
    # And a letter with reasons of its own says it of them.
    assert notes & set(_said("request", _facts(reasons="Nota de la Secretaría.")))
