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


PHONE, EMAIL = "13987654321", "oy.mingyue@example.com"
MASKED = ("139****4321", "o***@example.com")


def assert_contacts_masked(text):
    assert PHONE not in text
    assert EMAIL not in text
    for masked in MASKED:
        assert masked in text


def test_contacts_written_in_approved_comments_are_masked_on_every_page(client, portal):
    from .factories import make_comment

    page = make_consultation(portal, opens_in_days=-40, lasts_days=30)
    make_comment(
        page,
        body=f"<p>请回电{PHONE}或发邮件到{EMAIL}</p>",
        adoption="adopted",
        adoption_reason="已采纳。",
    )
    page.feedback_published = True
    page.save_revision().publish()

    for route in ("", "feedback/"):
        html = client.get(path_of(page, route), HTTP_HOST=host_of(portal))
        assert_contacts_masked(html.content.decode())


def test_contacts_written_in_message_subject_and_content_are_masked(client, portal):
    from bs4 import BeautifulSoup

    from consultation.models import PublicMessage

    from .factories import make_department, make_message

    message = make_message(
        portal,
        subject=f"请回电{PHONE}",
        content=f"我的邮箱是{EMAIL}，电话{PHONE}。",
        department=make_department(portal),
        reply=f"已按{EMAIL}回复。",
    )

    listing = client.get(
        reverse("consultation:message-list"), HTTP_HOST=host_of(portal)
    ).content.decode()
    detail = BeautifulSoup(
        client.get(
            reverse("consultation:message-detail", args=[message.pk]),
            HTTP_HOST=host_of(portal),
        ).content,
        "html.parser",
    )
    document = PublicMessage.objects.get(pk=message.pk).search_document()

    assert PHONE not in listing and "139****4321" in listing
    assert detail.title.string == detail.h1.string == "请回电139****4321"
    assert_contacts_masked(str(detail))
    assert document.title == "请回电139****4321"
    assert EMAIL not in document.body
