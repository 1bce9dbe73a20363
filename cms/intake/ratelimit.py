"""Per-client limits on public POSTs, counted in the database.

Limits come from ``settings.INTAKE_RATE_LIMITS``: a scope name mapped to
``(count, seconds)``; the ``"default"`` entry covers unnamed scopes. Each
client's window opens at its first POST and lasts ``seconds``. Counting is a
single UPDATE ... SET count = count + 1, so every worker process and host
sharing the database sees the same count, and parallel POSTs cannot slip
past the limit together.
"""

import datetime
import functools
import hashlib
import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import RateLimitCounter

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


def count_hit(key, seconds):
    """Add one to the counter under ``key`` and return the new count."""
    now = timezone.now()
    expires_at = now + datetime.timedelta(seconds=seconds)
    live = RateLimitCounter.objects.filter(key=key, expires_at__gt=now)
    # The UPDATE locks the row until the block ends, so the count read back
    # is this request's own, not one a parallel request has moved on since.
    with transaction.atomic():
        if live.update(count=F("count") + 1):
            return live.values_list("count", flat=True).get()
        RateLimitCounter.objects.filter(key=key, expires_at__lte=now).delete()
        try:
            with transaction.atomic():
                RateLimitCounter.objects.create(key=key, count=1, expires_at=expires_at)
        except IntegrityError:
            # A parallel request opened the window first: count on top of it.
            return count_hit(key, seconds)
    _forget_expired(now)
    return 1


def _forget_expired(now):
    """Delete windows that have closed; a failure only leaves rows for later."""
    try:
        RateLimitCounter.objects.filter(expires_at__lte=now).delete()
    except DatabaseError:
        logger.warning("Could not delete expired rate-limit counters; will retry")


def hit(request, scope):
    """Count one POST for this client; return False when over the limit."""
    count, seconds = limit_for(scope)
    used = count_hit(f"{scope}:{client_key(request)}", seconds)
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
