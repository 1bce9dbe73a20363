from django.core.cache import cache

import pytest

from tests.browser.conftest import browser  # noqa: F401 (shared Chromium)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Start each test with no POSTs counted against any client."""
    cache.clear()
    yield
    cache.clear()
