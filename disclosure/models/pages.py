"""A site's disclosure home (信息公开) and its annual reports."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

LATEST_ON_HOME = 10
REQUEST_URL_MESSAGE = _(
    "请填写以 http:// 或 https:// 开头的网址，或以 / 开头的本站路径。"
)


def validate_request_url(value):
    """Accept an http(s) address or a path on this site, nothing a browser runs."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return
    URLValidator(schemes=["http", "https"], message=REQUEST_URL_MESSAGE)(value)


def is_safe_request_url(value):
    try:
        validate_request_url(value)
    except ValidationError:
        return False
    return True


class DisclosureIndexPage(Page):
    intro = models.TextField(_("简介"), blank=True)
    guide = RichTextField(_("政府信息公开指南"), blank=True)
    rules = RichTextField(_("政府信息公开制度"), blank=True)
    request_url = models.CharField(
        _("依申请公开地址"),
        max_length=200,
        blank=True,
        validators=[validate_request_url],
        help_text=_(
            "申请公开政府信息的页面地址：http(s) 网址，或以 / 开头的本站路径。"
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("guide"), FieldPanel("rules"), FieldPanel("request_url")],
            heading=_("公开指南与制度"),
        ),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = [
        "disclosure.DisclosureDocumentPage",
        "disclosure.InterpretationPage",
        "disclosure.AnnualReportPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("政府信息公开")

    @property
    def safe_request_url(self):
        """Return the request address if it may be a link; stored data may not."""
        return self.request_url if is_safe_request_url(self.request_url) else ""

    def get_context(self, request, *args, **kwargs):
        from disclosure.directory import directory_tree
        from disclosure.models import DisclosureDocumentPage, InterpretationPage

        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        context["tree"] = directory_tree(site)
        context["latest_documents"] = (
            DisclosureDocumentPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-publish_date", "-pk")[:LATEST_ON_HOME]
        )
        context["interpretations"] = (
            InterpretationPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-publish_date", "-pk")[:LATEST_ON_HOME]
        )
        context["annual_reports"] = (
            AnnualReportPage.objects.child_of(self).live().public().order_by("-year")
        )
        return context


class AnnualReportPage(Page):
    """年度报告 in the 2021 format: six sections, tables frozen at generation."""

    year = models.PositiveSmallIntegerField(_("报告年度"))
    overview = RichTextField(_("一、总体情况"), blank=True)
    proactive_text = RichTextField(_("二、主动公开政府信息情况（说明）"), blank=True)
    requests_text = RichTextField(
        _("三、收到和处理政府信息公开申请情况（说明）"), blank=True
    )
    review_text = RichTextField(
        _("四、政府信息公开行政复议、行政诉讼情况（说明）"), blank=True
    )
    problems = RichTextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = RichTextField(_("六、其他需要报告的事项"), blank=True)
    tables = models.JSONField(_("统计表"), default=dict, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("year", read_only=True),
        FieldPanel("overview"),
        FieldPanel("proactive_text"),
        FieldPanel("requests_text"),
        FieldPanel("review_text"),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")

    def get_context(self, request, *args, **kwargs):
        from disclosure.annual_report import (
            request_table_layout,
            review_table_layout,
            year_on_year_chart,
        )

        context = super().get_context(request, *args, **kwargs)
        context["chart_svg"] = year_on_year_chart(self.tables)
        context["request_header"], context["request_rows"] = request_table_layout(
            self.tables.get("requests")
        )
        context["review_header"], context["review_values"] = review_table_layout(
            self.tables.get("review")
        )
        return context
