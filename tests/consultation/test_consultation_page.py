import datetime

from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail import hooks

import pytest

from consultation.models import Comment, ConsultationPage
from consultation.models.consultations import default_closes_at
from tests.conftest import host_of

from .factories import comment_post, make_consultation, path_of

pytestmark = pytest.mark.django_db


def test_new_consultation_is_open_for_thirty_days_by_default():
    closes = default_closes_at()
    page = ConsultationPage(title="x", organ="y")
    assert 29 <= (page.closes_at - page.opens_at).days <= 30
    assert abs((closes - timezone.now()) - datetime.timedelta(days=30)) < (
        datetime.timedelta(seconds=5)
    )


def test_status_follows_the_open_period(portal):
    page = make_consultation(portal, opens_in_days=-1, lasts_days=30)
    assert page.status_at(page.opens_at - datetime.timedelta(seconds=1)) == "upcoming"
    assert page.status_at(page.opens_at) == "open"
    assert page.status_at(page.closes_at - datetime.timedelta(seconds=1)) == "open"
    assert page.status_at(page.closes_at) == "closed"

    page.feedback_published = True
    assert page.status_at(page.closes_at) == "feedback"


def test_period_shorter_than_thirty_days_is_flagged(portal):
    assert make_consultation(portal, lasts_days=29).is_shorter_than_minimum
    assert not make_consultation(portal, lasts_days=30).is_shorter_than_minimum


def test_close_before_open_is_refused(portal):
    page = make_consultation(portal)
    page.closes_at = page.opens_at - datetime.timedelta(hours=1)
    with pytest.raises(Exception, match="截止时间应晚于开始时间"):
        page.full_clean()


def test_feedback_cannot_be_published_while_comments_are_still_taken(portal):
    page = make_consultation(portal)
    page.feedback_published = True

    with pytest.raises(ValidationError, match="截止后才能发布采纳情况"):
        page.save_revision()

    page.refresh_from_db()
    assert not page.feedback_published
    assert page.is_open


def test_open_consultation_shows_the_form(client, portal):
    page = make_consultation(portal)
    response = client.get(path_of(page), HTTP_HOST=host_of(portal))
    assert response.status_code == 200
    assert 'name="body"' in response.content.decode()


@pytest.mark.parametrize(
    ("opens_in_days", "message"),
    [(3, "本次意见征集尚未开始"), (-40, "本次意见征集已于")],
)
def test_outside_the_period_form_is_closed_and_posts_refused(
    client, portal, opens_in_days, message
):
    page = make_consultation(portal, opens_in_days=opens_in_days, lasts_days=30)

    shown = client.get(path_of(page), HTTP_HOST=host_of(portal)).content.decode()
    assert 'name="body"' not in shown
    assert message in shown

    response = client.post(
        path_of(page, "comment/"), comment_post(), HTTP_HOST=host_of(portal)
    )
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Comment.objects.filter(consultation=page).exists()


def test_comment_one_second_after_close_is_refused(client, portal):
    page = make_consultation(portal, opens_in_days=-30, lasts_days=30)
    page.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    page.save_revision().publish()

    response = client.post(
        path_of(page, "comment/"), comment_post(), HTTP_HOST=host_of(portal)
    )
    assert response.status_code == 403


def admin_request(rf):
    request = rf.post("/admin/pages/1/edit/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(("days", "warned"), [(10, True), (29, True), (30, False)])
def test_admin_warns_after_saving_a_period_below_thirty_days(rf, portal, days, warned):
    page = make_consultation(portal, lasts_days=days)
    request = admin_request(rf)

    for hook in hooks.get_hooks("after_edit_page"):
        hook(request, page)

    shown = [str(message) for message in request._messages]
    assert any("少于 30 天" in message for message in shown) is warned
