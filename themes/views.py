"""Error pages in the site's own look."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from django.views import defaults

from themes.context_processors import last_seen_look


def page_not_found(request, exception):
    """Render the themed 404 page with the site's header, menu and footer."""
    return defaults.page_not_found(request, exception, "themes/404.html")


def server_error(request):
    """Render the 500 page without the database, which may be what failed.

    No context processors run (they query the database); the site's name and
    look come from the last page this process served on the host.
    """
    hostname, _port = split_domain_port(request.META.get("HTTP_HOST", ""))
    look = last_seen_look(hostname) or {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "theme_name": "classic",
        "primary_colour": "#b5121b",
    }
    return HttpResponseServerError(render_to_string("themes/500.html", look))
