import logging

from django.urls import reverse

import pytest

from tests.conftest import host_of

from .factories import comment_post, make_consultation, message_post, path_of

pytestmark = pytest.mark.django_db


def test_submissions_log_ids_but_no_personal_data(client, portal, caplog):
    page = make_consultation(portal)
    caplog.set_level(logging.DEBUG)

    client.post(
        path_of(page, "comment/"),
        comment_post(name="欧阳明月", phone="13987654321", email="oy@example.com"),
        HTTP_HOST=host_of(portal),
    )
    client.post(
        reverse("consultation:message-create"),
        message_post(name="欧阳明月", phone="13987654321", email="oy@example.com"),
        HTTP_HOST=host_of(portal),
    )

    logged = caplog.text
    assert "Stored comment pk=" in logged
    assert "Stored message pk=" in logged
    for personal in ("欧阳明月", "13987654321", "oy@example.com"):
        assert personal not in logged


def test_column_feed_of_consultations_carries_no_comment_data(client, portal):
    from .factories import consultation_column, make_comment

    page = make_consultation(portal, summary="征集说明文字")
    make_comment(page, name="欧阳明月", body="<p>意见正文甲</p>")
    column = consultation_column(portal)

    feed = client.get(
        column.get_url_parts()[2] + "rss/", HTTP_HOST=host_of(portal)
    ).content.decode()

    assert page.title in feed
    assert "欧阳" not in feed
    assert "意见正文甲" not in feed
