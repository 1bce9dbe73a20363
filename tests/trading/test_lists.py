"""The public lists: filters, paging, the feed and the exports."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from disclosure.trading import stages
from disclosure.trading.importer import IndexChooser, import_records
from disclosure.trading.models import NoticePage
from tests.conftest import host_of
from tests.trading.factories import add_notice, make_project, trading_index

PAYLOADS = (Path(__file__).parent / "data" / "xss-payloads.txt").read_text().split("\n")


@pytest.fixture
def projects(sites):
    """Two projects of the portal and one of 西乡塘区, with known fields."""
    portal_index = trading_index(sites["nanning"])
    bridge = make_project(
        portal_index,
        "QA-BRIDGE",
        title="质检大桥维修工程",
        trading_type="construction",
        trading_method="open_tender",
        region="广西壮族自治区南宁市青秀区",
        purchaser="质检市政局",
        budget=Decimal("5000000"),
    )
    add_notice(
        bridge, stages.ANNOUNCEMENT, "2024-03-01", title="质检大桥维修工程招标公告"
    )
    add_notice(
        bridge,
        stages.RESULT,
        "2024-04-02",
        title="质检大桥维修工程中标公告",
        amount=Decimal("4800000"),
        winners="质检建设有限公司",
    )
    laptops = make_project(
        portal_index,
        "QA-LAPTOP",
        title="质检笔记本电脑采购",
        trading_type="procurement",
        trading_method="inquiry",
        region="广西壮族自治区南宁市",
        purchaser="质检教育局",
        budget=Decimal("300000"),
    )
    add_notice(
        laptops, stages.ANNOUNCEMENT, "2024-05-06", title="质检笔记本电脑询价公告"
    )
    school = make_project(
        trading_index(sites["xixiangtang"]),
        "QA-SCHOOL",
        title="质检西乡塘学校食堂改造",
        trading_type="construction",
        trading_method="negotiation",
        region="广西壮族自治区南宁市西乡塘区",
        purchaser="西乡塘区质检学校",
        budget=Decimal("800000"),
    )
    add_notice(
        school, stages.ANNOUNCEMENT, "2024-06-03", title="质检西乡塘学校食堂改造公告"
    )
    return {"bridge": bridge, "laptops": laptops, "school": school}


def streamed(response):
    """Return the body of a streamed export."""
    assert response.streaming
    return b"".join(response.streaming_content)


def titles(client, host_site, path="/trading/", **params):
    response = client.get(path, {"q": "质检", **params}, HTTP_HOST=host_of(host_site))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        link.get_text()
        for link in html.select("table.trading-list td:nth-of-type(3) a")
    ]


def test_portal_lists_every_sites_notices_and_a_district_only_its_own(
    client, sites, projects
):
    portal = titles(client, sites["nanning"])
    district = titles(client, sites["xixiangtang"])

    assert portal == [
        "质检西乡塘学校食堂改造公告",
        "质检笔记本电脑询价公告",
        "质检大桥维修工程中标公告",
        "质检大桥维修工程招标公告",
    ]
    assert district == ["质检西乡塘学校食堂改造公告"]


def test_trading_column_page_shows_the_same_filtered_list(client, sites, projects):
    assert titles(client, sites["nanning"], "/transactions/", stage="result") == [
        "质检大桥维修工程中标公告"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"trading_type": "construction"}, ["食堂改造公告", "中标公告", "招标公告"]),
        ({"stage": "result"}, ["中标公告"]),
        ({"trading_method": "inquiry"}, ["询价公告"]),
        ({"region": "西乡塘"}, ["食堂改造公告"]),
        (
            {"date_from": "2024-04-01", "date_to": "2024-05-31"},
            ["询价公告", "中标公告"],
        ),
        (
            {"amount_min": "400000", "amount_max": "4900000"},
            ["食堂改造公告", "中标公告"],
        ),
        ({"amount_max": "300000"}, ["询价公告"]),
        ({"q": "QA-LAPTOP"}, ["询价公告"]),
        ({"q": "质检建设有限公司"}, ["中标公告"]),
        ({"q": "质检教育局"}, ["询价公告"]),
    ],
)
def test_filters_narrow_the_list(client, sites, projects, params, expected):
    found = titles(client, sites["nanning"], **params)

    assert [
        title[-len(end) :] for title, end in zip(found, expected, strict=False)
    ] == (expected)
    assert len(found) == len(expected)


def test_site_filter_on_the_portal_keeps_one_sites_notices(client, sites, projects):
    found = titles(client, sites["nanning"], site=sites["xixiangtang"].pk)

    assert found == ["质检西乡塘学校食堂改造公告"]


def test_list_is_paginated_and_pages_keep_the_filter(client, sites, projects):
    index = trading_index(sites["nanning"])
    for number in range(25):
        add_notice(projects["laptops"], stages.CHANGE, f"2024-07-{number + 1:02d}")
    host = host_of(sites["nanning"])

    first = client.get("/trading/", {"q": "质检", "stage": "change"}, HTTP_HOST=host)
    second = client.get(
        "/trading/", {"q": "质检", "stage": "change", "page": 2}, HTTP_HOST=host
    )

    html = BeautifulSoup(first.content, "html.parser")
    assert len(html.select("table.trading-list tbody tr")) == index.per_page
    assert (
        html.select_one("a[rel=next]")["href"]
        == "?q=%E8%B4%A8%E6%A3%80&stage=change&page=2"
    )
    assert len(BeautifulSoup(second.content, "html.parser").select("tbody tr")) == 5


def test_rss_feed_carries_the_filtered_notices(client, sites, projects):
    response = client.get(
        "/trading/rss/", {"q": "质检", "trading_type": "construction"},
        HTTP_HOST=host_of(sites["nanning"]),
    )  # fmt: skip

    feed = feedparser.parse(response.content)
    items = [entry.title for entry in feed.entries]
    assert response["Content-Type"].startswith("application/rss+xml")
    assert items == [
        "[交易公告] 质检西乡塘学校食堂改造公告",
        "[中标（成交）结果] 质检大桥维修工程中标公告",
        "[交易公告] 质检大桥维修工程招标公告",
    ]
    assert feed.entries[0].link.startswith("http://xixiangtang.localhost/")


def test_csv_export_has_the_filtered_rows_with_project_columns(client, sites, projects):
    response = client.get(
        "/trading/export.csv", {"q": "质检", "stage": "result"},
        HTTP_HOST=host_of(sites["nanning"]),
    )  # fmt: skip

    text = streamed(response).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert (
        response["Content-Disposition"] == 'attachment; filename="trading-notices.csv"'
    )
    assert len(rows) == 1
    assert rows[0]["交易编号"] == "QA-BRIDGE"
    assert rows[0]["交易类型"] == "工程建设"
    assert rows[0]["预算金额（元）"] == "5000000.00"
    assert rows[0]["中标（成交）金额（元）"] == "4800000.00"
    assert rows[0]["中标（成交）人"] == "质检建设有限公司"
    assert rows[0]["发布网站"] == sites["nanning"].site_name


def test_json_export_has_the_filtered_rows(client, sites, projects):
    response = client.get(
        "/trading/export.json", {"q": "质检", "trading_method": "negotiation"},
        HTTP_HOST=host_of(sites["nanning"]),
    )  # fmt: skip

    data = json.loads(streamed(response))
    assert data["count"] == 1
    row = data["results"][0]
    assert row["transaction_code"] == "QA-SCHOOL"
    assert row["trading_method"] == "竞争性谈判"
    assert row["publish_date"] == "2024-06-03"
    assert row["url"].startswith("http://xixiangtang.localhost/transactions/")


def test_csv_cells_that_look_like_formulas_are_neutralised(client, sites):
    import_records(
        [
            {
                "id": "formula",
                "title": '=HYPERLINK("http://x.invalid")招标公告',
                "project_code": "QA-FORMULA",
                "stage": "招标公告",
                "purchaser": "@质检",
                "dates": {"publish_date": "2024-01-02"},
            }
        ],
        IndexChooser(),
    )

    response = client.get(
        "/trading/export.csv", {"q": "QA-FORMULA"}, HTTP_HOST=host_of(sites["nanning"])
    )

    row = next(csv.DictReader(io.StringIO(streamed(response).decode("utf-8-sig"))))
    assert row["公告标题"].startswith("'=")
    assert row["采购人（招标人）"] == "'@质检"


def test_imported_hostile_text_is_inert_in_list_project_notice_and_feed(client, sites):
    payloads = [payload for payload in PAYLOADS if payload.strip()]
    records = [
        {
            "id": f"xss-{number}",
            "title": f"{payload}招标公告",
            "project_code": f"QA-XSS-{number}",
            "stage": "招标公告",
            "purchaser": payload,
            "region": payload,
            "body": payload,
            "dates": {"publish_date": "2024-01-02"},
        }
        for number, payload in enumerate(payloads)
    ]
    report = import_records(records, IndexChooser())
    assert report.errors == []
    host = host_of(sites["nanning"])

    pages = [
        client.get("/trading/", {"q": "QA-XSS", "page": page}, HTTP_HOST=host)
        for page in (1, 2, 3)
    ]
    pages += [
        client.get(NoticePage.objects.get(source_key=r["id"]).url, HTTP_HOST=host)
        for r in records
    ]
    feed = client.get("/trading/rss/", {"q": "QA-XSS"}, HTTP_HOST=host)
    assert feed.status_code == 200
    assert not [payload for payload in payloads if payload in feed.content.decode()]
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode()
        assert not [payload for payload in payloads if payload in text]
        html = BeautifulSoup(text, "html.parser")
        assert not [
            tag
            for tag in html.find_all(True)
            if any(attribute.startswith("on") for attribute in tag.attrs)
        ]
        scripts = html.find_all("script")
        assert not [script for script in scripts if "alert" in str(script)]


def test_bad_filter_values_are_shown_as_errors_and_list_nothing(
    client, sites, projects
):
    response = client.get(
        "/trading/",
        {"q": "质检\x00", "amount_min": "abc", "date_from": "2024-99-01", "stage": "x"},
        HTTP_HOST=host_of(sites["nanning"]),
    )

    assert response.status_code == 400
    html = BeautifulSoup(response.content, "html.parser")
    assert len(html.select(".field-error")) == 4
    assert html.select_one(".filter-errors") is not None
    assert html.select("table.trading-list td:nth-of-type(3) a") == []


@pytest.mark.parametrize(
    "params",
    [
        {"amount_min": "abc"},
        {"amount_max": "1e30"},
        {"amount_min": "-5"},
        {"amount_min": "NaN"},
        {"trading_type": "foo"},
        {"date_to": "2024-02-30"},
        {"site": "abc"},
    ],
)
@pytest.mark.parametrize("path", ["/trading/export.csv", "/trading/export.json"])
def test_exports_refuse_a_filter_they_cannot_read(
    client, sites, projects, path, params
):
    response = client.get(path, params, HTTP_HOST=host_of(sites["nanning"]))

    assert response.status_code == 400
    body = response.content.decode()
    assert "质检" not in body
    if path.endswith(".json"):
        assert list(response.json()) == ["errors"]


def test_feed_refuses_a_filter_it_cannot_read(client, sites, projects):
    response = client.get(
        "/trading/rss/", {"amount_min": "abc"}, HTTP_HOST=host_of(sites["nanning"])
    )

    assert response.status_code == 400
    assert "金额应为数字" in response.content.decode()


def test_huge_amount_filter_is_an_error_not_a_crash(client, sites, projects):
    response = client.get(
        "/trading/", {"amount_min": "9" * 40}, HTTP_HOST=host_of(sites["nanning"])
    )

    assert response.status_code == 400
    assert "金额过大" in response.content.decode()


def test_exports_stream_every_filtered_row_in_chunks(
    client, sites, projects, monkeypatch
):
    # Read in chunks of two, so three notices need several round trips.
    monkeypatch.setattr("disclosure.trading.views.EXPORT_CHUNK", 2)
    host = host_of(sites["nanning"])

    exported_csv = client.get("/trading/export.csv", {"q": "质检"}, HTTP_HOST=host)
    exported_json = client.get("/trading/export.json", {"q": "质检"}, HTTP_HOST=host)

    rows = list(csv.DictReader(io.StringIO(streamed(exported_csv).decode("utf-8-sig"))))
    data = json.loads(streamed(exported_json))
    assert len(rows) == data["count"] == len(data["results"]) == 4
    assert exported_json["Content-Type"] == "application/json"
