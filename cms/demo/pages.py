"""Create or update a published page so that loading twice changes nothing."""

import logging

logger = logging.getLogger(__name__)


def upsert_page(parent, model, slug, **fields):
    """Publish ``model`` under ``parent`` with these fields, once.

    An existing child with the slug is updated only when a field differs, so
    re-running a load adds no revision. Returns ``(page, changed)``.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        logger.debug("Created demo page pk=%s slug=%s", page.pk, slug)
        return page, True

    page = existing.specific
    if not isinstance(page, model):
        raise TypeError(f"{page.url_path} exists as {type(page).__name__}")
    changed = [name for name, value in fields.items() if getattr(page, name) != value]
    if not changed and page.live:
        return page, False
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    logger.debug("Updated demo page pk=%s fields=%s", page.pk, ",".join(changed))
    return page, True
