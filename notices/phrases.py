"""Whole phrases for a Party or an author inside a sentence, one per value.

Spanish joins a preposition to the article of the name that follows it ("al Perú", "del
Gobierno del Perú", "por la Secretaría"), and the article depends on the name. So a sentence
never puts a preposition before a name it received as a placeholder ("a %(party)s" gave "a el
Perú"): it takes the whole phrase for the value, translated as one piece (docs/glossary.md).
Stored codes (``"PE"``, ``"party:PE"``) go in; words of the active language come out.
"""

from django.utils.translation import pgettext_lazy

from submissions import profiles
from submissions.models import PARTY_CHOICES

# The installation's Parties (submissions.profiles), each with its whole phrases.
_PARTIES = profiles.installed().parties

# The Party as a label (a table cell, a list): "Peru", "United States"; "Perú", "Estados Unidos".
PARTY_LABELS = dict(PARTY_CHOICES)

# A submission concerning the Party: "relativa al Perú", "relativa a los Estados Unidos".
CONCERNING_PARTY = {p.code: p.phrases["concerning"] for p in _PARTIES}

# A response from the Party: "del Perú", "de los Estados Unidos".
FROM_PARTY = {p.code: p.phrases["from"] for p in _PARTIES}

# An account for a Party: "punto de contacto del Perú".
FOR_PARTY = {p.code: p.phrases["for"] for p in _PARTIES}

# Who wrote or did something, after "by": "por la Secretaría", "por el remitente".
BY_AUTHOR = {
    "submitter": pgettext_lazy("author", "by the submitter"),
    "secretariat": pgettext_lazy("author", "by the Secretariat"),
    **{f"party:{p.code}": p.phrases["by_government"] for p in _PARTIES},
    **{f"council:{p.code}": p.phrases["by_council"] for p in _PARTIES},
    "public": pgettext_lazy("author", "by an interested person"),
}

# In whose name something was recorded: "en nombre del Gobierno del Perú".
ON_BEHALF_OF = {
    "submitter": pgettext_lazy("author", "on behalf of the submitter"),
    "secretariat": pgettext_lazy("author", "on behalf of the Secretariat"),
    **{f"party:{p.code}": p.phrases["on_behalf_government"] for p in _PARTIES},
    **{f"council:{p.code}": p.phrases["on_behalf_council"] for p in _PARTIES},
    "public": pgettext_lazy("author", "on behalf of an interested person"),
}


def _pick(table: dict, code: str) -> str:
    # An unknown code is shown as it is rather than hidden: it is a data error to notice.
    return str(table[code]) if code in table else code


def party_label(code: str) -> str:
    return _pick(PARTY_LABELS, code)


def concerning_party(code: str) -> str:
    return _pick(CONCERNING_PARTY, code)


def from_party(code: str) -> str:
    return _pick(FROM_PARTY, code)


def for_party(code: str) -> str:
    return _pick(FOR_PARTY, code)


def by_author(author: str, *, several: bool = False) -> str:
    """ "by the submitter", or "by the submitters" where ``several`` filed (walk 30:
    "presentada por el peticionario" for a submission of two)."""
    if author == "submitter" and several:
        return str(pgettext_lazy("author", "by the submitters"))
    return _pick(BY_AUTHOR, author)


def on_behalf_of(author: str) -> str:
    return _pick(ON_BEHALF_OF, author)
