from django.core.cache import cache
from django.core.management import call_command

from wagtail.models import Site

import pytest

DEMO_PORT = 80


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo sites once; each test then runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("load_demo", port=DEMO_PORT, no_progress=True, verbosity=0)


@pytest.fixture(autouse=True)
def fresh_default_cache():
    """Forget cached lookups, such as Wagtail's site root paths, between tests.

    A test's rolled-back transaction does not roll back the cache, so sites a
    test created or deleted would otherwise linger for the next test.
    """
    yield
    cache.clear()


@pytest.fixture
def sites(db):
    """The demo sites keyed by their subdomain."""
    return {site.hostname.split(".")[0]: site for site in Site.objects.all()}


@pytest.fixture
def portal(sites):
    return sites["nanning"]


def host_of(site):
    return site.hostname if site.port == DEMO_PORT else f"{site.hostname}:{site.port}"
