import csv
import datetime
import io
import json
import re

import feedparser
import pytest

from disclosure.models import (
    DirectoryNode,
    DisclosureDocumentPage,
    InterpretationPage,
    IssuingOrgan,
    Topic,
    Validity,
)
from tests.disclosure.factories import disclosure_home, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(sites):
    """Three documents on 西乡塘 with different metadata."""
    site = sites["xixiangtang"]
    home = disclosure_home(site)
    education = Topic.objects.get(parent=None, name="科技、教育")
    planning = DirectoryNode.objects.get(site=None, code="B04")
    own_node = DirectoryNode(site=site, parent=planning, name="区级规划")
    own_node.save()
    organ = IssuingOrgan.objects.create(name="西乡塘区教育局")
    first = make_document(
        home,
        title="西乡塘区学前教育三年行动计划",
        document_number="西政发〔2021〕3号",
        publish_date=datetime.date(2021, 4, 2),
        topic=education,
        genre="通知",
    )
    first.directory_nodes = [own_node]
    first.issuing_organs = [organ]
    first.save_revision().publish()
    second = make_document(
        home,
        title="西乡塘区城市更新专项规划",
        publish_date=datetime.date(2022, 8, 9),
        genre="意见",
        validity=Validity.EXPIRED,
        expires_on=datetime.date(2023, 1, 1),
    )
    second.directory_nodes = [planning]
    second.save_revision().publish()
    third = make_document(
        home, title="西乡塘区财政预算公开", publish_date=datetime.date(2022, 12, 30)
    )
    return {"first": first, "second": second, "third": third, "own_node": own_node}


def titles(response):
    html = response.content.decode()
    return {
        page.title
        for page in DisclosureDocumentPage.objects.filter(title__startswith="西乡塘区")
        if page.title in html
    }


def get(client, site, url):
    return client.get(url, HTTP_HOST=site.hostname)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=学前", {"first"}),
        ("q=西政发〔2021〕3号", {"first"}),
        ("q=西政发[2021]3号", {"first"}),
        ("q=西政发(2021)3号", {"first"}),
        ("q=西乡塘区 学前 行动计划", {"first"}),
        ("year=2022", {"second", "third"}),
        ("genre=意见", {"second"}),
        ("validity=expired", {"second"}),
        ("date_from=2022-09-01&date_to=2022-12-31", {"third"}),
        ("node=B04", {"first", "second"}),
    ],
)
def test_filters_narrow_the_site_list(client, sites, documents, query, expected):
    response = get(client, sites["xixiangtang"], f"/disclosure/documents/?{query}")

    assert response.status_code == 200
    assert titles(response) == {documents[key].title for key in expected}


LIST_PATHS = [
    "/disclosure/documents/",
    "/disclosure/normative/",
    "/disclosure/directory/B04/",
]
BAD_FILTERS = [
    ("year=0", "年份"),
    ("year=-5", "年份"),
    ("year=99999", "年份"),
    ("year=1e5", "年份"),
    ("year=abc", "年份"),
    ("year=1948", "年份"),
    ("validity=foo", "有效性"),
    ("date_from=2022-02-30", "发布日期起"),
    ("topic=abc", "主题分类"),
    ("q=" + "词 " * 1500, "关键词"),
    ("q=" + "长" * 101, "关键词"),
]


@pytest.mark.parametrize(
    ("path", "query"),
    [("/disclosure/documents/", query) for query, _field in BAD_FILTERS]
    + [(path, "year=1e5") for path in LIST_PATHS[1:]],
)
def test_list_shows_a_bad_filter_as_an_error_and_lists_nothing(
    client, sites, documents, path, query
):
    response = get(client, sites["xixiangtang"], f"{path}?{query}")

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error"' in html
    assert titles(response) == set()


@pytest.mark.parametrize(("query", "field"), BAD_FILTERS)
@pytest.mark.parametrize("suffix", ["rss/", "export.csv", "export.json"])
def test_feeds_and_exports_refuse_a_bad_filter(
    client, sites, documents, suffix, query, field
):
    response = get(
        client, sites["xixiangtang"], f"/disclosure/documents/{suffix}?{query}"
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert field in body
    assert documents["third"].title not in body
    if suffix == "export.json":
        assert list(json.loads(body)) == ["errors"]


def test_portal_list_refuses_an_unknown_site(client, sites, documents):
    response = get(client, sites["nanning"], "/disclosure/all/export.json?site=abc")

    assert response.status_code == 400
    assert "站点" in response.json()["errors"]


def test_year_filter_accepts_the_first_year_and_next_year(client, sites, documents):
    next_year = datetime.date.today().year + 1
    site = sites["xixiangtang"]

    assert get(client, site, "/disclosure/documents/?year=1949").status_code == 200
    response = get(client, site, f"/disclosure/documents/?year={next_year}")

    assert response.status_code == 200
    assert titles(response) == set()


def test_topic_and_organ_filters(client, sites, documents):
    site = sites["xixiangtang"]
    topic = Topic.objects.get(parent=None, name="科技、教育")
    organ = IssuingOrgan.objects.get(name="西乡塘区教育局")

    by_topic = get(client, site, f"/disclosure/documents/?topic={topic.pk}")
    by_organ = get(client, site, f"/disclosure/documents/?organ={organ.pk}")

    assert titles(by_topic) == {documents["first"].title}
    assert titles(by_organ) == {documents["first"].title}


def test_site_node_list_shows_only_its_documents(client, sites, documents):
    code = documents["own_node"].code
    response = get(client, sites["xixiangtang"], f"/disclosure/directory/{code}/")

    assert code.startswith("B04.")
    assert titles(response) == {documents["first"].title}


def test_feed_and_exports_hold_exactly_the_filtered_list(client, sites, documents):
    site = sites["xixiangtang"]
    query = "year=2022"
    expected = {documents["second"].title, documents["third"].title}

    rss = get(client, site, f"/disclosure/documents/rss/?{query}")
    exported_json = get(client, site, f"/disclosure/documents/export.json?{query}")
    exported_csv = get(client, site, f"/disclosure/documents/export.csv?{query}")

    rss_titles = {entry.title for entry in feedparser.parse(rss.content).entries}
    data = json.loads(exported_json.content)
    rows = list(csv.DictReader(io.StringIO(exported_csv.content.decode("utf-8-sig"))))
    assert rss_titles == expected
    assert {row["title"] for row in data["results"]} == expected
    assert data["count"] == 2
    assert {row["标题"] for row in rows} == expected
    assert {row["索引号"] for row in rows} == {
        documents["second"].index_number,
        documents["third"].index_number,
    }


def test_list_keeps_the_filter_in_its_links(client, sites, documents):
    response = get(client, sites["xixiangtang"], "/disclosure/documents/?year=2022")

    html = response.content.decode()
    assert "export.csv?year=2022" in html
    assert "rss/?year=2022" in html


def test_portal_lists_all_sites_with_a_site_filter(client, sites, documents):
    portal, district = sites["nanning"], sites["xixiangtang"]

    everything = get(client, portal, "/disclosure/all/export.json")
    only_district = get(
        client, portal, f"/disclosure/all/export.json?site={district.pk}"
    )

    all_count = json.loads(everything.content)["count"]
    district_rows = json.loads(only_district.content)["results"]
    # Interpretations are listed with the documents.
    assert all_count == (
        DisclosureDocumentPage.objects.live().count()
        + InterpretationPage.objects.live().count()
    )
    assert {row["title"] for row in district_rows} == set(
        DisclosureDocumentPage.objects.live()
        .descendant_of(district.root_page)
        .values_list("title", flat=True)
    )


def test_cross_site_list_exists_only_on_the_portal(client, sites):
    assert get(client, sites["xixiangtang"], "/disclosure/all/").status_code == 404


def test_imported_text_is_escaped_in_lists_and_exports(client, sites):
    home = disclosure_home(sites["xixiangtang"])
    make_document(home, title='<script>alert("x")</script>西乡塘区恶意标题')

    html = get(client, sites["xixiangtang"], "/disclosure/documents/").content.decode()
    rss = get(client, sites["xixiangtang"], "/disclosure/documents/rss/").content

    assert '<script>alert("x")</script>' not in html
    assert b"<script>" not in rss


def test_csv_export_defuses_spreadsheet_formulas(client, sites):
    home = disclosure_home(sites["xixiangtang"])
    make_document(home, title='=HYPERLINK("http://evil")')

    exported = get(client, sites["xixiangtang"], "/disclosure/documents/export.csv")

    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert '\'=HYPERLINK("http://evil")' in {row["标题"] for row in rows}


def test_list_paginates_twenty_to_a_page(client, sites):
    home = disclosure_home(sites["xingning"])
    for number in range(22):
        make_document(home, title=f"分页测试{number}")

    second_page = get(
        client, sites["xingning"], "/disclosure/documents/?q=分页测试&page=2"
    )

    listed = re.findall(r">分页测试\d+</a>", second_page.content.decode())
    assert len(listed) == 2


def test_feed_channel_links_to_the_filtered_list(client, sites, documents):
    rss = get(client, sites["xixiangtang"], "/disclosure/documents/rss/?year=2022")

    link = feedparser.parse(rss.content).feed.link
    assert link == "http://xixiangtang.localhost/disclosure/documents/?year=2022"
