"""Flags are shown to editors on the project's edit page and in the report."""

import csv
import io

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from disclosure.trading import stages
from tests.cms.factories import make_user, site_editor
from tests.conftest import host_of
from tests.trading.factories import add_notice, make_project, trading_index


@pytest.fixture
def late_project(portal):
    project = make_project(trading_index(portal), "QA-LATE", title="质检迟发项目")
    add_notice(project, stages.ANNOUNCEMENT, "2025-09-01")
    add_notice(project, stages.RESULT, "2025-09-30", event_date="2025-09-26")
    return project


@pytest.fixture
def boss_client(db, client):
    client.force_login(get_user_model().objects.create_superuser("boss", "", "x"))
    return client


def flag_codes(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [item["data-flag"] for item in html.select("[data-flag]")]


def test_project_edit_page_shows_its_flags_and_timeline(boss_client, late_project):
    response = boss_client.get(
        reverse("wagtailadmin_pages:edit", args=[late_project.pk])
    )

    assert response.status_code == 200
    assert flag_codes(response) == ["result_late"]
    html = BeautifulSoup(response.content, "html.parser")
    done = [item.strong.get_text() for item in html.select(".trading-timeline li.done")]
    assert done == ["交易公告", "中标（成交）结果"]


def test_supervisor_report_lists_flagged_projects_first(boss_client, late_project):
    response = boss_client.get(reverse("trading_supervisor_report"), {"flagged": "1"})

    html = BeautifulSoup(response.content, "html.parser")
    rows = html.select("table.listing tbody tr.flagged")
    titles = [row.a.get_text() for row in rows]
    assert "质检迟发项目" in titles
    # Real corpus results with no announcement on this platform are flagged too.
    assert "妇科医疗设备采购" in titles
    assert "result_late" in flag_codes(response)
    assert "result_without_announcement" in flag_codes(response)


def test_report_can_be_narrowed_to_one_site(boss_client, sites, late_project):
    response = boss_client.get(
        reverse("trading_supervisor_report"), {"site": sites["xixiangtang"].pk}
    )

    html = BeautifulSoup(response.content, "html.parser")
    titles = [row.a.get_text() for row in html.select("table.listing tbody tr")]
    assert titles == ["二级合成作战平台升级改造设备采购"]


def test_site_editor_sees_only_their_own_sites_projects(client, sites, late_project):
    client.force_login(site_editor(sites["xixiangtang"]))

    response = client.get(reverse("trading_supervisor_report"))

    html = BeautifulSoup(response.content, "html.parser")
    titles = [row.a.get_text() for row in html.select("table.listing tbody tr")]
    assert titles == ["二级合成作战平台升级改造设备采购"]


def test_report_is_closed_to_users_without_admin_access(client, late_project):
    client.force_login(make_user("reader"))

    response = client.get(reverse("trading_supervisor_report"))

    assert response.status_code in (302, 403)
    assert "质检迟发项目" not in response.content.decode()


def test_public_project_page_shows_timeline_but_not_flags(client, portal, late_project):
    response = client.get(late_project.url, HTTP_HOST=host_of(portal))

    html = BeautifulSoup(response.content, "html.parser")
    steps = html.select(".trading-timeline li")
    assert len(steps) == len(stages.MAIN_LINE)
    assert [step["class"][0] for step in steps] == [
        "done", "missing", "missing", "done", "missing", "missing",
    ]  # fmt: skip
    assert not html.select("[data-flag]")


def test_supervisor_report_downloads_as_csv(boss_client, late_project):
    response = boss_client.get(
        reverse("trading_supervisor_report"), {"flagged": "1", "format": "csv"}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["项目", "交易编号", "采购人", "已到环节", "问题"]
    late = next(row for row in rows if row[1] == "QA-LATE")
    assert late[3] == "中标（成交）结果"
    assert "2025-09-29" in late[4]


@pytest.mark.parametrize("site", ["abc", "1e3", "-1", " "])
def test_report_ignores_a_site_parameter_that_is_no_id(boss_client, late_project, site):
    response = boss_client.get(reverse("trading_supervisor_report"), {"site": site})

    assert response.status_code == 200
    assert late_project.title in response.content.decode()
