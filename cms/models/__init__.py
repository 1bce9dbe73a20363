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
    "SiteIdentity",
    "SiteRoles",
]
