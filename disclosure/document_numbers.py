"""Document numbers (发文字号): normalise the brackets people type, then check."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Brackets seen around the year in typed or scanned numbers.
_YEAR_IN_BRACKETS = re.compile(
    r"[\[(（【［〔〖{]\s*((?:19|20)\d{2})\s*[\])）】］〕〗}]"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# 机关代字〔年份〕序号号, e.g. 南府规〔2019〕5号 or 国办发明电〔2018〕15号.
_BRACKETED = re.compile(
    r"^[\u4e00-\u9fa5A-Za-z]{1,20}〔(?:19|20)\d{2}〕第?\d{1,5}[号號]$"
)
# Orders and notices numbered without a year, e.g. 国令第707号.
_ORDER = re.compile(r"^[\u4e00-\u9fa5]{1,30}第\d{1,5}[号號]$")


def normalise_document_number(value):
    """Return the number with 〔〕 around the year and no stray spaces."""
    text = re.sub(r"\s+", "", (value or "").translate(_FULL_WIDTH_DIGITS))
    return _YEAR_IN_BRACKETS.sub(r"〔\1〕", text)


def is_valid_document_number(value):
    return bool(_BRACKETED.match(value) or _ORDER.match(value))


def validate_document_number(value):
    if value and not is_valid_document_number(value):
        raise ValidationError(
            _("发文字号格式应为“机关代字〔年份〕序号号”，如 南府规〔2019〕5号。"),
            code="invalid_document_number",
        )


def matching_key(value):
    """Return a form of the number for matching across simplified/traditional."""
    return normalise_document_number(value).replace("號", "号")
