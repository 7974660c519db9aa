"""The timeline writes the days an event's data holds (delivered, call closes, new target) in
the page's one date format, never as ISO codes."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import translation

from workflow.describe import describe


def _event(kind, data):
    return SimpleNamespace(kind=kind, data=data, stage_after=None, on=datetime.date(2026, 7, 1))


@pytest.mark.parametrize(
    ("language", "kind", "data", "expected"),
    [
        ("en", "response_decided", {"delivered_on": "2026-07-12"}, "12 July 2026"),
        ("es", "response_decided", {"delivered_on": "2026-07-12"}, "12 de julio de 2026"),
        ("en", "information_called", {"closes_on": "2026-12-02"}, "2 December 2026"),
        ("es", "information_called", {"closes_on": "2026-12-02"}, "2 de diciembre de 2026"),
        ("en", "target_set", {"new_due_on": "2026-08-31"}, "31 August 2026"),
        ("es", "target_set", {"new_due_on": "2026-08-31"}, "31 de agosto de 2026"),
    ],
)
def test_days_in_event_data_are_written_in_the_page_language(language, kind, data, expected):
    with translation.override(language):
        values = [value for _label, value in describe(_event(kind, data))]
    assert expected in values
    assert not any(value.startswith("2026-") for value in values)


def test_a_day_that_is_not_iso_shows_as_stored():
    with translation.override("en"):
        values = [value for _label, value in describe(_event("x", {"closes_on": "end of May"}))]
    assert values == ["end of May"]
