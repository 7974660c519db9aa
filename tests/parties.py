"""The Parties, identifiers and rules the suite's cases use, under whichever procedure profile
the suite runs (issue #18: the whole suite passes under each profile).

Most tests need "a Party a case concerns" and "another Party", not Peru and the United States:
they name :data:`A` and :data:`B`. ``A`` is a Spanish-speaking Party (the suite's filings are
mostly in Spanish) and ``B`` the United States, a Party of every profile. What a profile words
or counts differently (articles, names, identifiers, how many Council members instruct) comes
from the profile through the helpers below, never from a literal of one treaty.

A test that checks one profile's own data (its real cases, its treaty's articles and sentences,
its seat's holidays) says so with :func:`profile_data`; the same values of every other profile
are checked in ``tests/profiles/``.
"""

import dataclasses

import pytest

from submissions import profiles

PROFILE = profiles.installed()
SLUG = PROFILE.slug
TPA = profiles.DEFAULT

_PAIRS = {"us-peru-tpa": ("PE", "US"), "usmca-cec": ("MX", "US"), "cafta-dr": ("GT", "US")}
A, B = _PAIRS[SLUG]
CODES = PROFILE.codes
# The Parties other than A and B (the CEC's Canada, CAFTA-DR's five); empty under the TPA.
OTHERS = tuple(code for code in CODES if code not in (A, B))

A_LOWER, B_LOWER = A.lower(), B.lower()

# Every admissibility criterion met, in the profile's letters (the TPA's a–f, the USMCA's a–e).
CRITERIA = tuple(PROFILE.criteria)
FACTORS = tuple(PROFILE.factors)
ALL_MET = {c: {"met": True, "reasons": f"({c}) is met."} for c in CRITERIA}


def es(text: str) -> str:
    """A Spanish sentence as the profile words a submission, a submitter and a draft factual
    record: the TPA's and CAFTA-DR's "comunicación", the CEC's own "petición"; the TPA's
    "remitente", the CEC's and CAFTA-DR's "peticionario"; the TPA's "borrador del expediente
    de hechos", the CEC's "proyecto de expediente de hechos" (docs/glossary.md). The sentences
    the suite checks agree either way (both submissions are feminine; "el remitente", "el
    peticionario"; "el borrador", "el proyecto")."""
    pairs = []
    if SLUG == "usmca-cec":
        pairs += [
            # Its "proyecto de expediente de hechos" (NAAEC 15(5)) for the TPA's "borrador".
            ("borrador del expediente", "proyecto de expediente"),
            ("Borrador del expediente", "Proyecto de expediente"),
            ("borradores", "proyectos"),
            ("borrador", "proyecto"),
            ("Borrador", "Proyecto"),
            ("comunicaciones", "peticiones"),
            ("Comunicaciones", "Peticiones"),
            ("comunicación", "petición"),
            ("Comunicación", "Petición"),
        ]
    if SLUG in ("usmca-cec", "cafta-dr"):
        pairs += [
            ("remitentes", "peticionarios"),
            ("Remitentes", "Peticionarios"),
            ("remitente", "peticionario"),
            ("Remitente", "Peticionario"),
        ]
    for tpa, own in pairs:
        text = text.replace(tpa, own)
    return text


def name(code: str, language: str = "en") -> str:
    """A Party's fixed name in ``language`` (``Perú``, ``México``, ``the United States``'s
    label ``United States``)."""
    return PROFILE.party(code).names[language]


def identifier(party: str, number: int, year: int, prefix: str = "SEM") -> str:
    """The identifier the profile gives the ``number``-th case of ``year`` (of ``party``'s own
    sequence where the profile keeps one per Party)."""
    return PROFILE.identifier.format(prefix, party, number, year)


def slug(party: str, number: int, year: int, prefix: str = "SEM") -> str:
    """That identifier as the case page's URL has it."""
    return identifier(party, number, year, prefix).lower().replace("/", "-")


def members_needed(kind: str = "council_instructed") -> int:
    """How many Council members' instructions make the Council's (TPA: any one; CEC: two)."""
    from workflow import council

    return council.needed(kind)


def council_members(kind: str = "council_instructed") -> tuple[str, ...]:
    """The Parties whose members instruct, in order, until the Council's rule is met: A first,
    then B, then the others."""
    return ((A, B) + OTHERS)[: members_needed(kind)]


def profile_data(slug: str, what: str, elsewhere: str = ""):
    """Mark a test that checks ``slug``'s own data (``what``: its real cases, its treaty's
    wording, its seat's calendar): it runs under that profile, and under another it is
    skipped with the reason shown, naming ``elsewhere``, the test that checks the other
    profile's counterpart, or saying that it has none."""
    counterpart = f"{elsewhere} checks {SLUG}'s" if elsewhere else f"{SLUG} has no counterpart"
    return pytest.mark.skipif(
        slug != SLUG, reason=f"checks the {slug} profile's {what}; {counterpart}"
    )


def tpa_data(what: str, elsewhere: str = ""):
    """:func:`profile_data` for the default profile, the US–Peru TPA."""
    return profile_data(TPA, what, elsewhere)


def with_steps(monkeypatch, steps: dict, **values) -> None:
    """The installed profile with a profile's ``steps`` added to its own transitions (the
    CEC's consolidation, CAFTA-DR's errata…) and ``values`` replaced, for a test that is about
    the step, not about which profile has it."""
    profile = dataclasses.replace(PROFILE, transitions={**PROFILE.transitions, **steps}, **values)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)
