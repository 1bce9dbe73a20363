"""The protocol between content and search: content says what it exposes.

A content model decorated with ``@searchable`` provides ``search_document()``
returning a ``SearchDocument``; ``search/`` reads ``searchable_models()`` and
names no content app. Which instances are searchable is the registered type's
to say: live public pages, or the rows of a non-page model's default manager
(a proxy such as ``PublicMessage`` narrows it to what is published).
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


def search_model(model):
    """Return the registered type that exposes instances of ``model``, or None.

    A registered model (or a subclass of one) stands for itself. A concrete
    model stands for a registered proxy of it: signals arrive with the
    concrete class (``Message``) while the proxy (``PublicMessage``) says what
    the public may find, through its default manager and
    ``search_document()``.
    """
    for registered in _models:
        if issubclass(model, registered):
            return model
    concrete = model._meta.concrete_model
    for registered in _models:
        if registered._meta.proxy and registered._meta.concrete_model is concrete:
            return registered
    return None
