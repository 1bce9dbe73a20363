"""Admin screens: comment moderation, message handling and their exports."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Comment, Department, FeedbackTheme, Mailbox, Message
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


class CommentViewSet(ModelViewSet):
    url_prefix = "participation/comments"
    model = Comment
    (
        index_view_class,
        edit_view_class,
        inspect_view_class,
        delete_view_class,
    ) = PAGE_SITE_VIEWS
    icon = "comment"
    menu_label = _("征集意见审核")
    add_to_admin_menu = False
    list_display = ["tracking_code", "consultation", "status", "submitted_at"]
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
