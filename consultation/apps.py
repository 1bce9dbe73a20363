from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("公众参与")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import demo, signals  # noqa: F401

        post_migrate.connect(signals.grant_existing_site_roles, sender=self)
