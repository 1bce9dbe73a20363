"""Comment solicitations (意见征集): the draft, the comments, the feedback."""

import datetime
import logging
from collections import Counter

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.attachments import attachments_text
from cms.intake.masking import mask_name, redact_contacts
from cms.intake.sanitize import ugc_links
from cms.models.pages import DatedPage
from cms.searchable import SearchDocument, searchable
from cms.text import html_to_text
from consultation.admin_forms import CommentAdminForm

logger = logging.getLogger(__name__)

MINIMUM_OPEN_DAYS = 30
STATUS_CHOICES = [
    ("upcoming", _("未开始")),
    ("open", _("征集中")),
    ("closed", _("已结束")),
    ("feedback", _("已反馈")),
]
ADOPTION_CHOICES = [
    ("adopted", _("采纳")),
    ("partly", _("部分采纳")),
    ("not_adopted", _("未采纳")),
]
RECEIPT_SESSION_KEY = "consultation-receipt"


def default_closes_at():
    return timezone.now() + datetime.timedelta(days=MINIMUM_OPEN_DAYS)


@searchable
class ConsultationPage(RoutablePageMixin, DatedPage):
    organ = models.CharField(_("起草单位"), max_length=200)
    summary = models.TextField(_("征集说明"), max_length=2000, blank=True)
    draft = RichTextField(_("草案正文"), blank=True)
    opens_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("截止时间"),
        default=default_closes_at,
        help_text=_("重大决策事项征求意见期限一般不少于30日。"),
    )
    contact_channel = models.TextField(
        _("其他反馈渠道"), max_length=1000, blank=True,
        help_text=_("如信函地址、传真、电子邮箱等。"),
    )  # fmt: skip
    feedback_published = models.BooleanField(_("发布采纳情况"), default=False)
    feedback_summary = RichTextField(_("采纳情况说明"), blank=True)

    content_panels = [
        *DatedPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("publish_date"),
                FieldPanel("organ"),
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
            ],
            heading=_("征集信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("draft"),
        InlinePanel("articles", label=_("条款（可逐条征求意见）")),
        InlinePanel("attachments", label=_("附件")),
        FieldPanel("contact_channel"),
        MultiFieldPanel(
            [FieldPanel("feedback_published"), FieldPanel("feedback_summary")],
            heading=_("采纳情况"),
        ),
    ]
    search_fields = [
        *DatedPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("draft"),
        index.FilterField("publish_date"),
    ]
    parent_page_types = ["cms.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("截止时间应晚于开始时间。")})
        if (
            self.feedback_published
            and self.closes_at
            and self.closes_at > timezone.now()
        ):
            raise ValidationError(
                {"feedback_published": _("意见征集截止后才能发布采纳情况。")}
            )

    @property
    def open_days(self):
        return (self.closes_at - self.opens_at).days

    @property
    def is_shorter_than_minimum(self):
        return self.open_days < MINIMUM_OPEN_DAYS

    def status_at(self, moment):
        if self.feedback_published:
            return "feedback"
        if moment < self.opens_at:
            return "upcoming"
        if moment >= self.closes_at:
            return "closed"
        return "open"

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def status_label(self):
        return dict(STATUS_CHOICES)[self.status]

    @property
    def is_open(self):
        return self.status == "open"

    def closed_message(self):
        if self.status == "upcoming":
            return _("本次意见征集尚未开始，开始时间为 %(time)s。") % {
                "time": timezone.localtime(self.opens_at).strftime("%Y-%m-%d %H:%M")
            }
        return _("本次意见征集已于 %(time)s 截止，不再接收意见。") % {
            "time": timezone.localtime(self.closes_at).strftime("%Y-%m-%d %H:%M")
        }

    def approved_comments(self):
        return self.comments.filter(status=Comment.APPROVED).select_related("article")

    def feedback_rows(self):
        """Return the themes and the individually judged comments, with reasons."""
        # Counted like feedback_counts(): approved comments only.
        themes = list(
            self.feedback_themes.annotate(
                approved_count=models.Count(
                    "comments", filter=models.Q(comments__status=Comment.APPROVED)
                )
            )
        )
        singles = list(
            self.approved_comments().filter(theme__isnull=True).exclude(adoption="")
        )
        return themes, singles

    def feedback_counts(self):
        """Count approved comments by adoption, whether judged alone or by theme."""
        counter = Counter(
            comment.effective_adoption
            for comment in self.approved_comments().select_related("theme")
        )
        return [
            {"key": key, "label": label, "count": counter.get(key, 0)}
            for key, label in ADOPTION_CHOICES
        ] + [{"key": "", "label": _("未答复"), "count": counter.get("", 0)}]

    def search_document(self):
        return SearchDocument(
            title=self.title,
            body=" ".join((self.summary, html_to_text(self.draft))).strip(),
            date=self.publish_date,
            kind=str(self._meta.verbose_name),
            organ=self.organ,
            attachment_text=attachments_text(self),
        )

    @property
    def feed_summary(self):
        return self.summary[:140]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.approved_comments(), 20)
        context["comments_page"] = paginator.get_page(request.GET.get("page"))
        context.setdefault("form", None)
        if context["form"] is None and self.is_open:
            from consultation.forms import CommentForm

            context["form"] = CommentForm(consultation=self, request=request)
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("comment/", name="comment")
    def comment_route(self, request):
        from consultation.views.consultations import submit_comment

        if request.method != "POST":
            return redirect(self.get_url(request))
        return submit_comment(request, self)

    @path("receipt/", name="receipt")
    def receipt_route(self, request):
        receipt = request.session.get(RECEIPT_SESSION_KEY)
        if not receipt or receipt.get("page") != self.pk:
            return redirect(self.get_url(request))
        return self.render(
            request,
            template="consultation/comment_receipt.html",
            context_overrides={"receipt": receipt},
        )

    @path("feedback/", name="feedback")
    def feedback_route(self, request):
        if not self.feedback_published:
            return redirect(self.get_url(request))
        themes, singles = self.feedback_rows()
        return self.render(
            request,
            template="consultation/feedback_report.html",
            context_overrides={
                "themes": themes,
                "singles": singles,
                "counts": self.feedback_counts(),
            },
        )


class ConsultationArticle(Orderable):
    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="articles"
    )
    label = models.CharField(_("条款编号"), max_length=40, help_text=_("如“第一条”。"))
    body = models.TextField(_("条款内容"))

    panels = [FieldPanel("label"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("条款")

    def __str__(self):
        return self.label


class ConsultationAttachment(Orderable):
    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self):
        return self.title or self.document.title


class FeedbackTheme(models.Model):
    """A group of similar comments answered together in the feedback report."""

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("意见征集"),
        on_delete=models.CASCADE,
        related_name="feedback_themes",
    )
    title = models.CharField(_("意见归类"), max_length=200)
    adoption = models.CharField(_("采纳情况"), max_length=20, choices=ADOPTION_CHOICES)
    reason = models.TextField(_("理由说明"), max_length=2000, blank=True)

    panels = [
        FieldPanel("consultation"),
        FieldPanel("title"),
        FieldPanel("adoption"),
        FieldPanel("reason"),
    ]

    class Meta:
        verbose_name = _("意见归类")
        verbose_name_plural = _("意见归类")

    def __str__(self):
        return self.title

    def clean(self):
        if self.adoption in ("partly", "not_adopted") and not self.reason:
            raise ValidationError({"reason": _("部分采纳或未采纳的，应说明理由。")})


class Comment(models.Model):
    PENDING, APPROVED, REJECTED, DUPLICATE = (
        "pending",
        "approved",
        "rejected",
        "duplicate",
    )
    MODERATION_CHOICES = [
        (PENDING, _("待审核")),
        (APPROVED, _("已通过")),
        (REJECTED, _("未通过")),
        (DUPLICATE, _("重复意见")),
    ]

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("意见征集"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    article = models.ForeignKey(
        ConsultationArticle,
        verbose_name=_("针对条款"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField(_("意见内容"), max_length=5000)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    anonymous = models.BooleanField(_("匿名"), default=False)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), max_length=100, blank=True)
    tracking_code = models.CharField(_("回执编号"), max_length=30, unique=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    status = models.CharField(
        _("审核状态"), max_length=20, choices=MODERATION_CHOICES, default=PENDING
    )
    reject_reason = models.CharField(_("不通过理由"), max_length=500, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("与之重复的意见"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    theme = models.ForeignKey(
        FeedbackTheme,
        verbose_name=_("意见归类"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    adoption = models.CharField(
        _("采纳情况"), max_length=20, choices=ADOPTION_CHOICES, blank=True
    )
    adoption_reason = models.TextField(_("采纳理由说明"), max_length=2000, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("consultation", read_only=True),
                FieldPanel("article", read_only=True),
                FieldPanel("body", read_only=True),
            ],
            heading=_("意见"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("reject_reason"),
                FieldPanel("duplicate_of"),
            ],
            heading=_("审核"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("adoption"),
                FieldPanel("adoption_reason"),
            ],
            heading=_("采纳情况"),
        ),
    ]
    base_form_class = CommentAdminForm

    class Meta:
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["consultation", "status"])]

    def __str__(self):
        return self.tracking_code

    def clean(self):
        errors = {}
        if self.status == self.REJECTED and not self.reject_reason:
            errors["reject_reason"] = _("不通过时应填写理由。")
        if self.status == self.DUPLICATE and not self.duplicate_of_id:
            errors["duplicate_of"] = _("标记为重复时应选择与之重复的意见。")
        if self.duplicate_of_id and self.duplicate_of_id == self.pk:
            errors["duplicate_of"] = _("不能与自身重复。")
        if self.adoption in ("partly", "not_adopted") and not self.adoption_reason:
            errors["adoption_reason"] = _("部分采纳或未采纳的，应说明理由。")
        if errors:
            raise ValidationError(errors)

    def moderate(self, status, reason="", original=None):
        """Record a moderation decision; raise ValidationError if incomplete."""
        self.status = status
        self.reject_reason = reason if status == self.REJECTED else ""
        self.duplicate_of = original if status == self.DUPLICATE else None
        self.clean()
        self.moderated_at = timezone.now()
        self.save(
            update_fields=["status", "reject_reason", "duplicate_of", "moderated_at"]
        )

    def save(self, *args, **kwargs):
        if self.status != self.PENDING and self.moderated_at is None:
            self.moderated_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def public_body(self):
        """Return the stored, sanitised HTML: contacts masked, links marked."""
        return mark_safe(ugc_links(redact_contacts(self.body)))  # noqa: S308

    @property
    def public_name(self):
        return mask_name("" if self.anonymous else self.name)

    @property
    def effective_adoption(self):
        if self.adoption:
            return self.adoption
        return self.theme.adoption if self.theme_id else ""

    @property
    def effective_reason(self):
        if self.adoption:
            return self.adoption_reason
        return self.theme.reason if self.theme_id else ""
