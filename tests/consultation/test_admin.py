from django.contrib.messages import get_messages
from django.urls import reverse

import pytest

from consultation.models import Comment, Message, MessageTransfer
from tests.cms.factories import site_editor

from .factories import make_comment, make_consultation, make_department, make_message

pytestmark = pytest.mark.django_db


def assert_refused(response):
    """Wagtail refuses with a redirect to the admin home and an error message."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    refusals = [
        message
        for message in get_messages(response.wsgi_request)
        if message.level_tag == "error"
    ]
    assert refusals


@pytest.mark.parametrize(
    "name",
    [
        "consultation_comments:index",
        "consultation_feedback_themes:index",
        "consultation_feedback_themes:add",
        "consultation_messages:index",
        "consultation_departments:index",
        "consultation_mailboxes:index",
        "consultation_mailboxes:add",
    ],
)
def test_admin_screens_open_for_administrators(admin_client, name):
    assert admin_client.get(reverse(name)).status_code == 200


def test_message_edit_and_inspect_screens_open(admin_client, portal):
    message = make_message(portal)
    for view in ("edit", "inspect"):
        url = reverse(f"consultation_messages:{view}", args=[message.pk])
        assert admin_client.get(url).status_code == 200


def test_editor_transfers_a_message_in_the_admin(admin_client, portal):
    first = make_department(portal, "测试部门甲")
    second = make_department(portal, "测试部门乙")
    message = make_message(portal, department=first)

    response = admin_client.post(
        reverse("consultation_messages:edit", args=[message.pk]),
        {
            "status": "assigned",
            "department": str(second.pk),
            "transfer_note": "职责调整",
            "reply": "",
            "is_public": "on",
        },
    )

    assert response.status_code == 302
    transfer = MessageTransfer.objects.get(message=message)
    assert (transfer.to_department, transfer.note) == (second, "职责调整")


def test_site_editor_handles_only_own_site_messages(client, sites):
    own = make_message(sites["sfj"], subject="司法局站的留言")
    other = make_message(sites["nanning"], subject="门户站的留言")
    client.force_login(site_editor(sites["sfj"]))

    listing = client.get(reverse("consultation_messages:index")).content.decode()
    own_edit = client.get(reverse("consultation_messages:edit", args=[own.pk]))
    other_edit = client.post(
        reverse("consultation_messages:edit", args=[other.pk]),
        {"status": "closed", "department": "", "reply": "越权答复"},
    )

    assert "司法局站的留言" in listing
    assert "门户站的留言" not in listing
    assert own_edit.status_code == 200
    assert_refused(other_edit)
    other.refresh_from_db()
    assert (other.status, other.reply, other.closed_at) == (Message.RECEIVED, "", None)


def test_site_editor_moderates_only_comments_on_own_site(client, sites):
    own = make_comment(make_consultation(sites["sfj"]), body="<p>司法局意见</p>")
    other = make_comment(make_consultation(sites["nanning"]), body="<p>门户意见</p>")
    client.force_login(site_editor(sites["sfj"]))

    listing = client.get(reverse("consultation_comments:index")).content.decode()

    assert own.tracking_code in listing
    assert other.tracking_code not in listing
    opened = client.get(reverse("consultation_comments:edit", args=[other.pk]))
    posted = client.post(
        reverse("consultation_comments:edit", args=[other.pk]),
        {"status": "rejected", "reject_reason": "越权审核", "duplicate_of": ""},
    )

    assert_refused(opened)
    assert_refused(posted)
    other.refresh_from_db()
    assert (other.status, other.reject_reason) == (Comment.APPROVED, "")


def test_consultation_page_add_form_opens_under_the_column(admin_client, portal):
    from .factories import consultation_column

    column = consultation_column(portal)
    url = reverse(
        "wagtailadmin_pages:add", args=["consultation", "consultationpage", column.pk]
    )
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'name="closes_at"' in response.content.decode()


def test_admin_offers_only_departments_of_the_message_site(admin_client, sites):
    own = make_department(sites["sfj"], "司法局测试部门")
    other = make_department(sites["nanning"], "门户测试部门")
    message = make_message(sites["sfj"])

    html = admin_client.get(
        reverse("consultation_messages:edit", args=[message.pk])
    ).content.decode()

    assert f'value="{own.pk}"' in html
    assert f'value="{other.pk}"' not in html


def test_duplicate_choices_stay_within_the_consultation(admin_client, portal):
    page = make_consultation(portal)
    sibling = make_comment(page)
    stranger = make_comment(make_consultation(portal))
    comment = make_comment(page)

    form = admin_client.get(
        reverse("consultation_comments:edit", args=[comment.pk])
    ).context["form"]

    choices = list(form.fields["duplicate_of"].queryset)
    assert sibling in choices
    assert stranger not in choices
    assert comment not in choices


def test_moderator_sees_the_comment_text_while_moderating(admin_client, portal):
    comment = make_comment(make_consultation(portal), body="<p>需要审核的文字</p>")
    html = admin_client.get(
        reverse("consultation_comments:edit", args=[comment.pk])
    ).content.decode()
    assert "需要审核的文字" in html


def test_handler_sees_the_message_while_replying(admin_client, portal):
    message = make_message(portal, content="需要答复的留言内容很长很长")
    html = admin_client.get(
        reverse("consultation_messages:edit", args=[message.pk])
    ).content.decode()
    assert "需要答复的留言内容很长很长" in html


def edit_message(client, message, **fields):
    data = {
        "status": message.status,
        "department": str(message.department_id or ""),
        "transfer_note": "",
        "reply": message.reply,
        "is_public": "on",
    }
    data.update(fields)
    return client.post(reverse("consultation_messages:edit", args=[message.pk]), data)


@pytest.mark.parametrize("status", [Message.REPLIED, Message.CLOSED])
def test_answering_without_a_reply_is_refused_and_the_message_stays_open(
    admin_client, portal, status
):
    message = make_message(portal, department=make_department(portal))

    response = edit_message(admin_client, message, status=status, reply="  ")

    assert response.status_code == 200
    assert "答复或办结前应填写答复内容" in response.content.decode()
    message.refresh_from_db()
    assert (message.status, message.replied_at) == (Message.ASSIGNED, None)
    assert message in Message.objects.unanswered()


def test_replying_without_a_department_is_refused(admin_client, portal):
    message = make_message(portal)

    response = edit_message(admin_client, message, reply="已安排调研。")

    assert response.status_code == 200
    assert "答复或办结前应选择承办部门" in response.content.decode()
    message.refresh_from_db()
    assert (message.status, message.reply) == (Message.RECEIVED, "")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Message.REPLIED, Message.ASSIGNED),
        (Message.CLOSED, Message.RECEIVED),
        (Message.CLOSED, Message.REPLIED),
    ],
)
def test_answered_message_cannot_be_moved_back(admin_client, portal, before, after):
    message = make_message(
        portal, department=make_department(portal), reply="已答复。", status=before
    )

    response = edit_message(admin_client, message, status=after)

    assert response.status_code == 200
    assert "办理状态不能从" in response.content.decode()
    message.refresh_from_db()
    assert message.status == before


def test_replying_with_department_closes_the_message(admin_client, portal):
    department = make_department(portal)
    message = make_message(portal, department=department)

    response = edit_message(
        admin_client, message, status=Message.CLOSED, reply="已开通夜间线路。"
    )

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Message.CLOSED
    assert message.replied_department == department
    assert message.replied_at is not None and message.closed_at is not None
