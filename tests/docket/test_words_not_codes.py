"""Issue 17: pages say what a download is, name Parties, countries and authors in words, and
write a date one way per language."""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from secretariat.templatetags import sem_text
from tests.parties import SLUG, A, B

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document(content_type, size, name="file"):
    return SimpleNamespace(content_type=content_type, size=size, original_name=name, file=None)


@pytest.mark.parametrize(
    ("language", "document", "label"),
    [
        ("en", _document(DOCX, 24 * 1024), "DOCX, 24 KB"),
        ("es", _document("application/pdf", int(1.2 * 1024 * 1024)), "PDF, 1,2 MB"),
        ("en", _document("application/pdf", int(1.2 * 1024 * 1024)), "PDF, 1.2 MB"),
        ("es", _document("", 1, "Carta.ODT"), "ODT, 1 byte"),
        # Walk 24: "37 KB" beside "620 octets" and the upload limit's "25,0 Mio" (Django's
        # filesizeformat) on French pages.
        ("fr", _document(DOCX, 24 * 1024), "DOCX, 24\u00a0Kio"),
        ("fr", _document("application/pdf", int(1.2 * 1024 * 1024)), "PDF, 1,2\u00a0Mio"),
        ("en", _document("application/x-unknown", None, "scan.tiff"), "TIFF"),
    ],
)
def test_a_download_says_its_format_and_size(language, document, label):
    with translation.override(language):
        assert sem_text.download_label(document) == label


# Party A, Party B (the United States), a country, an author and A's government, in each of the
# profile's languages.
WORDS = {
    "us-peru-tpa": [
        ("en", "Peru · United States · Germany · by the Secretariat · Government of Peru"),
        ("es", "Perú · Estados Unidos · Alemania · por la Secretaría · Gobierno del Perú"),
    ],
    "usmca-cec": [
        ("en", "Mexico · United States · Germany · by the Secretariat · Government of Mexico"),
        ("es", "México · Estados Unidos · Alemania · por el Secretariado · Gobierno de México"),
        ("fr", "Mexique · États-Unis · Allemagne · par le Secrétariat · Gouvernement du Mexique"),
    ],
    "cafta-dr": [
        (
            "en",
            "Guatemala · United States · Germany · by the Secretariat · Government of Guatemala",
        ),
        (
            "es",
            "Guatemala · Estados Unidos · Alemania · por la Secretaría · Gobierno de Guatemala",
        ),
    ],
}[SLUG]


@pytest.mark.parametrize(("language", "expected"), WORDS)
def test_codes_become_words(language, expected):
    template = Template(
        f"{{% load sem_text %}}{{{{ '{A}'|party_label }}}} · {{{{ '{B}'|party_label }}}} · "
        f"{{{{ 'DE'|country_name }}}} · {{{{ 'secretariat'|by_author }}}} · "
        f"{{{{ '{A}'|government }}}}"
    )
    with translation.override(language):
        assert template.render(Context()) == expected


@pytest.mark.parametrize(
    ("language", "date", "datetime_"),
    [
        # A time says its offset from UTC: Lima, Washington and a reader elsewhere (a receipt's
        # "01:33" was read as UTC in the helper's walk).
        ("en", "28 October 2026", "28 October 2026, 14:05 UTC-0500"),
        ("es", "28 de octubre de 2026", "28 de octubre de 2026, 14:05 UTC-0500"),
    ],
)
def test_one_date_format_per_language(language, date, datetime_):
    day = datetime.date(2026, 10, 28)
    moment = datetime.datetime(2026, 10, 28, 14, 5, tzinfo=zoneinfo.ZoneInfo("America/Lima"))
    with translation.override(language):
        assert formats.date_format(day, "DATE_FORMAT") == date
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == date
        assert formats.date_format(moment, "DATETIME_FORMAT") == datetime_
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == datetime_
