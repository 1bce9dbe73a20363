"""Validators for the identifiers that Chinese government sites must show."""

import math
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The 31 provincial-level abbreviations that open ICP and police filing numbers.
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# [0-9] and re.ASCII, not \d alone: \d also takes full-width and other Unicode
# digits. The patterns are used with fullmatch, as $ lets a trailing newline
# in.
SITE_CODE_RE = re.compile(r"[0-9]{10}|bm[0-9]{8}", re.ASCII)
ICP_RE = re.compile(
    rf"[{PROVINCES}]ICP备([0-9]{{8}}|[0-9]{{10}})号(-[0-9]+)?", re.ASCII
)
POLICE_FILING_RE = re.compile(rf"[{PROVINCES}]公网安备 ?[0-9]{{14}}号", re.ASCII)
PHONE_RE = re.compile(
    r"0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?|1[3-9][0-9]{9}|12345", re.ASCII
)
HEX_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}", re.ASCII)
# WCAG 2 level AA for normal-size text.
MIN_TEXT_CONTRAST = 4.5
HOSTNAME_LABEL_RE = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)", re.ASCII)

# GB 11714: organisation codes are 8 characters and a check character.
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# GB 32100: the unified social credit code uses this 31-character alphabet.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def validate_site_code(value):
    if not SITE_CODE_RE.fullmatch(value or ""):
        raise ValidationError(
            _(
                "网站标识码应为10位：6位行政区划代码加4位顺序号，或 bm 加8位数字"
                "（半角数字）。"
            ),
            code="invalid_site_code",
        )


def org_code_check_char(body):
    """Return the GB 11714 check character for an 8-character code body."""
    total = sum(
        int(char, 36) * weight
        for char, weight in zip(body, ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check_char(body):
    """Return the GB 32100 check character for a 17-character code body."""
    total = sum(
        USCC_ALPHABET.index(char) * weight
        for char, weight in zip(body, USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_organisation_code(value):
    value = (value or "").upper()
    if re.fullmatch(r"[0-9A-Z]{8}[0-9X]", value):
        return org_code_check_char(value[:8]) == value[8]
    if re.fullmatch(f"[{USCC_ALPHABET}]{{18}}", value):
        return uscc_check_char(value[:17]) == value[17]
    return False


def validate_organisation_code(value):
    if not is_valid_organisation_code(value):
        raise ValidationError(
            _("组织机构代码应为9位组织机构代码或18位统一社会信用代码，且校验位正确。"),
            code="invalid_organisation_code",
        )


def validate_icp_number(value):
    if not ICP_RE.fullmatch(value or ""):
        raise ValidationError(
            _(
                "ICP备案号应以省级行政区简称开头、数字为半角，格式如：桂ICP备05000364号、"
                "桂ICP备2021001234号或 桂ICP备2021001234号-1。"
            ),
            code="invalid_icp",
        )


def validate_police_filing_number(value):
    if not POLICE_FILING_RE.fullmatch(value or ""):
        raise ValidationError(
            _(
                "公安机关备案号应以省级行政区简称开头，格式如："
                "桂公网安备 45010302000001号（14位半角数字）。"
            ),
            code="invalid_police_filing",
        )


def validate_phone(value):
    if not PHONE_RE.fullmatch((value or "").replace(" ", "")):
        raise ValidationError(
            _("电话号码格式不正确，应如 0771-1234567 或 11位手机号。"),
            code="invalid_phone",
        )


def validate_hex_colour(value):
    if not HEX_COLOUR_RE.fullmatch(value or ""):
        raise ValidationError(
            _("颜色应为 # 加6位十六进制数，如 #b5121b。"), code="invalid_colour"
        )


def relative_luminance(hex_colour):
    """Return the WCAG 2 relative luminance of a colour such as #1d5fa8."""
    channels = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    """Return the WCAG 2 contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted(
        (relative_luminance(first), relative_luminance(second)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def validate_primary_colour(value):
    """Refuse a primary colour on which the themes' white text is hard to read.

    Both themes set white text on the primary colour (banner, menu bar,
    buttons) and the primary colour as text on white, so one ratio covers
    both uses.
    """
    if not HEX_COLOUR_RE.fullmatch(value or ""):
        return  # validate_hex_colour reports the format.
    ratio = contrast_ratio(value, "#ffffff")
    if ratio < MIN_TEXT_CONTRAST:
        # Rounded down, so a ratio just under the limit never shows as 4.50.
        shown = math.floor(ratio * 100) / 100
        raise ValidationError(
            _(
                "主色 %(colour)s 与白色文字的对比度为 %(ratio).2f:1，低于无障碍"
                "（WCAG AA）要求的 %(minimum).1f:1，请选用更深的颜色。"
            ),
            code="low_contrast_colour",
            params={"colour": value, "ratio": shown, "minimum": MIN_TEXT_CONTRAST},
        )


def validate_hostname(value):
    """Accept a bare host name such as www.nanning.gov.cn, nothing more."""
    labels = (value or "").split(".")
    if len(value or "") > 253 or not all(
        HOSTNAME_LABEL_RE.fullmatch(x) for x in labels
    ):
        raise ValidationError(
            _(
                "主机名只能包含小写字母、数字、连字符和点，不含 http:// 、端口或路径，"
                "如 xingning.nanning.gov.cn。"
            ),
            code="invalid_hostname",
        )
