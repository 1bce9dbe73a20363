from django.db import IntegrityError
from django.test import override_settings
from django.urls import reverse

import pytest

from consultation.models import SatisfactionRating
from tests.conftest import host_of

from .factories import SECRET, make_department, make_message

pytestmark = pytest.mark.django_db


def open_status(client, site, message):
    client.post(
        reverse("consultation:message-lookup"),
        {"code": message.tracking_code, "secret": SECRET, "phone": ""},
        HTTP_HOST=host_of(site),
    )


def rate(client, site, message, rating="satisfied", comment="", website=""):
    return client.post(
        reverse("consultation:message-rate", args=[message.pk]),
        {"rating": rating, "comment": comment, "website": website},
        HTTP_HOST=host_of(site),
    )


@pytest.fixture
def replied(portal):
    return make_message(portal, department=make_department(portal), reply="已答复")


def test_sender_rates_a_replied_message(client, portal, replied):
    open_status(client, portal, replied)

    response = rate(client, portal, replied, "basic", "答复及时")

    assert response.status_code == 302
    rating = SatisfactionRating.objects.get(message=replied)
    assert (rating.rating, rating.comment) == ("basic", "答复及时")


def test_second_rating_is_refused_and_first_kept(client, portal, replied):
    open_status(client, portal, replied)
    rate(client, portal, replied, "satisfied")

    response = rate(client, portal, replied, "dissatisfied")

    assert response.status_code == 409
    assert "只能评价一次" in response.content.decode()
    assert SatisfactionRating.objects.get(message=replied).rating == "satisfied"


def test_database_refuses_a_second_rating_row(replied):
    SatisfactionRating.objects.create(message=replied, rating="satisfied")
    with pytest.raises(IntegrityError):
        SatisfactionRating.objects.create(message=replied, rating="dissatisfied")


def test_rating_before_reply_is_refused(client, portal):
    message = make_message(portal)
    open_status(client, portal, message)
    assert rate(client, portal, message).status_code == 409
    assert not SatisfactionRating.objects.filter(message=message).exists()


def test_rating_without_proving_identity_is_not_possible(client, portal, replied):
    assert rate(client, portal, replied).status_code == 404
    assert not SatisfactionRating.objects.filter(message=replied).exists()


def test_status_page_offers_rating_once(client, portal, replied):
    open_status(client, portal, replied)
    url = reverse("consultation:message-status", args=[replied.pk])

    before = client.get(url, HTTP_HOST=host_of(portal)).content.decode()
    rate(client, portal, replied)
    after = client.get(url, HTTP_HOST=host_of(portal)).content.decode()

    assert 'name="rating"' in before
    assert 'name="rating"' not in after
    assert "您的评价：满意" in after


def test_rating_caught_by_the_honeypot_is_not_stored(client, portal, replied):
    open_status(client, portal, replied)

    response = rate(client, portal, replied, website="http://spam.invalid")

    assert response.status_code == 302
    assert not SatisfactionRating.objects.filter(message=replied).exists()


def test_second_rating_is_no_error_in_the_log(client, portal, replied, caplog):
    open_status(client, portal, replied)
    rate(client, portal, replied, "satisfied")

    rate(client, portal, replied, "dissatisfied")

    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert "asked sender to retry" not in caplog.text


@override_settings(INTAKE_RATE_LIMITS={"rating": (1, 600)})
def test_rate_limit_on_ratings(client, portal, replied):
    open_status(client, portal, replied)
    rate(client, portal, replied, rating="bogus")

    response = rate(client, portal, replied, "basic", "答复及时")

    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert not SatisfactionRating.objects.filter(message=replied).exists()
