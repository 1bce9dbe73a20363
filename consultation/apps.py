from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("公众参与")

    def ready(self):
        from . import demo  # noqa: F401
