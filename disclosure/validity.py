"""Validity changes over time: the daily expiry of documents."""

import logging

from django.utils import timezone

from disclosure.models import DisclosureDocumentPage, Validity

logger = logging.getLogger(__name__)


def expire_documents(today=None):
    """Mark in-force documents whose expiry date has come as expired."""
    today = today or timezone.localdate()
    due = DisclosureDocumentPage.objects.filter(
        validity=Validity.IN_FORCE, expires_on__lte=today
    )
    expired = []
    for page in due:
        page.validity = Validity.EXPIRED
        page.save(update_fields=["validity"])
        # The next publish of a draft starts from the latest revision; keep
        # it in step so an editor's save does not bring the document back.
        revision = page.latest_revision
        if (
            revision is not None
            and revision.content.get("validity") != Validity.EXPIRED
        ):
            revision.content["validity"] = Validity.EXPIRED
            revision.save(update_fields=["content"])
        expired.append(page.pk)
        logger.info("Document pk=%s expired on %s", page.pk, page.expires_on)
    return expired
