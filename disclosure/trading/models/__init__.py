from .pages import (
    TRADING_METHODS,
    TRADING_TYPES,
    NoticeAttachment,
    NoticePage,
    ProjectPage,
    TradingIndexPage,
)
from .time_rules import TradingRules

__all__ = [
    "TRADING_METHODS",
    "TRADING_TYPES",
    "NoticeAttachment",
    "NoticePage",
    "ProjectPage",
    "TradingIndexPage",
    "TradingRules",
]
