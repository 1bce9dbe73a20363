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
from disclosure.forms import InterpretationForm
from disclosure.standards import INTERPRETATION_NODE_CODE


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
    directory_nodes = ParentalManyToManyField(
        "disclosure.DirectoryNode",
        verbose_name=_("公开目录"),
        blank=True,
        related_name="interpretations",
        help_text=_("留空则归入“政策解读”目录。"),
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
                FieldPanel("directory_nodes"),
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
    base_form_class = InterpretationForm

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None and not self.directory_nodes.all():
            self.directory_nodes = default_interpretation_nodes()
        return super().save(*args, **kwargs)

    def live_documents(self):
        return self.documents.live().public().order_by("-publish_date")


def default_interpretation_nodes():
    """Return the standard 政策解读 node, where interpretations go by default."""
    from disclosure.models import DirectoryNode

    node = DirectoryNode.find(None, INTERPRETATION_NODE_CODE)
    return [node] if node else []
