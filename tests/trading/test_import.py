"""Import grouping, idempotent re-runs and row-level errors."""

import csv
import datetime
import io
import json

from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from cms.demo.files import DATA_DIR
from disclosure.trading import stages
from disclosure.trading.importer import IndexChooser, import_records
from disclosure.trading.models import NoticePage, ProjectPage
from tests.trading.factories import trading_index


def record(record_id, **fields):
    return {
        "id": record_id,
        "title": "邕江大桥照明改造项目招标公告",
        "project_code": "NNZC2025-0001",
        "trading_type": "政府采购",
        "stage": "招标公告",
        "procurement_method": "公开招标",
        "region": "广西壮族自治区南宁市",
        "purchaser": "南宁市城市管理局",
        "agency": "广西某招标代理有限公司",
        "budget": "35.8万元",
        "amount": None,
        "winners": None,
        "dates": {"publish_date": "2025-03-03"},
        "body": "一、项目基本情况\n二、申请人的资格要求",
        **fields,
    }


def lifecycle():
    return [
        record("t-1"),
        record(
            "t-2",
            title="邕江大桥照明改造项目中标公告",
            stage="中标公告",
            budget=None,
            amount="¥360,000.00",
            winners=["广西甲公司"],
            dates={"publish_date": "2025-04-03", "award_date": "2025-04-01"},
        ),
        record(
            "t-3",
            title="邕江大桥照明改造项目更正公告",
            stage="变更公告",
            stage_as_shown="更正公告",
            dates={"change_date": "2025-03-10", "first_notice_date": "2025-03-03"},
        ),
    ]


def run(records, site=None):
    chooser = IndexChooser(trading_index(site)) if site else IndexChooser()
    return import_records(records, chooser)


def test_notices_with_one_code_become_one_project_with_its_timeline(portal):
    report = run(lifecycle())

    assert report.errors == []
    project = ProjectPage.objects.get(transaction_code="NNZC2025-0001")
    assert project.title == "邕江大桥照明改造项目"
    assert project.budget == 358000
    assert project.trading_method == "open_tender"
    assert project.get_parent().get_site() == portal
    notices = {notice.stage: notice for notice in project.notices()}
    assert set(notices) == {stages.ANNOUNCEMENT, stages.RESULT, stages.CHANGE}
    assert notices[stages.RESULT].amount == 360000
    assert notices[stages.RESULT].event_date.isoformat() == "2025-04-01"
    assert notices[stages.CHANGE].changes == notices[stages.ANNOUNCEMENT]
    assert [flag.code for flag in project.flags()] == ["amount_above_budget"]


def test_notices_without_code_are_grouped_by_name_and_purchaser_and_reported(db):
    rows = [
        record("n-1", project_code=None),
        record(
            "n-2",
            project_code="",
            title="邕江大桥照明改造项目中标公告",
            stage="中标公告",
            dates={"publish_date": "2025-04-03"},
        ),
        record("n-3", project_code=None, purchaser="南宁市交通运输局"),
    ]

    report = run(rows)

    assert report.errors == []
    assert [row for row, _title, _purchaser in report.grouped_by_name] == [1, 2, 3]
    projects = ProjectPage.objects.filter(title="邕江大桥照明改造项目")
    assert sorted(p.purchaser for p in projects) == [
        "南宁市交通运输局",
        "南宁市城市管理局",
    ]
    grouped = projects.get(purchaser="南宁市城市管理局")
    assert grouped.transaction_code is None
    assert grouped.notices().count() == 2


def test_running_the_import_twice_changes_nothing(db):
    run(lifecycle())
    before = (Page.objects.count(), Revision.objects.count())

    report = run(lifecycle())

    assert (Page.objects.count(), Revision.objects.count()) == before
    assert not report.changed
    assert report.notices_unchanged == 3


def test_a_changed_row_updates_its_notice_in_place(db):
    run(lifecycle())
    rows = lifecycle()
    rows[1]["amount"] = "35万元"

    report = run(rows)

    assert report.notices_updated == 1
    assert NoticePage.objects.get(source_key="t-2").amount == 350000
    assert NoticePage.objects.filter(source_key="t-2").count() == 1


def test_an_editors_change_to_the_project_survives_a_re_run(db):
    run(lifecycle())
    project = ProjectPage.objects.get(transaction_code="NNZC2025-0001")
    project.supervision_body = "南宁市财政局"
    project.agency = "改正后的代理机构"
    project.save_revision().publish()

    run(lifecycle())

    project.refresh_from_db()
    assert project.agency == "改正后的代理机构"
    assert project.supervision_body == "南宁市财政局"


def test_bad_rows_are_reported_and_the_good_ones_still_load(db):
    rows = [
        record("ok-1"),
        record("bad-stage", stage="招商引资公告"),
        record("bad-date", dates={"publish_date": "2025-13-40"}),
        record("bad-amount", budget="详见招标文件", project_code="X-2"),
        record("no-group", project_code=None, purchaser=""),
        "not an object",
        record("ok-2", project_code="NNZC2025-0002"),
    ]

    report = run(rows)

    assert [(row, record_id) for row, record_id, _message in report.errors] == [
        (2, "bad-stage"),
        (3, "bad-date"),
        (4, "bad-amount"),
        (5, "no-group"),
        (6, ""),
    ]
    messages = [message for _row, _id, message in report.errors]
    assert "招商引资公告" in messages[0]
    assert "2025-13-40" in messages[1]
    assert set(NoticePage.objects.values_list("source_key", flat=True)) >= {
        "ok-1",
        "ok-2",
    }
    assert not NoticePage.objects.filter(source_key__startswith="bad").exists()
    assert not ProjectPage.objects.filter(transaction_code="X-2").exists()


def test_purchaser_in_a_district_goes_to_that_districts_column(sites):
    report = run([record("d-1", purchaser="南宁市西乡塘区教育局")])

    assert report.errors == []
    project = ProjectPage.objects.get(transaction_code="NNZC2025-0001")
    assert project.get_parent().get_site() == sites["xixiangtang"]


def test_command_imports_csv_and_reports_rows(db, tmp_path):
    path = tmp_path / "notices.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["id", "title", "project_code", "stage", "purchaser", "amount",
             "winners", "dates.publish_date", "dates.award_date"]
        )  # fmt: skip
        writer.writerow(
            ["c-1", "路灯采购中标公告", "", "中标公告", "南宁市城市管理局",
             "12.5万元", "甲公司；乙公司", "2025-06-03", "2025-06-02"]
        )  # fmt: skip
        writer.writerow(
            ["c-2", "无日期公告", "C-2", "中标公告", "某局", "", "", "", ""]
        )
    out, err = io.StringIO(), io.StringIO()

    call_command("import_trading", str(path), no_progress=True, stdout=out, stderr=err)

    notice = NoticePage.objects.get(source_key="c-1")
    assert notice.amount == 125000
    assert notice.winner_list == ["甲公司", "乙公司"]
    assert notice.event_date.isoformat() == "2025-06-02"
    assert "按项目名称与采购人归组" in out.getvalue()
    assert "第 2 条（c-2）：原文未载明发布日期" in out.getvalue()
    assert err.getvalue() == ""
    assert not NoticePage.objects.get(source_key="c-2").live


def test_command_reads_the_corpus_format_and_second_run_changes_nothing(db, tmp_path):
    path = tmp_path / "trading.json"
    path.write_text((DATA_DIR / "corpus" / "trading.json").read_text())
    out = io.StringIO()

    call_command(
        "import_trading", str(path), no_progress=True, stdout=out, stderr=io.StringIO()
    )

    # The demo already loaded this file, so nothing is new.
    assert "项目：新建 0，补充 0；公告：新建 0，更新 0，未变 9；出错 0 条。" in (
        out.getvalue()
    )


def test_corpus_notices_are_in_the_demo_grouped_with_their_timelines(sites):
    change = NoticePage.objects.get(source_key="trading-001")
    assert change.stage == stages.CHANGE
    assert change.get_site() == sites["xixiangtang"]
    project = ProjectPage.objects.get(transaction_code="HCA(4)2017040GNN")
    announcement = project.timeline.steps[0]
    assert not announcement.done
    assert announcement.cited_date == "2017-07-11"
    corpus = json.loads((DATA_DIR / "corpus" / "trading.json").read_text())
    codes = {row["project_code"] for row in corpus}
    assert set(ProjectPage.objects.values_list("transaction_code", flat=True)) >= codes
    portal_notices = NoticePage.objects.descendant_of(sites["nanning"].root_page)
    assert portal_notices.live().count() == 7
    # trading-007 cites no date: imported, but as a draft for an editor.
    undated = NoticePage.objects.get(source_key="trading-007")
    assert not undated.live
    assert undated.has_unpublished_changes


def test_a_huge_amount_is_a_row_error_not_the_end_of_the_run(db):
    rows = [
        record("huge-amount", amount="9" * 40 + "亿元", stage="中标公告"),
        record("huge-budget", budget="1" + "0" * 20 + "元", project_code="X-3"),
        record("ok-after", project_code="NNZC2025-0003"),
    ]

    report = run(rows)

    assert [record_id for _row, record_id, _message in report.errors] == [
        "huge-amount",
        "huge-budget",
    ]
    assert "无法识别" in report.errors[0][2]
    assert "超出可记录的范围" in report.errors[1][2]
    assert NoticePage.objects.filter(source_key="ok-after").exists()


@pytest.mark.parametrize("trading_type", [None, "", "医疗器械"])
def test_re_runs_without_a_known_trading_type_add_no_revisions(db, trading_type):
    rows = [{**row, "trading_type": trading_type} for row in lifecycle()]
    run(rows)
    before = (Page.objects.count(), Revision.objects.count())

    second, third = run(rows), run(rows)

    assert (Page.objects.count(), Revision.objects.count()) == before
    assert not second.changed and not third.changed
    project = ProjectPage.objects.get(transaction_code="NNZC2025-0001")
    assert project.trading_type == "other"


def test_a_later_row_with_a_known_type_still_fills_other(db):
    run([record("typed-1", trading_type=None)])

    report = run([record("typed-2", trading_type="工程建设", stage="中标公告")])

    assert report.projects_updated == 1
    project = ProjectPage.objects.get(transaction_code="NNZC2025-0001")
    assert project.trading_type == "construction"


def test_a_project_rolled_back_with_its_row_is_not_counted(db):
    bad_publicity = record(
        "rolled-back",
        project_code="NNZC2025-0009",
        title="某项目中标候选人公示",
        stage="中标候选人公示",
        dates={"publicity_start": "2025-03-10", "publicity_end": "2025-03-05"},
    )

    report = run([bad_publicity, record("kept")])

    assert [record_id for _row, record_id, _message in report.errors] == ["rolled-back"]
    assert report.projects_created == 1
    assert report.notices_created == 1
    assert not ProjectPage.objects.filter(transaction_code="NNZC2025-0009").exists()


def test_a_publish_date_in_the_future_is_refused(db):
    report = import_records(
        [record("future", dates={"publish_date": "2025-03-04"})],
        IndexChooser(),
        today=datetime.date(2025, 3, 3),
    )

    assert [(record_id, message) for _row, record_id, message in report.errors] == [
        ("future", "发布日期 2025-03-04 晚于今天")
    ]
    assert not NoticePage.objects.filter(source_key="future").exists()


def test_a_notice_citing_no_date_is_kept_as_a_draft_and_reported(db):
    rows = [record("no-date", dates={})]

    first = run(rows)
    revisions = Revision.objects.count()
    second = run(rows)

    assert first.errors == [] and first.notices_created == 1
    assert [(row, record_id) for row, record_id, _m in first.warnings] == [
        (1, "no-date")
    ]
    assert "已存为草稿" in first.warnings[0][2]
    notice = NoticePage.objects.get(source_key="no-date")
    assert not notice.live
    assert not NoticePage.objects.live().filter(source_key="no-date").exists()
    assert second.notices_unchanged == 1 and not second.changed
    assert Revision.objects.count() == revisions
