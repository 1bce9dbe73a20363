"""Moderating comments from the list: approve, reject with reason, duplicate."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from cms.intake.sanitize import html_to_text

from .models import Comment
from .permissions import require_in_scope, scope_by_page_site

logger = logging.getLogger(__name__)


class ApproveForm(forms.Form):
    """Nothing to fill in: approving needs only the decision."""


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("不通过理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如：与本草案无关、含人身攻击或广告。"),
    )


class DuplicateForm(forms.Form):
    original = forms.ModelChoiceField(
        label=_("与之重复的意见"), queryset=Comment.objects.none()
    )

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["original"]
        field.queryset = Comment.objects.filter(
            consultation_id=comment.consultation_id
        ).exclude(pk=comment.pk)
        field.label_from_instance = lambda other: (
            f"{other.tracking_code}：{html_to_text(other.body)[:40]}"
        )


class ModerationView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Show one comment with the form for a decision, and record it."""

    model = Comment
    permission_required = "change"
    template_name = "consultation/admin/moderate.html"
    index_url_name = None
    header_icon = "comment"
    status = None
    form_class = ApproveForm
    page_title = ""
    submit_button_label = ""
    success_message = ""

    @cached_property
    def comment(self):
        return get_object_or_404(
            Comment.objects.select_related("consultation", "article"),
            pk=self.kwargs["pk"],
        )

    def dispatch(self, request, *args, **kwargs):
        # Runs after PermissionCheckedMixin has checked the model permission.
        require_in_scope(self.comment, request.user, scope_by_page_site)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("征集意见审核")},
            {"url": "", "label": self.comment.tracking_code},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            comment=self.comment,
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
        )
        return context

    def decide(self, form):
        """Return what the decision needs beyond its status: reason, original."""
        return {}

    def form_valid(self, form):
        try:
            self.comment.moderate(self.status, **self.decide(form))
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        logger.info(
            "Comment pk=%s moderated status=%s by user pk=%s",
            self.comment.pk,
            self.status,
            self.request.user.pk,
        )
        messages.success(
            self.request, self.success_message % {"code": self.comment.tracking_code}
        )
        return redirect(
            get_valid_next_url_from_request(self.request)
            or reverse(self.index_url_name)
        )


class ApproveView(ModerationView):
    status = Comment.APPROVED
    page_title = _("通过意见")
    submit_button_label = _("通过并公开")
    success_message = _("意见 %(code)s 已通过，将在征集页面公开。")


class RejectView(ModerationView):
    status = Comment.REJECTED
    form_class = RejectForm
    page_title = _("不通过")
    submit_button_label = _("不通过")
    success_message = _("意见 %(code)s 未通过审核。")

    def decide(self, form):
        return {"reason": form.cleaned_data["reason"]}


class DuplicateView(ModerationView):
    status = Comment.DUPLICATE
    form_class = DuplicateForm
    page_title = _("标为重复意见")
    submit_button_label = _("标为重复")
    success_message = _("意见 %(code)s 已标为重复意见。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "comment": self.comment}

    def decide(self, form):
        return {"original": form.cleaned_data["original"]}


class ModerationColumn(BaseColumn):
    """Buttons to approve at once, or to reject or mark as duplicate."""

    cell_template_name = "consultation/admin/moderation_cell.html"

    def __init__(self, name, url_namespace, **kwargs):
        super().__init__(name, **kwargs)
        self.url_namespace = url_namespace

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        # Come back to the list as it was filtered, not to its results part.
        query = request.GET.urlencode()
        back = reverse(f"{self.url_namespace}:index") + (f"?{query}" if query else "")
        context.update(
            csrf_token=get_token(request),
            next_url=back,
            approve_url=reverse(f"{self.url_namespace}:approve", args=[instance.pk]),
            reject_url=reverse(f"{self.url_namespace}:reject", args=[instance.pk]),
            duplicate_url=reverse(
                f"{self.url_namespace}:duplicate", args=[instance.pk]
            ),
        )
        return context
