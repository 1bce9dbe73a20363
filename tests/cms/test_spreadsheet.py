import pytest

from cms.spreadsheet import spreadsheet_safe


@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"]
)
def test_cells_a_spreadsheet_would_run_get_a_leading_quote(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["建议 = 好", "13812345678", "", None, 3])
def test_other_cells_are_left_alone(value):
    assert spreadsheet_safe(value) == value
