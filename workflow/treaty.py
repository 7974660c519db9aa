"""The words of the treaty: the United States–Peru Trade Promotion Agreement, Chapter 18.

One wording in English, quoted from the treaty (Arts. 18.8.2 and 18.8.4), and one in Spanish,
from the treaty's equally authentic Spanish text, through the catalogue. Forms, pages, timelines
and generated documents all read them from here, so a label and a document cannot drift apart.
Events store the letters and codes (``"a"``, ``"meets"``, ``"PE"``), never these words.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from submissions import profiles

# The admissibility criteria (Art. 18.8.2) and the factors that guide a request for a response
# (Art. 18.8.4), by letter: the profile's (submissions.profiles), in the treaty's words.
CRITERIA = profiles.installed().criteria
FACTORS = profiles.installed().factors


def criteria_for(filed_on) -> dict:
    """The criteria a case filed on ``filed_on`` is determined against: the profile's, or
    those of its earlier text in force then (``Procedure.earlier_eras``)."""
    return profiles.installed().texts_for(filed_on)[0]


def factors_for(filed_on) -> dict:
    return profiles.installed().texts_for(filed_on)[1]


def letters(items: dict) -> str:
    """``(a), (b) and (c)``-like list of an item set's letters, for messages."""
    return ", ".join(f"({letter})" for letter in items)


# The outcomes of the Secretariat's determinations, as the events store them.
OUTCOMES = {
    "meets": _("meets the criteria"),
    "does_not_meet": _("does not meet the criteria"),
    "request": _("request a response"),
    "no_request": _("no response requested"),
    "warranted": _("a factual record is warranted"),
    "not_warranted": _("a factual record is not warranted"),
}

# The Parties, as a sentence names them, and their governments (the addressees of a request;
# without the article, which a sentence contracts in Spanish: "al Gobierno del Perú").
PARTIES = {p.code: p.in_sentence for p in profiles.installed().parties}
GOVERNMENTS = {p.code: p.government for p in profiles.installed().parties}


def lettered(letter: str, text) -> str:
    """``(a) is in writing…``: an item with its letter, as the treaty lists it."""
    return format_lazy("({letter}) {text}", letter=letter, text=text)


def named_item(word: str, letter: str, item) -> str:
    """``Criterion (a) — is in writing…``: an item of a combined determination, whose two
    lists are both lettered from (a), named by ``word`` ("Criterion %(item)s"). Walk 50:
    «Critère (a) est présentée par écrit» read as one sentence, its verb agreeing with
    nothing."""
    text = str(item).removeprefix(f"({letter}) ")
    return f"{word % {'item': f'({letter})'}} — {text}"


def lettered_items(items: dict) -> dict:
    return {letter: lettered(letter, text) for letter, text in items.items()}


def party_name(code: str) -> str:
    return str(PARTIES.get(code, code))


def government_name(code: str) -> str:
    return str(GOVERNMENTS.get(code, code))
