"""What identifies each site, and what the platform switches for all of them."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import (
    BaseGenericSetting,
    BaseSiteSetting,
    register_setting,
)
from wagtail.models import Collection, Site, Workflow

from cms import validators

THEME_CHOICES = [
    ("classic", _("经典红（门户风格）")),
    ("clear", _("清新蓝（简洁风格）")),
]


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    site_name = models.CharField(_("网站名称"), max_length=100)
    site_code = models.CharField(
        _("网站标识码"),
        max_length=10,
        validators=[validators.validate_site_code],
        help_text=_("6位行政区划代码加4位顺序号，或 bm 加8位数字。"),
    )
    icp_number = models.CharField(
        _("ICP备案号"), max_length=40, validators=[validators.validate_icp_number]
    )
    police_filing_number = models.CharField(
        _("公安机关备案号"),
        max_length=40,
        validators=[validators.validate_police_filing_number],
    )
    organiser = models.CharField(_("主办单位"), max_length=100)
    operator = models.CharField(_("承办单位"), max_length=100)
    address = models.CharField(_("联系地址"), max_length=200)
    phone = models.CharField(
        _("联系电话"), max_length=30, validators=[validators.validate_phone]
    )
    organisation_code = models.CharField(
        _("组织机构代码"),
        max_length=18,
        validators=[validators.validate_organisation_code],
        help_text=_("用于生成索引号：9位组织机构代码或18位统一社会信用代码。"),
    )
    theme = models.CharField(
        _("主题"), max_length=20, choices=THEME_CHOICES, default="classic"
    )
    primary_colour = models.CharField(
        _("主色"),
        max_length=7,
        default="#b5121b",
        validators=[validators.validate_hex_colour, validators.validate_primary_colour],
        help_text=_("白色文字在主色上的对比度须不低于 4.5:1（无障碍 AA）。"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("site_code")], heading=_("网站")
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("operator"),
                FieldPanel("organisation_code"),
                FieldPanel("address"),
                FieldPanel("phone"),
            ],
            heading=_("主办与承办"),
        ),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("police_filing_number")],
            heading=_("备案"),
        ),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("primary_colour")], heading=_("外观")
        ),
    ]

    class Meta:
        verbose_name = _("网站标识")

    def __str__(self):
        return self.site_name

    def clean(self):
        # Index numbers are built from this code, so one spelling only.
        self.organisation_code = (self.organisation_code or "").upper()

    @property
    def is_complete(self):
        return all(
            getattr(self, field.name)
            for field in self._meta.concrete_fields
            if not field.blank and field.name not in ("id", "site")
        )


@register_setting(icon="cogs")
class PlatformSettings(BaseGenericSetting):
    mourning_mode = models.BooleanField(
        _("哀悼模式"),
        default=False,
        help_text=_("开启后所有站点以灰色显示，用于全国性哀悼日。"),
    )
    elderly_mode_default = models.BooleanField(
        _("默认开启适老化模式"),
        default=False,
        help_text=_("开启后所有站点默认使用大字号，读者仍可自行切换。"),
    )

    panels = [FieldPanel("mourning_mode"), FieldPanel("elderly_mode_default")]

    class Meta:
        verbose_name = _("平台设置")

    def __str__(self):
        return str(self._meta.verbose_name)


class SiteRoles(models.Model):
    """The groups, workflow and collection that each site gets when created."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="roles")
    editors = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("编辑组")
    )
    reviewers = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("审核组")
    )
    workflow = models.ForeignKey(
        Workflow, on_delete=models.PROTECT, related_name="+", verbose_name=_("审核流程")
    )
    collection = models.ForeignKey(
        Collection, on_delete=models.PROTECT, related_name="+", verbose_name=_("文件夹")
    )

    class Meta:
        verbose_name = _("站点角色")

    def __str__(self):
        return str(self.site)
