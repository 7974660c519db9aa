"""Walk 83 in Chromium: the docket's search errors take the focus as every other form's do; the
filing form's numbered law rows read well on a phone and on a desktop; a submitter added by
script points at no error or kept file of the first submitter's."""

import pytest

from tests.browser.test_filing_browser import PDF, fill_common
from tests.parties import A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docket_search_errors_take_the_focus(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/es/docket/?year=1800&sort=zzz&party=XX")
    # A CSS wait: polling a script needs eval, which the Content Security Policy refuses.
    page.wait_for_selector("#error-summary:focus")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.locator("#error-summary a[href='#id_year']").click()
    assert page.evaluate("location.hash") == "#id_year"


def test_a_typed_error_goes_to_the_server_not_a_bubble(page):
    page.goto(page.base + "/en/docket/")
    page.fill("#id_year", "1800")  # below the field's min: the browser alone would refuse it
    page.locator("form[role='search'] button[type='submit']").click()
    page.wait_for_selector("#error-summary:focus")
    assert "year=1800" in page.url


@pytest.mark.parametrize("width", [390, 1280])
def test_the_law_rows_are_numbered_fieldsets_that_fit(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base + "/en/file/")
    assert page.locator("fieldset.law > legend").all_inner_texts() == [
        "Law 1",
        "Law 2",
        "Law 3",
        "Law 4",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for i in range(4):
        legend = page.locator("fieldset.law > legend").nth(i).bounding_box()
        name = page.locator(f"#id_f-law_{i}_name").bounding_box()
        provisions = page.locator(f"#id_f-law_{i}_provisions").bounding_box()
        assert legend["y"] < name["y"]  # the number above its row
        assert name["x"] + name["width"] <= width and provisions["x"] + provisions["width"] <= width
        if width >= 1000:  # side by side, as before
            assert provisions["x"] > name["x"] + name["width"]
        else:  # one above the other
            assert provisions["y"] > name["y"]


def test_a_submitter_added_by_script_points_at_nothing_of_the_first(page):
    page.goto(page.base + "/en/file/")
    fill_common(page, party=A, language="en")
    page.fill("#id_f-title", "Two submitters")
    page.fill("#id_s0-email", "not an email")
    page.set_input_files(
        "#id_s0-identity_document",
        files=[{"name": "dni.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.locator("button[type=submit].button").click()
    page.wait_for_selector("#id_s0-identity_document-kept")
    first = page.get_attribute("#id_s0-identity_document", "aria-describedby").split()
    assert "id_s0-identity_document-kept" in first
    assert "id_s0-email-error" in page.get_attribute("#id_s0-email", "aria-describedby").split()
    page.locator("button[name='add_submitter']").click()
    page.wait_for_selector("#id_s1-name")
    described = page.eval_on_selector_all(
        "#co-submitter-1 [aria-describedby]",
        "nodes => nodes.map(n => n.getAttribute('aria-describedby'))",
    )
    ids = {ident for value in described for ident in value.split()}
    assert ids  # the help texts are still named
    for ident in ids:
        assert page.locator(f"[id='{ident}']").count() == 1, ident
    assert not any(ident.endswith(("-kept", "-error")) for ident in ids)
