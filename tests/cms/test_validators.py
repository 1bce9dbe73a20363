from django.core.exceptions import ValidationError

import pytest

from cms import validators
from cms.models import SiteIdentity


@pytest.mark.parametrize("value", ["4501000001", "bm12345678"])
def test_site_code_accepts_region_serial_and_central_department_forms(value):
    validators.validate_site_code(value)


@pytest.mark.parametrize(
    "value", ["450100001", "45010000011", "BM12345678", "bm1234567x", ""]
)
def test_site_code_rejects_other_lengths_and_letters(value):
    with pytest.raises(ValidationError):
        validators.validate_site_code(value)


@pytest.mark.parametrize(
    "value",
    [
        "000014349",  # State Council General Office, as in its index numbers
        "91350100M000100Y43",  # a unified social credit code with a valid check
    ],
)
def test_organisation_code_accepts_valid_check_characters(value):
    assert validators.is_valid_organisation_code(value)


@pytest.mark.parametrize("value", ["000014348", "91350100M000100Y44", "12345", "jssfj"])
def test_organisation_code_rejects_wrong_check_characters_and_shapes(value):
    assert not validators.is_valid_organisation_code(value)


def test_icp_and_police_filing_numbers_follow_the_registration_formats():
    validators.validate_icp_number("桂ICP备05000364号-1")
    validators.validate_icp_number("桂ICP备2021001234号-1")
    validators.validate_police_filing_number("桂公网安备 45010302000001号")
    with pytest.raises(ValidationError):
        validators.validate_icp_number("ICP05000364")
    with pytest.raises(ValidationError):
        validators.validate_police_filing_number("桂公网安备 4501号")


@pytest.mark.parametrize("value", ["0771-2800000", "07712800000", "13800000000"])
def test_phone_accepts_landlines_and_mobiles(value):
    validators.validate_phone(value)


@pytest.mark.parametrize("value", ["12-34", "phone", "2800000"])
def test_phone_rejects_numbers_without_area_code(value):
    with pytest.raises(ValidationError):
        validators.validate_phone(value)


def test_contrast_ratio_follows_wcag():
    assert validators.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert validators.contrast_ratio("#1d5fa8", "#ffffff") == pytest.approx(
        6.45, abs=0.01
    )


@pytest.mark.parametrize("value", ["#b5121b", "#1d5fa8", "#767676", "#000000"])
def test_primary_colour_accepts_colours_white_text_reads_on(value):
    validators.validate_primary_colour(value)


@pytest.mark.parametrize(
    ("value", "ratio"),
    [
        ("#777777", "4.47"),
        ("#ffcc00", "1.51"),
        ("#4d9fea", "2.81"),
        ("#ffffff", "1.00"),
    ],
)
def test_primary_colour_refuses_low_contrast_naming_the_ratio(value, ratio):
    with pytest.raises(ValidationError) as error:
        validators.validate_primary_colour(value)

    assert error.value.messages == [
        f"主色 {value} 与白色文字的对比度为 {ratio}:1，低于无障碍（WCAG AA）要求的"
        " 4.5:1，请选用更深的颜色。"
    ]


def test_site_identity_refuses_a_low_contrast_primary_colour():
    identity = SiteIdentity(primary_colour="#ffcc00")

    with pytest.raises(ValidationError) as error:
        identity.clean_fields()

    assert "对比度为 1.51:1" in " ".join(error.value.message_dict["primary_colour"])


@pytest.mark.parametrize(
    "value",
    [
        "４５０１０００００１",  # full-width digits
        "450100000١",  # an Arabic-Indic digit
        "bm１２３４５６７８",
        "4501000001\n",
    ],
)
def test_site_code_refuses_non_ascii_digits_and_trailing_newline(value):
    with pytest.raises(ValidationError):
        validators.validate_site_code(value)


@pytest.mark.parametrize("province", list(validators.PROVINCES))
def test_icp_number_accepts_every_province_abbreviation(province):
    validators.validate_icp_number(f"{province}ICP备05000364号")
    validators.validate_police_filing_number(f"{province}公网安备 45010302000001号")


@pytest.mark.parametrize(
    "value",
    [
        "中ICP备05000364号",  # not a province
        "南ICP备05000364号",
        "桂ICP备０５０００３６４号",  # full-width digits
        "桂ICP备05000364号-１",
        "桂ICP备05000364号\n",
    ],
)
def test_icp_number_refuses_other_prefixes_and_digits(value):
    with pytest.raises(ValidationError):
        validators.validate_icp_number(value)


@pytest.mark.parametrize(
    "value",
    [
        "中公网安备 45010302000001号",
        "桂公网安备 ４５０１０３０２０００００１号",
        "桂公网安备\u300045010302000001号",  # an ideographic space
    ],
)
def test_police_filing_number_refuses_other_prefixes_digits_and_spaces(value):
    with pytest.raises(ValidationError):
        validators.validate_police_filing_number(value)


@pytest.mark.parametrize("value", ["０７７１-２８０００００", "1３800000000"])
def test_phone_refuses_full_width_digits(value):
    with pytest.raises(ValidationError):
        validators.validate_phone(value)
