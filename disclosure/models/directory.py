"""The standard disclosure directory and the topic taxonomy."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from disclosure.forms import DirectoryNodeForm

CODE_SEPARATOR = "."
# What a site adds after its parent's code and the separator: 01, 2a, 01.03.
SITE_CODE_SUFFIX = re.compile(r"^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*$")


class DirectoryNode(models.Model):
    """A node of 主动公开基本目录: platform standard when ``site`` is empty."""

    site = models.ForeignKey(
        Site,
        verbose_name=_("站点"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="directory_nodes",
        help_text=_("留空表示平台标准目录节点，各站点通用。"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级节点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(
        _("目录编码"),
        max_length=40,
        blank=True,
        help_text=_("站点节点的编码由系统在上级编码后自动编排。"),
    )
    name = models.CharField(_("名称"), max_length=100)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    base_form_class = DirectoryNodeForm

    class Meta:
        verbose_name = _("公开目录节点")
        verbose_name_plural = _("公开目录")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(site__isnull=True),
                name="unique_standard_directory_code",
            ),
            models.UniqueConstraint(
                fields=["site", "code"], name="unique_site_directory_code"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_standard(self):
        return self.site_id is None

    def clean(self):
        if self.pk:
            self._check_code_kept()
        if self.is_standard:
            if not self.code:
                raise ValidationError({"code": _("标准目录节点必须有编码。")})
            self._check_not_taken_by_sites()
            return
        if self.parent is None:
            raise ValidationError({"parent": _("站点节点必须挂在标准目录节点之下。")})
        if self.parent.site_id not in (None, self.site_id):
            raise ValidationError({"parent": _("上级节点属于其他站点。")})
        if self.code:
            self._check_site_code()

    def _check_site_code(self):
        prefix = f"{self.parent.code}{CODE_SEPARATOR}"
        suffix = self.code.removeprefix(prefix)
        if not self.code.startswith(prefix) or not SITE_CODE_SUFFIX.match(suffix):
            raise ValidationError(
                {
                    "code": _(
                        "站点节点的编码应以上级编码 %(prefix)s 开头，后接字母或数字"
                        "（如 %(example)s）；留空则自动编排。"
                    )
                    % {"prefix": prefix, "example": f"{prefix}01"}
                }
            )
        if DirectoryNode.objects.filter(site=None, code=self.code).exists():
            raise ValidationError({"code": _("编码与标准目录节点相同。")})
        taken = DirectoryNode.objects.filter(site=self.site_id, code=self.code)
        if taken.exclude(pk=self.pk).exists():
            raise ValidationError({"code": _("本站点已有使用该编码的节点。")})

    def _check_not_taken_by_sites(self):
        # The same code must mean the same node on every site.
        used = DirectoryNode.objects.filter(site__isnull=False, code=self.code)
        if used.exclude(pk=self.pk).exists():
            raise ValidationError({"code": _("已有站点节点使用该编码。")})

    def _check_code_kept(self):
        stored = DirectoryNode.objects.filter(pk=self.pk).values("code", "site")
        stored = stored.first()
        if stored and stored["site"] is None and stored["code"] != self.code:
            raise ValidationError({"code": _("标准目录编码不可修改。")})
        if stored and stored["site"] != self.site_id:
            raise ValidationError({"site": _("节点不能移到其他站点。")})

    def save(self, *args, **kwargs):
        if not self.is_standard and not self.code:
            self.code = self._next_child_code()
        super().save(*args, **kwargs)

    def _next_child_code(self):
        prefix = f"{self.parent.code}{CODE_SEPARATOR}"
        taken = set(
            DirectoryNode.objects.filter(
                site=self.site, code__startswith=prefix
            ).values_list("code", flat=True)
        )
        serial = 1
        while f"{prefix}{serial:02d}" in taken:
            serial += 1
        return f"{prefix}{serial:02d}"

    @classmethod
    def for_site(cls, site):
        """Return the standard nodes and the site's own, in code order."""
        return cls.objects.filter(Q(site__isnull=True) | Q(site=site))

    @classmethod
    def find(cls, site, code):
        """Return the node a site means by ``code``, the standard one first.

        Data saved before site codes were checked may hold a site node with a
        standard code; the standard node wins so that lookups never fail.
        """
        nodes = cls.for_site(site) if site else cls.objects.filter(site=None)
        return (
            nodes.filter(code=code)
            .order_by(models.F("site").asc(nulls_first=True), "pk")
            .first()
        )


class Topic(models.Model):
    """A 主题分类 entry of the State Council taxonomy (two levels)."""

    name = models.CharField(_("名称"), max_length=60)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级主题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["parent_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="unique_topic_under_parent"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True),
                name="unique_top_level_topic",
            ),
        ]

    def __str__(self):
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    @classmethod
    def from_label(cls, label):
        """Return the topic for ``一级 / 二级`` text, creating the second level."""
        parts = [part.strip() for part in (label or "").split("/") if part.strip()]
        if not parts:
            return None
        top = cls.objects.filter(parent=None, name=parts[0]).first()
        if top is None or len(parts) == 1:
            return top
        child, _created = cls.objects.get_or_create(parent=top, name=parts[1])
        return child


class IssuingOrgan(models.Model):
    name = models.CharField(_("发文机关"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("发文机关")
        verbose_name_plural = _("发文机关")
        ordering = ["name"]

    def __str__(self):
        return self.name
