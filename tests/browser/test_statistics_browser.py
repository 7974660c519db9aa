"""The statistics page on a 390 px phone, in both languages: nothing wider than the screen
(no horizontal scroll), and each chart's words drawn at a readable size."""

import pytest

from tests.docket.test_statistics import build_cases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_statistics_fit_a_390_px_phone(page, transactional_db, language, tmp_path):
    build_cases()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/{language}/statistics/")
    assert page.locator("h1").inner_text() in ("Statistics", "Estadísticas")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == 390, widths
    charts = page.locator("svg.chart__svg")
    assert charts.count() == 5
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        # The drawing is 360 units wide with 13-unit text: at this width the text is drawn
        # at no less than 12 px.
        assert box["width"] >= 330, box
    # No word is drawn past a chart's right edge, where the drawing cuts it off (a walk on a
    # phone found "(la marca)" and "5 comunicacion…" cut).
    cut = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart__svg')].flatMap(svg => {
            const right = svg.getBoundingClientRect().right + 0.5;
            return [...svg.querySelectorAll('text')]
                .filter(t => t.getBoundingClientRect().right > right)
                .map(t => t.textContent);
        })"""
    )
    assert cut == []
    height = page.evaluate("document.documentElement.scrollHeight")
    for n, top in enumerate(range(0, height, 1400)):
        clip = {"x": 0, "y": top, "width": 390, "height": min(1400, height - top)}
        page.screenshot(path=str(tmp_path / f"{language}-{n}.png"), full_page=True, clip=clip)


def test_statistics_and_the_header_fit_a_phone_at_twice_the_text_size(page, transactional_db):
    """WCAG 1.4.4 and 1.4.10 (walk 119): at 200 % text the language switcher ran 6 px past the
    edge, and the tables of counts by stage and by year 28 px."""
    build_cases()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/es/statistics/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    details = page.locator("details.chart__details")
    for i in range(details.count()):
        details.nth(i).locator("summary").click()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == 390, widths
