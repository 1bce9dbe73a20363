"""Answer a database outage with a page that itself needs no database."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from cms.intake.forms import typed_fields

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60


class DatabaseOutageMiddleware:
    """Turn a lost database connection into a 503 that gives back the input.

    Site lookup, routing and page rendering all read the database before a
    form is even looked at, so without this a brief outage is a bare 500 and
    what the person typed is gone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error(
            "Database unavailable for %s %s; answered 503, asked to retry",
            request.method,
            request.path,
            exc_info=exception,
        )
        typed = typed_fields(request.POST) if request.method == "POST" else []
        # No request: context processors would read the database again.
        html = render_to_string(
            "cms/outage.html", {"typed": typed, "path": request.path}
        )
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
