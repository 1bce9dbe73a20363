"""Measure public intake: sanitising speed and comments stored per second.

Run from the project root with DATABASE_URL pointing at PostgreSQL:
``python bench/intake_submissions.py [threads] [comments_per_thread]``. It
builds a throwaway test database, loads the demo, posts comments from
threads through the real view and prints the figures.
"""

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from cms.intake.sanitize import sanitize_html  # noqa: E402

PAYLOADS = ROOT / "tests" / "data" / "xss-payloads.txt"


def bench_sanitiser(rounds=50):
    payloads = [line for line in PAYLOADS.read_text().splitlines() if line]
    long_comment = "<p>" + "建议修改第一条，" * 600 + "</p>"
    started = time.perf_counter()
    for _ in range(rounds):
        for payload in payloads:
            sanitize_html(payload)
    per_payload = (time.perf_counter() - started) / (rounds * len(payloads))
    started = time.perf_counter()
    for _ in range(rounds):
        sanitize_html(long_comment)
    per_long = (time.perf_counter() - started) / rounds
    print(f"sanitise: {per_payload * 1e6:.0f} µs per XSS payload")
    print(f"sanitise: {per_long * 1e3:.2f} ms per {len(long_comment)}-char comment")


def post_comments(host, url, thread_number, count):
    client = Client()
    codes = []
    try:
        for n in range(count):
            response = client.post(
                url,
                {
                    "body": f"压测意见 线程{thread_number} 第{n}条",
                    "name": "张三",
                    "phone": "13812345678",
                    "consent": "on",
                },
                HTTP_HOST=host,
            )
            codes.append(response.status_code)
    finally:
        connections.close_all()
    return codes


def bench_submissions(threads, per_thread):
    from wagtail.models import Site

    from consultation.models import Comment
    from tests.consultation.factories import make_consultation, path_of

    portal = Site.objects.get(hostname="nanning.localhost")
    page = make_consultation(portal)
    url = path_of(page, "comment/")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(
            pool.map(
                lambda n: post_comments(portal.hostname, url, n, per_thread),
                range(threads),
            )
        )
    elapsed = time.perf_counter() - started
    sent = threads * per_thread
    stored = Comment.objects.filter(consultation=page).count()
    ok = sum(code == 302 for codes in results for code in codes)
    print(
        f"submissions: {sent} posted from {threads} threads in {elapsed:.2f} s "
        f"({sent / elapsed:.1f}/s); {ok} accepted, {stored} stored"
    )


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    per_thread = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    bench_sanitiser()
    settings.INTAKE_RATE_LIMITS = {"comment": (10**6, 60)}
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        call_command("load_demo", port=80, no_progress=True, verbosity=0)
        print(f"database: {connection.vendor}")
        bench_submissions(threads, per_thread)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
