from django import forms
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory, override_settings

import pytest

from cms.intake.forms import (
    CAPTCHA_SESSION_KEY,
    IntakeForm,
    PlainTextField,
    normalise_phone,
    validate_phone,
)


class ContactForm(IntakeForm):
    phone = forms.CharField(required=False)
    email = forms.CharField(required=False)

    def clean(self):
        cleaned = super().clean()
        self.clean_contact(cleaned.get("phone"), cleaned.get("email"))
        return cleaned


def request_with_session():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


@pytest.mark.parametrize(
    "phone",
    ["13812345678", "0771-5551234", "07715551234", "138-1234-5678", "138 1234 5678"],
)
def test_valid_phones_pass(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["138-1234-5678", " 138 1234－5678", "13812345678"])
def test_phones_are_normalised_to_their_digits(phone):
    assert normalise_phone(phone) == "13812345678"


@pytest.mark.parametrize("phone", ["12345678901", "1381234567", "abc", "+8613812345"])
def test_invalid_phones_are_refused(phone):
    with pytest.raises(forms.ValidationError):
        validate_phone(phone)


def test_contact_requires_phone_or_email():
    form = ContactForm({"phone": "", "email": ""})
    assert not form.is_valid()
    assert "请至少填写手机号码或电子邮箱中的一项。" in form.non_field_errors()


def test_bad_email_is_refused():
    form = ContactForm({"email": "not-an-address"})
    assert not form.is_valid()


def test_honeypot_filled_by_a_bot_is_noticed():
    assert ContactForm({"website": "http://spam.invalid"}).caught_by_honeypot
    assert not ContactForm({"phone": "13812345678"}).caught_by_honeypot


@override_settings(INTAKE_CAPTCHA=True)
def test_captcha_when_switched_on_needs_the_right_answer():
    request = request_with_session()
    ContactForm(request=request)
    question, answer = request.session[CAPTCHA_SESSION_KEY]

    wrong = ContactForm(
        {"phone": "13812345678", "captcha": answer + 1}, request=request
    )
    assert not wrong.is_valid()
    assert "captcha" in wrong.errors

    # A wrong answer gets a new question, shown on the re-shown form.
    question, answer = request.session[CAPTCHA_SESSION_KEY]
    assert wrong["captcha"].label == question
    right = ContactForm({"phone": "13812345678", "captcha": answer}, request=request)
    assert right.is_valid()
    assert CAPTCHA_SESSION_KEY not in request.session


@override_settings(INTAKE_CAPTCHA=True)
def test_captcha_answered_right_survives_another_fields_error():
    request = request_with_session()
    ContactForm(request=request)
    question, answer = request.session[CAPTCHA_SESSION_KEY]

    other_error = ContactForm({"phone": "123", "captcha": answer}, request=request)
    assert not other_error.is_valid()
    assert "captcha" not in other_error.errors
    assert other_error["captcha"].label == question

    again = ContactForm({"phone": "13812345678", "captcha": answer}, request=request)
    assert again.is_valid()


def test_captcha_is_off_by_default():
    assert "captcha" not in ContactForm(request=request_with_session()).fields


@pytest.mark.parametrize("value", ["<b></b>", "<script>alert('长长长长')</script>"])
def test_plain_text_field_checks_length_after_dropping_tags(value):
    field = PlainTextField(min_length=2)
    with pytest.raises(forms.ValidationError):
        field.clean(value)


def test_plain_text_field_keeps_the_text_without_tags():
    assert PlainTextField().clean(" <b>张三</b> ") == "张三"


def test_typed_fields_give_back_text_but_not_plumbing_or_secrets():
    from django.http import QueryDict

    from cms.intake.forms import typed_fields

    data = QueryDict(mutable=True)
    data.update(
        {
            "csrfmiddlewaretoken": "t",
            "website": "http://spam.invalid",
            "captcha": "7",
            "secret": "ABCD2345",
            "consent": "on",
            "phone": "13812345678",
            "email": "",
            "unknown": "其他文字",
        }
    )
    typed = typed_fields(data)
    assert [text for _label, text in typed] == ["13812345678", "其他文字"]
    assert typed[1][0] == "unknown"


@override_settings(INTAKE_CAPTCHA=True)
def test_showing_an_empty_form_keeps_its_question():
    request = request_with_session()
    form = ContactForm(request=request)
    assert not form.errors
    assert request.session[CAPTCHA_SESSION_KEY][0] == form["captcha"].label
