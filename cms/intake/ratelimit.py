"""Per-client limits on public POSTs, counted in Django's cache.

Limits come from ``settings.INTAKE_RATE_LIMITS``: a scope name mapped to
``(count, seconds)``; the ``"default"`` entry covers unnamed scopes.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = (5, 600)
RATE_LIMITED_MESSAGE = _("提交过于频繁，请稍后再试。您填写的内容已保留。")


def limit_for(scope):
    limits = getattr(settings, "INTAKE_RATE_LIMITS", {})
    return tuple(limits.get(scope) or limits.get("default") or DEFAULT_LIMIT)


def client_address(request):
    """Return the client's address, from the proxy's header when one is trusted.

    Behind a reverse proxy every request comes from the proxy itself; set
    ``INTAKE_CLIENT_IP_HEADER`` (e.g. ``HTTP_X_REAL_IP``) to the header that
    proxy sets, and only then, since clients can send any header themselves.
    """
    header = getattr(settings, "INTAKE_CLIENT_IP_HEADER", "")
    forwarded = request.META.get(header, "") if header else ""
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def client_key(request):
    """Return an opaque key for the client; the address itself is not stored."""
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def _cache():
    return caches[getattr(settings, "INTAKE_RATE_LIMIT_CACHE", "default")]


def hit(request, scope):
    """Count one POST for this client; return False when over the limit."""
    count, seconds = limit_for(scope)
    key = f"intake-rl:{scope}:{client_key(request)}"
    cache = _cache()
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: this is the first hit.
        cache.set(key, 1, timeout=seconds)
        used = 1
    if used > count:
        logger.info("Rate limit reached scope=%s", scope)
        return False
    return True


def rate_limit(scope, template="cms/intake/rate_limited.html"):
    """Refuse a view's POSTs over the scope's limit with a 429 page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not hit(request, scope):
                return render(
                    request,
                    template,
                    {"message": RATE_LIMITED_MESSAGE},
                    status=429,
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
