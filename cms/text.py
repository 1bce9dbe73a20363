"""Plain text from stored HTML, for search, feeds and exports."""

import html
import re

from django.utils.html import strip_tags

# Content that is code, never readable text.
_DROPPED_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
# Tags that end a line or a block: their words must not run together.
_BREAK_RE = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|table|tr|td|th|blockquote"
    r"|section|article|header|footer|pre|figure|figcaption)\b[^>]*>",
    re.I,
)
_SPACES_RE = re.compile(r"\s+")


def html_to_text(value):
    """Return the readable text of HTML: no tags, entities decoded, one line.

    Paragraphs and other blocks become spaces, so the last word of one and
    the first of the next stay apart. The result is text, not HTML: whoever
    shows it escapes it.
    """
    value = _BREAK_RE.sub(" ", _DROPPED_RE.sub(" ", value or ""))
    return _SPACES_RE.sub(" ", html.unescape(strip_tags(value))).strip()
