"""Choose the configured search backend; the database is always there."""

from django.conf import settings

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


def engine_backend():
    """Return the configured search engine, or None for the database alone."""
    conf = config()
    if conf["BACKEND"] != "opensearch" or not conf["URL"]:
        return None
    from search.backends.opensearch import OpenSearchBackend

    return OpenSearchBackend(conf["URL"], index=conf["INDEX"], refresh=conf["REFRESH"])
