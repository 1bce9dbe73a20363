from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from search import admin_views


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [
        path("reports/search/", admin_views.search_report, name="search_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return AdminOnlyMenuItem(
        _("搜索统计"), reverse("search_report"), icon_name="search", order=900
    )
