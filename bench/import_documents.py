"""Measure importing 10,000 disclosure documents; target: under a minute.

What is timed is ``manage.py import_disclosure`` as an operator runs it: the
bulk import and the search indexing the command asks for afterwards, first with
the in-process task backend of dev and tests, where the indexing runs inside
the command, then with the database queue of production, where the command
only enqueues it and ``manage.py db_worker`` drains the queue afterwards (timed
apart: the one-minute target is about the command).

The bench never touches the demo data. It works on a database of its own,
removed at the end: by default a temporary SQLite file, copied from the
development database (``db.sqlite3``, left as it is) when that holds the demo,
else migrated and loaded with the demo; with ``BENCH_POSTGRES_URL`` (a server,
e.g. ``postgres://postgres@127.0.0.1:54329/``) a PostgreSQL database created
for the run and dropped after it.

    python bench/import_documents.py
    BENCH_COUNT=2000 python bench/import_documents.py
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:54329/ \
        python bench/import_documents.py
"""

import io
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNT = int(os.environ.get("BENCH_COUNT", "10000"))
TARGET_SECONDS = 60
SITE = "xixiangtang"
ORGANS = ["南宁市西乡塘区人民政府", "南宁市西乡塘区人民政府办公室", "西乡塘区教育局"]
BODY = "第一条 为了规范工作，制定本办法。\n第二条 本办法自发布之日起施行。"
TOPICS = ["综合政务 / 政务公开", "科技、教育 / 教育", "城乡建设、环境保护 / 城市规划"]


def records(count, prefix="bench", start=0):
    for number in range(start, start + count):
        year = 2015 + number % 10
        sequence = 50000 + start + number
        yield {
            "id": f"{prefix}-{number}",
            "title": f"西乡塘区关于第{number}项工作的通知",
            "issuing_organ": ORGANS[number % len(ORGANS)],
            "document_number": f"西政发〔{year}〕{number % 900 + 1}号",
            "written_date": f"{year}-03-01",
            "publish_date": f"{year}-03-{number % 20 + 5:02d}",
            "topic": TOPICS[number % len(TOPICS)],
            "index_number": (
                f"114501073/{year}-{sequence:05d}" if number % 4 == 0 else None
            ),
            "body": BODY,
        }


class SqliteDatabase:
    """A temporary SQLite file, seeded from the development database."""

    label = "SQLite (temporary file)"

    def __init__(self, folder):
        self.path = Path(folder) / "bench.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def create(self):
        source = ROOT / "db.sqlite3"
        if source.exists():
            # The backup API takes a consistent copy even while a dev server
            # has the file open; the source is opened read-only.
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as original:
                with sqlite3.connect(self.path) as copy:
                    original.backup(copy)
            self.label += ", copied from db.sqlite3"

    def drop(self):
        self.path.unlink(missing_ok=True)


class PostgresDatabase:
    """A PostgreSQL database made for this run on the given server."""

    label = "PostgreSQL (temporary database)"

    def __init__(self, server_url):
        self.name = f"portal_bench_import_{os.getpid()}"
        parts = urlsplit(server_url)
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))

    def execute(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)

    def create(self):
        self.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        from django.db import connections

        connections.close_all()
        self.execute(f'DROP DATABASE IF EXISTS "{self.name}"')


def prepare():
    """Migrate the bench database and load the demo if it is not there."""
    from django.core.management import call_command

    from wagtail.models import Site

    call_command("migrate", verbosity=0)
    if not Site.objects.filter(hostname__startswith=f"{SITE}.").exists():
        call_command("load_demo", no_progress=True, verbosity=0, stdout=io.StringIO())


def import_file(path):
    """Run the command on ``path``; return total and import-only seconds."""
    from django.core.management import call_command

    from disclosure.importer import DocumentImporter

    importing = []
    original_run = DocumentImporter.run

    def timed_run(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original_run(self, *args, **kwargs)
        finally:
            importing.append(time.perf_counter() - start)

    out, err = io.StringIO(), io.StringIO()
    DocumentImporter.run = timed_run
    start = time.perf_counter()
    try:
        call_command(
            "import_disclosure", str(path), site=SITE, no_progress=True,
            stdout=out, stderr=err,
        )  # fmt: skip
    finally:
        DocumentImporter.run = original_run
    total = time.perf_counter() - start
    return total, sum(importing), out.getvalue().strip(), err.getvalue()


def report(label, seconds, importing, summary, rest="search indexing"):
    verdict = "within" if seconds < TARGET_SECONDS else "OVER"
    print(
        f"{label}: {COUNT} rows in {seconds:.1f} s, {COUNT / seconds:.0f} rows/s "
        f"({verdict} the {TARGET_SECONDS} s target)"
    )
    print(
        f"  of which the import {importing:.1f} s ({COUNT / importing:.0f} rows/s), "
        f"reading the file and {rest} {seconds - importing:.1f} s"
    )
    print(f"  {summary}")


def indexed_documents(prefix="bench"):
    from django.contrib.contenttypes.models import ContentType

    from disclosure.models import DisclosureDocumentPage
    from search.models import SearchEntry

    content_type = ContentType.objects.get_for_model(DisclosureDocumentPage)
    return SearchEntry.objects.filter(
        content_type=content_type,
        object_id__in=[
            str(pk)
            for pk in DisclosureDocumentPage.objects.filter(
                import_key__startswith=f"{prefix}-"
            ).values_list("pk", flat=True)
        ],
    ).count()


def drain_queue():
    """Run the worker until the queue is empty; return seconds and tasks run."""
    from django.core.management import call_command

    from django_tasks_db.models import DBTaskResult

    start = time.perf_counter()
    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay",
        verbosity=0, stdout=io.StringIO(),
    )  # fmt: skip
    seconds = time.perf_counter() - start
    return seconds, DBTaskResult.objects.finished().count()


def write_records(path, **kwargs):
    rows = list(records(COUNT, **kwargs))
    path.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")


def run_queued(folder):
    """Import other documents with the database queue, then run the worker."""
    from django.test import override_settings

    path = Path(folder) / "queued.json"
    # Other keys, and index numbers above those the first import assigned.
    write_records(path, prefix="queued", start=COUNT)
    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=backend):
        seconds, importing, summary, errors = import_file(path)
        report("queued import (command)", seconds, importing, summary, "enqueueing")
        if errors:
            print(f"  row errors:\n{errors}", end="")
        print(f"  search entries before the worker: {indexed_documents('queued')}")
        draining, tasks = drain_queue()
    print(f"worker (db_worker --batch): {tasks} tasks in {draining:.1f} s")
    print(f"  search entries after the worker: {indexed_documents('queued')}")


def run(folder):
    path = Path(folder) / "documents.json"
    write_records(path)
    seconds, importing, summary, errors = import_file(path)
    report("first import (command, with search indexing)", seconds, importing, summary)
    if errors:
        print(f"  row errors:\n{errors}", end="")
    print(f"  search entries for the imported documents: {indexed_documents()}")
    seconds, importing, summary, _errors = import_file(path)
    report("re-run, nothing changed", seconds, importing, summary)
    run_queued(folder)


def main():
    folder = tempfile.mkdtemp(prefix="bench-import-")
    server = os.environ.get("BENCH_POSTGRES_URL")
    database = PostgresDatabase(server) if server else SqliteDatabase(folder)
    database.create()
    os.environ["DATABASE_URL"] = database.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    try:
        import django

        django.setup()
        print(f"database: {database.label}")
        prepare()
        run(folder)
    finally:
        database.drop()
        shutil.rmtree(folder, ignore_errors=True)
        print("removed the bench database")


if __name__ == "__main__":
    main()
