import datetime

from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import timezone

import pytest

from cms.intake.ratelimit import hit, rate_limit
from cms.models import RateLimitCounter

pytestmark = pytest.mark.django_db


def post_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


@override_settings(INTAKE_RATE_LIMITS={"comment": (3, 60)})
def test_limit_allows_configured_count_then_refuses():
    results = [hit(post_from("10.0.0.1"), "comment") for _ in range(4)]
    assert results == [True, True, True, False]


@override_settings(INTAKE_RATE_LIMITS={"comment": (1, 60)})
def test_limits_are_counted_per_client():
    assert hit(post_from("10.0.0.1"), "comment")
    assert hit(post_from("10.0.0.2"), "comment")
    assert not hit(post_from("10.0.0.1"), "comment")


@override_settings(INTAKE_RATE_LIMITS={"default": (1, 60)})
def test_unnamed_scope_uses_default_limit():
    assert hit(post_from("10.0.0.3"), "other")
    assert not hit(post_from("10.0.0.3"), "other")


@override_settings(INTAKE_RATE_LIMITS={"form": (1, 60)})
def test_decorator_answers_429_with_clear_message(rf):
    @rate_limit("form")
    def view(request):
        return HttpResponse("ok")

    assert view(rf.post("/", REMOTE_ADDR="10.0.0.4")).status_code == 200
    refused = view(rf.post("/", REMOTE_ADDR="10.0.0.4"))
    assert refused.status_code == 429
    assert "提交过于频繁" in refused.content.decode()
    assert view(rf.get("/", REMOTE_ADDR="10.0.0.4")).status_code == 200


@override_settings(
    INTAKE_RATE_LIMITS={"comment": (1, 60)}, INTAKE_CLIENT_IP_HEADER="HTTP_X_REAL_IP"
)
def test_clients_behind_a_trusted_proxy_are_told_apart_by_its_header():
    def via_proxy(address):
        return RequestFactory().post(
            "/", REMOTE_ADDR="10.9.9.9", HTTP_X_REAL_IP=address
        )

    assert hit(via_proxy("203.0.113.1"), "comment")
    assert hit(via_proxy("203.0.113.2"), "comment")
    assert not hit(via_proxy("203.0.113.1"), "comment")


@override_settings(INTAKE_RATE_LIMITS={"comment": (1, 60)})
def test_forwarded_header_is_ignored_unless_configured():
    first = RequestFactory().post("/", REMOTE_ADDR="10.9.9.8", HTTP_X_REAL_IP="1.1.1.1")
    second = RequestFactory().post(
        "/", REMOTE_ADDR="10.9.9.8", HTTP_X_REAL_IP="2.2.2.2"
    )
    assert hit(first, "comment")
    assert not hit(second, "comment")


@override_settings(INTAKE_RATE_LIMITS={"comment": (1, 60)})
def test_a_closed_window_opens_a_new_one_and_old_windows_are_forgotten():
    assert hit(post_from("10.0.0.5"), "comment")
    assert not hit(post_from("10.0.0.5"), "comment")
    past = timezone.now() - datetime.timedelta(seconds=1)
    RateLimitCounter.objects.update(expires_at=past)
    RateLimitCounter.objects.create(key="comment:gone", count=9, expires_at=past)

    assert hit(post_from("10.0.0.5"), "comment")
    assert list(RateLimitCounter.objects.values_list("count", flat=True)) == [1]


def test_the_client_address_is_not_stored():
    hit(post_from("10.0.0.6"), "comment")
    assert "10.0.0.6" not in RateLimitCounter.objects.get().key
