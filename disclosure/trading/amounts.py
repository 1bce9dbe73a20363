"""Read money as notices print it ("35.8万元", "¥1,234,000.00") into yuan."""

import re
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
# The largest amount the money columns hold (16 digits, 2 after the point).
MAX_YUAN = Decimal("99999999999999.99")
UNITS = {
    "亿元": Decimal(100_000_000),
    "亿": Decimal(100_000_000),
    "万元": Decimal(10_000),
    "万": Decimal(10_000),
    "元": Decimal(1),
    "": Decimal(1),
}
# The first figure in the text wins: notices put the total first and the
# parts per lot (分标) after it in brackets.
AMOUNT = re.compile(r"[¥￥]?\s*(\d[\d,，]*(?:\.\d+)?)\s*(亿元|亿|万元|万|元)?")


def parse_yuan(text):
    """Return the first amount in ``text`` in yuan, or None when there is none."""
    if text is None:
        return None
    if isinstance(text, int | float | Decimal):
        return to_cents(Decimal(str(text)))
    match = AMOUNT.search(str(text))
    if match is None:
        return None
    digits = match.group(1).replace(",", "").replace("，", "")
    try:
        value = Decimal(digits) * UNITS[match.group(2) or ""]
    except InvalidOperation:
        return None
    return to_cents(value)


def to_cents(value):
    """Round to cents; None for what is no finite amount or too many digits."""
    if not value.is_finite():
        return None
    try:
        return value.quantize(CENT)
    except InvalidOperation:
        # More digits than the decimal context holds (28): no real amount.
        return None
