import datetime

from django.core.management import call_command

import pytest

from disclosure.annual_report import (
    generate_annual_report,
    request_table_layout,
    review_table_layout,
)
from disclosure.models import AnnualReportPage, Validity
from disclosure.standards import annual_report_format
from tests.disclosure.factories import disclosure_home, make_document, path_of

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def sfj_documents(sites):
    """Rules and normative documents of 南宁市司法局 over 2021-2023."""
    home = disclosure_home(sites["sfj"])
    make_document(home, category="rule", publish_date=D(2023, 3, 1))
    make_document(
        home,
        category="normative",
        publish_date=D(2023, 5, 1),
        validity=Validity.REPEALED,
        repealed_on=D(2023, 11, 1),
    )
    make_document(home, category="normative", publish_date=D(2022, 6, 1))
    make_document(
        home,
        category="normative",
        publish_date=D(2022, 1, 10),
        expires_on=D(2024, 2, 1),
    )
    make_document(
        home,
        category="normative",
        publish_date=D(2021, 1, 1),
        validity=Validity.EXPIRED,
        expires_on=D(2022, 7, 1),
    )
    make_document(home, category="other", publish_date=D(2023, 6, 1))
    make_document(home, category="normative", publish_date=D(2023, 7, 1), publish=False)
    return home


def test_document_table_matches_hand_counted_figures(sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)

    assert report.tables["documents"] == {
        "规章": {"made": 1, "repealed": 0, "in_force": 1},
        "行政规范性文件": {"made": 1, "repealed": 1, "in_force": 2},
    }
    assert report.tables["previous"] == {
        "规章": {"made": 0, "repealed": 0, "in_force": 0},
        "行政规范性文件": {"made": 2, "repealed": 1, "in_force": 2},
    }


def flat_rows(rows):
    for row in rows:
        yield row
        yield from flat_rows(row.get("rows", []))


def test_request_table_has_every_row_of_the_2021_format_at_zero(sites, sfj_documents):
    spec = annual_report_format()["table_requests"]
    report = generate_annual_report(sites["sfj"], 2023)

    rows = list(flat_rows(report.tables["requests"]["rows"]))
    reasons = sum(len(outcome["reasons"]) for outcome in spec["outcomes"])
    assert len(rows) == 2 + 1 + len(spec["outcomes"]) + reasons + 1 + 1
    headings = [row["label"] for row in rows if row["values"] is None]
    assert headings == [
        "三、本年度办理结果",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ]
    assert all(row["values"] == [0] * 7 for row in rows if row["values"] is not None)
    assert report.tables["requests"]["columns"] == spec["columns"]


def test_request_table_is_numbered_and_nested_as_the_2021_format(sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)

    top = report.tables["requests"]["rows"]
    assert [row["label"] for row in top] == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
    ]
    outcomes = top[2]["rows"]
    assert [row["label"][:3] for row in outcomes] == [
        "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）",
    ]  # fmt: skip
    assert outcomes[0]["label"] == "（一）予以公开"
    assert outcomes[6]["label"] == "（七）总计"
    assert [row["label"] for row in outcomes[3]["rows"]] == [
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ]


def test_request_table_layout_spans_headings_over_their_rows(sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)

    header, body = request_table_layout(report.tables["requests"])

    assert header == [
        [("", 3, 3), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1),
         ("法律服务机构", 1, 1), ("其他", 1, 1)],
    ]  # fmt: skip
    # 2 + (一) + (二) + 8 + 3 + 5 + 3 reasons + (七) + 四 = 25 lines of figures.
    assert len(body) == 25
    assert body[0][0] == [("一、本年新收政府信息公开申请数量", 1, 3)]
    assert body[2][0] == [("三、本年度办理结果", 22, 1), ("（一）予以公开", 1, 2)]
    assert body[4][0] == [("（三）不予公开", 8, 1), ("1.属于国家秘密", 1, 1)]
    assert body[5][0] == [("2.其他法律行政法规禁止公开", 1, 1)]
    assert body[23][0] == [("（七）总计", 1, 2)]
    assert all(len(values) == 7 for _cells, values in body)


def test_review_table_groups_columns_as_the_2021_format(sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)

    header, values = review_table_layout(report.tables["review"])

    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert header == [
        [("行政复议", 2, 5), ("行政诉讼", 1, 10)],
        [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [(name, 1, 1) for name in results * 3],
    ]
    assert values == [0] * 15


def test_report_page_shows_six_sections_tables_and_chart(client, sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)

    html = client.get(path_of(report), HTTP_HOST=sites["sfj"].hostname)

    text = html.content.decode()
    for section in annual_report_format()["sections"]:
        assert section in text
    assert '<table class="report-table proactive">' in text
    assert "<svg" in text and "2022年" in text
    assert "1.属于国家秘密" in text
    assert '<th scope="row" rowspan="22" colspan="1">三、本年度办理结果</th>' in text
    assert '<th scope="col" rowspan="1" colspan="10">行政诉讼</th>' in text


def test_regenerating_refreshes_tables_and_keeps_edited_text(sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)
    report.overview = "<p>编辑写的总体情况</p>"
    report.save_revision().publish()
    make_document(sfj_documents, category="rule", publish_date=D(2023, 8, 1))

    call_command("generate_annual_report", site="sfj", year=2023, verbosity=0)

    report = AnnualReportPage.objects.get(pk=report.pk)
    assert report.overview == "<p>编辑写的总体情况</p>"
    assert report.tables["documents"]["规章"]["made"] == 2
    assert AnnualReportPage.objects.filter(year=2023).count() == 1


def test_regenerating_keeps_a_pending_draft_and_the_live_page(sites, sfj_documents):
    report = generate_annual_report(sites["sfj"], 2023)
    live_overview = report.overview
    draft = report.get_latest_revision_as_object()
    draft.problems = "<p>编辑尚未发布的草稿</p>"
    draft.save_revision()
    make_document(sfj_documents, category="rule", publish_date=D(2023, 8, 1))

    generate_annual_report(sites["sfj"], 2023)

    live = AnnualReportPage.objects.get(pk=report.pk)
    assert live.overview == live_overview
    assert live.problems == ""
    assert live.tables["documents"]["规章"]["made"] == 1
    assert live.has_unpublished_changes
    latest = live.get_latest_revision_as_object()
    assert latest.problems == "<p>编辑尚未发布的草稿</p>"
    assert latest.tables["documents"]["规章"]["made"] == 2


def test_repealed_or_expired_without_a_date_is_not_in_force(sites, sfj_documents):
    undated = [
        make_document(sfj_documents, category="normative", publish_date=D(2022, 3, 1))
        for _number in range(2)
    ]
    # Stored around the form's rule, as imported or old data can be.
    type(undated[0]).objects.filter(pk=undated[0].pk).update(validity=Validity.REPEALED)
    type(undated[1]).objects.filter(pk=undated[1].pk).update(validity=Validity.EXPIRED)

    report = generate_annual_report(sites["sfj"], 2023)

    # As in the first test, plus two made in 2022 that have ended undated.
    assert report.tables["documents"]["行政规范性文件"] == {
        "made": 1,
        "repealed": 1,
        "in_force": 2,
    }
    assert report.tables["previous"]["行政规范性文件"] == {
        "made": 4,
        "repealed": 1,
        "in_force": 2,
    }


def test_a_document_repealed_and_expiring_in_different_years_counts_once(
    sites, sfj_documents
):
    make_document(
        sfj_documents,
        category="rule",
        publish_date=D(2021, 3, 1),
        validity=Validity.REPEALED,
        repealed_on=D(2022, 5, 1),
        expires_on=D(2023, 5, 1),
    )

    later = generate_annual_report(sites["sfj"], 2023).tables

    assert later["previous"]["规章"] == {"made": 0, "repealed": 1, "in_force": 0}
    assert later["documents"]["规章"] == {"made": 1, "repealed": 0, "in_force": 1}
