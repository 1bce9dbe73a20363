"""Create demo pages once, and update imported pages only when they change."""

import logging

logger = logging.getLogger(__name__)


def ensure_page(parent, model, slug, **fields):
    """Publish ``model`` under ``parent`` unless a child with the slug exists.

    An existing page is returned as an administrator left it, edited or
    unpublished, so that re-running the demo loader (as ``make run`` does)
    never undoes their work. Returns ``(page, created)``.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            raise TypeError(f"{page.url_path} exists as {type(page).__name__}")
        return page, False

    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    logger.debug("Created demo page pk=%s slug=%s", page.pk, slug)
    return page, True


def upsert_page(parent, model, slug, **fields):
    """Publish ``model`` under ``parent`` with these fields, once.

    For importers whose source is the authority: an existing child with the
    slug is updated when a field differs, so re-running an import adds no
    revision. Returns ``(page, changed)``.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        return ensure_page(parent, model, slug, **fields)

    page = existing.specific
    if not isinstance(page, model):
        raise TypeError(f"{page.url_path} exists as {type(page).__name__}")
    changed = [name for name, value in fields.items() if getattr(page, name) != value]
    if not changed and page.live:
        return page, False
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    logger.debug("Updated imported page pk=%s fields=%s", page.pk, ",".join(changed))
    return page, True
