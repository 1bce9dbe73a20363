"""Interpretations are filed in the directory and listed with documents."""

import csv
import datetime
import importlib
import io
import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import feedparser
import pytest
from bs4 import BeautifulSoup

from disclosure.models import DirectoryNode, InterpretationPage
from tests.disclosure.factories import disclosure_home, make_document

pytestmark = pytest.mark.django_db


def get(client, site, url):
    return client.get(url, HTTP_HOST=site.hostname)


def node_codes(page):
    return sorted(node.code for node in page.directory_nodes.all())


def make_interpretation(home, **fields):
    page = InterpretationPage(
        title=fields.pop("title", "测试解读"),
        slug=fields.pop("slug", "test-interpretation"),
        publish_date=fields.pop("publish_date", datetime.date(2024, 5, 7)),
        **fields,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_demo_interpretations_are_filed_under_policy_interpretation(sites):
    pages = InterpretationPage.objects.descendant_of(sites["sfj"].root_page)

    assert pages.count() == 2
    assert {tuple(node_codes(page)) for page in pages} == {("B03",)}


def test_interpretation_node_list_feed_and_export_hold_the_interpretations(
    client, sites
):
    site = sites["sfj"]
    expected = set(
        InterpretationPage.objects.descendant_of(site.root_page).values_list(
            "title", flat=True
        )
    )

    html = get(client, site, "/disclosure/directory/B03/")
    rss = get(client, site, "/disclosure/directory/B03/rss/")
    exported = get(client, site, "/disclosure/directory/B03/export.json")
    rows = get(client, site, "/disclosure/directory/B03/export.csv")

    listed = {
        link.get_text()
        for link in BeautifulSoup(html.content, "html.parser").select(
            "tr.interpretation a"
        )
    }
    assert listed == expected
    assert {entry.title for entry in feedparser.parse(rss.content).entries} == (
        expected
    )
    data = json.loads(exported.content)
    assert data["count"] == 2
    assert {row["category"] for row in data["results"]} == {"政策解读"}
    table = csv.DictReader(io.StringIO(rows.content.decode("utf-8-sig")))
    assert {row["标题"] for row in table} == expected


def test_site_list_mixes_interpretations_by_date_and_document_filters_drop_them(
    client, sites
):
    site = sites["xingning"]
    home = disclosure_home(site)
    may = [datetime.date(2024, 5, day) for day in (6, 7, 8)]
    make_document(home, title="解读混排文件", publish_date=may[0])
    make_interpretation(home, title="解读混排解读", publish_date=may[1])
    make_document(home, title="解读混排后文", publish_date=may[2])

    mixed = get(client, site, "/disclosure/documents/export.json?q=解读混排")
    by_validity = get(
        client, site, "/disclosure/documents/export.json?q=解读混排&validity=in_force"
    )

    assert [row["title"] for row in json.loads(mixed.content)["results"]] == [
        "解读混排后文",
        "解读混排解读",
        "解读混排文件",
    ]
    assert [row["title"] for row in json.loads(by_validity.content)["results"]] == [
        "解读混排后文",
        "解读混排文件",
    ]


def test_keyword_finds_an_interpretation_by_its_documents_number(client, sites):
    site = sites["sfj"]

    response = get(
        client, site, "/disclosure/directory/B03/export.json?q=国办发[2018]118号"
    )

    titles = {row["title"] for row in json.loads(response.content)["results"]}
    assert len(titles) == 2


def test_an_interpretation_saved_without_nodes_goes_under_b03(sites):
    page = make_interpretation(disclosure_home(sites["xingning"]))

    assert node_codes(page) == ["B03"]


def test_new_interpretation_form_proposes_b03(client, sites):
    client.force_login(get_user_model().objects.create_superuser("jd", "", "x"))
    home = disclosure_home(sites["xingning"])
    b03 = DirectoryNode.objects.get(site=None, code="B03")

    response = client.get(
        reverse(
            "wagtailadmin_pages:add",
            args=["disclosure", "interpretationpage", home.pk],
        )
    )

    form = response.context["form"]
    assert list(form.initial["directory_nodes"]) == [b03.pk]


def test_import_files_interpretations_under_the_nodes_given(tmp_path, sites):
    path = tmp_path / "interpretations.json"
    rows = [
        {"id": "jd-node-1", "title": "按命令参数归目录", "publish_date": "2020-03-06"},
        {"id": "jd-node-2", "title": "按记录归目录", "publish_date": "2020-03-06",
         "nodes": ["B02"]},
        {"id": "jd-node-3", "title": "目录不存在", "publish_date": "2020-03-06",
         "nodes": ["Z99"]},
    ]  # fmt: skip
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    err = io.StringIO()

    call_command(
        "import_disclosure", str(path), site="xingning", kind="interpretations",
        nodes=["A01"], no_progress=True, stdout=io.StringIO(), stderr=err,
    )  # fmt: skip

    assert node_codes(InterpretationPage.objects.get(import_key="jd-node-1")) == ["A01"]
    assert node_codes(InterpretationPage.objects.get(import_key="jd-node-2")) == ["B02"]
    assert "Z99" in err.getvalue()


def test_data_migration_files_unfiled_interpretations_under_b03(sites):
    page = make_interpretation(disclosure_home(sites["xingning"]))
    InterpretationPage.directory_nodes.through.objects.filter(
        interpretationpage_id=page.pk
    ).delete()
    migration = importlib.import_module(
        "disclosure.migrations.0004_file_interpretations_under_policy_interpretation"
    )

    migration.file_under_interpretation_node(apps, None)

    assert node_codes(InterpretationPage.objects.get(pk=page.pk)) == ["B03"]
