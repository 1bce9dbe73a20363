from .calendar import CalendarDay
from .identity import PlatformSettings, SiteIdentity, SiteRoles
from .intake import RateLimitCounter
from .pages import (
    ArticleAttachment,
    ArticlePage,
    ArticleRelatedLink,
    ColumnPage,
    DatedPage,
    HomePage,
)
from .workflows import ReviewStepTask

__all__ = [
    "ArticleAttachment",
    "ArticlePage",
    "CalendarDay",
    "ArticleRelatedLink",
    "ColumnPage",
    "DatedPage",
    "HomePage",
    "PlatformSettings",
    "RateLimitCounter",
    "ReviewStepTask",
    "SiteIdentity",
    "SiteRoles",
]
