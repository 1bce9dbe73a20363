import datetime
from unittest import mock

from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from cms.intake.forms import CAPTCHA_SESSION_KEY
from consultation.models import Mailbox, Message, MessageTransfer, PublicMessage
from tests.conftest import host_of

from .factories import SECRET, make_department, make_message, message_post

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def submit(client, site, url=None, **fields):
    return client.post(
        url or reverse("consultation:message-create"),
        message_post(**fields),
        HTTP_HOST=host_of(site),
    )


def test_message_gets_tracking_code_secret_and_deadline_on_receipt(client, portal):
    response = submit(client, portal)
    assert response.status_code == 302

    receipt = client.get(response.url, HTTP_HOST=host_of(portal)).content.decode()

    message = Message.objects.get(subject="建议增加夜间公交")
    assert message.status == Message.RECEIVED
    assert message.site == portal
    assert message.tracking_code in receipt
    assert message.due_date.isoformat() in receipt
    assert "查询密码" in receipt


def test_receipt_secret_is_shown_only_once(client, portal):
    response = submit(client, portal)
    client.get(response.url, HTTP_HOST=host_of(portal))
    again = client.get(response.url, HTTP_HOST=host_of(portal))
    assert again.status_code == 302


def test_mailbox_form_files_message_to_its_department(client, portal):
    department = make_department(portal)
    Mailbox.objects.create(
        site=portal, slug="traffic", name="交通局长信箱", department=department
    )

    submit(client, portal, reverse("consultation:mailbox-create", args=["traffic"]))

    message = Message.objects.get(subject="建议增加夜间公交")
    assert message.mailbox.slug == "traffic"
    assert message.department == department
    assert message.status == Message.ASSIGNED


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("phone", "1234", "请填写正确的手机号码"),
        ("email", "bad@", "请填写正确的电子邮箱"),
        ("subject", "长" * 101, "100"),
        ("content", "短", "10"),
    ],
)
def test_bad_input_is_refused_and_form_keeps_the_rest(
    client, portal, field, value, error
):
    response = submit(client, portal, **{field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert "五象新区晚上十点后没有公交车" in html or field == "content"
    assert not Message.objects.filter(subject="建议增加夜间公交").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "<b></b>"),
        ("subject", "<i>  </i><b>x</b>"),
        ("content", "<script>alert('这是一段足够长的脚本内容')</script>"),
        ("content", "<p>短</p><p></p><p></p><br><br>"),
        ("name", "<i></i>"),
    ],
)
def test_text_that_is_empty_or_short_once_tags_go_is_refused(
    client, portal, field, value
):
    response = submit(client, portal, **{field: value})

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Message.objects.filter(name="周测试").exists()
    assert not Message.objects.filter(subject="建议增加夜间公交").exists()


def test_tags_are_dropped_from_a_message_that_has_text_left(client, portal):
    submit(client, portal, subject="<b>建议增加夜间公交</b>", name="<i>周测试</i>")

    message = Message.objects.get(subject="建议增加夜间公交")
    assert message.name == "周测试"


def test_database_failure_keeps_input_and_saves_nothing(client, portal):
    with mock.patch.object(
        Message.objects, "create", side_effect=OperationalError("gone")
    ):
        response = submit(client, portal)
    assert response.status_code == 503
    assert "请稍后重新提交" in response.content.decode()
    assert "五象新区晚上十点后没有公交车" in response.content.decode()
    assert not Message.objects.filter(subject="建议增加夜间公交").exists()


@override_settings(INTAKE_RATE_LIMITS={"message": (1, 600)})
def test_rate_limit_on_messages(client, portal):
    assert submit(client, portal).status_code == 302
    response = submit(client, portal, subject="第二条留言标题")
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert 'value="第二条留言标题"' in response.content.decode()


@override_settings(INTAKE_CAPTCHA=True)
def test_form_reshown_after_an_error_asks_a_question_that_can_be_answered(
    client, portal
):
    def question_on(response):
        return response.context["form"]["captcha"].label

    def answer_in_session():
        question, answer = client.session[CAPTCHA_SESSION_KEY]
        return question, answer

    shown = client.get(
        reverse("consultation:message-create"), HTTP_HOST=host_of(portal)
    )
    question, answer = answer_in_session()
    assert question_on(shown) == question and question in shown.content.decode()

    bad_phone = submit(client, portal, phone="1234", captcha=str(answer))
    assert bad_phone.status_code == 200
    assert question_on(bad_phone) == answer_in_session()[0] == question

    wrong = submit(client, portal, captcha=str(answer + 1))
    new_question, new_answer = answer_in_session()
    assert question_on(wrong) == new_question
    assert new_question in wrong.content.decode()

    assert submit(client, portal, captcha=str(new_answer)).status_code == 302
    assert Message.objects.filter(subject="建议增加夜间公交").count() == 1


def lookup(client, site, **fields):
    return client.post(
        reverse("consultation:message-lookup"),
        {"code": "", "secret": "", "phone": "", **fields},
        HTTP_HOST=host_of(site),
        follow=True,
    )


def test_lookup_with_code_and_secret_or_phone_shows_status(client, portal):
    message = make_message(portal)

    by_secret = lookup(
        client, portal, code=message.tracking_code.lower(), secret=SECRET
    )
    assert "已受理" in by_secret.content.decode()

    other = type(client)()
    by_phone = lookup(other, portal, code=message.tracking_code, phone="13812345678")
    assert message.subject in by_phone.content.decode()


@pytest.mark.parametrize(
    ("stored", "typed"),
    [("13812345678", "138-1234-5678"), ("0771-5551234", "07715551234")],
)
def test_lookup_phone_ignores_hyphens_and_spaces(client, portal, stored, typed):
    message = make_message(portal, phone=stored)
    response = lookup(client, portal, code=message.tracking_code, phone=typed)
    assert message.subject in response.content.decode()


def test_lookup_with_wrong_secret_reveals_nothing(client, portal):
    message = make_message(portal)
    response = lookup(client, portal, code=message.tracking_code, secret="WRONG234")
    html = response.content.decode()
    assert "不匹配" in html
    assert message.subject not in html
    status_url = reverse("consultation:message-status", args=[message.pk])
    assert client.get(status_url, HTTP_HOST=host_of(portal)).status_code == 404


@override_settings(INTAKE_RATE_LIMITS={"lookup": (2, 600)})
def test_rate_limit_on_lookups_stops_guessing_even_the_right_secret(client, portal):
    message = make_message(portal)
    for guess in ("WRONG234", "WRONG345"):
        lookup(client, portal, code=message.tracking_code, secret=guess)

    response = lookup(client, portal, code=message.tracking_code, secret=SECRET)

    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert message.pk not in client.session.get("message-access", [])


def test_lookup_caught_by_the_honeypot_grants_no_access(client, portal):
    message = make_message(portal)

    response = client.post(
        reverse("consultation:message-lookup"),
        {
            "code": message.tracking_code,
            "secret": SECRET,
            "phone": "",
            "website": "http://spam.invalid",
        },
        HTTP_HOST=host_of(portal),
    )

    assert response.status_code == 302
    assert message.pk not in client.session.get("message-access", [])
    status_url = reverse("consultation:message-status", args=[message.pk])
    assert client.get(status_url, HTTP_HOST=host_of(portal)).status_code == 404


def test_deadline_counts_working_days_over_holiday_and_make_up_day(portal):
    # Received Friday 26 Sep 2025: Sunday 28 Sep is a make-up working day,
    # 1-8 Oct is the National Day holiday; five working days end on 10 Oct.
    message = make_message(portal, received_at=at(datetime.date(2025, 9, 26)))
    assert message.due_date == datetime.date(2025, 10, 10)


@override_settings(MESSAGE_REPLY_WORKING_DAYS=2)
def test_deadline_length_is_configurable(portal):
    message = make_message(portal, received_at=at(datetime.date(2025, 9, 26)))
    assert message.due_date == datetime.date(2025, 9, 29)


def test_assigning_replying_and_closing_move_the_status(portal):
    department = make_department(portal)
    message = make_message(portal)

    message.department = department
    message.save()
    assert message.status == Message.ASSIGNED

    message.reply = "已安排调研。"
    message.save()
    assert message.status == Message.REPLIED
    assert message.replied_department == department
    assert message.replied_at is not None

    message.status = Message.CLOSED
    message.save()
    assert message.closed_at is not None


def test_transfer_between_departments_is_recorded(portal):
    first = make_department(portal, "南宁市交通运输局")
    second = make_department(portal, "南宁市住房和城乡建设局")
    message = make_message(portal, department=first)

    message.department = second
    message.transfer_note = "属住建部门职责"
    message.save()

    transfer = MessageTransfer.objects.get(message=message)
    assert (transfer.from_department, transfer.to_department) == (first, second)
    assert transfer.note == "属住建部门职责"


def test_overdue_message_is_highlighted_in_admin_list(admin_client, portal):
    late = make_message(portal, received_at=timezone.now() - datetime.timedelta(30))
    make_message(portal, subject="刚收到的留言")

    html = admin_client.get(reverse("consultation_messages:index")).content.decode()

    assert late.is_overdue()
    assert html.count('class="overdue"') >= 1
    assert "已超期" in html


def test_public_pages_show_only_replied_public_messages_without_personal_data(
    client, portal
):
    department = make_department(portal)
    shown = make_message(
        portal, subject="公开已答复", department=department, reply="答复内容甲"
    )
    make_message(portal, subject="公开未答复")
    make_message(portal, subject="不公开已答复", is_public=False, reply="答复内容乙")

    listing = client.get(
        reverse("consultation:message-list"), HTTP_HOST=host_of(portal)
    ).content.decode()
    detail = client.get(
        reverse("consultation:message-detail", args=[shown.pk]),
        HTTP_HOST=host_of(portal),
    ).content.decode()

    assert "公开已答复" in listing
    assert "公开未答复" not in listing
    assert "不公开已答复" not in listing
    assert "答复内容甲" in detail
    assert department.name in detail
    assert "张三" not in detail
    assert "13812345678" not in detail
    assert "138****5678" in detail


def test_private_message_detail_is_not_found(client, portal):
    hidden = make_message(portal, is_public=False, reply="答复")
    response = client.get(
        reverse("consultation:message-detail", args=[hidden.pk]),
        HTTP_HOST=host_of(portal),
    )
    assert response.status_code == 404


def test_search_sees_only_published_replies_without_sender_text(portal):
    department = make_department(portal)
    published = make_message(portal, department=department, reply="答复：已开通。")
    make_message(portal, is_public=False, reply="私密答复")
    make_message(portal)

    assert list(PublicMessage.objects.filter(tracking_code__startswith="LYTEST")) == [
        published
    ]
    document = PublicMessage.objects.get(pk=published.pk).search_document()
    assert document.body == "答复：已开通。"
    assert "13812345678" not in f"{document.title}{document.body}"
    assert "张三" not in f"{document.title}{document.body}"


def test_department_stats_count_answers_median_days_and_satisfaction(client, portal):
    from consultation.models import SatisfactionRating

    department = make_department(portal)
    received = at(datetime.date(2026, 3, 2))
    for days, rating in [(1, "satisfied"), (3, "dissatisfied"), (10, None)]:
        message = make_message(
            portal,
            department=department,
            received_at=received,
            reply="答复",
            replied_at=received + datetime.timedelta(days=days),
        )
        if rating:
            SatisfactionRating.objects.create(message=message, rating=rating)

    stats = department.stats()
    assert (stats["answered"], stats["median_days"]) == (3, 3)
    assert (stats["rated"], stats["satisfaction"]) == (2, 50)
    html = client.get(
        reverse("consultation:department-stats"), HTTP_HOST=host_of(portal)
    ).content.decode()
    assert "<td>3</td>" in html and "50%" in html
