"""Hostile comments shown in a real Chromium run no script."""

from urllib.parse import urlsplit

from django.core.management import call_command

from wagtail.models import Site

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from cms.intake.sanitize import sanitize_html
from consultation.models import Comment
from tests.browser.navigation import follow
from tests.cms.intake.payloads import xss_payloads

from .factories import make_comment, make_consultation, path_of

pytestmark = pytest.mark.browser

# The payloads call alert(1); this variant leaves a mark a test can read even
# where a dialog would not show (for example inside an iframe).
MARK = "document.documentElement.setAttribute('data-xss','1')"


@pytest.fixture
def hostile_page(live_server):
    port = urlsplit(live_server.url).port
    call_command("load_demo", port=port, no_progress=True, verbosity=0)
    portal = Site.objects.get(hostname="nanning.localhost", port=port)
    page = make_consultation(portal)
    for payload in xss_payloads():
        for variant in (payload, payload.replace("alert(1)", MARK)):
            make_comment(page, body=sanitize_html(f"意见 {variant}"), name=variant[:50])
    return portal, page, port


def assert_no_script_ran(browser):
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 (raises when no dialog opened)
    assert (
        browser.execute_script(
            "return document.documentElement.getAttribute('data-xss')"
        )
        is None
    )


def test_hostile_comments_run_no_script_in_chromium(browser, hostile_page):
    portal, page, port = hostile_page
    comments = Comment.objects.filter(consultation=page).count()

    browser.get(f"http://{portal.hostname}:{port}{path_of(page)}?page=1")
    assert_no_script_ran(browser)
    rendered = browser.find_elements(By.CSS_SELECTOR, ".comment-list .comment")
    assert len(rendered) == min(comments, 20)

    for number in range(2, comments // 20 + 2):
        browser.get(f"http://{portal.hostname}:{port}{path_of(page)}?page={number}")
        assert_no_script_ran(browser)


def test_payload_typed_into_the_form_runs_no_script_after_approval(
    browser, hostile_page
):
    portal, page, port = hostile_page
    browser.get(f"http://{portal.hostname}:{port}{path_of(page)}")
    payload = f'<img src=x onerror="{MARK}">我的意见是延长期限<script>{MARK}</script>'
    browser.find_element(By.NAME, "body").send_keys(payload)
    browser.find_element(By.NAME, "name").send_keys("张三")
    browser.find_element(By.NAME, "phone").send_keys("13812345678")
    browser.find_element(By.NAME, "consent").click()
    follow(
        browser,
        browser.find_element(By.CSS_SELECTOR, ".comment-form button[type=submit]"),
    )

    code = browser.find_element(By.CSS_SELECTOR, ".tracking-code").text
    comment = Comment.objects.get(tracking_code=code)
    comment.status = Comment.APPROVED
    comment.save()
    Comment.objects.filter(consultation=page).exclude(pk=comment.pk).delete()

    browser.get(f"http://{portal.hostname}:{port}{path_of(page)}")
    assert_no_script_ran(browser)
    body = browser.find_element(By.CSS_SELECTOR, ".comment-list .comment-body")
    assert body.text == "我的意见是延长期限"
    assert body.find_elements(By.TAG_NAME, "img") == []
