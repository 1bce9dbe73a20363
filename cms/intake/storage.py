"""Save what the public sends all at once, or not at all."""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

RETRY_MESSAGE = _(
    "系统繁忙，您的内容暂未提交成功，请稍后重新提交。您填写的内容已保留。"
)


class StoreFailed(Exception):
    """The database refused the submission; the person should retry."""


def store(save, what):
    """Run ``save()`` in one transaction; raise StoreFailed on a database error.

    ``what`` names the kind of submission for the log, never its content.
    """
    try:
        with transaction.atomic():
            return save()
    except IntegrityError as error:
        # A rule of the data said no (a second rating, say): not an outage.
        logger.info("Refused %s submission that breaks a uniqueness rule", what)
        raise StoreFailed(str(RETRY_MESSAGE)) from error
    except DatabaseError as error:
        logger.exception("Could not store %s submission; asked sender to retry", what)
        raise StoreFailed(str(RETRY_MESSAGE)) from error


def create_with_tracking_code(model, prefix, attempts=3, **fields):
    """Create ``model`` with a tracking code not yet in use; call inside store()."""
    from cms.intake.tracking import new_tracking_code

    for _attempt in range(attempts):
        code = new_tracking_code(prefix)
        if not model.objects.filter(tracking_code=code).exists():
            return model.objects.create(tracking_code=code, **fields)
    raise StoreFailed(str(RETRY_MESSAGE))
