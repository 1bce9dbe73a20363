import pytest

from cms.intake.sanitize import html_to_text, plain_text, sanitize_html, ugc_links

from .inert import active_content
from .payloads import xss_payloads


@pytest.mark.parametrize("payload", xss_payloads())
def test_every_payload_is_inert_after_sanitising(payload):
    assert active_content(sanitize_html(payload)) == []


def test_payload_list_is_the_full_copy():
    assert len(xss_payloads()) >= 40


def test_harmless_formatting_survives():
    html = "<p>第一段<strong>重点</strong></p><ul><li>一</li></ul>"
    assert sanitize_html(html) == html


def test_web_links_keep_their_address():
    cleaned = sanitize_html('<a href="https://www.nanning.gov.cn/">门户</a>')
    assert cleaned == '<a href="https://www.nanning.gov.cn/">门户</a>'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java&#x09;script:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
    ],
)
def test_script_and_data_links_lose_their_address(href):
    assert sanitize_html(f'<a href="{href}">x</a>') == "<a>x</a>"


def test_styles_and_event_handlers_are_removed_but_text_stays():
    cleaned = sanitize_html('<p style="color:red" onclick="x()">文字</p>')
    assert cleaned == "<p>文字</p>"


def test_script_content_is_dropped_not_shown_as_text():
    assert sanitize_html("<script>alert(1)</script>意见") == "意见"


def test_plain_text_strips_tags_and_returns_text_not_entities():
    assert plain_text("<b>张三</b> & 李四 <script>x()</script>") == "张三 & 李四 "


def test_html_to_text_gives_one_line_per_paragraph_or_item():
    html = "<p>第一段<strong>重点</strong></p><p>第二段<br>换行</p><ul><li>一</li></ul>"
    assert html_to_text(html) == "第一段重点\n第二段\n换行\n一"


def test_ugc_links_marks_links_but_makes_none_from_plain_text():
    html = '<p><a href="https://example.com/">链接</a> 以及 www.example.org</p>'
    assert ugc_links(html) == (
        '<p><a href="https://example.com/" rel="nofollow ugc noopener">链接</a>'
        " 以及 www.example.org</p>"
    )
