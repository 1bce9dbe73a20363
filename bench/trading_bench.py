"""Time the trading bulletin's import, lists, exports and supervisor report.

Run against a database with the demo loaded, e.g.
  DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/trading_bench.py 200
Everything it writes is rolled back at the end.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Site  # noqa: E402

from disclosure.trading.importer import IndexChooser, import_records  # noqa: E402


def records(projects):
    rows = []
    for number in range(projects):
        code = f"BENCH-{number:05d}"
        base = {
            "project_code": code,
            "trading_type": "政府采购" if number % 2 else "工程建设",
            "procurement_method": "公开招标",
            "purchaser": f"南宁市第{number % 17}局",
            "region": "广西壮族自治区南宁市",
        }
        rows.append(
            {
                **base,
                "id": f"{code}-a",
                "title": f"基准项目{number}招标公告",
                "stage": "招标公告",
                "budget": f"{100 + number}万元",
                "dates": {"publish_date": "2025-03-03"},
                "body": "正文\n" * 20,
            }
        )
        rows.append(
            {
                **base,
                "id": f"{code}-r",
                "title": f"基准项目{number}中标公告",
                "stage": "中标公告",
                "amount": f"{99 + number}万元",
                "winners": ["甲公司"],
                "dates": {"publish_date": "2025-04-03", "award_date": "2025-03-31"},
            }
        )
        rows.append(
            {
                **base,
                "id": f"{code}-c",
                "title": f"基准项目{number}合同公告",
                "stage": "合同公告",
                "amount": f"{99 + number}万元",
                "dates": {"publish_date": "2025-04-20", "signing_date": "2025-04-10"},
            }
        )
    return rows  # fmt: skip


def timed(label, func, repeat=3):
    best = None
    queries = 0
    for _ in range(repeat):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = func()
            elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{label}: HTTP {response.status_code}")
        best = elapsed if best is None else min(best, elapsed)
        queries = len(captured)
    print(f"{label:<40} {best * 1000:8.1f} ms  {queries:5d} queries")


def main():
    projects = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    portal = Site.objects.get(is_default_site=True)
    host = portal.hostname if portal.port == 80 else f"{portal.hostname}:{portal.port}"
    with transaction.atomic():
        rows = records(projects)
        start = time.perf_counter()
        report = import_records(rows, IndexChooser())
        elapsed = time.perf_counter() - start
        rate = len(rows) / elapsed
        print(f"import {len(rows)} rows: {elapsed:.1f} s ({rate:.1f} rows/s)")
        print(f"  row errors: {len(report.errors)}")
        start = time.perf_counter()
        import_records(rows, IndexChooser())
        seconds = time.perf_counter() - start
        print(f"re-import, nothing changes: {seconds:.1f} s")

        client = Client(HTTP_HOST=host)
        timed("list, first page", lambda: client.get("/trading/"))
        filtered = {"stage": "result", "amount_min": "1000000", "q": "基准"}
        timed("list, filtered", lambda: client.get("/trading/", filtered))
        timed("rss, 50 items", lambda: client.get("/trading/rss/"))
        timed("csv export, all", lambda: client.get("/trading/export.csv"))
        timed("json export, all", lambda: client.get("/trading/export.json"))
        user = get_user_model().objects.create_superuser("bench-admin", "", "x")
        client.force_login(user)
        timed("supervisor report", lambda: client.get("/admin/trading/report/"), 1)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
