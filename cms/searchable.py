"""The protocol between content and search: content says what it exposes.

A content model decorated with ``@searchable`` provides ``search_document()``
returning a ``SearchDocument``; ``search/`` reads ``searchable_models()`` and
names no content app.
"""

import datetime
from dataclasses import dataclass, field

from django.dispatch import Signal

_models = []

# Sent by bulk writers (imports) that bypass Wagtail's publish signals, with
# ``pks``: the objects of ``sender`` that were created or changed.
content_changed = Signal()


@dataclass
class SearchDocument:
    title: str
    body: str  # plain text, no markup
    date: datetime.date | None = None
    kind: str = ""  # content type as readers call it, e.g. 政策文件
    organ: str = ""  # issuing or publishing organ
    topic: str = ""
    # Identifiers people paste: index number, document number, transaction code.
    identifiers: list[str] = field(default_factory=list)
    # Text of attached files (PDF and the like), where it could be extracted.
    attachment_text: str = ""


def searchable(model):
    """Register a content model whose instances provide ``search_document()``."""
    if model not in _models:
        _models.append(model)
    return model


def searchable_models():
    return list(_models)
