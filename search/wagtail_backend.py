"""Wagtail's own search backend, taught to find Chinese inside longer text.

The stock database backends store a run of Chinese characters as one token,
so the admin's page search cannot find 网上政府 inside a title. Queries with
Chinese characters go to modelsearch's substring backend instead; the rest
keep the full-text backend of the database in use.
"""

import re

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.backends.database.fallback import DatabaseSearchBackend

from search.text import CJK

HAS_CJK = re.compile(f"[{CJK}]")


def query_text(query):
    return str(getattr(query, "query_string", query) or "")


class ChineseAwareBackend:
    """Delegate to the database's backend, or to substring search for Chinese."""

    def __init__(self, params):
        self.primary = database_backend(params)
        self.substring = DatabaseSearchBackend(params)

    def __getattr__(self, name):
        return getattr(self.primary, name)

    def backend_for(self, query):
        return self.substring if HAS_CJK.search(query_text(query)) else self.primary

    def search(self, query, model_or_queryset, **kwargs):
        return self.backend_for(query).search(query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return self.backend_for(query).autocomplete(query, model_or_queryset, **kwargs)


SearchBackend = ChineseAwareBackend
