"""Walk 56: the English request for a response said "The Secretariat's note is given in
Spanish" with no note at all: the determination's findings, which the letter does not print,
had reasons in Spanish. A version says its words are in another language only over words it
prints."""

import datetime

import pytest

from notices import documents
from notices.wording import LABELS
from tests.parties import FACTORS, A

pytestmark = pytest.mark.django_db

D = datetime.date


def _facts(**kwargs):
    return documents.CaseFacts(
        reference="REF",
        code="",
        on=D(2026, 3, 2),
        title="Título",
        party=A,
        filed_on=D(2026, 1, 12),
        submitters=["Rosa Martínez"],
        outcome="request",
        findings={f: {"met": True, "reasons": "Razones en español."} for f in FACTORS},
        language="es",
        **kwargs,
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
