from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

import pytest

from cms.intake.ratelimit import hit, rate_limit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


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
def test_decorator_answers_429_with_clear_message(rf, db):
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
