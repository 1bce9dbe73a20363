from django.http import HttpResponse
from django.views.decorators.http import require_GET

from wagtail.models import Site


@require_GET
def robots_txt(request):
    """Tell crawlers to keep out of the admin and where the site's map is."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {root}/sitemap.xml"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
