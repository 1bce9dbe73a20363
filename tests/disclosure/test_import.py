import csv
import datetime
import io
import json

from django.core.management import call_command

import pytest

from disclosure.importer import (
    DocumentImporter,
    import_interpretation,
    import_interpretations,
)
from disclosure.models import DisclosureDocumentPage, InterpretationPage
from tests.disclosure.factories import disclosure_home, make_document

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 10)


def record(record_id, **fields):
    return {
        "id": record_id,
        "title": f"导入测试文件 {record_id}",
        "issuing_organ": "南宁市兴宁区人民政府",
        "document_number": "兴政发〔2020〕1号",
        "written_date": "2020-03-01",
        "publish_date": "2020-03-05",
        "topic": "综合政务 / 政务公开",
        "index_number": None,
        "body": "第一段\n第二段",
        **fields,
    }


def run(site, records):
    return DocumentImporter(site, today=TODAY).run(records)


def test_bad_rows_are_reported_and_good_rows_imported(sites):
    site = sites["xingning"]
    records = [
        record("imp-good"),
        record("imp-no-title", title=""),
        record("imp-bad-number", document_number="兴政发2020第1"),
        record("imp-written-late", written_date="2020-04-01"),
        record("imp-future", publish_date="2025-02-01"),
        record("imp-bad-date", publish_date="2020-02-30"),
        record("imp-taken", index_number="000014349/2019-00007"),
        record("imp-node", nodes="Z99"),
    ]

    report = run(site, records)

    assert report.created == 1
    reasons = {record_id: message for _row, record_id, message in report.errors}
    assert set(reasons) == {record["id"] for record in records[1:]}
    assert "缺少标题" in reasons["imp-no-title"]
    assert "发文字号" in reasons["imp-bad-number"]
    assert "成文日期" in reasons["imp-written-late"]
    assert "晚于今天" in reasons["imp-future"]
    assert "不是有效日期" in reasons["imp-bad-date"]
    assert "已被其他文件使用" in reasons["imp-taken"]
    assert "Z99" in reasons["imp-node"]
    assert [row for row, _id, _message in report.errors] == [2, 3, 4, 5, 6, 7, 8]


def test_imported_document_has_its_metadata_and_serves(client, sites):
    site = sites["xingning"]
    run(site, [record("imp-meta", document_number="兴政发[2020]1号")])

    page = DisclosureDocumentPage.objects.get(import_key="imp-meta")
    assert page.document_number == "兴政发〔2020〕1号"
    assert str(page.topic) == "综合政务 / 政务公开"
    assert page.organ_names() == "南宁市兴宁区人民政府"
    # 兴宁区's demo document of 2020 holds serial 00001.
    assert page.index_number == "114501006/2020-00002"
    assert [node.code for node in page.directory_nodes.all()] == ["B02"]
    response = client.get(page.get_url_parts()[2], HTTP_HOST=site.hostname)
    assert response.status_code == 200
    assert "兴政发〔2020〕1号" in response.content.decode()


def test_rerun_updates_instead_of_duplicating(sites):
    site = sites["xingning"]
    run(site, [record("imp-a"), record("imp-b")])
    number = DisclosureDocumentPage.objects.get(import_key="imp-a").index_number

    again = run(site, [record("imp-a"), record("imp-b", title="改过的标题")])

    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert (
        DisclosureDocumentPage.objects.filter(import_key__startswith="imp-").count()
        == 2
    )
    assert DisclosureDocumentPage.objects.get(import_key="imp-b").title == "改过的标题"
    assert DisclosureDocumentPage.objects.get(import_key="imp-a").index_number == number


@pytest.mark.parametrize(
    "given", ["jssfj/2021-1671731", "003129766/201901-00336", "114501006/2019-00420"]
)
def test_given_index_numbers_are_kept_as_they_are(sites, given):
    run(sites["xingning"], [record("imp-given", index_number=given)])

    assert (
        DisclosureDocumentPage.objects.get(import_key="imp-given").index_number == given
    )


def test_given_standard_numbers_are_never_handed_out_again(sites):
    site = sites["xingning"]
    run(site, [record("imp-high", index_number="114501006/2024-00005")])

    page = make_document(disclosure_home(site), publish_date=datetime.date(2024, 2, 1))

    assert page.index_number == "114501006/2024-00006"


def test_same_number_twice_in_one_file_is_a_row_error(sites):
    rows = [
        record("imp-x", index_number="114501006/2019-00999"),
        record("imp-y", index_number="114501006/2019-00999"),
    ]

    report = run(sites["xingning"], rows)

    assert report.created == 1
    assert [record_id for _row, record_id, _m in report.errors] == ["imp-y"]


def test_command_imports_csv_and_reports_bad_rows(tmp_path, sites):
    path = tmp_path / "documents.csv"
    fields = ["id", "title", "document_number", "publish_date", "issuing_organ"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerow(
            {
                "id": "csv-1",
                "title": "CSV 文件",
                "publish_date": "2021-01-05",
                "document_number": "",
                "issuing_organ": "兴宁区政府",
            }
        )
        writer.writerow(
            {
                "id": "csv-2",
                "title": "",
                "publish_date": "2021-01-05",
                "document_number": "",
                "issuing_organ": "",
            }
        )
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "import_disclosure", str(path), site="xingning", no_progress=True,
        stdout=out, stderr=err,
    )  # fmt: skip

    assert DisclosureDocumentPage.objects.filter(import_key="csv-1").exists()
    assert "第 2 行（csv-2）：缺少标题" in err.getvalue()
    assert "新增 1 条" in out.getvalue()


def test_interpretation_links_by_document_number_then_title(sites):
    site = sites["xingning"]
    run(site, [record("imp-target", document_number="兴政发〔2020〕7号")])
    run(
        site,
        [record("imp-titled", title="兴宁区优化营商环境实施方案", document_number="")],
    )
    target = DisclosureDocumentPage.objects.get(import_key="imp-target")
    titled = DisclosureDocumentPage.objects.get(import_key="imp-titled")

    by_number, _docs = import_interpretation(
        site,
        {"id": "jd-1", "title": "解读一", "publish_date": "2020-03-06",
         "interprets_document_number": "兴政发(2020)7號"},
    )  # fmt: skip
    by_title, _docs = import_interpretation(
        site,
        {"id": "jd-2", "title": "解读二", "publish_date": "2020-03-06",
         "interprets_title": "兴宁区优化营商环境实施方案"},
    )  # fmt: skip

    assert list(by_number.documents.all()) == [target]
    assert list(by_title.documents.all()) == [titled]
    assert list(titled.live_interpretations()) == [by_title]


def test_command_import_reaches_the_search_index(tmp_path, sites, client):
    # The importer writes pages in bulk, without Wagtail's publish signal.
    path = tmp_path / "documents.json"

    def import_titled(title):
        path.write_text(
            json.dumps([record("search-1", title=title)], ensure_ascii=False),
            encoding="utf-8",
        )
        call_command(
            "import_disclosure", str(path), site="xingning", no_progress=True,
            stdout=io.StringIO(),
        )  # fmt: skip
        host = sites["xingning"].hostname
        response = client.get("/search/api/", {"q": "桂花"}, HTTP_HOST=host)
        return [result["url"] for result in response.json()["results"]]

    first = import_titled("兴宁区桂花种植补贴办法")
    renamed = import_titled("兴宁区荔枝种植补贴办法")

    page = DisclosureDocumentPage.objects.get(import_key="search-1")
    assert [url.rstrip("/").rsplit("/", 1)[-1] for url in first] == [page.slug]
    assert renamed == []


def test_rows_that_are_not_objects_are_reported(sites):
    records = ["一行文字", 7, None, ["列表"], record("imp-object")]

    report = run(sites["xingning"], records)

    assert report.created == 1
    assert [row for row, _id, _message in report.errors] == [1, 2, 3, 4]
    assert all("不是对象" in message for _row, _id, message in report.errors)


def test_rows_breaking_model_rules_are_reported_and_the_rest_kept(sites):
    records = [
        record("imp-expired-no-date", validity="expired"),
        record("imp-repealed-no-date", validity="repealed"),
        record("imp-long-key" + "k" * 100),
        record("imp-long-index", index_number="1" * 61),
        record("imp-long-organ", issuing_organ="机" * 101),
        record("imp-flag", needs_interpretation="也许"),
        record("imp-expired", validity="expired", expires_on="2021-01-01"),
        record("imp-repealed", validity="repealed", repealed_on="2021-06-01"),
    ]

    report = run(sites["xingning"], records)

    reasons = {row: message for row, _id, message in report.errors}
    assert sorted(reasons) == [1, 2, 3, 4, 5, 6]
    assert "失效日期" in reasons[1]
    assert "废止日期" in reasons[2]
    assert "id 超过 100" in reasons[3]
    assert "索引号" in reasons[4]
    assert "发文机关" in reasons[5]
    assert "需要政策解读" in reasons[6]
    assert report.created == 2
    repealed = DisclosureDocumentPage.objects.get(import_key="imp-repealed")
    assert repealed.repealed_on == datetime.date(2021, 6, 1)


def test_a_bad_update_is_reported_and_new_rows_still_land(sites):
    site = sites["xingning"]
    run(site, [record("imp-upd")])

    again = run(site, [record("imp-upd", validity="expired"), record("imp-new")])

    assert [record_id for _row, record_id, _m in again.errors] == ["imp-upd"]
    assert again.created == 1
    page = DisclosureDocumentPage.objects.get(import_key="imp-upd")
    assert page.validity == "in_force"
    assert DisclosureDocumentPage.objects.filter(import_key="imp-new").exists()


def test_needs_interpretation_is_imported(sites):
    run(sites["xingning"], [record("imp-needs", needs_interpretation="是")])

    assert DisclosureDocumentPage.objects.get(
        import_key="imp-needs"
    ).needs_interpretation


def test_bad_interpretation_rows_are_reported_and_good_ones_kept(sites):
    site = sites["xingning"]
    rows = [
        "不是对象",
        {"id": "j" * 101, "title": "过长的 id", "publish_date": "2020-03-06"},
        {"id": "jd-nodate", "title": "缺少日期"},
        {"id": "jd-good", "title": "合格的解读", "publish_date": "2020-03-06"},
    ]

    report = import_interpretations(site, rows, today=TODAY)

    assert report.imported == 1
    assert [row for row, _id, _message in report.errors] == [1, 2, 3]
    assert "不是对象" in report.errors[0][2]
    assert InterpretationPage.objects.filter(import_key="jd-good").exists()


def test_command_reports_a_bad_interpretation_row(tmp_path, sites):
    path = tmp_path / "interpretations.json"
    rows = [
        [1, 2],
        {"id": "jd-cmd", "title": "命令导入的解读", "publish_date": "2020-03-06"},
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "import_disclosure", str(path), site="xingning", kind="interpretations",
        no_progress=True, stdout=out, stderr=err,
    )  # fmt: skip

    assert "第 1 行（?）：该行不是对象" in err.getvalue()
    assert "导入解读 1 条，出错 1 条" in out.getvalue()


def test_import_places_pages_after_the_last_child_even_if_numchild_is_wrong(sites):
    site = sites["xingning"]
    home = disclosure_home(site)
    make_document(home, slug="imp-slug-clash")
    existing = home.get_children().count()
    # What an interrupted delete leaves behind: children, but numchild 0.
    type(home).objects.filter(pk=home.pk).update(numchild=0)

    report = run(site, [record("imp-after-damage"), record("imp-slug-clash")])

    assert (report.created, report.errors) == (2, [])
    home.refresh_from_db()
    paths = list(home.get_children().values_list("path", flat=True))
    assert home.numchild == len(paths) == existing + 2
    assert len(set(paths)) == len(paths)
    imported = DisclosureDocumentPage.objects.get(import_key="imp-slug-clash")
    assert imported.slug == "imp-slug-clash-2"
