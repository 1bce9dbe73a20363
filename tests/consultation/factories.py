import datetime
import itertools

from django.utils import timezone

from cms.models import ColumnPage
from consultation.models import (
    Comment,
    ConsultationArticle,
    ConsultationPage,
    Department,
    Message,
)
from consultation.models.messages import hash_secret

_serial = itertools.count(1)
SECRET = "ABCD2345"  # noqa: S105


def consultation_column(site):
    return ColumnPage.objects.child_of(site.root_page).get(slug="consultations")


def make_consultation(site, opens_in_days=-1, lasts_days=30, articles=(), **fields):
    opens_at = timezone.now() + datetime.timedelta(days=opens_in_days)
    page = ConsultationPage(
        title=fields.pop("title", f"测试征求意见稿{next(_serial)}"),
        organ=fields.pop("organ", "南宁市司法局"),
        draft=fields.pop("draft", "<p>草案正文</p>"),
        opens_at=opens_at,
        closes_at=opens_at + datetime.timedelta(days=lasts_days),
        **fields,
    )
    page.articles = [
        ConsultationArticle(label=label, body=body) for label, body in articles
    ]
    consultation_column(site).add_child(instance=page)
    page.save_revision().publish()
    return page


def path_of(page, route=""):
    return page.get_url_parts()[2] + route


def make_comment(page, **fields):
    values = {
        "body": "<p>建议修改第一条。</p>",
        "name": "张三",
        "phone": "13812345678",
        "email": "zhangsan@example.com",
        "tracking_code": f"YJTEST-{next(_serial):06d}",
        "status": Comment.APPROVED,
    }
    values.update(fields)
    return Comment.objects.create(consultation=page, **values)


def make_department(site, name="测试答复部门"):
    return Department.objects.get_or_create(site=site, name=name)[0]


def make_message(site, **fields):
    values = {
        "tracking_code": f"LYTEST-{next(_serial):06d}",
        "secret_hash": hash_secret(SECRET),
        "subject": "咨询公交线路",
        "category": "consult",
        "content": "请问夜间公交线路何时开通？我的电话13812345678。",
        "name": "张三",
        "phone": "13812345678",
        "is_public": True,
    }
    values.update(fields)
    return Message.objects.create(site=site, **values)


def comment_post(**fields):
    data = {
        "body": "建议延长公示时间，方便群众了解。",
        "name": "张三",
        "phone": "13812345678",
        "email": "",
        "consent": "on",
        "website": "",
    }
    data.update(fields)
    return data


def message_post(**fields):
    data = {
        "subject": "建议增加夜间公交",
        "category": "suggest",
        "content": "五象新区晚上十点后没有公交车，建议增加夜间线路。",
        "name": "周测试",
        "phone": "13912345678",
        "email": "",
        "is_public": "on",
        "consent": "on",
        "website": "",
    }
    data.update(fields)
    return data
