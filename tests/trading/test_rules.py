"""Timeline order, the time rules on China's working days, and the flags."""

from decimal import Decimal

import pytest

from cms.models import CalendarDay
from disclosure.trading import stages
from disclosure.trading.models import TradingRules
from tests.trading.factories import add_notice, fresh, make_project, trading_index


@pytest.fixture
def project(portal):
    return make_project(trading_index(portal), budget=Decimal("1000000"))


def codes(project):
    return sorted(flag.code for flag in fresh(project).flags())


def test_timeline_lists_every_stage_in_order_done_or_missing(project):
    add_notice(project, stages.RESULT, "2025-05-20", event_date="2025-05-19")
    add_notice(project, stages.ANNOUNCEMENT, "2025-04-01")
    add_notice(project, stages.CHANGE, "2025-04-10")

    timeline = fresh(project).timeline

    assert [step.stage for step in timeline.steps] == stages.MAIN_LINE
    done = {step.stage: step.date.isoformat() for step in timeline.steps if step.done}
    assert done == {"announcement": "2025-04-01", "result": "2025-05-20"}
    assert not timeline.steps[stages.MAIN_LINE.index(stages.CONTRACT)].done
    assert [notice.publish_date.isoformat() for notice in timeline.changes] == [
        "2025-04-10"
    ]
    assert timeline.reached.stage == stages.RESULT


def test_notice_dated_before_an_earlier_stage_is_flagged_out_of_order(project):
    add_notice(project, stages.ANNOUNCEMENT, "2025-04-10")
    result = add_notice(project, stages.RESULT, "2025-04-01")

    flags = fresh(project).flags()

    assert [(flag.code, flag.notice.pk) for flag in flags] == [
        ("out_of_order", result.pk)
    ]


def test_result_within_two_working_days_across_national_day_is_on_time(project):
    # Decided on 30 September 2025; 1-8 October are holidays, so the second
    # working day after the decision is 10 October.
    add_notice(project, stages.ANNOUNCEMENT, "2025-09-01")
    add_notice(project, stages.RESULT, "2025-10-10", event_date="2025-09-30")

    assert codes(project) == []


def test_result_after_two_working_days_counting_a_make_up_sunday_is_late(project):
    # Sunday 28 September 2025 was a make-up working day: a decision on Friday
    # the 26th had to be published by Monday the 29th, not Tuesday the 30th.
    add_notice(project, stages.ANNOUNCEMENT, "2025-09-01")
    add_notice(project, stages.RESULT, "2025-09-30", event_date="2025-09-26")

    flags = fresh(project).flags()

    assert [flag.code for flag in flags] == ["result_late"]
    assert "2025-09-29" in flags[0].message


def test_contract_published_on_the_third_working_day_is_late(project):
    add_notice(project, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(project, stages.RESULT, "2025-04-01", event_date="2025-03-31")
    add_notice(project, stages.CONTRACT, "2025-04-10", event_date="2025-04-07")

    # 8 and 9 April are the two working days after signing on the 7th.
    assert codes(project) == ["contract_late"]


def test_working_day_limits_follow_the_saved_rules(project):
    add_notice(project, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(project, stages.RESULT, "2025-04-03", event_date="2025-03-31")
    assert codes(project) == ["result_late"]

    rules = TradingRules.load()
    rules.result_within_working_days = 3
    rules.save()

    assert codes(project) == []


def test_candidate_publicity_shorter_than_three_days_is_flagged(project):
    add_notice(project, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(
        project,
        stages.CANDIDATES,
        "2025-04-01",
        publicity_start="2025-04-01",
        publicity_end="2025-04-02",
    )

    flags = fresh(project).flags()

    assert [flag.code for flag in flags] == ["publicity_short"]
    assert "2 天" in flags[0].message


def test_candidate_publicity_of_three_days_passes_and_minimum_is_configurable(
    project,
):
    add_notice(project, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(
        project,
        stages.CANDIDATES,
        "2025-04-01",
        publicity_start="2025-04-01",
        publicity_end="2025-04-03",
    )
    assert codes(project) == []

    TradingRules.objects.update_or_create(defaults={"min_publicity_days": 5})

    assert codes(project) == ["publicity_short"]


def test_winning_amount_above_budget_is_flagged(project):
    add_notice(project, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(
        project,
        stages.RESULT,
        "2025-04-01",
        event_date="2025-04-01",
        amount=Decimal("1000000.01"),
    )

    assert codes(project) == ["amount_above_budget"]


def test_amount_equal_to_budget_is_not_flagged(project):
    add_notice(project, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(project, stages.RESULT, "2025-04-01", amount=Decimal("1000000"))

    assert codes(project) == []


def test_result_without_announcement_and_contract_without_result_are_flagged(
    portal,
):
    index = trading_index(portal)
    result_only = make_project(index)
    add_notice(result_only, stages.RESULT, "2025-04-01")
    contract_only = make_project(index)
    add_notice(contract_only, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(contract_only, stages.CONTRACT, "2025-04-01")

    assert codes(result_only) == ["result_without_announcement"]
    assert codes(contract_only) == ["contract_without_result"]


def test_unpublished_notice_does_not_count_for_the_timeline(project):
    announcement = add_notice(project, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(project, stages.RESULT, "2025-04-01")
    announcement.unpublish()

    assert codes(project) == ["result_without_announcement"]


def test_a_holiday_added_by_an_administrator_extends_the_deadline(project):
    # 2027 is beyond the holiday package; the office records a local holiday.
    CalendarDay.objects.create(date="2027-03-02", is_working_day=False, note="地方假")
    add_notice(project, stages.ANNOUNCEMENT, "2027-02-01")
    add_notice(project, stages.RESULT, "2027-03-04", event_date="2027-03-01")

    assert codes(project) == []


def test_candidate_publicity_without_an_end_date_is_flagged(project):
    add_notice(project, stages.ANNOUNCEMENT, "2025-03-03")
    add_notice(project, stages.CANDIDATES, "2025-04-01", publicity_start="2025-04-01")

    assert codes(project) == ["publicity_unknown"]
