from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradingConfig(AppConfig):
    name = "disclosure.trading"
    label = "trading"
    verbose_name = _("公共资源交易")

    def ready(self):
        from . import demo, signals  # noqa: F401
