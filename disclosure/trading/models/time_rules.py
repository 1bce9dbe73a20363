"""The time limits a supervisor checks every project against."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="time")
class TradingRules(BaseGenericSetting):
    """Time limits the supervisor report checks every project against."""

    min_publicity_days = models.PositiveSmallIntegerField(
        _("中标候选人公示最少天数"),
        default=3,
        help_text=_("按自然日计，含公示起止当日。"),
    )
    result_within_working_days = models.PositiveSmallIntegerField(
        _("结果公告时限（工作日）"),
        default=2,
        help_text=_("自确定中标（成交）之日起，按工作日历计。"),
    )
    contract_within_working_days = models.PositiveSmallIntegerField(
        _("合同公告时限（工作日）"),
        default=2,
        help_text=_("自合同签订之日起，按工作日历计。"),
    )

    panels = [
        FieldPanel("min_publicity_days"),
        FieldPanel("result_within_working_days"),
        FieldPanel("contract_within_working_days"),
    ]

    class Meta:
        verbose_name = _("交易公告时限规则")

    def __str__(self):
        return str(self._meta.verbose_name)
