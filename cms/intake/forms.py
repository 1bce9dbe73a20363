"""Base form for public submissions: honeypot, captcha, contact checks."""

import random
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from cms.intake.sanitize import plain_text

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}\d{7,8})$")
# Spaces and the dashes people put between groups of digits.
PHONE_SEPARATORS_RE = re.compile(r"[\s\-‐‑–—－]")
HONEYPOT_FIELD = "website"
CAPTCHA_SESSION_KEY = "intake-captcha"


def validate_phone(value):
    """Accept a mainland mobile number or a landline with area code."""
    if not PHONE_RE.match(normalise_phone(value)):
        raise ValidationError(
            _("请填写正确的手机号码或带区号的固定电话。"), code="phone"
        )


def normalise_phone(value):
    """Return the digits of a phone number: 138-1234 5678 becomes 13812345678."""
    return PHONE_SEPARATORS_RE.sub("", value or "")


class PlainTextField(forms.CharField):
    """A text field that drops markup before its length and required checks.

    ``<b></b>`` or a ``<script>`` block is empty once the tags go, and is
    refused as empty instead of being stored as nothing.
    """

    def to_python(self, value):
        return super().to_python(plain_text(super().to_python(value)))


# Never given back on a page: form plumbing, bot bait and things to keep secret.
NOT_GIVEN_BACK = {"csrfmiddlewaretoken", HONEYPOT_FIELD, "captcha"}
SECRET_NAME_PARTS = ("password", "secret", "token")


def field_labels():
    """Return the labels of every public form's fields, by field name."""
    labels = {}
    pending = list(IntakeForm.__subclasses__())
    while pending:
        form_class = pending.pop()
        pending.extend(form_class.__subclasses__())
        for name, field in form_class.base_fields.items():
            if field.label:
                labels.setdefault(name, field.label)
    return labels


def typed_fields(data):
    """Return ``(label, text)`` for what a person typed into a posted form.

    Used when the submission could not even be looked at, so that what was
    typed can be copied and sent again later; no database is needed.
    """
    labels = field_labels()
    typed = []
    for name in data:
        if name in NOT_GIVEN_BACK or any(part in name for part in SECRET_NAME_PARTS):
            continue
        text = "\n".join(value for value in data.getlist(name) if value != "on")
        if text.strip():
            typed.append((labels.get(name) or name, text))
    return typed


def captcha_enabled():
    return getattr(settings, "INTAKE_CAPTCHA", False)


class IntakeForm(forms.Form):
    """A public form with a honeypot and, when switched on, an arithmetic captcha.

    Pass the request so the captcha answer can live in the session.
    """

    website = forms.CharField(
        label=_("网址（请勿填写）"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.request = request
        if captcha_enabled() and request is not None:
            self.fields["captcha"] = forms.IntegerField(
                label=self._captcha_question(), required=True
            )

    def _captcha_question(self):
        session = self.request.session
        if not self.is_bound or CAPTCHA_SESSION_KEY not in session:
            first, second = random.randint(1, 9), random.randint(1, 9)  # noqa: S311
            question = str(
                _("验证题：%(a)s 加 %(b)s 等于几？") % {"a": first, "b": second}
            )
            session[CAPTCHA_SESSION_KEY] = [question, first + second]
        return session[CAPTCHA_SESSION_KEY][0]

    @property
    def caught_by_honeypot(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_captcha(self):
        answer = self.cleaned_data.get("captcha")
        _question, expected = self.request.session.get(CAPTCHA_SESSION_KEY, ("", None))
        if expected is None or answer != expected:
            raise ValidationError(_("验证题答案不正确，请重新计算。"))
        return answer

    def full_clean(self):
        super().full_clean()
        if self.is_bound and "captcha" in self.fields:
            self._settle_captcha()

    def _settle_captcha(self):
        """Spend the question once the form is accepted; replace a failed one.

        A form re-shown for another field's error keeps its question, which
        the person has already answered; a wrong answer gets a new question.
        """
        session = self.request.session
        if not self._errors or "captcha" in self._errors:
            session.pop(CAPTCHA_SESSION_KEY, None)
        if "captcha" in self._errors:
            question = self._captcha_question()
            self.fields["captcha"].label = question
            if "captcha" in self._bound_fields_cache:
                self._bound_fields_cache["captcha"].label = question

    def clean_contact(self, phone, email, required=True):
        """Validate a phone and an e-mail of which at least one is required."""
        if required and not (phone or email):
            raise ValidationError(_("请至少填写手机号码或电子邮箱中的一项。"))
        if phone:
            validate_phone(phone)
        if email:
            EmailValidator(message=_("请填写正确的电子邮箱。"))(email)
