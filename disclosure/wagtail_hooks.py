from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from disclosure.interpretation_report import missing_interpretations
from disclosure.models import DirectoryNode, IssuingOrgan, Topic


def missing_interpretations_view(request):
    return TemplateResponse(
        request,
        "disclosure/admin/missing_interpretations.html",
        {"rows": missing_interpretations(), "page_title": _("解读缺失报表")},
    )


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path(
            "reports/missing-interpretations/",
            missing_interpretations_view,
            name="disclosure_missing_interpretations",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return AdminOnlyMenuItem(
        _("解读缺失报表"),
        reverse("disclosure_missing_interpretations"),
        icon_name="warning",
        order=700,
    )


class DirectoryNodeViewSet(SnippetViewSet):
    model = DirectoryNode
    icon = "list-ul"
    list_display = ["code", "name", "site"]
    list_filter = ["site"]
    menu_label = _("公开目录")


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "parent"]


class IssuingOrganViewSet(SnippetViewSet):
    model = IssuingOrgan
    icon = "group"


register_snippet(DirectoryNodeViewSet)
register_snippet(TopicViewSet)
register_snippet(IssuingOrganViewSet)
