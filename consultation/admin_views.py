"""Admin screens: comment moderation, message handling and their exports."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cms.intake.sanitize import html_to_text
from cms.spreadsheet import spreadsheet_safe

from .models import (
    ADOPTION_CHOICES,
    Comment,
    Department,
    FeedbackTheme,
    Mailbox,
    Message,
)
from .moderation import ApproveView, DuplicateView, ModerationColumn, RejectView
from .permissions import scope_by_page_site, scope_by_site, scoped_views

SITE_VIEWS = scoped_views(scope_by_site)
PAGE_SITE_VIEWS = scoped_views(scope_by_page_site)


class DueDateColumn(Column):
    """Show the reply deadline, in red with 已超期 when it has passed."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.is_overdue():
            context["value"] = format_html(
                '<strong class="overdue" style="color:#cd4444">{}（{}）</strong>',
                instance.due_date,
                _("已超期"),
            )
        return context


def csv_time(value):
    """Show a moment as the drafting office reads it: Beijing time, to the second."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def xlsx_time(value):
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0, tzinfo=None)


def label_of(choices, default=""):
    labels = dict(choices)
    return lambda value: str(labels.get(value, default))


def both_formats(function):
    return {"csv": function, "xlsx": function}


class CommentIndexView(PAGE_SITE_VIEWS[0]):
    """The moderation list, and its export for the drafting office."""

    custom_field_preprocess = {
        "body": both_formats(html_to_text),
        "submitted_at": {"csv": csv_time, "xlsx": xlsx_time},
        "status": both_formats(label_of(Comment.MODERATION_CHOICES)),
        "adoption": both_formats(label_of(ADOPTION_CHOICES)),
        "anonymous": both_formats(lambda value: str(_("是") if value else _("否"))),
    }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # XLSX cells are typed as text by Wagtail; CSV has no types.
        if export_format == self.FORMAT_CSV:
            value = spreadsheet_safe(value)
        return value


class CommentViewSet(ModelViewSet):
    url_prefix = "participation/comments"
    model = Comment
    index_view_class = CommentIndexView
    edit_view_class, inspect_view_class, delete_view_class = PAGE_SITE_VIEWS[1:]
    icon = "comment"
    menu_label = _("征集意见审核")
    add_to_admin_menu = False
    list_display = [
        "tracking_code",
        "consultation",
        "status",
        "submitted_at",
        ModerationColumn("moderation", "consultation_comments", label=_("审核操作")),
    ]
    list_filter = ["status", "consultation", "adoption"]
    search_fields = ["tracking_code", "body"]
    list_export = [
        "tracking_code",
        "consultation",
        "article",
        "submitted_at",
        "name",
        "anonymous",
        "phone",
        "email",
        "body",
        "status",
        "reject_reason",
        "adoption",
        "adoption_reason",
    ]
    export_headings = {
        "tracking_code": _("回执编号"),
        "consultation": _("意见征集"),
        "article": _("针对条款"),
        "submitted_at": _("提交时间"),
        "name": _("姓名"),
        "anonymous": _("匿名"),
        "phone": _("联系电话"),
        "email": _("电子邮箱"),
        "body": _("意见内容"),
        "status": _("审核状态"),
        "reject_reason": _("不通过理由"),
        "adoption": _("采纳情况"),
        "adoption_reason": _("采纳理由说明"),
    }
    export_filename = "comments"
    inspect_view_enabled = True
    create_view_class = None

    @cached_property
    def menu_url(self):
        """Open the queue on what is waiting for a decision."""
        return reverse(self.get_url_name("index")) + f"?status={Comment.PENDING}"

    def moderation_view(self, view_class):
        return self.construct_view(
            view_class, index_url_name=self.get_url_name("index"), header_icon=self.icon
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "approve/<int:pk>/",
                self.moderation_view(ApproveView),
                name="approve",
            ),
            path("reject/<int:pk>/", self.moderation_view(RejectView), name="reject"),
            path(
                "duplicate/<int:pk>/",
                self.moderation_view(DuplicateView),
                name="duplicate",
            ),
        ]


class FeedbackThemeViewSet(ModelViewSet):
    url_prefix = "participation/feedback-themes"
    model = FeedbackTheme
    (
        index_view_class,
        edit_view_class,
        inspect_view_class,
        delete_view_class,
    ) = PAGE_SITE_VIEWS
    icon = "list-ul"
    menu_label = _("意见归类")
    list_display = ["title", "consultation", "adoption"]
    list_filter = ["consultation"]
    form_fields = ["consultation", "title", "adoption", "reason"]


class MessageViewSet(ModelViewSet):
    url_prefix = "participation/messages"
    model = Message
    (
        index_view_class,
        edit_view_class,
        inspect_view_class,
        delete_view_class,
    ) = SITE_VIEWS
    icon = "mail"
    menu_label = _("留言办理")
    list_display = [
        "tracking_code",
        "subject",
        "status",
        "department",
        "received_at",
        DueDateColumn("due_date", label=_("答复期限")),
    ]
    list_filter = ["status", "site", "department", "category"]
    search_fields = ["tracking_code", "subject"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "tracking_code",
        "site",
        "mailbox",
        "subject",
        "category",
        "content",
        "name",
        "phone",
        "email",
        "received_at",
        "due_date",
        "status",
        "department",
        "reply",
        "replied_at",
    ]


class DepartmentViewSet(ModelViewSet):
    url_prefix = "participation/departments"
    model = Department
    (
        index_view_class,
        edit_view_class,
        inspect_view_class,
        delete_view_class,
    ) = SITE_VIEWS
    icon = "group"
    menu_label = _("答复部门")
    list_display = ["name", "site"]
    list_filter = ["site"]
    form_fields = ["site", "name"]


class MailboxViewSet(ModelViewSet):
    url_prefix = "participation/mailboxes"
    model = Mailbox
    (
        index_view_class,
        edit_view_class,
        inspect_view_class,
        delete_view_class,
    ) = SITE_VIEWS
    icon = "mail"
    menu_label = _("信箱")
    list_display = ["name", "site", "active"]
    form_fields = ["site", "name", "slug", "intro", "department", "active"]


class ParticipationGroup(ViewSetGroup):
    menu_label = _("公众参与")
    menu_icon = "comment"
    menu_order = 300
    items = (
        CommentViewSet("consultation_comments"),
        FeedbackThemeViewSet("consultation_feedback_themes"),
        MessageViewSet("consultation_messages"),
        DepartmentViewSet("consultation_departments"),
        MailboxViewSet("consultation_mailboxes"),
    )
