"""The page types every site is built from: home, column and article."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.attachments import attachments_text
from cms.searchable import SearchDocument, searchable
from cms.text import html_to_text

COLUMN_KINDS = [
    ("news", _("动态类（两周内应更新）")),
    ("notice", _("通知公告类（六个月内应更新）")),
    ("policy", _("政策文件类（六个月内应更新）")),
    ("other", _("其他")),
]
HOME_ITEMS_PER_COLUMN = 6


class DatedPage(Page):
    """A content page with the date that readers see and lists sort by.

    Lists and feeds order every content type by ``first_published_at``; this
    keeps it equal to the date the organ gave the item, so an imported 2017
    document sorts as 2017, not as the day it was loaded.
    """

    publish_date = models.DateField(_("发布日期"), default=datetime.date.today)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.publish_date:
            self.first_published_at = timezone.make_aware(
                datetime.datetime.combine(self.publish_date, datetime.time(9))
            )
        return super().save(*args, **kwargs)

    def search_document(self):
        return SearchDocument(
            title=self.title,
            body=html_to_text(getattr(self, "body", "")),
            date=self.publish_date,
            kind=str(self._meta.verbose_name),
            organ=getattr(self, "author_organ", ""),
            attachment_text=attachments_text(self),
        )

    @property
    def feed_summary(self):
        return self.search_description or Truncator(
            html_to_text(getattr(self, "body", ""))
        ).chars(140)


class HomePage(Page):
    intro = models.CharField(_("网站简介"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("网站首页")

    def home_columns(self):
        columns = ColumnPage.objects.child_of(self).live().filter(show_on_home=True)
        return [
            (column, column.latest_items(HOME_ITEMS_PER_COLUMN)) for column in columns
        ]


class ColumnPage(RoutablePageMixin, Page):
    intro = models.TextField(_("栏目说明"), blank=True)
    kind = models.CharField(
        _("栏目类型"), max_length=10, choices=COLUMN_KINDS, default="other"
    )
    show_on_home = models.BooleanField(_("在首页显示"), default=False)
    per_page = models.PositiveSmallIntegerField(_("每页条数"), default=20)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("show_on_home"), FieldPanel("per_page")],
            heading=_("栏目设置"),
        ),
    ]
    parent_page_types = ["cms.HomePage", "cms.ColumnPage"]

    class Meta:
        verbose_name = _("栏目")

    def items(self):
        """Return the column's published content, newest first."""
        return (
            Page.objects.child_of(self)
            .live()
            .public()
            .not_type(ColumnPage)
            .order_by("-first_published_at", "-pk")
        )

    def latest_items(self, count):
        return list(self.items().specific()[:count])

    def sub_columns(self):
        return ColumnPage.objects.child_of(self).live().public()

    @path("")
    def index_route(self, request):
        paginator = Paginator(self.items().specific(), self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"page_obj": page_obj})

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from cms.feeds import ColumnRssFeed

        return ColumnRssFeed()(request, column=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from cms.feeds import ColumnAtomFeed

        return ColumnAtomFeed()(request, column=self)


@searchable
class ArticlePage(DatedPage):
    subtitle = models.CharField(_("副标题"), max_length=200, blank=True)
    source = models.CharField(_("来源"), max_length=100, blank=True)
    author_organ = models.CharField(_("发布机构"), max_length=100, blank=True)
    body = RichTextField(_("正文"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [
                FieldPanel("publish_date"),
                FieldPanel("source"),
                FieldPanel("author_organ"),
            ],
            heading=_("发布信息"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
        InlinePanel("related_links", label=_("相关链接")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.FilterField("publish_date"),
    ]
    parent_page_types = ["cms.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("文章")


class ArticleAttachment(Orderable):
    page = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("显示名称"), max_length=200, blank=True, help_text=_("留空则使用文件标题。")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self):
        return self.title or self.document.title


class ArticleRelatedLink(Orderable):
    page = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="related_links"
    )
    title = models.CharField(_("链接标题"), max_length=200)
    url = models.URLField(_("外部地址"), blank=True)
    linked_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("站内页面"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("linked_page")]

    def __str__(self):
        return self.title

    @property
    def href(self):
        return self.linked_page.url if self.linked_page else self.url

    def clean(self):
        from django.core.exceptions import ValidationError

        if bool(self.url) == bool(self.linked_page):
            raise ValidationError(_("请填写外部地址或选择站内页面，二者选其一。"))
