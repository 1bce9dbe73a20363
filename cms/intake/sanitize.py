"""Turn HTML from the public into a harmless allow-listed subset."""

import html
import re

import bleach

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "blockquote", "a"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
# Only plain web and mail links: javascript:, data:, vbscript: and the rest go.
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
UGC_LINK_REL = "nofollow ugc noopener"
# Elements whose content is code or markup, never readable text.
DROPPED_WITH_CONTENT = ("script", "style", "iframe", "object", "embed", "noscript")
_DROPPED_RE = re.compile(
    r"<(" + "|".join(DROPPED_WITH_CONTENT) + r")\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
# Where a paragraph, item or line ends, for text made from sanitised HTML.
_BREAK_RE = re.compile(r"<br\s*/?>|</(p|li|blockquote)\s*>", re.IGNORECASE)


def sanitize_html(text):
    """Return ``text`` with only allow-listed tags, attributes and link schemes.

    Scripts, styles, event handlers and ``javascript:``/``data:`` URLs never
    survive; what is not allowed is escaped or stripped, never executed.
    """
    without_code = _DROPPED_RE.sub("", text or "")
    cleaned = bleach.clean(
        without_code,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return cleaned


def html_to_text(html_text):
    """Return sanitised HTML as readable text: one line per paragraph or item."""
    text = plain_text(_BREAK_RE.sub("\n", html_text or ""))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def plain_text(text):
    """Return the readable text of ``text`` with every tag removed.

    The result is text, not HTML: templates escape it when they show it.
    """
    stripped = bleach.clean(_DROPPED_RE.sub("", text or ""), tags=set(), strip=True)
    return html.unescape(stripped)


def _mark_link(attrs, new=False):
    if new:
        return None  # Leave text that merely looks like an address alone.
    attrs[(None, "rel")] = UGC_LINK_REL
    return attrs


def ugc_links(html_text):
    """Mark every link in sanitised HTML as the public's, not the site's.

    Search engines then give such links no weight (no reward for spam), and
    the opened page gets no handle on ours.
    """
    return bleach.linkify(html_text or "", callbacks=[_mark_link], parse_email=False)
