"""OpenSearch and Elasticsearch share every request; only the client differs.

No Elasticsearch node runs here, so the requests are caught where each client
hands them to its transport; the real-node suite runs on OpenSearch.
"""

import datetime
import json
from types import SimpleNamespace

from django.test import override_settings

import pytest
from elasticsearch import Elasticsearch
from opensearchpy import OpenSearch

from search.backends import engine_backend
from search.backends.base import SearchRequest, SearchUnavailable
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.opensearch import OpenSearchBackend
from search.models import SearchEntry
from search.query import parse
from tests.search.conftest import engine_settings

NO_HITS = {
    "hits": {"total": {"value": 0}, "hits": []},
    "aggregations": {},
}


class Recorder:
    """Stand in for a client's transport: keep each request, answer blankly."""

    def __init__(self):
        self.requests = []

    def __call__(self, method, path, params=None, body=None, headers=None, **kw):
        path = path.split("?")[0]
        if path.endswith("/_bulk"):
            # The clients encode a bulk body differently (one string or a
            # list of lines, POST or PUT); the actions are what must agree.
            actions = bulk_actions(body)
            self.requests.append(("bulk", path, actions))
            return {"errors": False, "items": bulk_items(actions)}
        self.requests.append((method, path, body))
        if path.endswith("/_search"):
            return NO_HITS
        if path.startswith("/_alias/"):
            return {}
        return {"acknowledged": True, "result": "created"}


def bulk_actions(body):
    """Return a bulk body's lines as data."""
    if isinstance(body, bytes | str):
        body = (body.decode() if isinstance(body, bytes) else body).splitlines()
    return [json.loads(line) for line in body]


def bulk_items(actions):
    """Answer each action line of a bulk body as done."""
    return [
        {op: {"_id": action[op]["_id"], "status": 200}}
        for action in actions
        for op in ("index", "delete")
        if op in action
    ]


def recorded(backend_class, monkeypatch):
    engine = backend_class("http://127.0.0.1:9", index="portal-same")
    recorder = Recorder()
    monkeypatch.setattr(engine, "new_index_name", lambda: "portal-same-1")
    if isinstance(engine.client, OpenSearch):
        monkeypatch.setattr(engine.client.transport, "perform_request", recorder)
    else:
        # On the class: the bulk helper works on copies made by options().
        # This client answers wrapped, with the data in .body.
        def perform(_client, *args, **kwargs):
            return SimpleNamespace(body=recorder(*args, **kwargs))

        monkeypatch.setattr(Elasticsearch, "perform_request", perform)
    return engine, recorder


def entry():
    return SearchEntry(
        pk=7,
        content_type_id=3,
        object_id="42",
        title="南宁市政务服务",
        body="全面推进一网通办。",
        date=datetime.date(2024, 5, 6),
        year=2024,
        kind="文章",
        identifiers="|南府规[2019]5号|",
        title_seg="南宁 南宁市 政务 服务",
        body_seg="一网通办",
        pinyin="nanning",
        initials="nn",
    )


def exercise(engine):
    request = SearchRequest(
        parse("网上政府 nanning", {"社保": ["社会保险"]}),
        filters={"year": 2024, "kind": "文章"},
        site_id=2,
        sort="date",
        offset=10,
        limit=10,
        exclude_ids=[5],
    )
    engine.search(request)
    engine.write_many([entry()], ["3:42"])


@pytest.mark.parametrize(
    ("name", "backend_class", "client_class"),
    [
        ("opensearch", OpenSearchBackend, OpenSearch),
        ("elasticsearch", ElasticsearchBackend, Elasticsearch),
    ],
)
def test_settings_choose_the_client_that_matches_the_engine(
    name, backend_class, client_class
):
    conf = {**engine_settings("http://127.0.0.1:9", "portal-x"), "BACKEND": name}
    with override_settings(PORTAL_SEARCH=conf):
        engine = engine_backend()

    assert type(engine) is backend_class
    assert isinstance(engine.client, client_class)


def test_the_database_alone_needs_no_engine():
    conf = {**engine_settings("http://127.0.0.1:9", "portal-x"), "BACKEND": "database"}
    with override_settings(PORTAL_SEARCH=conf):
        assert engine_backend() is None


def test_both_clients_send_the_same_requests(monkeypatch):
    opensearch, sent_to_opensearch = recorded(OpenSearchBackend, monkeypatch)
    elastic, sent_to_elastic = recorded(ElasticsearchBackend, monkeypatch)

    exercise(opensearch)
    exercise(elastic)

    assert sent_to_opensearch.requests == sent_to_elastic.requests
    paths = [path for _method, path, _body in sent_to_opensearch.requests]
    assert "/portal-same/_search" in paths and "/_bulk" in paths


@pytest.mark.parametrize("backend_class", [OpenSearchBackend, ElasticsearchBackend])
def test_an_unreachable_engine_is_reported_as_unavailable(backend_class):
    engine = backend_class("http://127.0.0.1:9", index="portal-dead", timeout=1)

    with pytest.raises(SearchUnavailable):
        engine.search(SearchRequest(parse("南宁")))
    with pytest.raises(SearchUnavailable):
        engine.write_many([], ["1:1"])
