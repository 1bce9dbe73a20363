"""The supervisor report: every project checked against the time rules."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.admin.auth import require_admin_access
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from disclosure.trading.models import NoticePage, ProjectPage, TradingRules
from disclosure.trading.rules import build_timeline, check_project
from disclosure.trading.views import csv_cell


def supervised_projects(user):
    """Return the projects the user may supervise: all, or those they can edit."""
    projects = ProjectPage.objects.all().order_by("path")
    if user.is_superuser:
        return projects
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return projects.filter(pk__in=editable.values("pk"))


def project_rows(projects, rules):
    """Return (project, timeline, flags) per project, flagged ones first."""
    by_project = {}
    notices = NoticePage.objects.live().filter(project__in=projects)
    for notice in notices.order_by("publish_date", "pk"):
        by_project.setdefault(notice.project_id, []).append(notice)
    rows = []
    for project in projects:
        notices = by_project.get(project.pk, [])
        rows.append(
            (
                project,
                build_timeline(project, notices),
                check_project(project, notices, rules),
            )
        )
    rows.sort(key=lambda row: (not row[2], row[0].path))
    return rows


def report_csv(rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="trading-report.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("项目"), _("交易编号"), _("采购人"), _("已到环节"), _("问题")])
    for project, timeline, flags in rows:
        writer.writerow(
            [
                csv_cell(project.title),
                csv_cell(project.transaction_code or ""),
                csv_cell(project.purchaser),
                timeline.reached.label if timeline.reached else "",
                csv_cell("；".join(flag.message for flag in flags)),
            ]
        )
    return response


def chosen_site(request):
    """Return the site picked in the report's filter, ignoring what is no id."""
    site_pk = request.GET.get("site", "")
    if not site_pk:
        return None
    if not site_pk.isdigit():
        messages.warning(request, _("站点参数无效，已显示全部站点。"))
        return None
    return Site.objects.filter(pk=int(site_pk)).first()


@require_admin_access
def supervisor_report(request):
    projects = supervised_projects(request.user)
    if not request.user.is_superuser and not projects.exists():
        raise PermissionDenied
    site = chosen_site(request)
    if site is not None:
        projects = projects.descendant_of(site.root_page)
    rows = project_rows(projects, TradingRules.load())
    only_flagged = request.GET.get("flagged") == "1"
    if only_flagged:
        rows = [row for row in rows if row[2]]
    if request.GET.get("format") == "csv":
        return report_csv(rows)
    context = {
        "rows": rows,
        "flagged_count": sum(1 for row in rows if row[2]),
        "rules": TradingRules.load(),
        "sites": Site.objects.all(),
        "selected_site": site,
        "only_flagged": only_flagged,
        "page_title": _("公共资源交易监督报告"),
        "header_icon": "warning",
    }
    return render(request, "trading/admin/supervisor_report.html", context)
