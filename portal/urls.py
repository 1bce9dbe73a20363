from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots-txt"),
    path("disclosure/", include("disclosure.urls")),
    path("trading/", include("disclosure.trading.urls")),
    path("participation/", include("consultation.urls")),
    path("search/", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "themes.views.page_not_found"
handler500 = "themes.views.server_error"
