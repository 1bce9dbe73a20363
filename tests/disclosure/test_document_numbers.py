import pytest

from disclosure.document_numbers import (
    is_valid_document_number,
    matching_key,
    normalise_document_number,
)


@pytest.mark.parametrize(
    "typed",
    [
        "南府规〔2019〕5号",
        "南府规[2019]5号",
        "南府规(2019)5号",
        "南府规（2019）5号",
        "南府规【2019】5号",
        "南府规［2019］5号",
        "南府规 〔２０１９〕 5号",
    ],
)
def test_bracket_variants_normalise_to_lenticular_brackets(typed):
    assert normalise_document_number(typed) == "南府规〔2019〕5号"


@pytest.mark.parametrize(
    "number",
    [
        "国办发〔2018〕118号",
        "国办发明电〔2018〕15号",
        "国令第707号",
        "南宁市人民政府令第18号",
    ],
)
def test_real_document_numbers_are_valid(number):
    assert is_valid_document_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "南府规〔19〕5号",
        "南府规2019-5",
        "〔2019〕5号",
        "南府规〔2019〕号",
        "南兴府办函〔202058",
    ],
)
def test_malformed_document_numbers_are_invalid(number):
    assert not is_valid_document_number(normalise_document_number(number))


def test_traditional_and_simplified_numbers_match():
    assert matching_key("連政辦發(2019)74號") == matching_key("連政辦發〔2019〕74号")
