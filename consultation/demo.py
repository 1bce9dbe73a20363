"""Demo step: the corpus consultations and example messages with replies."""

import datetime
import re

from django.utils import timezone

from wagtail.models import Site

from cms.demo import DemoDataError, register_step
from cms.demo.files import body_html, corpus_records
from cms.demo.pages import ensure_page
from cms.models import ColumnPage

from .models import ConsultationArticle, ConsultationPage
from .models.messages import (
    Department,
    Mailbox,
    Message,
    SatisfactionRating,
    hash_secret,
)

COLUMN_SLUG = "consultations"
ARTICLE_RE = re.compile(r"^(第[一二三四五六七八九十百零〇]+条)\s*(.*)$")
DEFAULT_DAYS = 30
FEEDBACK_HEADING_RE = re.compile(r"(反馈|反饋)(情况|情況)(说明|說明)")
DEMO_SECRET = "DEMO2345"  # noqa: S105 (printed in the demo guide, not a secret)

DEPARTMENTS = {
    "nanning": ["南宁市人民政府办公室", "南宁市交通运输局", "南宁市住房和城乡建设局"],
    "sfj": ["南宁市司法局办公室", "南宁市司法局法律援助科"],
}
MAILBOXES = {
    "nanning": ("mayor", "市长信箱", "南宁市人民政府办公室"),
    "sfj": ("director", "局长信箱", "南宁市司法局办公室"),
}
# Invented examples, marked as such; the names and numbers belong to no one.
MESSAGES = [
    {
        "code": "DEMO-LY-0001",
        "site": "nanning",
        "subject": "（演示）建议增加夜间公交线路",
        "category": "suggest",
        "content": "（演示留言）我家住在五象新区，晚上十点以后没有公交车，"
        "建议增加夜间线路。",
        "name": "张三",
        "received": "2026-03-02",
        "department": "南宁市交通运输局",
        "reply": "（演示答复）感谢您的建议。"
        "我局已将五象新区夜间公交需求纳入线网优化调研，"
        "计划于今年下半年试开通夜间线路，届时将向社会公布。",
        "replied": "2026-03-06",
        "rating": "satisfied",
    },
    {
        "code": "DEMO-LY-0002",
        "site": "nanning",
        "subject": "（演示）咨询公租房申请条件",
        "category": "consult",
        "content": "（演示留言）请问外地户籍在南宁工作的人员可以申请公租房吗？",
        "name": "李四",
        "received": "2026-04-10",
        "department": "南宁市住房和城乡建设局",
        "reply": "（演示答复）在本市稳定就业的外来务工人员符合条件的可以申请，"
        "具体条件和材料请见本网站办事指南栏目。",
        "replied": "2026-04-15",
        "rating": "basic",
    },
    {
        "code": "DEMO-LY-0003",
        "site": "sfj",
        "subject": "（演示）如何申请法律援助",
        "category": "help",
        "content": "（演示留言）我因工资被拖欠想申请法律援助，需要准备什么材料？",
        "name": "王五",
        "received": "2026-05-11",
        "department": "南宁市司法局法律援助科",
        "reply": "（演示答复）请携带身份证明、经济困难状况说明和劳动关系证明材料，"
        "到各城区法律援助中心窗口申请，追索劳动报酬的不受经济困难条件限制。",
        "replied": "2026-05-13",
        "rating": None,
    },
    {
        "code": "DEMO-LY-0004",
        "site": "sfj",
        "subject": "（演示）人民调解员培训时间",
        "category": "consult",
        "content": "（演示留言）社区人民调解员今年的培训什么时候开始？",
        "name": "赵六",
        "received": "2026-06-01",
        "department": "南宁市司法局办公室",
        "reply": "",
        "replied": None,
        "rating": None,
    },
]


@register_step("consultations", order=50)
def load_consultations(ctx):
    records = corpus_records("consultations", ctx.data_dir)
    for record in ctx.progress(list(records.values()), "意见征集"):
        site = site_for(
            ctx, "sfj" if "司法局" in record.get("organ", "") else "nanning"
        )
        column, _created = ensure_page(
            site.root_page,
            ColumnPage,
            COLUMN_SLUG,
            title="意见征集",
            kind="notice",
            show_in_menus=True,
        )
        load_consultation(column, record)


@register_step("messages", order=55)
def load_messages(ctx):
    for key, names in DEPARTMENTS.items():
        site = site_for(ctx, key)
        for name in names:
            Department.objects.get_or_create(site=site, name=name)
        slug, title, department = MAILBOXES[key]
        Mailbox.objects.get_or_create(
            site=site,
            slug=slug,
            defaults={
                "name": title,
                "department": Department.objects.get(site=site, name=department),
            },
        )
    for spec in ctx.progress(MESSAGES, "留言"):
        load_message(site_for(ctx, spec["site"]), spec)


def site_for(ctx, subdomain):
    site = Site.objects.filter(hostname=ctx.hostname(subdomain), port=ctx.port).first()
    if site is None:
        raise DemoDataError(f"意见征集演示数据: 找不到站点 {subdomain}")
    return site


def moment(day, hour=9, minute=0):
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def load_consultation(column, record):
    published = datetime.date.fromisoformat(record["publish_date"])
    opens = datetime.date.fromisoformat(
        record.get("start_date") or record["publish_date"]
    )
    if record.get("end_date"):
        closes = moment(datetime.date.fromisoformat(record["end_date"]), 23, 59)
    else:
        closes = moment(opens) + datetime.timedelta(days=DEFAULT_DAYS)
    draft, feedback = split_feedback(record.get("body") or "")
    page, created = ensure_page(
        column,
        ConsultationPage,
        record["id"],
        title=record["title"],
        publish_date=published,
        organ=record["organ"].split("（")[0],
        summary="",
        draft=body_html(draft),
        feedback_published=bool(feedback),
        feedback_summary=body_html(feedback),
        opens_at=moment(opens),
        closes_at=closes,
        contact_channel=record.get("how_to_submit") or "",
    )
    if created:
        add_articles(page, record.get("body") or "")


def split_feedback(text):
    """Split a notice into the draft and the organ's own feedback statement.

    Some notices carry the published 反馈情况说明 below the draft; it becomes
    the consultation's feedback report.
    """
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if FEEDBACK_HEADING_RE.search(line):
            return "\n".join(lines[:number]), "\n".join(lines[number:])
    return text, ""


def split_articles(text):
    """Return ``(label, body)`` pairs for lines that begin 第…条."""
    articles = []
    for line in text.splitlines():
        line = line.strip()
        match = ARTICLE_RE.match(line)
        if match:
            articles.append([match.group(1), match.group(2)])
        elif articles and line and not line.startswith("第"):
            articles[-1][1] += "\n" + line
    return [(label, body.strip()) for label, body in articles]


def add_articles(page, text):
    if page.articles.exists():
        return
    articles = split_articles(text)
    if not articles:
        return
    page.articles = [
        ConsultationArticle(label=label, body=body or label) for label, body in articles
    ]
    page.save_revision().publish()


def load_message(site, spec):
    if Message.objects.filter(tracking_code=spec["code"]).exists():
        return
    department = Department.objects.get(site=site, name=spec["department"])
    message = Message(
        site=site,
        tracking_code=spec["code"],
        secret_hash=hash_secret(DEMO_SECRET),
        subject=spec["subject"],
        category=spec["category"],
        content=spec["content"],
        name=spec["name"],
        phone="13800000000",
        is_public=True,
        received_at=moment(datetime.date.fromisoformat(spec["received"])),
        department=department,
        reply=spec["reply"],
    )
    if spec["replied"]:
        message.replied_at = moment(datetime.date.fromisoformat(spec["replied"]), 16)
    message.save()
    if spec["rating"]:
        SatisfactionRating.objects.create(message=message, rating=spec["rating"])
