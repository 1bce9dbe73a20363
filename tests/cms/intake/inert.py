"""Check that HTML holds nothing a browser would run."""

from html.parser import HTMLParser

ACTIVE_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "meta", "base",
    "link", "form", "input", "img", "video", "audio", "source", "details", "body",
    "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "data", "formaction", "srcdoc"}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "/", "#", "?")


class ActiveContentFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value is not None:
                cleaned = "".join(value.split()).lower()
                if cleaned and not cleaned.startswith(SAFE_SCHEMES):
                    self.problems.append(f"{tag}[{name}={value}]")


def active_content(html):
    """Return what in ``html`` could run script or load active content."""
    finder = ActiveContentFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
