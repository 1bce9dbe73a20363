import re

from cms.intake.tracking import ALPHABET, new_secret, new_tracking_code, normalise_code


def test_tracking_code_names_kind_and_date_and_avoids_lookalike_characters():
    code = new_tracking_code("LY")
    assert re.fullmatch(r"LY\d{8}-[" + ALPHABET + r"]{6}", code)
    assert not set(code.split("-")[1]) & set("01OIL")


def test_tracking_codes_do_not_repeat():
    codes = {new_tracking_code("YJ") for _ in range(2000)}
    assert len(codes) == 2000


def test_secret_has_requested_length():
    assert len(new_secret()) == 8


def test_codes_are_matched_without_case_or_spaces():
    assert normalise_code(" ly20261203-abcdef ") == "LY20261203-ABCDEF"
