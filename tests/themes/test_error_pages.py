"""Error pages speak Chinese, name the site and lead back home or to search."""

from django.test import Client, RequestFactory
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from cms.models import SiteIdentity
from tests.conftest import host_of
from themes.views import server_error


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def assert_leads_home_and_to_search(html, home_url):
    assert html.html["lang"] == "zh-CN"
    assert html.select_one("a.error-home")["href"] == home_url
    form = html.select_one("form.error-search")
    assert form["action"] == reverse("search:search")
    assert form.select_one("input[name=q]")


def test_missing_page_is_the_sites_own_404(client, sites):
    site = sites["xingning"]

    response = client.get("/no-such-column/", HTTP_HOST=host_of(site))

    html = parse(response)
    assert response.status_code == 404
    assert html.select_one(".site-name").get_text(strip=True) == site.site_name
    assert html.h1.get_text() == "抱歉，您访问的页面不存在"
    assert html.footer and "4501020001" in html.footer.get_text()
    assert_leads_home_and_to_search(html, f"{site.root_url}/")


def test_500_page_renders_without_the_database(settings):
    # No db fixture: pytest-django makes any query here fail the test.
    request = RequestFactory().get("/", HTTP_HOST="never-served.example")

    response = server_error(request)

    html = parse(response)
    assert response.status_code == 500
    assert html.select_one(".site-name").get_text() == settings.WAGTAIL_SITE_NAME
    assert html.h1.get_text() == "抱歉，服务暂时出现问题"
    assert_leads_home_and_to_search(html, "/")


def test_500_page_names_the_site_last_served_on_the_host(
    client, sites, django_assert_num_queries
):
    site = sites["sfj"]
    client.get("/", HTTP_HOST=host_of(site))
    request = RequestFactory().get("/", HTTP_HOST=host_of(site))

    with django_assert_num_queries(0):
        response = server_error(request)

    html = parse(response)
    assert html.select_one(".site-name").get_text() == site.site_name
    assert html.html["class"] == [f"theme-{SiteIdentity.for_site(site).theme}"]


@pytest.mark.urls("tests.themes.error_urls")
def test_a_failing_view_gets_the_themed_500_page(db, sites):
    client = Client(raise_request_exception=False)

    response = client.get("/fail/", HTTP_HOST=host_of(sites["nanning"]))

    assert response.status_code == 500
    assert parse(response).h1.get_text() == "抱歉，服务暂时出现问题"
