"""索引号: organisation code, ``/``, year, ``-``, a 5-digit serial."""

import logging
import re

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

STANDARD_FORM = re.compile(
    r"^(?P<org>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>\d{4})-(?P<serial>\d{5})$"
)


class IndexCounter(models.Model):
    """The last serial handed out for an organisation and year; only grows."""

    organisation_code = models.CharField(_("组织机构代码"), max_length=18)
    year = models.PositiveSmallIntegerField(_("年份"))
    last_serial = models.PositiveIntegerField(_("已用最大序号"), default=0)

    class Meta:
        verbose_name = _("索引号计数器")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_code", "year"], name="unique_index_counter"
            )
        ]

    def __str__(self):
        return f"{self.organisation_code}/{self.year}: {self.last_serial}"


def format_index_number(organisation_code, year, serial):
    return f"{organisation_code}/{year}-{serial:05d}"


def allocate_index_number(organisation_code, year, is_taken):
    """Return the next free number; the row lock serialises publishers."""
    with transaction.atomic():
        IndexCounter.objects.get_or_create(
            organisation_code=organisation_code, year=year
        )
        counter = IndexCounter.objects.select_for_update().get(
            organisation_code=organisation_code, year=year
        )
        serial = counter.last_serial + 1
        # A number given by an import may sit above the counter; skip it.
        while is_taken(format_index_number(organisation_code, year, serial)):
            serial += 1
        counter.last_serial = serial
        counter.save(update_fields=["last_serial"])
    number = format_index_number(organisation_code, year, serial)
    logger.info("Allocated index number %s", number)
    return number


def reserve_given_numbers(numbers):
    """Raise counters past given numbers in the standard form, so none is reused."""
    highest = {}
    for number in numbers:
        match = STANDARD_FORM.match(number or "")
        if match:
            key = (match["org"], int(match["year"]))
            highest[key] = max(highest.get(key, 0), int(match["serial"]))
    for (organisation_code, year), serial in highest.items():
        with transaction.atomic():
            counter, _created = IndexCounter.objects.select_for_update().get_or_create(
                organisation_code=organisation_code, year=year
            )
            if counter.last_serial < serial:
                counter.last_serial = serial
                counter.save(update_fields=["last_serial"])
