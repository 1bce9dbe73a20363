import datetime

from cms.models import CalendarDay
from cms.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date


def test_make_up_working_day_on_a_sunday_counts(db):
    # 2025-09-28 is a Sunday worked in exchange for the National Day holiday.
    assert is_working_day(D(2025, 9, 28))
    assert add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)


def test_deadline_skips_the_national_day_holiday(db):
    # 1-8 October 2025 are holidays; the next working day is the 9th.
    assert add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 9)) == 1


def test_twenty_working_days_from_a_request_received_before_spring_festival(db):
    # Spring Festival 2026: 15-23 February off, 14 and 28 February worked.
    assert add_working_days(D(2026, 2, 2), 20) == D(2026, 3, 6)


def test_years_without_package_data_use_weekdays_and_overrides(db):
    assert is_working_day(D(2027, 1, 4))
    assert not is_working_day(D(2027, 1, 2))
    CalendarDay.objects.create(date=D(2027, 1, 1), is_working_day=False, note="元旦")
    CalendarDay.objects.create(date=D(2027, 1, 2), is_working_day=True, note="调休")

    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 2)


def test_working_days_between_is_zero_for_same_or_earlier_end(db):
    assert working_days_between(D(2025, 5, 6), D(2025, 5, 6)) == 0
    assert working_days_between(D(2025, 5, 6), D(2025, 5, 1)) == 0
