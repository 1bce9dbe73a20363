"""A reader goes from the portal into a subsite and an article, in Chromium."""

from urllib.parse import urlsplit

from django.core.management import call_command

import pytest
from selenium.webdriver.common.by import By

from tests.browser.navigation import follow

pytestmark = pytest.mark.browser


@pytest.fixture
def live_sites(live_server):
    port = urlsplit(live_server.url).port
    call_command("load_demo", port=port, no_progress=True, verbosity=0)
    return f"http://nanning.localhost:{port}/"


def test_reader_follows_portal_to_subsite_to_article(browser, live_sites):
    browser.get(live_sites)
    assert (
        browser.find_element(By.CSS_SELECTOR, ".site-name").text
        == "南宁市人民政府门户网站"
    )

    follow(browser, browser.find_element(By.LINK_TEXT, "南宁市兴宁区人民政府门户网站"))
    assert urlsplit(browser.current_url).hostname == "xingning.localhost"
    assert (
        browser.find_element(By.CSS_SELECTOR, ".site-name").text
        == "南宁市兴宁区人民政府门户网站"
    )

    follow(
        browser,
        browser.find_element(
            By.PARTIAL_LINK_TEXT, "南宁市加快推进网上政府服务工作实施方案"
        ),
    )
    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.text == "南宁市加快推进网上政府服务工作实施方案"
    body = browser.find_element(By.CSS_SELECTOR, ".article .body").text
    assert "互联网+政务服务" in body
    footer = browser.find_element(By.TAG_NAME, "footer").text
    assert "网站标识码：4501020001" in footer


def test_elderly_toggle_enlarges_type_and_is_remembered(browser, live_sites):
    browser.get(live_sites)
    size_before = browser.execute_script(
        "return getComputedStyle(document.documentElement).fontSize"
    )

    browser.find_element(By.CSS_SELECTOR, "[data-elderly-toggle]").click()
    browser.refresh()

    size_after = browser.execute_script(
        "return getComputedStyle(document.documentElement).fontSize"
    )
    assert (size_before, size_after) == ("16px", "22px")
    toggle = browser.find_element(By.CSS_SELECTOR, "[data-elderly-toggle]")
    assert toggle.get_attribute("aria-pressed") == "true"
    browser.execute_script("localStorage.clear()")


def test_skip_link_moves_focus_to_main_content(browser, live_sites):
    browser.get(live_sites)
    browser.find_element(By.TAG_NAME, "body").send_keys("\ue004")  # Tab
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    assert active.is_displayed()


@pytest.fixture
def phone(browser):
    """Lay pages out as a 360 px wide phone does, then restore the window."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True},
    )
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_script("localStorage.clear()")


PHONE_PAGES = [
    ("nanning", "/"),
    ("nanning", "/upper-level/"),
    ("nanning", "/policies/policy-038/"),
    ("xingning", "/"),
    ("xingning", "/policies/"),
    ("xingning", "/upper-level/policy-038/"),
]


def horizontal_overflow(browser):
    """Return how many CSS pixels the page is wider than the viewport."""
    return browser.execute_script(
        "var root = document.documentElement;"
        "return root.scrollWidth - root.clientWidth;"
    )


@pytest.mark.parametrize("elderly", [False, True], ids=["standard", "elderly"])
def test_pages_fit_a_phone_without_scrolling_sideways(phone, live_sites, elderly):
    port = urlsplit(live_sites).port
    overflowing = {}

    for subdomain, path in PHONE_PAGES:
        phone.get(f"http://{subdomain}.localhost:{port}{path}")
        # The reader's choice is kept per site (per origin), as the toggle does.
        phone.execute_script(f"localStorage.setItem('elderly-mode', '{int(elderly)}')")
        phone.refresh()
        assert phone.find_element(By.CSS_SELECTOR, ".site-name").text
        classes = phone.execute_script("return document.documentElement.className")
        assert ("elderly" in classes.split()) is elderly, (subdomain, path, classes)
        if overflow := horizontal_overflow(phone):
            overflowing[f"{subdomain}{path}"] = overflow

    assert overflowing == {}
