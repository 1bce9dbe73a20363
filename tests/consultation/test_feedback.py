import csv
import datetime
import io

from django.urls import reverse

import pytest

from consultation.models import Comment, FeedbackTheme
from tests.conftest import host_of

from .factories import make_comment, make_consultation, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def judged(portal):
    """A closed consultation with comments judged alone and by theme."""
    page = make_consultation(portal, opens_in_days=-40, lasts_days=30)
    theme = FeedbackTheme.objects.create(
        consultation=page,
        title="关于公示期限的意见",
        adoption="not_adopted",
        reason="公示期限已符合法定要求。",
    )
    make_comment(page, adoption="adopted", adoption_reason="已修改第一条。")
    make_comment(page, adoption="partly", adoption_reason="部分吸收。")
    make_comment(page, theme=theme)
    make_comment(page, theme=theme)
    make_comment(page)
    make_comment(page, status=Comment.REJECTED, reject_reason="与本草案无关")
    return page


def test_counts_group_comments_judged_alone_or_by_theme(judged):
    counts = {row["key"]: row["count"] for row in judged.feedback_counts()}
    assert counts == {"adopted": 1, "partly": 1, "not_adopted": 2, "": 1}


def test_published_report_shows_counts_and_reasons(client, portal, judged):
    judged.feedback_published = True
    judged.save_revision().publish()

    response = client.get(path_of(judged, "feedback/"), HTTP_HOST=host_of(portal))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<tr data-adoption="not_adopted"><td>未采纳</td><td>2</td></tr>' in html
    assert "公示期限已符合法定要求。" in html
    assert "已修改第一条。" in html
    assert "13812345678" not in html
    assert judged.status == "feedback"


def test_theme_counts_only_approved_comments_like_the_counts_table(
    client, portal, judged
):
    theme = judged.feedback_themes.get()
    make_comment(judged, theme=theme, status=Comment.PENDING)
    make_comment(judged, theme=theme, status=Comment.REJECTED, reject_reason="无关")
    judged.feedback_published = True
    judged.save_revision().publish()

    html = client.get(
        path_of(judged, "feedback/"), HTTP_HOST=host_of(portal)
    ).content.decode()

    assert "<strong>关于公示期限的意见</strong>（未采纳，2 条）" in html
    assert '<tr data-adoption="not_adopted"><td>未采纳</td><td>2</td></tr>' in html


def test_report_is_not_public_before_publication(client, portal, judged):
    response = client.get(path_of(judged, "feedback/"), HTTP_HOST=host_of(portal))
    assert response.status_code == 302


def test_not_adopted_needs_a_reason(judged):
    comment = make_comment(judged, adoption="not_adopted")
    with pytest.raises(Exception, match="应说明理由"):
        comment.full_clean()


def test_rejecting_needs_a_reason_and_duplicate_needs_the_original(judged):
    comment = make_comment(judged, status=Comment.REJECTED)
    with pytest.raises(Exception, match="不通过时应填写理由"):
        comment.full_clean()
    comment.status = Comment.DUPLICATE
    with pytest.raises(Exception, match="应选择与之重复的意见"):
        comment.full_clean()


def test_moderation_in_admin_approves_a_comment(admin_client, judged):
    comment = make_comment(judged, status=Comment.PENDING)

    response = admin_client.post(
        reverse("consultation_comments:edit", args=[comment.pk]),
        {
            "status": "duplicate",
            "reject_reason": "",
            "duplicate_of": str(judged.comments.exclude(pk=comment.pk).first().pk),
            "theme": "",
            "adoption": "",
            "adoption_reason": "",
        },
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.DUPLICATE
    assert comment.moderated_at is not None


def test_csv_export_lists_every_comment_with_contact_for_drafting_office(
    admin_client, judged
):
    response = admin_client.get(
        reverse("consultation_comments:index"),
        {"export": "csv", "consultation": str(judged.pk)},
    )

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 6
    assert {row["联系电话"] for row in rows} == {"13812345678"}
    assert "建议修改第一条。" in rows[0]["意见内容"]


def export_rows(admin_client, page):
    response = admin_client.get(
        reverse("consultation_comments:index"),
        {"export": "csv", "consultation": str(page.pk)},
    )
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body", '<p>=HYPERLINK("http://evil.invalid","点击")</p>'),
        ("body", "<p>+cmd|' /C calc'!A0</p>"),
        ("name", "-2+3"),
        ("name", "@SUM(1)"),
        ("name", "\t=1+1"),
        ("name", "\r=1+1"),
        ("name", "＝1+1"),
    ],
)
def test_csv_export_neutralises_cells_a_spreadsheet_would_run(
    admin_client, portal, field, value
):
    page = make_consultation(portal)
    make_comment(page, **{field: value})

    (row,) = export_rows(admin_client, page)

    heading = {"body": "意见内容", "name": "姓名"}[field]
    assert row[heading].startswith("'")
    assert row[heading][1:] in (value, value.removeprefix("<p>").removesuffix("</p>"))


def test_csv_export_is_readable_text_with_local_time_and_chinese_labels(
    admin_client, portal
):
    page = make_consultation(portal)
    make_comment(
        page,
        body="<p>第一段<strong>重点</strong></p><ul><li>一</li><li>二</li></ul>",
        submitted_at=datetime.datetime(
            2026, 3, 2, 2, 30, 15, 123456, tzinfo=datetime.UTC
        ),
        anonymous=True,
        name="",
        adoption="partly",
        adoption_reason="部分吸收。",
    )

    (row,) = export_rows(admin_client, page)

    assert row["意见内容"] == "第一段重点\n一\n二"
    assert row["提交时间"] == "2026-03-02 10:30:15"
    assert (row["审核状态"], row["匿名"], row["采纳情况"]) == (
        "已通过",
        "是",
        "部分采纳",
    )
