from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("站群平台")

    def ready(self):
        from . import signals  # noqa: F401
        from .demo import sites  # noqa: F401
