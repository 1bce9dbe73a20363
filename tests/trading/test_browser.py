"""A reader filters the portal's trading list and follows a project, in Chromium."""

from urllib.parse import parse_qs, urlsplit

from django.core.management import call_command

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.conftest import browser  # noqa: F401
from tests.browser.navigation import follow

pytestmark = pytest.mark.browser


@pytest.fixture
def portal_url(live_server):
    port = urlsplit(live_server.url).port
    call_command("load_demo", port=port, no_progress=True, verbosity=0)
    return f"http://nanning.localhost:{port}/"


def row_stages(driver):
    cells = driver.find_elements(
        By.CSS_SELECTOR, "table.trading-list tbody td:nth-of-type(2)"
    )
    return [cell.text for cell in cells]


def test_reader_filters_by_stage_and_follows_a_result_to_its_project(
    browser,  # noqa: F811
    portal_url,
):
    browser.get(portal_url + "transactions/")
    assert len(row_stages(browser)) == 8

    Select(browser.find_element(By.ID, "id_stage")).select_by_visible_text(
        "中标（成交）结果"
    )
    follow(
        browser,
        browser.find_element(By.CSS_SELECTOR, ".trading-filter button[type=submit]"),
    )

    assert row_stages(browser) == ["中标（成交）结果"] * 4
    csv_link = browser.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
    assert parse_qs(urlsplit(csv_link).query)["stage"] == ["result"]

    follow(
        browser,
        browser.find_element(By.PARTIAL_LINK_TEXT, "妇科医疗设备采购成交结果公告"),
    )
    assert (
        browser.find_element(By.TAG_NAME, "h1").text == "妇科医疗设备采购成交结果公告"
    )
    follow(browser, browser.find_element(By.LINK_TEXT, "妇科医疗设备采购"))

    steps = browser.find_elements(By.CSS_SELECTOR, ".trading-timeline li")
    assert [step.get_attribute("class") for step in steps][:4] == [
        "missing", "missing", "missing", "done",
    ]  # fmt: skip
    assert "2019-01-04" in steps[3].text
