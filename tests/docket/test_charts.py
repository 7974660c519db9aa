"""The statistics charts keep every word inside their 360-unit view box, in both languages:
long sentences of figures go on several lines, and the longest bar leaves room for its
number in words (the browser test measures the drawn text; this one the layout's rule)."""

import pytest
from django.utils import translation

from secretariat.public import charts, statistics
from tests.docket.test_statistics import build_cases

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_text_of_every_chart_fits_the_view_box(language):
    build_cases()
    with translation.override(language):
        figures = statistics.compute()
    drawn = [figures[name] for name in figures if name.endswith("_chart")]
    assert len(drawn) == 5
    too_wide = [
        text["text"]
        for chart in drawn
        for text in chart["texts"]
        if text["x"] + len(text["text"]) * charts.CHAR[text["weight"]] > charts.WIDTH
    ]
    assert too_wide == []
