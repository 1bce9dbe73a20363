from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("站群平台")

    def ready(self):
        from wagtail.sites import views as site_views

        from . import signals  # noqa: F401
        from .demo import sites  # noqa: F401
        from .forms import SiteHostForm

        # Wagtail's site viewset has no setting for its form; replacing the
        # name it looks up is the smallest way to validate host names there.
        site_views.SiteForm = SiteHostForm
