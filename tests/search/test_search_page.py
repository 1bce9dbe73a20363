"""The public search page in a real Chromium: header box, scope, facets."""

from urllib.parse import urlsplit

from django.core.management import call_command

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.navigation import follow

pytestmark = pytest.mark.browser


@pytest.fixture
def live_sites(live_server):
    port = urlsplit(live_server.url).port
    call_command("load_demo", port=port, no_progress=True, verbosity=0)
    return port


def test_reader_searches_from_the_header_and_widens_to_all_sites(browser, live_sites):
    browser.get(f"http://sfj.localhost:{live_sites}/")
    box = browser.find_element(By.ID, "site-search")
    box.send_keys("网上政府")
    box.submit()

    # submit() runs a script and returns before the results page loads.
    WebDriverWait(browser, 15).until(
        lambda driver: urlsplit(driver.current_url).path == "/search/"
    )
    assert (
        "正在搜索：本站" in browser.find_element(By.CSS_SELECTOR, ".search-scope").text
    )
    on_site = len(browser.find_elements(By.CSS_SELECTOR, ".result"))

    follow(browser, browser.find_element(By.CSS_SELECTOR, "[data-all-sites]"))
    titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".result h3 a")]
    marks = browser.find_elements(By.CSS_SELECTOR, ".result h3 mark")

    assert len(titles) > on_site >= 1
    assert "南宁市加快推进网上政府服务工作实施方案" in titles
    assert marks and marks[0].text == "网上政府"

    follow(browser, browser.find_element(By.CSS_SELECTOR, "[data-facet='site']"))
    filtered = browser.find_element(By.CSS_SELECTOR, ".search-summary").text
    assert "共找到" in filtered

    link = browser.find_element(By.CSS_SELECTOR, ".result h3 a")
    title, href = link.text, link.get_attribute("href")
    follow(browser, link)
    assert browser.find_element(By.TAG_NAME, "h1").text == title, href
