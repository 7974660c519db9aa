"""A procedure profile's own wording of the process (issue #18).

The shared catalogues (locale/<lang>/) are written for the default profile, the US-Peru TPA:
many sentences name its articles ("Article 18.8.2"), its Parties ("Peru") or its treaty. A
profile that is not the default words those sentences its own way in catalogues of its own,
locale/profiles/<profile>/<lang>/LC_MESSAGES/django.po, one per working language, English
included (an English "translation" of the English sentence); settings.LOCALE_PATHS puts them
first, so the same code speaks the profile's treaty. ``missing`` lists the default's sentences
that a profile's catalogues do not yet word: until none is missing, the profile is not ready
(``python manage.py profile_prose <profile>``).
"""

import re
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"
# What marks a sentence of the shared catalogues as the TPA's own: its articles, its Parties'
# and treaty's names.
DEFAULT_PROSE = re.compile(
    r"\b18\.(?:8|9|14)\b|\bArts?\. 1\.3\b|\bPeru\b|\bPeruvian\b|Trade Promotion Agreement"
    r"|Chapter Eighteen"
    # Its two languages, its two Parties, its periods, its Council's and Secretariat's names.
    r"|English (?:or|and) Spanish|\bboth Parties\b|\b(?:45|60) days\b|\bsix criteria\b"
    r"|Environmental Affairs Council|to the Environmental Cooperation Commission"
    r"|Secretariat for Environmental Matters"
    # Its seat, and its Council's rule where a sentence states it without an article.
    r"|\bWashington\b|[Aa]ny member of the Council|only if a Council member"
)


def _catalogue(path: Path) -> dict:
    """msgid (with its context) -> whether the entry is translated, of one .po file."""
    with path.open("rb") as source:
        catalog = read_po(source)
    return {
        (message.context or "", _msgid(message.id)): bool(_msgid(message.string))
        for message in catalog
    }


def _msgid(value) -> str:
    return value[0] if isinstance(value, tuple | list) else value


def default_prose(locale: Path = LOCALE) -> list[tuple]:
    """(context, msgid) of the shared catalogue's sentences that are the default profile's own
    (``DEFAULT_PROSE``), read from the Spanish catalogue, which has every message."""
    shared = _catalogue(locale / "es" / "LC_MESSAGES" / "django.po")
    return sorted(key for key in shared if key[1] and DEFAULT_PROSE.search(key[1]))


def missing(profile: str, languages, locale: Path = LOCALE) -> dict[str, list[tuple]]:
    """For each of ``languages``, the default's own sentences the profile's catalogue does not
    word (all of them where the catalogue does not exist)."""
    wanted = default_prose(locale)
    result = {}
    for language in languages:
        path = locale / "profiles" / profile / language / "LC_MESSAGES" / "django.po"
        worded = _catalogue(path) if path.exists() else {}
        result[language] = [key for key in wanted if not worded.get(key)]
    return result
