"""Indexing through the database task queue, as production runs it."""

import io
import signal
from unittest import mock

from django.core.management import call_command
from django.test import override_settings

import pytest
from django_tasks_db.models import DBTaskResult

from search.models import SearchEntry
from tests.search.conftest import api, publish_article, titles

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def run_worker():
    """Run ``db_worker`` until the queue is empty, inside the test transaction.

    The worker closes connections that are not in autocommit, as the test's
    rolled-back transaction is not, and installs its own signal handlers.
    """
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    worker = "django_tasks_db.management.commands.db_worker"
    try:
        with mock.patch(f"{worker}.close_old_connections"):
            call_command(
                "db_worker", "--batch", "--no-reload", "--no-startup-delay",
                verbosity=0, stdout=io.StringIO(),
            )  # fmt: skip
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def queued_sync():
    """Return the queued search sync tasks as (object id, status) pairs."""
    results = DBTaskResult.objects.filter(task_path="search.tasks.sync_object_task")
    return [(result.args_kwargs["args"][1], result.status) for result in results]


def test_publishing_queues_indexing_for_the_worker(client, portal, database_tasks):
    page = publish_article(portal, "排队索引的紫荆花通知")

    assert queued_sync() == [(str(page.pk), "READY")]
    assert not SearchEntry.objects.filter(object_id=str(page.pk)).exists()
    assert titles(api(client, portal, q="紫荆花")) == []

    run_worker()

    assert queued_sync() == [(str(page.pk), "SUCCESSFUL")]
    assert titles(api(client, portal, q="紫荆花")) == ["排队索引的紫荆花通知"]
