from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """POSTs one client has made in one scope since its window opened.

    ``cms.intake.ratelimit`` adds to ``count`` with a single UPDATE, so
    parallel requests cannot read the same old count and all pass.
    """

    key = models.CharField(_("计数标识"), max_length=100, unique=True)
    count = models.PositiveIntegerField(_("次数"), default=0)
    expires_at = models.DateTimeField(_("失效时间"), db_index=True)

    class Meta:
        verbose_name = _("提交频率计数")
        verbose_name_plural = _("提交频率计数")

    def __str__(self):
        return self.key
