"""The docket's CSV export never hands a spreadsheet a formula."""

import pytest

from secretariat.web.downloads import cell as _cell


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"])
def test_a_cell_that_a_spreadsheet_would_run_is_quoted(text):
    assert _cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Minería ilegal", "1 + 1", "", " =1"])
def test_other_cells_are_left_alone(text):
    assert _cell(text) == text
