"""Public forms: comments, messages, status lookup and satisfaction rating."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.intake.forms import (
    IntakeForm,
    PlainTextField,
    normalise_phone,
    validate_phone,
)
from cms.intake.sanitize import plain_text, sanitize_html
from cms.intake.tracking import normalise_code

from .models.messages import CATEGORY_CHOICES, RATING_CHOICES


class CommentForm(IntakeForm):
    article = forms.TypedChoiceField(
        label=_("针对条款"), required=False, coerce=int, empty_value=None
    )
    body = forms.CharField(
        label=_("意见内容"),
        min_length=5,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("可使用简单格式（段落、加粗、列表）；脚本和样式会被去除。"),
    )
    name = PlainTextField(label=_("姓名"), max_length=50, required=False)
    anonymous = forms.BooleanField(label=_("匿名发表"), required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=100,
        required=False,
        error_messages={"invalid": _("请填写正确的电子邮箱。")},
    )
    consent = forms.BooleanField(
        label=_("我已阅读并同意隐私说明：联系方式仅用于核实意见，不会公开。")
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        articles = list(consultation.articles.all())
        if articles:
            self.fields["article"].choices = [("", _("整体意见"))] + [
                (article.pk, article.label) for article in articles
            ]
        else:
            del self.fields["article"]

    def clean_body(self):
        body = sanitize_html(self.cleaned_data["body"])
        if len(plain_text(body).strip()) < 5:
            raise ValidationError(_("意见内容过短。"))
        return body

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        try:
            self.clean_contact(cleaned.get("phone"), cleaned.get("email"))
        except ValidationError as error:
            self.add_error("phone", error)
        # A name refused for its length has its own error already.
        if "name" in cleaned and not (cleaned["name"] or cleaned.get("anonymous")):
            self.add_error("name", _("请填写姓名，或选择匿名发表。"))
        return cleaned


class MessageForm(IntakeForm):
    subject = PlainTextField(label=_("标题"), min_length=4, max_length=100)
    category = forms.ChoiceField(label=_("类别"), choices=CATEGORY_CHOICES)
    content = PlainTextField(
        label=_("内容"),
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    name = PlainTextField(label=_("姓名"), max_length=50)
    phone = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        validators=[validate_phone],
        help_text=_("用于查询办理进度和核实情况，不会公开。"),
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=100,
        required=False,
        error_messages={"invalid": _("请填写正确的电子邮箱。")},
    )
    is_public = forms.BooleanField(
        label=_("同意公开留言及答复（不显示姓名和联系方式）"), required=False
    )
    consent = forms.BooleanField(
        label=_("我已阅读并同意隐私说明：个人信息仅用于办理本留言。")
    )

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


class LookupForm(IntakeForm):
    code = forms.CharField(label=_("查询编号"), max_length=30)
    secret = forms.CharField(
        label=_("查询密码"), max_length=20, required=False,
        help_text=_("提交时显示的查询密码；或填写下方的手机号码。"),
    )  # fmt: skip
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False)

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("secret") or cleaned.get("phone")):
            raise ValidationError(_("请填写查询密码或手机号码。"))
        return cleaned


class RatingForm(IntakeForm):
    rating = forms.ChoiceField(
        label=_("满意度"), choices=RATING_CHOICES, widget=forms.RadioSelect
    )
    comment = PlainTextField(
        label=_("评价意见"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
