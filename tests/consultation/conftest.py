from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Start each test with no POSTs counted against any client."""
    cache.clear()
    yield
    cache.clear()
