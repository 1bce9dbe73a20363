"""Index lifecycle around the engine: outages, queued work, rebuilds, demo."""

import io
import logging
import os
import subprocess
import sys
import uuid

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

import pytest

from cms.demo.context import DemoContext
from search.backends import engine_backend
from search.demo import index_demo_content
from search.models import PendingIndexTask, SearchEntry
from search.tasks import rebuild_engine, replay_pending
from tests.search.conftest import (
    OPENSEARCH_URL,
    NullProgress,
    api,
    engine_settings,
    publish_article,
    titles,
)

DEAD_ENGINE = engine_settings("http://127.0.0.1:9", "portal-dead")


def test_engine_outage_falls_back_to_the_database_and_queues_work(
    client, portal, caplog
):
    with override_settings(PORTAL_SEARCH=DEAD_ENGINE), caplog.at_level(logging.WARNING):
        page = publish_article(portal, "停机期间发布的桂花通知")
        data = api(client, portal, q="桂花")

    assert titles(data) == ["停机期间发布的桂花通知"]
    assert PendingIndexTask.objects.filter(object_id=str(page.pk)).exists()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("queued" in m for m in warnings)
    assert any("answering from the database" in m for m in warnings)


@pytest.fixture
def live_engine(db):
    """A fresh alias on the real node, its settings active for the test."""
    if not OPENSEARCH_URL:
        pytest.skip("needs OPENSEARCH_URL")
    live = engine_settings(OPENSEARCH_URL, f"portal-test-{uuid.uuid4().hex[:8]}")
    live["REFRESH"] = True
    with override_settings(PORTAL_SEARCH=live):
        engine = engine_backend()
        engine.ensure_index()
        try:
            yield engine
        finally:
            engine.drop()


def test_queued_work_reaches_the_engine_from_the_cron_command(
    client, portal, live_engine
):
    with override_settings(PORTAL_SEARCH=DEAD_ENGINE):
        publish_article(portal, "排队等待的木棉花通知")
    out = io.StringIO()

    call_command("search_replay", stdout=out)
    live_engine.refresh_index()

    assert not PendingIndexTask.objects.exists()
    assert "replayed 1 queued updates, 0 still waiting" in out.getvalue()
    assert titles(api(client, portal, q="木棉花")) == ["排队等待的木棉花通知"]


def test_the_next_successful_write_replays_queued_work(client, portal, live_engine):
    with override_settings(PORTAL_SEARCH=DEAD_ENGINE):
        publish_article(portal, "停机时发布的紫荆花通知")
        gone = publish_article(portal, "停机前发布的紫荆花旧闻")
    with override_settings(PORTAL_SEARCH=DEAD_ENGINE):
        gone.delete()

    publish_article(portal, "恢复后发布的紫荆花简报")
    live_engine.refresh_index()

    assert not PendingIndexTask.objects.exists()
    assert sorted(titles(api(client, portal, q="紫荆花"))) == [
        "停机时发布的紫荆花通知",
        "恢复后发布的紫荆花简报",
    ]


def test_replay_during_an_outage_logs_how_many_updates_wait(portal, caplog):
    with override_settings(PORTAL_SEARCH=DEAD_ENGINE):
        publish_article(portal, "停机期间的第一条通知")
        publish_article(portal, "停机期间的第二条通知")
        with caplog.at_level(logging.WARNING):
            assert replay_pending() == 0

    assert any(
        "2 queued updates wait" in r.getMessage()
        for r in caplog.records
        if r.name == "search.tasks"
    )


def test_writes_made_during_a_rebuild_survive_the_alias_swap(
    client, portal, live_engine
):
    doomed = publish_article(portal, "重建期间将删除的凤凰花通知")
    done = []

    class WritingProgress(NullProgress):
        def update(self, n):
            if not done:
                done.append(True)
                publish_article(portal, "重建期间发布的凤凰花通知")
                doomed.delete()

    rebuild_engine(live_engine, WritingProgress)
    live_engine.refresh_index()

    assert done
    assert titles(api(client, portal, q="凤凰花")) == ["重建期间发布的凤凰花通知"]


@pytest.mark.skipif(not OPENSEARCH_URL, reason="needs OPENSEARCH_URL")
def test_rebuild_builds_a_new_index_and_moves_the_alias(client, portal):
    live = engine_settings(OPENSEARCH_URL, f"portal-test-{uuid.uuid4().hex[:8]}")
    with override_settings(PORTAL_SEARCH=live):
        engine = engine_backend()
        try:
            call_command("search_rebuild", no_progress=True, stdout=io.StringIO())
            first = set(engine.alias_indices())
            call_command(
                "search_rebuild",
                engine_only=True,
                no_progress=True,
                stdout=io.StringIO(),
            )
            second = set(engine.alias_indices())
            data = api(client, portal, q="行政执法")
        finally:
            engine.drop()

    assert len(first) == len(second) == 1 and first != second
    assert data["total"] > 0


def test_rebuild_drops_entries_of_vanished_items(portal, db):
    page = publish_article(portal, "将被直接删除的页面")
    SearchEntry.objects.filter(page=page).update(page=None, object_id="999999999")

    call_command("search_rebuild", no_progress=True, stdout=io.StringIO())

    assert not SearchEntry.objects.filter(object_id="999999999").exists()
    assert SearchEntry.objects.filter(page=page).exists()


def test_demo_step_indexes_everything_and_a_second_run_changes_nothing(db):
    ctx = DemoContext(show_progress=False)
    index_demo_content(ctx)
    before = list(SearchEntry.objects.order_by("pk").values_list("pk", "updated_at"))

    index_demo_content(ctx)

    assert len(before) > 20
    assert list(SearchEntry.objects.order_by("pk").values_list("pk", "updated_at")) == (
        before
    )


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="this is the SQLite run itself"
)
def test_behaviour_suite_passes_on_sqlite(tmp_path):
    """Run the database half of the behaviour suite on SQLite FTS5."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'search.sqlite3'}",
        "OPENSEARCH_URL": "",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/search/test_behaviour.py", "-k", "database"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        timeout=900, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
