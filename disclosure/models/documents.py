"""Disclosure documents (政府信息公开文件) and their legal metadata."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.attachments import attachments_text
from cms.models import DatedPage, SiteIdentity
from cms.searchable import SearchDocument, searchable
from cms.text import html_to_text
from disclosure.document_numbers import (
    normalise_document_number,
    validate_document_number,
)
from disclosure.forms import DisclosureDocumentForm

from .numbering import allocate_index_number

logger = logging.getLogger(__name__)

GENRES = [
    (name, name)
    for name in (
        "决议",
        "决定",
        "命令（令）",
        "公报",
        "公告",
        "通告",
        "意见",
        "通知",
        "通报",
        "报告",
        "请示",
        "批复",
        "议案",
        "函",
        "纪要",
        "其他",
    )
]


class Category(models.TextChoices):
    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


def today():
    return timezone.localdate()


def validity_q(validity, day=None):
    """Return a filter for documents whose validity on ``day`` is ``validity``.

    The stored state goes stale between runs of the daily expiry job; the
    dates decide as well, so an expired-by-date document never shows in force.
    """
    day = day or today()
    repealed = Q(validity=Validity.REPEALED) | Q(repealed_on__lte=day)
    expired = Q(validity=Validity.EXPIRED) | Q(expires_on__lte=day)
    if validity == Validity.REPEALED:
        return repealed
    if validity == Validity.EXPIRED:
        return expired & ~repealed
    return ~repealed & ~expired


@searchable
class DisclosureDocumentPage(DatedPage):
    index_number = models.CharField(
        _("索引号"), max_length=60, unique=True, null=True, blank=True, editable=False
    )
    topic = models.ForeignKey(
        "disclosure.Topic",
        verbose_name=_("主题分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    genre = models.CharField(_("体裁分类"), max_length=10, choices=GENRES, blank=True)
    category = models.CharField(
        _("文件类别"), max_length=10, choices=Category.choices, default=Category.OTHER
    )
    issuing_organs = ParentalManyToManyField(
        "disclosure.IssuingOrgan", verbose_name=_("发文机关"), blank=True
    )
    document_number = models.CharField(
        _("发文字号"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_("如 南府规〔2019〕5号；[]、()、【】会自动改为〔〕。"),
    )
    written_date = models.DateField(_("成文日期"), null=True, blank=True)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    directory_nodes = ParentalManyToManyField(
        "disclosure.DirectoryNode", verbose_name=_("公开目录"), blank=True
    )
    validity = models.CharField(
        _("有效性"), max_length=10, choices=Validity.choices, default=Validity.IN_FORCE
    )
    effective_date = models.DateField(_("施行日期"), null=True, blank=True)
    expires_on = models.DateField(
        _("失效日期"),
        null=True,
        blank=True,
        help_text=_("到期后由每日任务自动标为失效。"),
    )
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    needs_interpretation = models.BooleanField(
        _("需要政策解读"),
        default=False,
        help_text=_("发布后 3 个工作日内未关联解读的，列入解读缺失报表。"),
    )
    body = RichTextField(_("正文"), blank=True)
    import_key = models.CharField(
        max_length=100, blank=True, editable=False, db_index=True
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("genre")]),
                FieldPanel("issuing_organs"),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("category")]),
                FieldPanel("keywords"),
                FieldPanel("directory_nodes"),
            ],
            heading=_("文件信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("validity"),
                FieldRowPanel(
                    [
                        FieldPanel("effective_date"),
                        FieldPanel("expires_on"),
                        FieldPanel("repealed_on"),
                    ]
                ),
                FieldPanel("replaced_by"),
                FieldPanel("needs_interpretation"),
            ],
            heading=_("有效性"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("document_number"),
        index.SearchField("keywords"),
        index.SearchField("body"),
        index.FilterField("publish_date"),
    ]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = ["index_number", "import_key"]
    base_form_class = DisclosureDocumentForm

    class Meta:
        verbose_name = _("信息公开文件")
        verbose_name_plural = _("信息公开文件")

    def clean(self):
        super().clean()
        self.document_number = normalise_document_number(self.document_number)
        errors = self.rule_errors()
        if errors:
            raise ValidationError(errors)

    def rule_errors(self):
        """Return ``{field: [messages]}`` for each metadata rule broken."""
        errors = {}
        try:
            validate_document_number(self.document_number)
        except ValidationError as error:
            errors["document_number"] = error.messages
        errors.update(self.date_errors())
        errors.update(self.validity_errors())
        return errors

    def date_errors(self):
        errors = {}
        now = today()
        if self.written_date and self.written_date > now:
            errors["written_date"] = [_("成文日期不能晚于今天。")]
        if self.publish_date and self.publish_date > now:
            errors["publish_date"] = [_("发布日期不能晚于今天。")]
        if (
            self.written_date
            and self.publish_date
            and self.written_date > self.publish_date
        ):
            errors["written_date"] = [_("成文日期不能晚于发布日期。")]
        return errors

    def validity_errors(self):
        errors = {}
        if self.validity == Validity.REPEALED and not self.repealed_on:
            errors["repealed_on"] = [_("废止的文件需填写废止日期。")]
        if self.validity == Validity.EXPIRED and not self.expires_on:
            errors["expires_on"] = [_("失效的文件需填写失效日期。")]
        if self.replaced_by_id and self.validity == Validity.IN_FORCE:
            errors["replaced_by"] = [_("有效文件不能有替代文件；请先标为废止或失效。")]
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = [_("文件不能替代自身。")]
        return errors

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self._keep_stored_index_number()
            super().save(*args, **kwargs)
            if self.live and not self.index_number:
                self._assign_index_number()

    def _keep_stored_index_number(self):
        # Publishing an old draft revision must not change or drop the number.
        if self.pk:
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list("index_number", flat=True)
                .first()
            )
            if stored:
                self.index_number = stored

    def _assign_index_number(self):
        site = self.get_site()
        identity = SiteIdentity.for_site(site) if site else None
        if not identity or not identity.organisation_code:
            logger.warning(
                "No organisation code for page pk=%s; index number left empty", self.pk
            )
            return
        number = allocate_index_number(
            identity.organisation_code,
            self.publish_date.year,
            lambda candidate: (
                type(self).objects.filter(index_number=candidate).exists()
            ),
        )
        type(self).objects.filter(pk=self.pk).update(index_number=number)
        self.index_number = number
        logger.info("Document pk=%s got index number %s", self.pk, number)

    def organ_names(self):
        return "、".join(organ.name for organ in self.issuing_organs.all())

    def validity_on(self, day=None):
        """Return the validity on ``day`` (today): see ``validity_q``."""
        day = day or today()
        if self.validity == Validity.REPEALED or (
            self.repealed_on and self.repealed_on <= day
        ):
            return Validity.REPEALED
        if self.validity == Validity.EXPIRED or (
            self.expires_on and self.expires_on <= day
        ):
            return Validity.EXPIRED
        return Validity.IN_FORCE

    @property
    def current_validity_label(self):
        return Validity(self.validity_on()).label

    def is_in_force_on(self, day):
        """Return whether the document was in force on ``day``."""
        ends = [date for date in (self.repealed_on, self.expires_on) if date]
        if ends:
            return day < min(ends)
        return self.validity == Validity.IN_FORCE

    def live_interpretations(self):
        return self.interpretations.live().public().order_by("-publish_date")

    def search_document(self):
        return SearchDocument(
            title=self.title,
            body=html_to_text(self.body),
            date=self.publish_date,
            kind=str(self._meta.verbose_name),
            organ=self.organ_names(),
            topic=str(self.topic) if self.topic_id else "",
            identifiers=[
                value for value in (self.index_number, self.document_number) if value
            ],
            attachment_text=attachments_text(self),
        )


def validate_attachment(document):
    """Check an attached file's type and size against the disclosure limits."""
    extension = (document.file_extension or "").lower()
    allowed = settings.DISCLOSURE_ATTACHMENT_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("附件类型 %(ext)s 不允许，仅支持：%(allowed)s。"),
            params={"ext": extension or "?", "allowed": "、".join(allowed)},
            code="attachment_type",
        )
    try:
        size = document.file.size
    except OSError as error:
        raise ValidationError(
            _("附件文件无法读取。"), code="attachment_missing"
        ) from error
    limit = settings.DISCLOSURE_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("附件大小 %(size)s MB 超过上限 %(limit)s MB。"),
            params={
                "size": round(size / 1048576, 1),
                "limit": round(limit / 1048576, 1),
            },
            code="attachment_size",
        )


class CheckedAttachment(Orderable):
    """An attached file of an allowed type and size, shown under its title."""

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.title or self.document.title

    def clean(self):
        if self.document_id:
            try:
                validate_attachment(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error.messages}) from error


class DocumentAttachment(CheckedAttachment):
    page = ParentalKey(
        DisclosureDocumentPage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("文件"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
