"""Dates as each language writes them (submissions.dates): the site's one format per
language, and French's "1er" for the first of the month, which no Django format string says
("1 mars 2026" is not French). The French pages are checked in tests/profiles/test_cec_pages.py
(French is a working language of the CEC only)."""

import datetime

import pytest
from django.utils import timezone, translation

from notices.wording import date_in
from submissions.dates import long_date, long_datetime
from workflow.deadlines import format_day

D = datetime.date


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", D(2026, 3, 1), "1er mars 2026"),
        ("fr", D(2026, 3, 2), "2 mars 2026"),
        ("fr", D(2026, 3, 11), "11 mars 2026"),
        ("fr", D(2026, 3, 21), "21 mars 2026"),
        ("en", D(2026, 3, 1), "1 March 2026"),
        ("es", D(2026, 3, 1), "1 de marzo de 2026"),
    ],
)
def test_a_date_in_each_language(language, day, expected):
    assert long_date(day, language) == expected
    assert date_in(day, language) == expected  # the formal documents' dates
    with translation.override(language):
        assert long_date(day) == expected
        assert format_day(day) == expected  # deadlines' explanations, the timeline's data


def test_a_weekday_and_a_moment_in_french():
    with translation.override("fr"):
        assert format_day(D(2026, 3, 1), weekday=True) == "dimanche 1er mars 2026"
        assert format_day(D(2026, 3, 2), weekday=True) == "lundi 2 mars 2026"
    moment = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)
    assert long_datetime(moment, "fr").startswith("1er mars 2026, 9 h 30 UTC")
    assert long_datetime(moment, "en").startswith("1 March 2026, 09:30 UTC")


def test_the_page_filters_write_a_moment_in_the_installations_time_zone(settings):
    from secretariat.templatetags.sem_text import long_date_filter, long_datetime_filter

    settings.TIME_ZONE = "America/Lima"
    # 1 March 2026, 02:00 UTC is still 28 February in Lima.
    moment = datetime.datetime(2026, 3, 1, 2, 0, tzinfo=datetime.UTC)
    with timezone.override("America/Lima"), translation.override("fr"):
        assert long_date_filter(moment) == "28 février 2026"
        assert long_datetime_filter(moment).startswith("28 février 2026, 21 h 00 UTC")
        assert long_date_filter(None) == long_datetime_filter(None) == ""
