"""A project's timeline and the checks a supervisor expects it to pass."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cms.workdays import add_working_days
from disclosure.trading import stages

# Keys of a notice's cited dates that tell when an earlier stage happened.
CITED_STAGE_DATES = {
    "tender_notice_date": stages.ANNOUNCEMENT,
    "first_notice_date": stages.ANNOUNCEMENT,
}


@dataclass
class Flag:
    code: str
    message: str
    notice: object = None


@dataclass
class TimelineStep:
    stage: str
    label: str
    optional: bool
    notices: list = field(default_factory=list)
    cited_date: str = ""

    @property
    def done(self):
        return bool(self.notices)

    @property
    def date(self):
        return self.notices[0].publish_date if self.notices else None


@dataclass
class Timeline:
    steps: list
    changes: list
    terminations: list

    @property
    def reached(self):
        """Return the furthest stage of the main line with a notice, or None."""
        done = [step for step in self.steps if step.done]
        return done[-1] if done else None


def build_timeline(project, notices):
    """Lay the notices along the stages, marking each stage done or missing."""
    steps = [
        TimelineStep(
            stage=stage,
            label=str(stages.STAGE_LABELS[stage]),
            optional=stage in stages.OPTIONAL,
        )
        for stage in stages.MAIN_LINE
    ]
    by_stage = {step.stage: step for step in steps}
    changes, terminations = [], []
    for notice in sorted(notices, key=lambda notice: (notice.publish_date, notice.pk)):
        if notice.stage in by_stage:
            by_stage[notice.stage].notices.append(notice)
        elif notice.stage == stages.CHANGE:
            changes.append(notice)
        elif notice.stage == stages.TERMINATION:
            terminations.append(notice)
    for notice in notices:
        for key, stage in CITED_STAGE_DATES.items():
            cited = (notice.cited_dates or {}).get(key)
            if cited and not by_stage[stage].done and not by_stage[stage].cited_date:
                by_stage[stage].cited_date = cited
    return Timeline(steps=steps, changes=changes, terminations=terminations)


def check_project(project, notices, rules=None):
    """Return the flags the project raises under ``rules`` (the saved ones)."""
    if rules is None:
        from disclosure.trading.models import TradingRules

        rules = TradingRules.load()
    present = {notice.stage for notice in notices}
    flags = []
    flags.extend(_order_flags(notices))
    for notice in notices:
        flags.extend(_notice_flags(project, notice, rules))
    if stages.RESULT in present and stages.ANNOUNCEMENT not in present:
        flags.append(
            Flag("result_without_announcement", _("已发布结果公告，但没有交易公告。"))
        )
    if stages.CONTRACT in present and stages.RESULT not in present:
        flags.append(
            Flag("contract_without_result", _("已发布合同公告，但没有结果公告。"))
        )
    return flags


def _order_flags(notices):
    """Flag a notice dated before one of a stage that must come earlier."""
    main = [notice for notice in notices if notice.stage in stages.STAGE_RANK]
    flags = []
    for later in main:
        earlier_stage_after = [
            notice
            for notice in main
            if stages.STAGE_RANK[notice.stage] < stages.STAGE_RANK[later.stage]
            and notice.publish_date > later.publish_date
        ]
        if earlier_stage_after:
            first = earlier_stage_after[0]
            flags.append(
                Flag(
                    "out_of_order",
                    _("%(later)s（%(date)s）早于%(earlier)s（%(earlier_date)s）。")
                    % {
                        "later": stages.STAGE_LABELS[later.stage],
                        "date": later.publish_date,
                        "earlier": stages.STAGE_LABELS[first.stage],
                        "earlier_date": first.publish_date,
                    },
                    later,
                )
            )
    return flags


def _notice_flags(project, notice, rules):
    flags = []
    if notice.stage == stages.CANDIDATES:
        flags.extend(_publicity_flags(notice, rules))
    if notice.stage == stages.RESULT:
        flags.extend(
            _deadline_flags(notice, rules.result_within_working_days, "result_late")
        )
    if notice.stage == stages.CONTRACT:
        flags.extend(
            _deadline_flags(notice, rules.contract_within_working_days, "contract_late")
        )
    if (
        notice.stage in (stages.RESULT, stages.CONTRACT)
        and notice.amount is not None
        and project.budget is not None
        and notice.amount > project.budget
    ):
        flags.append(
            Flag(
                "amount_above_budget",
                _("%(stage)s金额 %(amount)s 元高于预算 %(budget)s 元。")
                % {
                    "stage": stages.STAGE_LABELS[notice.stage],
                    "amount": notice.amount,
                    "budget": project.budget,
                },
                notice,
            )
        )
    return flags


def _publicity_flags(notice, rules):
    days = notice.publicity_days
    if days is None:
        return [Flag("publicity_unknown", _("中标候选人公示未载明公示期。"), notice)]
    if days < rules.min_publicity_days:
        message = _("中标候选人公示期 %(days)s 天，少于规定的 %(minimum)s 天。") % {
            "days": days,
            "minimum": rules.min_publicity_days,
        }
        return [Flag("publicity_short", message, notice)]
    return []


def _deadline_flags(notice, working_days, code):
    if notice.event_date is None:
        return []
    deadline = add_working_days(notice.event_date, working_days)
    if notice.publish_date <= deadline:
        return []
    message = _(
        "%(stage)s应在 %(event)s 后 %(days)s 个工作日内（%(deadline)s 前）发布，"
        "实际发布于 %(published)s。"
    ) % {
        "stage": stages.STAGE_LABELS[notice.stage],
        "event": notice.event_date,
        "days": working_days,
        "deadline": deadline,
        "published": notice.publish_date,
    }
    return [Flag(code, message, notice)]
