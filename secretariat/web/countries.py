"""Countries, one way for every form: a country typed or picked from one shared ``<datalist>``,
named in the page's language (Babel's CLDR data), the Parties first; what people write for a
nationality ("peruana") is taken too. The public filing form and the workspace's paper filing
both use ``CountryField`` and render ``country_datalist()`` once per page."""

import functools

from babel import Locale
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from submissions import profiles
from submissions.models import PARTY_CODES
from submissions.search import fold

COUNTRY_LIST_ID = "countries"  # the one <datalist> every country input points at


def _sort_key(text: str) -> str:
    return fold(text)  # the docket search's folding: no case, no accents


# CLDR territories that are not a country a person is of: groupings (EU, EZ, UN), unknown (ZZ),
# outlying Oceania (QO), the pseudo-locales' test regions (XA, XB), and parts of a country
# listed apart for other purposes (the Canary Islands, Ceuta and Melilla, Diego Garcia,
# Clipperton, Tristan da Cunha, Ascension).
NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "IC", "EA", "DG", "CP", "TA", "AC"}
)


@functools.lru_cache(maxsize=4)
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of every country, named in ``language`` (Babel's CLDR data), the
    Parties first."""
    names = Locale.parse(language).territories
    codes = [
        code for code in names if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    ]
    rest = sorted((c for c in codes if c not in PARTY_CODES), key=lambda c: _sort_key(names[c]))
    return tuple((c, names[c]) for c in [*PARTY_CODES, *rest])


def country_choices():
    """Every country by its two-letter code, named in the page's language."""
    return [("", "—"), *_countries(current_language())]


@functools.lru_cache(maxsize=1)
def _country_lookup() -> dict[str, str]:
    """Code or name (in any of the site's languages, any case or accents) → the two-letter
    code: the French page suggests "Mexique", and takes it back. Where two languages' names
    collide, Spanish and English win (they are read last)."""
    lookup = {}
    others = [code for code, _name in settings.LANGUAGES if code not in ("es", "en")]
    for language in (*others, "es", "en"):
        for code, name in _countries(language):
            lookup[_sort_key(name)] = code
    for code, _name in _countries("en"):
        lookup[code.lower()] = code
    # What people write for a nationality ("peruana", "estadounidense"): the Parties'.
    for party in profiles.installed().parties:
        for demonym in party.demonyms:
            lookup[_sort_key(demonym)] = party.code
    return lookup


def country_code(value: str) -> str | None:
    return _country_lookup().get(_sort_key(" ".join(value.split())))


@functools.lru_cache(maxsize=4)
def _datalist(language: str) -> str:
    options = format_html_join("", '<option value="{}">', ((n,) for _c, n in _countries(language)))
    return format_html('<datalist id="{}">{}</datalist>', COUNTRY_LIST_ID, options)


def country_datalist():
    """The page's one list of countries, rendered once per language."""
    return _datalist(current_language())


class CountryField(forms.CharField):
    """A country typed or picked from the shared datalist: its code (PE) or its name in any of
    the site's languages (Perú, Peru, Pérou); cleaned to the two-letter code."""

    default_error_messages = {
        "unknown": _("Choose a country from the list (for example, Peru)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": COUNTRY_LIST_ID, "autocomplete": "off"})
        )
        super().__init__(max_length=100, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        code = country_code(value)
        if code is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return code


def current_language() -> str:
    """The page's language if the installation works in it (settings.LANGUAGES, from the
    procedure profile), else its first."""
    codes = [code for code, _name in settings.LANGUAGES]
    language = (get_language() or codes[0])[:2]
    return language if language in codes else codes[0]
