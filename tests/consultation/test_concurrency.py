"""Many people comment at the same moment; every comment must be stored."""

from concurrent.futures import ThreadPoolExecutor

from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, override_settings

from wagtail.models import Site

import pytest

from consultation.models import Comment

from .factories import comment_post, make_consultation, path_of

THREADS = 8
COMMENTS_PER_THREAD = 6


def post_comments(host, url, thread_number):
    client = Client()
    try:
        return [
            client.post(
                url,
                comment_post(body=f"并发意见 线程{thread_number} 第{n}条"),
                HTTP_HOST=host,
                REMOTE_ADDR=f"10.1.0.{thread_number}",
            ).status_code
            for n in range(COMMENTS_PER_THREAD)
        ]
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
@override_settings(INTAKE_RATE_LIMITS={"comment": (1000, 60)})
def test_concurrent_comments_are_all_stored():
    assert connection.vendor == "postgresql"
    call_command("load_demo", port=80, no_progress=True, verbosity=0)
    portal = Site.objects.get(hostname="nanning.localhost")
    page = make_consultation(portal)
    url = path_of(page, "comment/")

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(
            pool.map(lambda n: post_comments(portal.hostname, url, n), range(THREADS))
        )

    statuses = [status for thread in results for status in thread]
    stored = Comment.objects.filter(consultation=page)
    assert statuses == [302] * THREADS * COMMENTS_PER_THREAD
    assert stored.count() == THREADS * COMMENTS_PER_THREAD
    assert stored.values("tracking_code").distinct().count() == stored.count()
