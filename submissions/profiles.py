"""Procedure profiles: the values of one treaty's submissions process, as data (issue #18).

One installation runs one profile, named by the setting ``SEM_PROCEDURE``; every case stores
the profile it was filed or imported under (``Submission.procedure``), and a registry file
names its profile (``"profile"``; absent means ``us-peru-tpa``). The code reads from here
what differs between treaties: the Parties, the working languages, the identifier and its
sequence, the seat, the periods (and an earlier text's), the criteria and factors, the
Council's rule, the steps a profile adds to the table (``transitions``), letterheads. The
shape of a profile is ``submissions.procedure``.

``us-peru-tpa``: today's process (United States–Peru Trade Promotion Agreement,
Arts. 18.8–18.9), the default. ``usmca-cec`` (submissions.profile_cec): the CEC's, with its
NAAEC-era texts; it still holds values not read in the USMCA's text (``unverified``), so an
installation runs it only when it says so. ``cafta-dr`` (submissions.profile_cafta): the
CAFTA-DR Secretariat for Environmental Matters, its seven Parties, Arts. 17.7–17.8.
"""

from babel import Locale
from babel.lists import format_list
from django.conf import settings

from submissions.procedure import (  # noqa: F401 - the profile's shape, named here too
    ANY_ONE_MEMBER,
    CAFTA_DR_IDENTIFIER,
    CEC_IDENTIFIER,
    COMBINED_DETERMINATION,
    CONSOLIDATION,
    COUNCIL_VOTES,
    ERRATA,
    SUPPLEMENTAL_INFORMATION,
    TWO_THIRDS,
    CouncilRule,
    Era,
    IdentifierScheme,
    Party,
    Period,
    Procedure,
)
from submissions.profile_cafta import CAFTA_DR
from submissions.profile_cec import USMCA_CEC
from submissions.profile_tpa import US_PERU_TPA

DEFAULT = "us-peru-tpa"
# Profiles researched but not built, refused with a message that says so (none now).
PLANNED: tuple[str, ...] = ()


PROFILES = {profile.slug: profile for profile in (US_PERU_TPA, USMCA_CEC, CAFTA_DR)}


def get(slug: str) -> Procedure:
    return PROFILES[slug]


def installed_slug() -> str:
    """The name of the profile this installation runs (``settings.SEM_PROCEDURE``)."""
    return getattr(settings, "SEM_PROCEDURE", DEFAULT)


def installed() -> Procedure:
    """The profile this installation runs."""
    return PROFILES[installed_slug()]


def language_list(locale: str) -> str:
    """The installed profile's working languages named in ``locale``, as a list is written
    there ("English, French, and Spanish"; CLDR, through Babel)."""
    names = Locale.parse(locale).languages
    return format_list([names[code] for code in installed().languages], locale=locale)


def problem(slug, allow_unverified: bool = False) -> str | None:
    """Why ``slug`` cannot be an installation's profile, or ``None`` when it can (read by the
    settings before anything is translated: for the operator, in English)."""
    built = ", ".join(PROFILES)
    if slug in PROFILES:
        missing = PROFILES[slug].unverified
        if not missing or allow_unverified:
            return None
        return (
            f"SEM_PROCEDURE={slug}: this procedure profile holds values not yet read in the "
            f"treaty's text ({', '.join(missing)}; docs/profiles.md, 'Not verified'). Set "
            "SEM_ALLOW_UNVERIFIED_PROFILE=true to run it anyway, for development or to import "
            "its histories: every page then says the procedure is provisional."
        )
    if slug in PLANNED:
        return (
            f"SEM_PROCEDURE={slug}: this procedure profile is researched (docs/profiles.md) but "
            f"not built yet; this version runs: {built}."
        )
    return f"SEM_PROCEDURE={slug}: there is no such procedure profile; the profiles are: {built}."
