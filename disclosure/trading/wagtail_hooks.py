from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from disclosure.trading import admin_views


@hooks.register("register_admin_urls")
def register_trading_admin_urls():
    return [
        path(
            "trading/report/",
            admin_views.supervisor_report,
            name="trading_supervisor_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_supervisor_report_menu_item():
    return MenuItem(
        _("公共资源交易监督"),
        reverse("trading_supervisor_report"),
        icon_name="warning",
        order=900,
    )
