import datetime
import os
import uuid

from django.test import override_settings

from wagtail.models import Page

import pytest

from cms.models import ArticlePage, ColumnPage
from search import indexing
from search.backends import config, engine_backend
from search.models import SearchEntry
from tests.browser.conftest import browser  # noqa: F401  (shared fixture)
from tests.conftest import host_of

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")


def engine_settings(url, index):
    return {**config(), "BACKEND": "opensearch", "URL": url, "INDEX": index}


@pytest.fixture(params=["database", "opensearch"])
def backend(request, db):
    """Run a test on the database backend and, when one is running, OpenSearch."""
    if request.param == "database":
        yield "database"
        return
    if not OPENSEARCH_URL:
        pytest.skip("OPENSEARCH_URL is not set; scripts/services starts a node")
    conf = engine_settings(OPENSEARCH_URL, f"portal-test-{uuid.uuid4().hex[:8]}")
    conf["REFRESH"] = True
    with override_settings(PORTAL_SEARCH=conf):
        engine = engine_backend()
        entries = SearchEntry.objects.all()
        engine.rebuild(entries, entries.count(), progress=NullProgress)
        try:
            yield "opensearch"
        finally:
            engine.drop()


class NullProgress:
    def __init__(self, total):
        self.total = total

    def update(self, n):
        pass

    def close(self):
        pass


def column_of(site, slug=None):
    columns = ColumnPage.objects.descendant_of(site.root_page)
    return columns.get(slug=slug) if slug else columns.first()


def publish_article(site, title, body="", date=None, column=None, **fields):
    """Publish an article on a site; the signals index it."""
    parent = column or column_of(site)
    page = ArticlePage(
        title=title,
        slug=f"t-{uuid.uuid4().hex[:10]}",
        body=f"<p>{body}</p>",
        publish_date=date or datetime.date(2024, 5, 6),
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def api(client, on, **params):
    response = client.get("/search/api/", params, HTTP_HOST=host_of(on))
    assert response.status_code == 200
    return response.json()


def titles(data):
    from bs4 import BeautifulSoup

    return [
        BeautifulSoup(r["title"], "html.parser").get_text() for r in data["results"]
    ]


def all_titles(client, on, **params):
    """Return the result titles of every page of a search."""
    found, page = [], 1
    while True:
        data = api(client, on, page=str(page), **params)
        found.extend(titles(data))
        if page >= data["pages"]:
            return found
        page += 1


def entry_of(page):
    return SearchEntry.objects.filter(page=page).first()


__all__ = ["all_titles", "api", "entry_of", "indexing", "publish_article", "titles"]
