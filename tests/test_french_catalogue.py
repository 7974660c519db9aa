"""The French catalogue (#18: the CEC works in English, French and Spanish): a draft until a
profile lists French (docs/french-notes.md, docs/glossary-fr.md), but kept complete now, so that
switching French on is a matter of the profile and its documents, not of 1,300 messages.

The Spanish catalogue is the reference: CI checks that it is complete and that ``makemessages``
leaves it unchanged, so every message of the code is in it. Every one must be in French too,
translated, with the same placeholders."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif%]")
TAG = re.compile(r"</?[a-z][^>]*>")


def catalogue(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po)


def entries(language: str) -> dict:
    """{(context, msgid): message} of the live entries (not obsolete), the header left out."""
    return {(m.context, str(m.id)): m for m in catalogue(language) if m.id}


def test_every_message_of_the_spanish_catalogue_is_in_the_french_one_translated():
    french = entries("fr")
    missing = [key for key in entries("es") if key not in french]
    assert missing == [], f"makemessages -l fr, then translate: {missing[:5]}"
    untranslated = [key for key, m in french.items() if not m.string or m.fuzzy]
    untranslated += [
        key for key, m in french.items() if isinstance(m.string, tuple) and not all(m.string)
    ]
    assert untranslated == []


@pytest.mark.parametrize("part", ["placeholders", "tags"])
def test_every_french_message_keeps_its_placeholders_and_tags(part):
    pattern = PLACEHOLDER if part == "placeholders" else TAG
    wrong = []
    for key, message in entries("fr").items():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(pattern.findall(ids[-1]))
        for string in strings:
            found = sorted(pattern.findall(string))
            # A plural's singular may say "one" in words rather than %(count)s.
            if found != expected and not (len(strings) > 1 and set(found) < set(expected)):
                wrong.append((key, found, expected))
    assert wrong == []


def test_the_french_catalogue_uses_french_quotation_marks():
    english_quotes = [key for key, m in entries("fr").items() if "“" in str(m.string)]
    assert english_quotes == []


STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def _french_texts():
    """Every French sentence: the catalogues' (the shared one and each profile's, outside HTML
    tags) and the CEC's formal documents' (notices.wording_cec)."""
    from notices import wording_cec

    paths = [LOCALE / "fr" / "LC_MESSAGES" / "django.po"]
    paths += sorted((LOCALE / "profiles").glob("*/fr/LC_MESSAGES/django.po"))
    for path in paths:
        with path.open("rb") as po:
            for message in read_po(po):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for string in strings:
                    if message.id:
                        yield path.parent.parent.parent.name, TAG.sub("", string)
    for name in ("LABELS", "TITLES", "CLOSURE", "BODY"):
        for text in getattr(wording_cec, name)[wording_cec.FR].values():
            yield f"wording_cec.{name}", text


def test_french_writes_the_typographic_apostrophe():
    """docs/french-notes.md: ’, not ' (walk 24: "l'affaire" beside "l’affaire" on one page)."""
    straight = [
        (where, text[:60]) for where, text in _french_texts() if STRAIGHT_APOSTROPHE.search(text)
    ]
    assert straight == []


# A plain space before French high punctuation (the no-break space is the rule: « : », « ; »,
# « ! », « ? »); a phone may break the line before the sign.
PLAIN_SPACE_BEFORE = re.compile(r" [:;!?]")


def test_french_puts_a_no_break_space_before_high_punctuation():
    """docs/french-notes.md: « Secrétariat : … » takes a no-break space (U+00A0) before the
    colon, semicolon, exclamation and question marks, as 329 of 333 colons did (walk 101's
    fix found the other four, and six semicolons)."""
    plain = [
        (where, text[:60]) for where, text in _french_texts() if PLAIN_SPACE_BEFORE.search(text)
    ]
    assert plain == []


# A plain space inside the guillemets (walk 160: « Rejets d’effluents … » in the Council's
# emails, where every other French text takes the no-break space).
PLAIN_SPACE_IN_GUILLEMETS = re.compile(r"« | »")


def test_french_puts_a_no_break_space_inside_guillemets():
    plain = [
        (where, text[:60])
        for where, text in _french_texts()
        if PLAIN_SPACE_IN_GUILLEMETS.search(text)
    ]
    assert plain == []


@pytest.mark.django_db
def test_a_list_in_french_puts_a_no_break_space_before_its_semicolons():
    """Walk 172: "Canada (jusqu'au 21 janvier 2027); Mexique (…)" on the officer's page, and
    the documents a publication opens, joined the English way."""
    from django.utils import translation

    from submissions.texts import semicolon
    from tests.helpers_cases import drive
    from workflow.exceptions import RuleViolation

    story = drive("draft_comment_period", comments=())
    with translation.override("fr"), pytest.raises(RuleViolation) as refused:
        story.add("final_submitted")
    said = str(refused.value)
    assert "\u00a0; " in said and ");" not in said, said
    with translation.override("en"):
        assert semicolon() == "; "
    assert semicolon("fr") == "\u00a0; "
