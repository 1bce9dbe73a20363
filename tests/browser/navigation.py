"""Waiting for the page a click loads, so no step reads the page it left."""

from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

PAGE_LOAD_SECONDS = 15


def follow(driver, element):
    """Click a link or submit button and wait until its page has gone.

    ChromeDriver's click can return before the navigation starts; the
    next lookup then finds elements of the old page, which go stale or
    show the old text mid-read. The clicked element goes stale once the
    new document replaces the old one.
    """
    element.click()
    WebDriverWait(driver, PAGE_LOAD_SECONDS).until(staleness_of(element))
