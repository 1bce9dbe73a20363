"""Query logs, hot searches, the admin report and the admin's page search."""

from django.contrib.auth import get_user_model
from django.core.cache import cache

import pytest
from bs4 import BeautifulSoup

from search.models import QueryLog
from tests.conftest import host_of
from tests.search.conftest import api, publish_article


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("search-admin", password="x")
    client.force_login(user)
    return client


def test_queries_are_logged_without_anything_about_the_searcher(client, portal, db):
    api(client, portal, q="行政执法")
    api(client, portal, q="量子纠缠")

    rows = list(QueryLog.objects.order_by("pk").values("site", "query", "results"))
    field_names = {f.name for f in QueryLog._meta.get_fields()}

    assert rows[0]["query"] == "行政执法" and rows[0]["results"] > 0
    assert rows[1] == {"site": portal.pk, "query": "量子纠缠", "results": 0}
    assert field_names == {"id", "site", "query", "results", "created_at"}


def test_hot_searches_are_per_site_and_only_queries_with_results(client, sites, db):
    for _ in range(3):
        api(client, sites["xingning"], q="行政执法")
    api(client, sites["xingning"], q="量子纠缠")
    api(client, sites["sfj"], q="政府")
    cache.clear()  # hot searches are cached for service.HOT_SECONDS

    hot = api(client, sites["xingning"], q="")["hot_searches"]
    page = client.get("/search/", HTTP_HOST=host_of(sites["xingning"])).content

    assert hot == ["行政执法"]
    assert (
        "行政执法"
        in BeautifulSoup(page, "html.parser").select_one(".hot-searches").text
    )


def test_admin_report_lists_zero_result_and_frequent_queries(admin_client, portal):
    for query in ("行政执法", "行政执法", "量子纠缠"):
        api(admin_client, portal, q=query)

    page = admin_client.get("/admin/reports/search/", HTTP_HOST=host_of(portal))
    html = BeautifulSoup(page.content, "html.parser")

    assert page.status_code == 200
    assert "量子纠缠" in html.select_one("#zero-results").text
    assert "行政执法" not in html.select_one("#zero-results").text
    first = html.select_one("#frequent tbody tr").find_all("td")
    assert [first[0].text, first[1].text] == ["行政执法", "2"]


def test_admin_report_is_for_administrators_only(client, portal, db):
    user = get_user_model().objects.create_user("plain-editor", password="x")
    client.force_login(user)

    page = client.get("/admin/reports/search/", HTTP_HOST=host_of(portal))

    assert page.status_code in (302, 403)


def test_admin_page_search_finds_chinese_inside_titles(admin_client, portal):
    publish_article(portal, "南宁市推进网上政府建设的工作方案")

    for query in ("网上政府", "建设的工作"):
        page = admin_client.get(
            "/admin/pages/search/", {"q": query}, HTTP_HOST=host_of(portal)
        )
        assert "南宁市推进网上政府建设的工作方案" in page.content.decode(), query
