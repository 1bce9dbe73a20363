"""Measure importing 10,000 disclosure documents; target: under a minute.

Run against a migrated database with the demo loaded, for example:

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/portal_bench \
        python bench/import_documents.py

The documents go into the 西乡塘 site and are removed again at the end.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402

from disclosure.importer import DocumentImporter  # noqa: E402
from disclosure.models import DisclosureDocumentPage  # noqa: E402

COUNT = int(os.environ.get("BENCH_COUNT", "10000"))
ORGANS = ["南宁市西乡塘区人民政府", "南宁市西乡塘区人民政府办公室", "西乡塘区教育局"]
BODY = "第一条 为了规范工作，制定本办法。\n第二条 本办法自发布之日起施行。"
TOPICS = ["综合政务 / 政务公开", "科技、教育 / 教育", "城乡建设、环境保护 / 城市规划"]


def records(count):
    for number in range(count):
        year = 2015 + number % 10
        yield {
            "id": f"bench-{number}",
            "title": f"西乡塘区关于第{number}项工作的通知",
            "issuing_organ": ORGANS[number % len(ORGANS)],
            "document_number": f"西政发〔{year}〕{number % 900 + 1}号",
            "written_date": f"{year}-03-01",
            "publish_date": f"{year}-03-{number % 20 + 5:02d}",
            "topic": TOPICS[number % len(TOPICS)],
            "index_number": (
                f"114501073/{year}-{50000 + number:05d}" if number % 4 == 0 else None
            ),
            "body": BODY,
        }


def site():
    found = Site.objects.filter(hostname__startswith="xixiangtang.").first()
    if found is None:
        call_command("load_demo", no_progress=True, verbosity=0)
        found = Site.objects.get(hostname__startswith="xixiangtang.")
    return found


def timed(label, func):
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    print(f"{label}: {COUNT} rows in {seconds:.1f} s, {COUNT / seconds:.0f} rows/s")
    return result


def main():
    target = site()
    rows = list(records(COUNT))
    report = timed("first import", lambda: DocumentImporter(target).run(rows))
    print(f"  created={report.created} errors={len(report.errors)}")
    report = timed("re-run (no changes)", lambda: DocumentImporter(target).run(rows))
    print(f"  created={report.created} unchanged={report.unchanged}")
    pages = DisclosureDocumentPage.objects.filter(import_key__startswith="bench-")
    Page.objects.filter(pk__in=pages.values("pk")).delete()
    print("removed the benchmark documents")


if __name__ == "__main__":
    main()
