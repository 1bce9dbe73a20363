"""Hostile text sent to the message board, lookup and rating comes back inert.

A re-shown form legitimately holds a <form> and <input>s, so each page is
compared with the same page made from harmless text: the payload may add no
element or attribute that could run.
"""

from django.urls import reverse

import pytest

from consultation.models import Message, SatisfactionRating
from tests.cms.intake.inert import active_content
from tests.cms.intake.payloads import xss_payloads
from tests.conftest import host_of

from .factories import SECRET, make_department, make_message, message_post

pytestmark = pytest.mark.django_db

PAYLOADS = xss_payloads()
HARMLESS = "无害的普通文字"


def html_of(response):
    return response.content.decode()


def main_of(response):
    html = html_of(response)
    return html[html.index("<main") : html.index("</main>")]


def post(client, site, name, data):
    return client.post(reverse(name), data, HTTP_HOST=host_of(site))


def message_fields(text):
    return {
        "subject": f"标题{text}"[:100],
        "content": f"留言内容足够长：{text}",
        "name": f"周{text}"[:50],
        "email": "",
    }


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_refused_message_form_is_shown_back_inert(client, portal, payload):
    # A bad phone makes sure both forms come back with what was typed.
    def reshown(text):
        fields = message_fields(text)
        data = message_post(phone="1234", **fields)
        return post(client, portal, "consultation:message-create", data)

    hostile, harmless = reshown(payload), reshown(HARMLESS)

    assert hostile.status_code == harmless.status_code == 200
    assert active_content(html_of(hostile)) == active_content(html_of(harmless))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_stored_message_is_plain_text(client, portal, payload):
    response = post(
        client,
        portal,
        "consultation:message-create",
        message_post(**message_fields(payload)),
    )

    stored = Message.objects.filter(name__startswith="周").first()
    if response.status_code == 302:
        for text in (stored.subject, stored.content, stored.name):
            assert "<" not in text or active_content(text) == []
    else:
        assert stored is None


def published(site, text):
    return make_message(
        site,
        subject=text[:100],
        content=text,
        department=make_department(site),
        reply=f"答复：{text}",
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_stored_raw_renders_inert_on_public_message_pages(
    client, portal, payload
):
    # Stored raw, past the form, to prove the templates escape it themselves.
    hostile, harmless = published(portal, payload), published(portal, HARMLESS)

    def pages(message):
        host = host_of(portal)
        detail = reverse("consultation:message-detail", args=[message.pk])
        return [
            html_of(client.get(detail, HTTP_HOST=host)),
            main_of(client.get(reverse("consultation:message-list"), HTTP_HOST=host)),
        ]

    for hostile_page, harmless_page in zip(
        pages(hostile), pages(harmless), strict=True
    ):
        assert active_content(hostile_page) == active_content(harmless_page)


def open_status(client, site, message):
    post(
        client,
        site,
        "consultation:message-lookup",
        {"code": message.tracking_code, "secret": SECRET, "phone": ""},
    )
    url = reverse("consultation:message-status", args=[message.pk])
    return client.get(url, HTTP_HOST=host_of(site))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_renders_inert_on_the_senders_status_page(client, portal, payload):
    hostile, harmless = published(portal, payload), published(portal, HARMLESS)

    hostile_page = open_status(client, portal, hostile)
    harmless_page = open_status(client, portal, harmless)

    assert hostile_page.status_code == 200
    assert active_content(main_of(hostile_page)) == active_content(
        main_of(harmless_page)
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_posted_to_lookup_is_shown_back_inert(client, portal, payload):
    def reshown(text):
        data = {"code": text[:30], "secret": text[:20], "phone": text[:20]}
        return post(client, portal, "consultation:message-lookup", data)

    hostile, harmless = reshown(payload), reshown(HARMLESS)

    assert hostile.status_code == harmless.status_code == 200
    assert active_content(html_of(hostile)) == active_content(html_of(harmless))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_posted_to_rating_is_shown_back_inert_or_kept_as_text(
    client, portal, payload
):
    message = published(portal, HARMLESS)
    open_status(client, portal, message)
    rate_url = reverse("consultation:message-rate", args=[message.pk])

    def rate(rating, text):
        data = {"rating": rating, "comment": text[:500], "website": ""}
        return client.post(rate_url, data, HTTP_HOST=host_of(portal))

    hostile, harmless = rate(payload[:20], payload), rate("bogus", HARMLESS)
    assert hostile.status_code == harmless.status_code == 200
    assert active_content(html_of(hostile)) == active_content(html_of(harmless))

    assert rate("satisfied", payload).status_code == 302
    stored = SatisfactionRating.objects.get(message=message).comment
    assert "<" not in stored or active_content(stored) == []
