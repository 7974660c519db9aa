"""A date as the reader's language writes it: the site's one format per language
(``secretariat/formats``), and French's ordinal for the first of the month ("1er mars 2026",
"lundi 1er mars 2026"; never "1 mars"), which no Django format string can say."""

import re

from django.utils import formats, translation

_FIRST = re.compile(r"(^|\s)1 ")


def ordinal_first(text: str, value, language: str | None) -> str:
    """``text``, a formatting of ``value`` in ``language``, with French's "1er"."""
    if (language or "").startswith("fr") and value.day == 1:
        return _FIRST.sub(r"\g<1>1er ", text, count=1)
    return text


def long_date(value, language: str | None = None) -> str:
    """ "5 March 2026", "5 de marzo de 2026", "1er mars 2026"; ``language`` defaults to the
    active one."""
    if language is not None:
        with translation.override(language):
            return long_date(value)
    text = formats.date_format(value, "DATE_FORMAT")
    return ordinal_first(text, value, translation.get_language())


def long_datetime(value, language: str | None = None) -> str:
    """A moment as the pages give it: "1er mars 2026, 09:30 UTC+01:00"."""
    if language is not None:
        with translation.override(language):
            return long_datetime(value)
    text = formats.date_format(value, "DATETIME_FORMAT")
    return ordinal_first(text, value, translation.get_language())
