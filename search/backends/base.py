"""What every backend takes and returns."""

from dataclasses import dataclass, field

FACETS = ("site", "kind", "year", "organ", "topic")


@dataclass
class SearchRequest:
    parsed: object  # search.query.ParsedQuery
    filters: dict = field(default_factory=dict)  # facet name -> value
    site_id: int | None = None  # None searches every site
    sort: str = "relevance"  # or "date"
    offset: int = 0
    limit: int = 10
    exclude_ids: list = field(default_factory=list)


@dataclass
class SearchHits:
    ids: list  # SearchEntry ids of this page, best first
    total: int
    facets: dict  # facet name -> [(value, count)]
    # False when total is a lower bound: more items match than were counted.
    total_exact: bool = True
    # Relevance was asked for, but so many items match that the newest come
    # first (the database backend's MAX_MATCHES).
    by_date_instead: bool = False


class SearchUnavailable(Exception):
    """The search engine cannot answer; the caller falls back to the database."""
