import datetime

from django.utils import timezone

import pytest

from consultation.models import Message
from consultation.models.messages import months_before, open_messages_needing_attention

from .factories import make_message

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def received(days_ago):
    day = TODAY - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def test_three_months_before_clamps_to_month_end():
    assert months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 3) == datetime.date(2025, 10, 15)


def test_alert_counts_unanswered_messages_near_and_over_three_months(portal):
    Message.objects.all().delete()
    make_message(portal, received_at=received(2))  # young, not yet due
    make_message(portal, received_at=received(80))  # approaching
    make_message(portal, received_at=received(88))  # approaching
    make_message(portal, received_at=received(95))  # over the limit
    make_message(portal, received_at=received(85), reply="已答复")  # answered

    counts = open_messages_needing_attention(TODAY)

    assert counts["approaching"] == 2
    assert counts["over_limit"] == 1
    assert counts["overdue"] == 3


def test_alert_window_starts_the_configured_days_before_the_limit(portal, settings):
    Message.objects.all().delete()
    limit = months_before(TODAY, 3)
    make_message(
        portal, received_at=received((TODAY - limit).days - 29)
    )  # 29 days before the limit

    settings.MESSAGE_ALERT_DAYS_BEFORE = 15
    assert open_messages_needing_attention(TODAY)["approaching"] == 0
    settings.MESSAGE_ALERT_DAYS_BEFORE = 30
    assert open_messages_needing_attention(TODAY)["approaching"] == 1


def test_admin_home_shows_the_counts(admin_client, portal):
    Message.objects.all().delete()
    make_message(portal, received_at=timezone.now() - datetime.timedelta(days=85))

    html = admin_client.get("/admin/").content.decode()

    assert "留言答复预警" in html
    assert 'class="approaching" data-count="1"' in html


def test_site_editor_home_counts_only_own_site(client, sites):
    from tests.cms.factories import site_editor

    Message.objects.all().delete()
    old = timezone.now() - datetime.timedelta(days=85)
    make_message(sites["sfj"], received_at=old)
    make_message(sites["nanning"], received_at=old)
    make_message(sites["nanning"], received_at=old)
    client.force_login(site_editor(sites["sfj"]))

    html = client.get("/admin/").content.decode()

    assert 'class="approaching" data-count="1"' in html
