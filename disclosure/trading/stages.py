"""The stages of a transaction, in the order a project goes through them."""

from django.utils.translation import gettext_lazy as _

ANNOUNCEMENT = "announcement"
QUALIFICATION = "qualification"
CANDIDATES = "candidates"
RESULT = "result"
CONTRACT = "contract"
PERFORMANCE = "performance"
CHANGE = "change"
TERMINATION = "termination"

STAGE_CHOICES = [
    (ANNOUNCEMENT, _("交易公告")),
    (QUALIFICATION, _("资格审查结果")),
    (CANDIDATES, _("中标候选人公示")),
    (RESULT, _("中标（成交）结果")),
    (CONTRACT, _("合同公告")),
    (PERFORMANCE, _("履约信息")),
    (CHANGE, _("变更（更正）公告")),
    (TERMINATION, _("终止公告")),
]
STAGE_LABELS = dict(STAGE_CHOICES)

# The main line a project's timeline shows; changes and a termination may come
# at any point and are listed beside it.
MAIN_LINE = [ANNOUNCEMENT, QUALIFICATION, CANDIDATES, RESULT, CONTRACT, PERFORMANCE]
# Stages a project may legitimately skip (no prequalification, no candidate
# publicity in procurement by inquiry, no performance notice yet).
OPTIONAL = {QUALIFICATION, CANDIDATES, PERFORMANCE}
STAGE_RANK = {stage: rank for rank, stage in enumerate(MAIN_LINE)}

# Notice types as publishers name them, mapped to a stage.
STAGE_ALIASES = {
    ANNOUNCEMENT: ["招标公告", "采购公告", "出让公告", "挂牌公告", "拍卖公告",
                   "交易公告", "竞争性谈判公告", "竞争性磋商公告", "询价公告",
                   "单一来源公示", "资格预审公告"],
    QUALIFICATION: ["资格审查结果", "资格预审结果"],
    CANDIDATES: ["中标候选人公示", "成交候选人公示", "评标结果公示"],
    RESULT: ["中标公告", "成交公告", "成交结果公告", "中标结果公告", "中标结果",
             "成交结果", "结果公告", "交易结果"],
    CONTRACT: ["合同公告", "合同公示"],
    PERFORMANCE: ["履约信息", "履约验收", "验收公告"],
    CHANGE: ["变更公告", "更正公告", "变更（更正）公告", "澄清公告", "补充公告"],
    TERMINATION: ["终止公告", "废标公告", "流标公告", "失败公告"],
}  # fmt: skip
_ALIAS_TO_STAGE = {
    alias: stage for stage, aliases in STAGE_ALIASES.items() for alias in aliases
}


def stage_from_label(label):
    """Return the stage code for a publisher's notice type, or None."""
    label = (label or "").strip()
    if label in STAGE_LABELS:
        return label
    return _ALIAS_TO_STAGE.get(label)


def strip_stage_suffix(title):
    """Drop the notice type from a title to get the project's own name."""
    title = (title or "").strip()
    aliases = sorted(_ALIAS_TO_STAGE, key=len, reverse=True)
    for alias in aliases:
        if title.endswith(alias) and len(title) > len(alias):
            return title[: -len(alias)].rstrip("（(—-_ 　")
    return title
