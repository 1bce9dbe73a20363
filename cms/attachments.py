"""Text of attached files, for search: PDF now, other formats where added."""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

MAX_CHARS = 20_000
MAX_PAGES = 50


def document_text(document):
    """Return the extractable text of a Wagtail document, or "" when none."""
    if not document.file.name.lower().endswith(".pdf"):
        return ""
    parts, size = [], 0
    try:
        with document.file.open("rb") as handle:
            for page in PdfReader(handle).pages[:MAX_PAGES]:
                piece = page.extract_text() or ""
                parts.append(piece)
                size += len(piece)
                if size >= MAX_CHARS:
                    break
    except (PyPdfError, OSError, ValueError, KeyError):
        # A damaged or encrypted file must not stop the page being indexed.
        logger.warning("No text extracted from document pk=%s", document.pk)
        return ""
    return " ".join(parts)[:MAX_CHARS]


def attachments_text(item, limit=MAX_CHARS):
    """Return the text of the files attached to an item, up to ``limit``.

    Every content type with an ``attachments`` relation of rows holding a
    Wagtail ``document`` gets its files searched through this one helper.
    """
    related = getattr(item, "attachments", None)
    if related is None:
        return ""
    parts, size = [], 0
    for attachment in related.all():
        piece = document_text(attachment.document)
        if piece:
            parts.append(piece)
            size += len(piece)
        if size >= limit:
            break
    return " ".join(parts)[:limit]
