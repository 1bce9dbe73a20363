"""Admin report: what people search for and what finds nothing."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import render
from django.utils import timezone

from search.models import QueryLog

REPORT_DAYS = 90
REPORT_ROWS = 50


def query_counts(queryset):
    return (
        queryset.values("query")
        .annotate(n=Count("pk"), last=Max("created_at"))
        .order_by("-n", "query")[:REPORT_ROWS]
    )


def search_report(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    since = timezone.now() - timezone.timedelta(days=REPORT_DAYS)
    recent = QueryLog.objects.filter(created_at__gte=since)
    return render(
        request,
        "search/admin/report.html",
        {
            "days": REPORT_DAYS,
            "zero_results": query_counts(recent.filter(results=0)),
            "frequent": query_counts(recent),
        },
    )
