"""The project's URLs plus one view that fails, to reach the 500 handler."""

from django.urls import path

from portal.urls import handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns


def failing_view(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("fail/", failing_view), *portal_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
