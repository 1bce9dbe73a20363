"""Policy interpretations (政策解读), linked to the documents they explain."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models import DatedPage
from cms.searchable import searchable


class InterpretationKind(models.TextChoices):
    TEXT = "text", _("文字解读")
    ILLUSTRATED = "illustrated", _("图文解读")
    VIDEO = "video", _("视频解读")
    INTERVIEW = "interview", _("专家访谈")


@searchable
class InterpretationPage(DatedPage):
    kind = models.CharField(
        _("解读形式"),
        max_length=12,
        choices=InterpretationKind.choices,
        default=InterpretationKind.TEXT,
    )
    author_organ = models.CharField(_("解读机关"), max_length=100, blank=True)
    documents = ParentalManyToManyField(
        "disclosure.DisclosureDocumentPage",
        verbose_name=_("解读的文件"),
        blank=True,
        related_name="interpretations",
    )
    video_url = models.URLField(_("视频地址"), blank=True)
    body = RichTextField(_("正文"), blank=True)
    import_key = models.CharField(
        max_length=100, blank=True, editable=False, db_index=True
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("author_organ"),
                FieldPanel("publish_date"),
                FieldPanel("documents"),
                FieldPanel("video_url"),
            ],
            heading=_("解读信息"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = ["import_key"]

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def live_documents(self):
        return self.documents.live().public().order_by("-publish_date")
