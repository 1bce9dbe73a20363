"""Many people post at the same moment: every comment is stored, no flood passes."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from wagtail.models import Site

import pytest

from cms.intake.ratelimit import hit
from consultation.models import Comment, Message

from .factories import comment_post, make_consultation, message_post, path_of

THREADS = 8
COMMENTS_PER_THREAD = 6
FLOOD = 60
LIMIT = 3


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


def at_once(count, action):
    """Run ``action(n)`` in ``count`` threads released together; return results."""
    barrier = threading.Barrier(count)

    def run(number):
        try:
            barrier.wait()
            return action(number)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


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


@pytest.mark.django_db(transaction=True)
@override_settings(INTAKE_RATE_LIMITS={"flood": (LIMIT, 600)})
def test_parallel_hits_from_one_client_pass_the_limit_no_more_than_allowed():
    assert connection.vendor == "postgresql"

    passed = at_once(
        FLOOD,
        lambda n: hit(RequestFactory().post("/", REMOTE_ADDR="10.2.0.1"), "flood"),
    )

    assert passed.count(True) == LIMIT


@pytest.mark.django_db(transaction=True)
@override_settings(INTAKE_RATE_LIMITS={"message": (LIMIT, 600)})
def test_parallel_message_posts_from_one_client_store_only_the_limit():
    assert connection.vendor == "postgresql"
    call_command("load_demo", port=80, no_progress=True, verbosity=0)
    url = reverse("consultation:message-create")

    statuses = at_once(
        20,
        lambda n: (
            Client()
            .post(
                url,
                message_post(subject=f"并发留言第{n}条"),
                HTTP_HOST="nanning.localhost",
                REMOTE_ADDR="10.2.0.2",
            )
            .status_code
        ),
    )

    assert sorted(statuses) == [302] * LIMIT + [429] * (20 - LIMIT)
    assert Message.objects.filter(subject__startswith="并发留言").count() == LIMIT
