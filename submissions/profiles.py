"""Procedure profiles: the values of one treaty's submissions process, as data (issue #18).

One installation runs one profile, named by the setting ``SEM_PROCEDURE``; every case stores
the profile it was filed or imported under (``Submission.procedure``), and a registry file
names its profile (``"profile"``; absent means ``us-peru-tpa``). The code reads the Parties,
the working languages and the identifier's Party part from here instead of writing them in.

Built so far: ``us-peru-tpa``, today's process (United States–Peru Trade Promotion Agreement,
Arts. 18.8–18.9). The research for ``usmca-cec`` and ``cafta-dr`` (each value with its source)
is in docs/profiles.md; they are named in ``PLANNED`` so that a setting naming one is refused
with a message that says so, not taken for a typing error.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULT = "us-peru-tpa"
PLANNED = ("usmca-cec", "cafta-dr")


@dataclass(frozen=True)
class Party:
    """A Party to the treaty.

    ``label``: the name on its own (a choice, a chart's bar); ``in_sentence``: as a sentence
    names it, with its article where English has one ("the United States"); ``government``:
    the addressee of a request, without the article a Spanish sentence contracts ("al Gobierno
    del Perú"); ``names``: the fixed name in each working language, for the reference rows.
    """

    code: str
    label: object
    in_sentence: object
    government: object
    names: dict

    @property
    def authors(self) -> tuple[str, str]:
        """The event authors that speak for this Party: its government and its Council
        member (submissions.stages.Author)."""
        return (f"party:{self.code}", f"council:{self.code}")


@dataclass(frozen=True)
class Procedure:
    """One profile. Each value's source is in docs/profiles.md, beside the same name."""

    slug: str
    parties: tuple[Party, ...]
    languages: tuple[str, ...]
    # Party codes whose own persons may not file about them (US-Peru TPA Art. 18.8.3: a
    # person of the United States files about the United States under the CEC process).
    not_about_own_party: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(party.code for party in self.parties)

    def party(self, code: str) -> Party:
        for party in self.parties:
            if party.code == code:
                return party
        raise KeyError(code)

    def party_choices(self) -> list[tuple[str, object]]:
        """(code, label) of each Party, in the profile's order."""
        return [(party.code, party.label) for party in self.parties]

    @property
    def portal_authors(self) -> tuple[str, ...]:
        """Every author that speaks for a government or a Council member."""
        return tuple(
            author for kind in (0, 1) for author in (p.authors[kind] for p in self.parties)
        )

    @property
    def identifier_party_pattern(self) -> str:
        """The Party part of an identifier (``SEM/PE/002/2023``) as a regular expression."""
        return "(" + "|".join(self.codes) + ")"


US_PERU_TPA = Procedure(
    slug="us-peru-tpa",
    parties=(
        Party(
            code="PE",
            label=_("Peru"),
            in_sentence=_("Peru"),
            government=_("Government of Peru"),
            names={"en": "Peru", "es": "Perú"},
        ),
        Party(
            code="US",
            label=_("United States"),
            in_sentence=_("the United States"),
            government=_("Government of the United States"),
            names={"en": "United States", "es": "Estados Unidos"},
        ),
    ),
    languages=("en", "es"),
    not_about_own_party=("US",),
)

PROFILES = {US_PERU_TPA.slug: US_PERU_TPA}


def get(slug: str) -> Procedure:
    return PROFILES[slug]


def installed_slug() -> str:
    """The name of the profile this installation runs (``settings.SEM_PROCEDURE``)."""
    return getattr(settings, "SEM_PROCEDURE", DEFAULT)


def installed() -> Procedure:
    """The profile this installation runs."""
    return PROFILES[installed_slug()]


def problem(slug) -> str | None:
    """Why ``slug`` cannot be an installation's profile, or ``None`` when it can (read by the
    settings before anything is translated: for the operator, in English)."""
    if slug in PROFILES:
        return None
    built = ", ".join(PROFILES)
    if slug in PLANNED:
        return (
            f"SEM_PROCEDURE={slug}: this procedure profile is researched (docs/profiles.md) but "
            f"not built yet; this version runs: {built}."
        )
    return f"SEM_PROCEDURE={slug}: there is no such procedure profile; the profiles are: {built}."
