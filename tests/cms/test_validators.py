from django.core.exceptions import ValidationError

import pytest

from cms import validators


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
