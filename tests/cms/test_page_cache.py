from django.conf import settings
from django.test import override_settings

import pytest
from bs4 import BeautifulSoup

from cms.models import ArticlePage, PlatformSettings, SiteIdentity
from tests.conftest import host_of

CACHED_MIDDLEWARE = [
    "django.middleware.cache.UpdateCacheMiddleware",
    *settings.MIDDLEWARE,
    "django.middleware.cache.FetchFromCacheMiddleware",
]


@pytest.fixture
def page_cache(tmp_path):
    caches = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    with override_settings(
        PAGE_CACHE_SECONDS=60,
        CACHE_MIDDLEWARE_SECONDS=60,
        MIDDLEWARE=CACHED_MIDDLEWARE,
        CACHES=caches,
    ):
        yield


def test_publishing_clears_cached_pages(client, portal, page_cache):
    host = host_of(portal)
    first = client.get("/policies/", HTTP_HOST=host)
    article = ArticlePage.objects.get(
        slug="policy-038", url_path__startswith="/portal/"
    )

    article.title = "南宁市加快推进网上政府服务工作实施方案（修订）"
    article.save_revision().publish()
    second = client.get("/policies/", HTTP_HOST=host)

    assert "（修订）" not in first.content.decode()
    assert "（修订）" in second.content.decode()


def test_anonymous_pages_are_served_from_the_cache(client, portal, page_cache):
    host = host_of(portal)
    client.get("/policies/", HTTP_HOST=host)
    ArticlePage.objects.filter(slug="policy-038").update(title="未发布的改动")

    cached = client.get("/policies/", HTTP_HOST=host)

    assert "未发布的改动" not in cached.content.decode()


def test_changing_the_site_identity_clears_cached_pages(client, portal, page_cache):
    host = host_of(portal)
    first = client.get("/policies/", HTTP_HOST=host)
    identity = SiteIdentity.for_site(portal)
    identity.phone = "0771-2899999"
    identity.save()

    second = client.get("/policies/", HTTP_HOST=host)

    assert "0771-2899999" not in first.content.decode()
    assert "0771-2899999" in second.content.decode()


def test_switching_on_mourning_mode_clears_cached_pages(client, sites, page_cache):
    hosts = [host_of(site) for site in sites.values()]
    first = [client.get("/", HTTP_HOST=host) for host in hosts]
    platform = PlatformSettings.load()
    platform.mourning_mode = True
    platform.save()

    second = [client.get("/", HTTP_HOST=host) for host in hosts]

    assert not any("mourning" in html_class(response) for response in first)
    assert all("mourning" in html_class(response) for response in second)


def html_class(response):
    return set(BeautifulSoup(response.content, "html.parser").html["class"])
