"""Trading columns, projects and their notices, all Wagtail pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.attachments import attachments_text
from cms.models import DatedPage
from cms.searchable import SearchDocument, searchable
from cms.text import html_to_text
from disclosure.models.documents import CheckedAttachment
from disclosure.trading import stages
from disclosure.trading.forms import NoticePageForm
from disclosure.trading.panels import ProjectStatusPanel

TRADING_TYPES = [
    ("construction", _("工程建设")),
    ("procurement", _("政府采购")),
    ("land_mining", _("土地使用权和矿业权出让")),
    ("state_assets", _("国有产权交易")),
    ("other", _("其他")),
]
TRADING_METHODS = [
    ("open_tender", _("公开招标")),
    ("invited_tender", _("邀请招标")),
    ("negotiation", _("竞争性谈判")),
    ("consultation", _("竞争性磋商")),
    ("inquiry", _("询价")),
    ("single_source", _("单一来源")),
    ("auction", _("拍卖")),
    ("listing", _("挂牌")),
    ("bidding", _("招标拍卖挂牌以外的竞价")),
    ("other", _("其他")),
]
MONEY = {"max_digits": 16, "decimal_places": 2, "null": True, "blank": True}


class TradingIndexPage(Page):
    """A site's trading column: its projects, and on the portal every site's."""

    intro = models.TextField(_("栏目说明"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("每页条数"), default=20)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("per_page")]
    parent_page_types = ["cms.HomePage", "cms.ColumnPage"]
    subpage_types = ["trading.ProjectPage"]

    class Meta:
        verbose_name = _("公共资源交易栏目")

    def serve(self, request, *args, **kwargs):
        from disclosure.trading.views import notice_list

        return notice_list(request, index_page=self)


class ProjectPage(Page):
    transaction_code = models.CharField(
        _("交易编号"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("项目的唯一交易编号；公告原文未载明时留空。"),
    )
    # Notices are grouped by this key on import: the code when there is one,
    # otherwise the project name and purchaser (see importer.group_key).
    group_key = models.CharField(
        _("归组键"), max_length=400, unique=True, editable=False
    )
    trading_type = models.CharField(
        _("交易类型"), max_length=20, choices=TRADING_TYPES, default="procurement"
    )
    region = models.CharField(_("所属地区"), max_length=100, blank=True)
    purchaser = models.CharField(_("采购人（招标人、转让方）"), max_length=200)
    agency = models.CharField(_("代理机构"), max_length=200, blank=True)
    budget = models.DecimalField(_("预算金额或底价（元）"), **MONEY)
    trading_method = models.CharField(
        _("交易方式"), max_length=20, choices=TRADING_METHODS, blank=True
    )
    supervision_body = models.CharField(_("监督部门"), max_length=200, blank=True)
    complaint_channel = models.CharField(
        _("投诉渠道"),
        max_length=300,
        blank=True,
        help_text=_("受理投诉的机关、电话或网址。"),
    )

    content_panels = [
        *Page.content_panels,
        ProjectStatusPanel(heading=_("进度与核查")),
        MultiFieldPanel(
            [
                FieldPanel("transaction_code"),
                FieldPanel("trading_type"),
                FieldPanel("trading_method"),
                FieldPanel("region"),
                FieldPanel("budget"),
            ],
            heading=_("项目信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("purchaser"), FieldPanel("agency")], heading=_("交易主体")
        ),
        MultiFieldPanel(
            [FieldPanel("supervision_body"), FieldPanel("complaint_channel")],
            heading=_("监督与投诉"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("transaction_code"),
        index.SearchField("purchaser"),
        index.FilterField("trading_type"),
    ]
    parent_page_types = ["trading.TradingIndexPage"]
    subpage_types = ["trading.NoticePage"]

    class Meta:
        verbose_name = _("交易项目")

    def clean(self):
        super().clean()
        self.group_key = self.computed_group_key()
        clash = ProjectPage.objects.filter(group_key=self.group_key).exclude(pk=self.pk)
        if clash.exists():
            field = "transaction_code" if self.transaction_code else "title"
            raise ValidationError(
                {field: _("已有交易项目使用相同的交易编号（或相同名称与采购人）。")}
            )

    def save(self, *args, **kwargs):
        self.group_key = self.computed_group_key()
        return super().save(*args, **kwargs)

    def computed_group_key(self):
        """Return the import grouping key: the code once known, else kept."""
        from disclosure.trading.importer import group_key

        if self.transaction_code or not self.group_key:
            return group_key(self.transaction_code, self.title, self.purchaser)
        return self.group_key

    def notices(self):
        """Return the project's published notices, oldest first."""
        return NoticePage.objects.child_of(self).live().order_by("publish_date", "pk")

    @cached_property
    def timeline(self):
        from disclosure.trading.rules import build_timeline

        return build_timeline(self, list(self.notices()))

    def flags(self, rules=None):
        from disclosure.trading.rules import check_project

        return check_project(self, list(self.notices()), rules)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = self.timeline
        return context


@searchable
class NoticePage(DatedPage):
    stage = models.CharField(_("公告类型"), max_length=20, choices=stages.STAGE_CHOICES)
    stage_as_shown = models.CharField(
        _("原文公告名称"), max_length=50, blank=True, help_text=_("如“更正公告”。")
    )
    body = RichTextField(_("正文"), blank=True)
    event_date = models.DateField(
        _("决定或签订日期"),
        null=True,
        blank=True,
        help_text=_(
            "结果公告填确定中标（成交）之日，合同公告填合同签订之日；时限由此起算。"
        ),
    )
    publicity_start = models.DateField(_("公示开始日期"), null=True, blank=True)
    publicity_end = models.DateField(_("公示截止日期"), null=True, blank=True)
    winners = models.TextField(
        _("中标（成交）人或候选人"), blank=True, help_text=_("每行一家。")
    )
    amount = models.DecimalField(_("中标（成交）或合同金额（元）"), **MONEY)
    amount_as_shown = models.CharField(_("金额原文"), max_length=300, blank=True)
    changes = models.ForeignKey(
        "self",
        verbose_name=_("所变更的公告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changed_by",
    )
    # Dates the notice itself cites (first announcement, bid opening...), as
    # printed; the timeline shows them where the cited notice is missing here.
    cited_dates = models.JSONField(_("原文所列日期"), default=dict, blank=True)
    source_url = models.URLField(_("原文地址"), blank=True, max_length=500)
    source_key = models.CharField(
        _("导入记录标识"), max_length=100, blank=True, db_index=True, editable=False
    )
    # The parent project, kept beside the tree so lists can filter and sort by
    # project fields in one query; set on every save from the parent page.
    project = models.ForeignKey(
        ProjectPage,
        verbose_name=_("交易项目"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                FieldPanel("stage_as_shown"),
                FieldPanel("publish_date"),
                FieldPanel("event_date"),
                FieldPanel("changes"),
            ],
            heading=_("公告信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("publicity_start"), FieldPanel("publicity_end")],
            heading=_("公示期"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("winners"),
                FieldPanel("amount"),
                FieldPanel("amount_as_shown"),
            ],
            heading=_("中标（成交）信息"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
        FieldPanel("source_url"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("winners"),
        index.FilterField("stage"),
        index.FilterField("publish_date"),
    ]
    parent_page_types = ["trading.ProjectPage"]
    subpage_types = []
    base_form_class = NoticePageForm

    class Meta:
        verbose_name = _("交易公告")

    def save(self, *args, **kwargs):
        if self.path and self.depth:
            parent = self.get_parent()
            self.project_id = parent.pk if parent else None
        return super().save(*args, **kwargs)

    @property
    def winner_list(self):
        return [line.strip() for line in self.winners.splitlines() if line.strip()]

    @property
    def publicity_days(self):
        """Count the publicity period in calendar days, both ends included."""
        if not (self.publicity_start and self.publicity_end):
            return None
        return (self.publicity_end - self.publicity_start).days + 1

    def clean(self):
        super().clean()
        if (
            self.publicity_start
            and self.publicity_end
            and self.publicity_end < self.publicity_start
        ):
            raise ValidationError({"publicity_end": _("公示截止日期早于开始日期。")})
        if self.changes_id and self.stage != stages.CHANGE:
            raise ValidationError(
                {"changes": _("只有变更（更正）公告可指向被变更的公告。")}
            )
        if self.changes_id and self.changes_id == self.pk:
            raise ValidationError({"changes": _("公告不能变更自身。")})
        if self.changes_id and not self._changes_a_sibling():
            raise ValidationError(
                {"changes": _("只能变更（更正）同一交易项目下的公告。")}
            )

    def _changes_a_sibling(self):
        if not self.path:
            # Not in the tree yet: the admin form keeps the choice to siblings.
            return True
        changed = NoticePage.objects.filter(pk=self.changes_id).first()
        parent_path = self.path[: -self.steplen]
        return changed is not None and changed.path[: -self.steplen] == parent_path

    def search_document(self):
        project = ProjectPage.objects.filter(pk=self.project_id).first()
        identifiers = (
            [project.transaction_code] if project and project.transaction_code else []
        )
        return SearchDocument(
            title=self.title,
            body=html_to_text(self.body),
            date=self.publish_date,
            kind=str(stages.STAGE_LABELS.get(self.stage, self._meta.verbose_name)),
            organ=project.purchaser if project else "",
            topic=str(_("公共资源交易")),
            identifiers=identifiers,
            attachment_text=attachments_text(self),
        )


class NoticeAttachment(CheckedAttachment):
    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("显示名称"), max_length=200, blank=True, help_text=_("留空则使用文件标题。")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
