from decimal import Decimal

import pytest

from disclosure.trading.amounts import parse_yuan


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("35.8万元", "358000.00"),
        ("¥1,234,000.00", "1234000.00"),
        (
            "预算总金额 12461000 元（分标1 10230000 元；分标2 2231000 元）",
            "12461000.00",
        ),
        (
            "总成交金额 ￥56.377800 万元（A分标 ¥389600.00；B分标 ¥174178.00）",
            "563778.00",
        ),
        ("总中标金额合计：1086万元（人民币）", "10860000.00"),
        ("1.2亿元", "120000000.00"),
        ("总中标金额：0.0 万元（人民币）（页面原样）", "0.00"),
    ],
)
def test_amounts_as_printed_are_read_in_yuan(text, yuan):
    assert parse_yuan(text) == Decimal(yuan)


def test_text_without_a_figure_has_no_amount():
    assert parse_yuan("详见招标文件") is None
    assert parse_yuan(None) is None


@pytest.mark.parametrize("text", ["9" * 40 + "亿元", float("inf"), Decimal("NaN")])
def test_what_is_no_finite_amount_reads_as_none(text):
    assert parse_yuan(text) is None
