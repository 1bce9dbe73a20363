import pytest

from cms.intake.masking import mask_email, mask_name, mask_phone, redact_contacts


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张**"), ("欧阳明月", "欧**"), (" 李 ", "李**"), ("", "匿名")],
)
def test_names_keep_only_the_first_character(name, masked):
    assert mask_name(name) == masked


def test_mobile_and_landline_numbers_keep_head_and_last_four_digits():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0771-5551234") == "0771****1234"


def test_too_short_phone_is_fully_hidden():
    assert mask_phone("12345") == "****"


def test_email_keeps_first_letter_and_domain():
    assert mask_email("zhangsan@example.com") == "z***@example.com"
    assert mask_email("not-an-address") == "***"


def test_contacts_written_in_free_text_are_masked():
    text = (
        "我的电话13812345678，座机0771-5551234，邮箱zhangsan@example.com，"
        "身份证450102199001011234。"
    )
    redacted = redact_contacts(text)
    assert redacted == (
        "我的电话138****5678，座机0771****1234，邮箱z***@example.com，"
        "身份证450102********1234。"
    )
