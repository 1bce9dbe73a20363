"""Documents that need an interpretation and are late getting one."""

from django.conf import settings
from django.utils import timezone

from cms.workdays import add_working_days
from disclosure.models import DisclosureDocumentPage, InterpretationPage


def interpretation_deadline(document):
    return add_working_days(
        document.publish_date, settings.DISCLOSURE_INTERPRETATION_WORKING_DAYS
    )


def missing_interpretations(today=None):
    """Return ``(document, deadline)`` for each one past its deadline, oldest first."""
    today = today or timezone.localdate()
    interpreted = InterpretationPage.objects.live().values_list("documents", flat=True)
    candidates = (
        DisclosureDocumentPage.objects.live()
        .filter(needs_interpretation=True)
        .exclude(pk__in=[pk for pk in interpreted if pk])
        .order_by("publish_date", "pk")
    )
    late = []
    for document in candidates:
        deadline = interpretation_deadline(document)
        if deadline < today:
            late.append((document, deadline))
    return late
