"""Public search page and its JSON twin, on every site's host."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail.models import Site

from search import service

FACET_LABELS = {
    "site": "网站",
    "kind": "类型",
    "year": "年份",
    "organ": "发布机构",
    "topic": "主题",
}


@require_GET
def search_view(request):
    site = Site.find_for_request(request)
    outcome = service.search(request.GET, site)
    context = {
        "outcome": outcome,
        "facet_groups": facet_groups(request, outcome),
        "hot_searches": service.hot_searches(site),
        "page_range": page_range(outcome),
    }
    return render(request, "search/search.html", context)


@require_GET
def search_json(request):
    site = Site.find_for_request(request)
    outcome = service.search(request.GET, site)
    return JsonResponse(
        {
            "query": outcome.query,
            "total": outcome.total,
            "total_exact": outcome.total_exact,
            "by_date_instead": outcome.by_date_instead,
            "page": outcome.page,
            "pages": outcome.pages,
            "sort": outcome.sort,
            "all_sites": outcome.all_sites,
            "filters": outcome.filters,
            "suggestion": outcome.suggestion,
            "results": [result.as_json() for result in outcome.results],
            "facets": {
                name: [
                    {"value": value, "label": label, "count": count}
                    for value, label, count in buckets
                ]
                for name, buckets in outcome.facets.items()
            },
            "hot_searches": service.hot_searches(site),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def facet_groups(request, outcome):
    """Return (name, label, [(label, count, url, active)]) for each facet."""
    groups = []
    for name, label in FACET_LABELS.items():
        buckets = []
        for value, value_label, count in outcome.facets.get(name, []):
            params = request.GET.copy()
            params[name] = value
            params.pop("page", None)
            active = str(outcome.filters.get(name, "")) == str(value)
            buckets.append((value_label, count, "?" + params.urlencode(), active))
        groups.append((name, label, buckets))
    return groups


def page_range(outcome, spread=4):
    first = max(outcome.page - spread, 1)
    last = min(outcome.page + spread, outcome.pages)
    return range(first, last + 1)
