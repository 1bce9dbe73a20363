from django.db import OperationalError

import pytest

from cms.intake.storage import RETRY_MESSAGE, StoreFailed, store
from cms.models import CalendarDay


def test_database_error_becomes_retry_message_and_nothing_is_half_saved(db):
    def save():
        CalendarDay.objects.create(date="2030-01-02", is_working_day=False)
        raise OperationalError("server closed the connection")

    with pytest.raises(StoreFailed) as raised:
        store(save, "test")

    assert str(raised.value) == str(RETRY_MESSAGE)
    assert not CalendarDay.objects.filter(date="2030-01-02").exists()


def test_successful_save_returns_its_result(db):
    day = store(
        lambda: CalendarDay.objects.create(date="2030-01-03", is_working_day=True),
        "test",
    )
    assert CalendarDay.objects.filter(pk=day.pk).exists()


def test_a_uniqueness_rule_saying_no_is_logged_as_info_not_error(db, caplog):
    from django.db import IntegrityError

    def save():
        raise IntegrityError("duplicate key value violates unique constraint")

    with pytest.raises(StoreFailed) as raised:
        store(save, "rating")

    assert isinstance(raised.value.__cause__, IntegrityError)
    assert [record.levelname for record in caplog.records] == ["INFO"]
    assert caplog.records[0].exc_info is None
