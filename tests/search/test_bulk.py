"""Bulk indexing: an import's rows are written a batch at a time."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import ArticlePage
from search import indexing
from search.models import SearchEntry, SearchTerm
from search.tasks import sync_objects_task
from tests.search.conftest import api, publish_article, titles

INDEX_TABLES = ("portal_search_searchentry", "portal_search_searchterm", "_fts")


def stored_counts():
    return dict(SearchTerm.objects.values_list("word", "frequency"))


def counted_from_entries():
    counts = Counter()
    for words in SearchEntry.objects.values_list("vocabulary", flat=True):
        counts.update(set(words.split()))
    return dict(counts)


def article_type():
    return ContentType.objects.get_for_model(ArticlePage).pk


def test_a_bulk_sync_writes_changes_and_drops_what_is_no_longer_public(
    client, portal, backend
):
    kept = publish_article(portal, "批量同步前的桂花通知")
    hidden = publish_article(portal, "批量同步后下线的桂花简报")
    # Changed behind the signals' back, as a bulk import writes rows.
    ArticlePage.objects.filter(pk=kept.pk).update(title="批量同步后的荔枝公告")
    ArticlePage.objects.filter(pk=hidden.pk).update(live=False)

    sync_objects_task.enqueue(article_type(), [kept.pk, hidden.pk, "987654321"])

    assert titles(api(client, portal, q="荔枝")) == ["批量同步后的荔枝公告"]
    assert titles(api(client, portal, q="桂花")) == []
    assert not SearchEntry.objects.filter(object_id=str(hidden.pk)).exists()
    assert stored_counts() == counted_from_entries()
    assert "荔枝" in stored_counts() and "桂花" not in stored_counts()


def index_writes(portal, count, old, new):
    """Publish ``count`` articles titled with ``old``, retitle them ``new`` in
    bulk and re-index them; return the queries sent to the index tables.
    """
    pages = [publish_article(portal, f"第{i}号{old}") for i in range(count)]
    ArticlePage.objects.filter(pk__in=[p.pk for p in pages]).update(title=new)
    with CaptureQueriesContext(connection) as queries:
        entries, removed = indexing.index_objects(ArticlePage, [p.pk for p in pages])
    assert len(entries) == count and not removed
    assert {e.title for e in entries} == {new}
    return [q["sql"] for q in queries if any(t in q["sql"] for t in INDEX_TABLES)]


def test_a_batch_costs_the_index_the_same_queries_for_4_items_as_for_40(portal, db):
    few = index_writes(portal, 4, "桂圆蜜饯", "荔枝糖画")
    many = index_writes(portal, 40, "木棉酥饼", "紫荆米糕")

    assert len(many) == len(few)
    assert stored_counts() == counted_from_entries()


def test_an_unchanged_batch_writes_nothing(portal, db):
    pages = [publish_article(portal, f"未改动的第{i}号木棉通知") for i in range(5)]
    before = list(SearchEntry.objects.values_list("pk", "updated_at"))

    with CaptureQueriesContext(connection) as queries:
        indexing.index_objects(ArticlePage, [p.pk for p in pages])

    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert list(SearchEntry.objects.values_list("pk", "updated_at")) == before


def test_settling_after_a_rebuild_vacuums_outside_a_transaction(transactional_db):
    # No data: a transactional test may follow another that flushed the
    # demo sites, and VACUUM fails inside a transaction whatever the rows.
    with CaptureQueriesContext(connection) as queries:
        indexing.settle()

    ran = [query["sql"] for query in queries.captured_queries]
    if connection.vendor == "postgresql":
        assert ran == [f"VACUUM (ANALYZE) {SearchEntry._meta.db_table}"]
    else:
        assert ran == []
