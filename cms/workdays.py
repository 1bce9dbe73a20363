"""China's working-day calendar, for every legal deadline on the platform.

Public holidays and make-up working days (调休) come from the maintained
``chinese_calendar`` package; administrators add ``CalendarDay`` entries for
years the package does not cover yet, or to correct it, without a release.
"""

import datetime
import logging

import chinese_calendar

logger = logging.getLogger(__name__)

# Longest stretch of non-working days in a row (Spring Festival plus weekends),
# used to bound how far ahead the overrides are read.
MAX_DAYS_OFF_IN_A_ROW = 10
_warned_years = set()


def _overrides(start, end):
    from cms.models import CalendarDay

    return dict(
        CalendarDay.objects.filter(date__range=(start, end)).values_list(
            "date", "is_working_day"
        )
    )


def _library_says_working(day):
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.year not in _warned_years:
            _warned_years.add(day.year)
            logger.warning(
                "No holiday data for year=%s; counting weekdays only until "
                "CalendarDay entries or a newer chinese_calendar add them",
                day.year,
            )
        return day.weekday() < 5


def is_working_day(day, overrides=None):
    if overrides is None:
        overrides = _overrides(day, day)
    if day in overrides:
        return overrides[day]
    return _library_says_working(day)


def add_working_days(start, count):
    """Return the date ``count`` working days after ``start``.

    The start day itself is not counted, as the disclosure regulation counts
    a period from the day after receipt.
    """
    horizon = start + datetime.timedelta(days=count * 2 + MAX_DAYS_OFF_IN_A_ROW * 3)
    overrides = _overrides(start, horizon)
    day = start
    remaining = count
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, overrides):
            remaining -= 1
    return day


def working_days_between(start, end):
    """Count working days after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    overrides = _overrides(start, end)
    days = (
        start + datetime.timedelta(days=offset)
        for offset in range(1, (end - start).days + 1)
    )
    return sum(1 for day in days if is_working_day(day, overrides))
