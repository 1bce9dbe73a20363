"""Text helpers shared by the index and the results."""

from cms.text import html_to_text
from search import text


def test_html_to_text_decodes_entities_and_keeps_blocks_apart():
    html = "<p>南宁&quot;市&quot;</p><p>政务&amp;服务<br>第三行</p><script>x()</script>"

    assert html_to_text(html) == '南宁"市" 政务&服务 第三行'


def test_highlight_marks_the_plain_text_and_never_inside_entities():
    marked = text.highlight('他说"quot"&<b>', ["quot", "amp", "lt"])

    assert marked == "他说&quot;<mark>quot</mark>&quot;&amp;&lt;b&gt;"


def test_highlight_escapes_the_matched_words_too():
    assert text.highlight("a<b", ["a<b"]) == "<mark>a&lt;b</mark>"
