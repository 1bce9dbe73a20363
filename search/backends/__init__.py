"""Choose the configured search backend; the database is always there."""

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.database import DatabaseBackend


def config():
    return {
        "BACKEND": "database",
        "URL": "",
        "INDEX": "portal-search",
        "REFRESH": False,
        "SYNONYMS": {},
        **getattr(settings, "PORTAL_SEARCH", {}),
    }


def database_backend():
    return DatabaseBackend()


ENGINES = {
    "opensearch": "search.backends.opensearch.OpenSearchBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


def engine_backend():
    """Return the configured search engine, or None for the database alone."""
    conf = config()
    path = ENGINES.get(conf["BACKEND"])
    if path is None or not conf["URL"]:
        return None
    backend_class = import_string(path)
    return backend_class(conf["URL"], index=conf["INDEX"], refresh=conf["REFRESH"])
