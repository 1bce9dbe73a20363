from contextlib import contextmanager
from unittest import mock

from django.db import InterfaceError, OperationalError, connection
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from consultation.models import Comment, Message
from tests.conftest import host_of
from tests.consultation.factories import (
    comment_post,
    make_consultation,
    message_post,
    path_of,
)

pytestmark = pytest.mark.django_db


@contextmanager
def database_down(error=OperationalError):
    """Make every query fail as when the server has gone away."""
    with mock.patch.object(
        connection, "ensure_connection", side_effect=error("server closed")
    ):
        yield


def test_message_post_during_outage_answers_503_and_gives_back_the_input(
    client, portal
):
    typed = message_post(content="五象新区晚上没有公交<script>alert(1)</script>")

    with database_down():
        response = client.post(
            reverse("consultation:message-create"), typed, HTTP_HOST=host_of(portal)
        )

    html = BeautifulSoup(response.content, "html.parser")
    textareas = {
        html.find("label", attrs={"for": area["id"]}).get_text(): area.get_text()
        for area in html.find_all("textarea")
    }
    assert response.status_code == 503
    assert response["Retry-After"]
    assert html.h1.get_text() == "系统繁忙，请稍后重试"
    assert textareas["内容"] == typed["content"]
    assert textareas["标题"] == typed["subject"]
    assert "csrfmiddlewaretoken" not in textareas
    assert html.find("script") is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    assert not Message.objects.filter(subject=typed["subject"]).exists()


def test_comment_post_during_outage_gives_back_the_comment(client, portal):
    page = make_consultation(portal)

    with database_down(InterfaceError):
        response = client.post(
            path_of(page, "comment/"),
            comment_post(body="停电时写下的意见"),
            HTTP_HOST=host_of(portal),
        )

    assert response.status_code == 503
    assert "停电时写下的意见" in response.content.decode()
    assert not Comment.objects.filter(consultation=page).exists()


def test_page_read_during_outage_answers_503_without_a_form(client, portal):
    with database_down():
        response = client.get("/", HTTP_HOST=host_of(portal))

    assert response.status_code == 503
    assert "系统繁忙，请稍后重试" in response.content.decode()
    assert b"<textarea" not in response.content
