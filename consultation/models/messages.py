"""Messages and the leader mailbox (留言/领导信箱), their handling and ratings."""

import calendar
import datetime
import hashlib
import hmac
import logging
import statistics

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms import workdays
from cms.intake.forms import normalise_phone
from cms.intake.masking import redact_contacts
from cms.searchable import SearchDocument, searchable
from consultation.admin_forms import MessageAdminForm

logger = logging.getLogger(__name__)

DEFAULT_REPLY_WORKING_DAYS = 5
# An inspection fails a site for a valid message unanswered over 3 months.
UNANSWERED_LIMIT_MONTHS = 3
DEFAULT_ALERT_DAYS_BEFORE = 15

CATEGORY_CHOICES = [
    ("consult", _("咨询")),
    ("suggest", _("建议")),
    ("complain", _("投诉")),
    ("help", _("求助")),
    ("other", _("其他")),
]
RATING_CHOICES = [
    ("satisfied", _("满意")),
    ("basic", _("基本满意")),
    ("dissatisfied", _("不满意")),
]


def reply_working_days():
    return getattr(settings, "MESSAGE_REPLY_WORKING_DAYS", DEFAULT_REPLY_WORKING_DAYS)


def months_before(day, months):
    """Return the same day ``months`` earlier, clamped to that month's end."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def hash_secret(secret):
    return hmac.new(
        settings.SECRET_KEY.encode(), secret.strip().upper().encode(), hashlib.sha256
    ).hexdigest()


class Department(models.Model):
    """A unit that answers messages, inside one site."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("所属网站"), on_delete=models.CASCADE
    )
    name = models.CharField(_("部门名称"), max_length=100)

    panels = [FieldPanel("site"), FieldPanel("name")]

    class Meta:
        verbose_name = _("答复部门")
        verbose_name_plural = _("答复部门")
        ordering = ["site", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="unique_department")
        ]

    def __str__(self):
        return self.name

    def stats(self):
        """Return the answered count, median days to reply and satisfaction."""
        replied = Message.objects.filter(
            replied_department=self, replied_at__isnull=False
        )
        days = [
            (timezone.localdate(m.replied_at) - timezone.localdate(m.received_at)).days
            for m in replied.only("replied_at", "received_at")
        ]
        ratings = SatisfactionRating.objects.filter(message__replied_department=self)
        rated = ratings.count()
        positive = ratings.exclude(rating="dissatisfied").count()
        return {
            "department": self,
            "answered": len(days),
            "median_days": statistics.median(days) if days else None,
            "rated": rated,
            "satisfaction": round(100 * positive / rated) if rated else None,
        }


class Mailbox(models.Model):
    """A leader's or department's mailbox, with its own public form."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("所属网站"), on_delete=models.CASCADE
    )
    slug = models.SlugField(_("地址标识"), max_length=50)
    name = models.CharField(_("信箱名称"), max_length=100)
    intro = models.TextField(_("信箱说明"), max_length=1000, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("默认承办部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    active = models.BooleanField(_("开放"), default=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("department"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("信箱")
        verbose_name_plural = _("信箱")
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="unique_mailbox")
        ]

    def __str__(self):
        return self.name


class MessageQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(status__in=[Message.RECEIVED, Message.ASSIGNED])

    def published(self):
        """Return the replied messages whose senders agreed to publication."""
        return self.filter(
            is_public=True,
            status__in=[Message.REPLIED, Message.CLOSED],
            replied_at__isnull=False,
        )

    def overdue(self, today=None):
        return self.unanswered().filter(due_date__lt=today or timezone.localdate())

    def approaching_limit(self, today=None, days_before=None):
        """Return unanswered messages within the alert window of 3 months."""
        today = today or timezone.localdate()
        if days_before is None:
            days_before = getattr(
                settings, "MESSAGE_ALERT_DAYS_BEFORE", DEFAULT_ALERT_DAYS_BEFORE
            )
        limit_start = months_before(today, UNANSWERED_LIMIT_MONTHS)
        alert_start = limit_start + datetime.timedelta(days=days_before)
        return self.unanswered().filter(
            received_at__date__lte=alert_start, received_at__date__gt=limit_start
        )

    def over_limit(self, today=None):
        today = today or timezone.localdate()
        limit_start = months_before(today, UNANSWERED_LIMIT_MONTHS)
        return self.unanswered().filter(received_at__date__lte=limit_start)


class Message(models.Model):
    RECEIVED, ASSIGNED, REPLIED, CLOSED = "received", "assigned", "replied", "closed"
    STATUS_CHOICES = [
        (RECEIVED, _("已受理")),
        (ASSIGNED, _("办理中")),
        (REPLIED, _("已答复")),
        (CLOSED, _("已办结")),
    ]
    ANSWERED = (REPLIED, CLOSED)

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("所属网站"), on_delete=models.CASCADE
    )
    mailbox = models.ForeignKey(
        Mailbox,
        verbose_name=_("信箱"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    tracking_code = models.CharField(_("查询编号"), max_length=30, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    subject = models.CharField(_("标题"), max_length=100)
    category = models.CharField(_("类别"), max_length=20, choices=CATEGORY_CHOICES)
    content = models.TextField(_("内容"), max_length=3000)
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号码"), max_length=20)
    email = models.EmailField(_("电子邮箱"), max_length=100, blank=True)
    is_public = models.BooleanField(
        _("同意公开"), default=True, help_text=_("公开时不显示姓名和联系方式。")
    )
    received_at = models.DateTimeField(_("受理时间"), default=timezone.now)
    due_date = models.DateField(_("答复期限"), null=True, blank=True)
    status = models.CharField(
        _("办理状态"), max_length=20, choices=STATUS_CHOICES, default=RECEIVED
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    transfer_note = models.CharField(
        _("转办说明"), max_length=200, blank=True,
        help_text=_("更换承办部门时填写，记入转办记录。"),
    )  # fmt: skip
    reply = models.TextField(_("答复内容"), max_length=5000, blank=True)
    replied_department = models.ForeignKey(
        Department,
        verbose_name=_("答复部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replied_messages",
        editable=False,
    )
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("tracking_code", read_only=True),
                FieldPanel("subject", read_only=True),
                FieldPanel("category", read_only=True),
                FieldPanel("content", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("received_at", read_only=True),
                FieldPanel("due_date", read_only=True),
            ],
            heading=_("留言"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("department"),
                FieldPanel("transfer_note"),
            ],
            heading=_("办理"),
        ),
        FieldPanel("reply"),
        FieldPanel("is_public"),
    ]
    base_form_class = MessageAdminForm

    class Meta:
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self):
        return self.tracking_code

    def clean(self):
        errors = {}
        status = self._status_after_workflow()
        if status in self.ANSWERED:
            if not self.reply.strip():
                errors["reply"] = _("答复或办结前应填写答复内容。")
            if not (self.department_id or self.replied_department_id):
                errors["department"] = _(
                    "答复或办结前应选择承办部门，答复以该部门名义公开。"
                )
        # The status chosen, not the one the workflow would turn it into: an
        # editor who picks 办理中 for an answered message learns it cannot be.
        previous = self._previous()
        if previous and not self.may_move(previous["status"], self.status):
            labels = dict(self.STATUS_CHOICES)
            errors["status"] = _(
                "办理状态不能从“%(before)s”退回“%(after)s”；"
                "如需补充答复，请直接修改答复内容。"
            ) % {"before": labels[previous["status"]], "after": labels[self.status]}
        if errors:
            raise ValidationError(errors)

    @classmethod
    def may_move(cls, before, after):
        """Allow any step forward; an answer is never taken back to unanswered."""
        order = [cls.RECEIVED, cls.ASSIGNED, cls.REPLIED, cls.CLOSED]
        if before in cls.ANSWERED:
            return order.index(after) >= order.index(before)
        return True

    def save(self, *args, **kwargs):
        if self.due_date is None:
            self.due_date = workdays.add_working_days(
                timezone.localdate(self.received_at), reply_working_days()
            )
        previous = self._previous()
        self._apply_workflow(previous)
        super().save(*args, **kwargs)
        self._record_transfer(previous)

    def _previous(self):
        if self.pk is None:
            return None
        return (
            Message.objects.filter(pk=self.pk)
            .values("department_id", "status", "reply")
            .first()
        )

    def _status_after_workflow(self):
        """Return the status that assigning and replying lead to."""
        status = self.status
        if self.department_id and status == self.RECEIVED:
            status = self.ASSIGNED
        if self.reply.strip() and status in (self.RECEIVED, self.ASSIGNED):
            status = self.REPLIED
        return status

    def _apply_workflow(self, previous):
        """Move the status along as editors assign, reply and close."""
        self.status = self._status_after_workflow()
        if self.status in self.ANSWERED and self.reply.strip():
            if self.replied_at is None:
                self.replied_at = timezone.now()
            if self.replied_department_id is None:
                self.replied_department_id = self.department_id
        if self.status == self.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()

    def _record_transfer(self, previous):
        before = previous["department_id"] if previous else None
        if before and before != self.department_id:
            MessageTransfer.objects.create(
                message=self,
                from_department_id=before,
                to_department_id=self.department_id,
                note=self.transfer_note,
            )
            logger.info(
                "Message pk=%s transferred from department=%s to department=%s",
                self.pk,
                before,
                self.department_id,
            )

    def check_secret(self, secret):
        return hmac.compare_digest(self.secret_hash, hash_secret(secret or ""))

    def check_phone(self, phone):
        given, stored = normalise_phone(phone), normalise_phone(self.phone)
        return bool(given) and hmac.compare_digest(stored.encode(), given.encode())

    @property
    def is_answered(self):
        return self.status in self.ANSWERED

    def is_overdue(self, today=None):
        return (
            not self.is_answered
            and self.due_date is not None
            and self.due_date < (today or timezone.localdate())
        )

    def working_days_to_reply(self):
        if not self.replied_at:
            return None
        return workdays.working_days_between(
            timezone.localdate(self.received_at), timezone.localdate(self.replied_at)
        )

    # What the public may read: contacts written into the text are masked.
    @property
    def public_subject(self):
        return redact_contacts(self.subject)

    @property
    def public_content(self):
        return redact_contacts(self.content)

    @property
    def public_reply(self):
        return redact_contacts(self.reply)


class PublishedMessageManager(models.Manager):
    def get_queryset(self):
        return MessageQuerySet(self.model, using=self._db).published()


class PublicMessage(Message):
    """The published replies only: what search and public lists may see."""

    objects = PublishedMessageManager()

    class Meta:
        proxy = True
        verbose_name = _("公开留言")
        verbose_name_plural = _("公开留言")

    def get_absolute_url(self):
        return reverse("consultation:message-detail", args=[self.pk])

    def search_document(self):
        # Subject and reply only: the sender's own text may hold personal data.
        return SearchDocument(
            title=self.public_subject,
            body=self.public_reply,
            date=timezone.localdate(self.replied_at) if self.replied_at else None,
            kind=str(_("留言答复")),
            organ=self.replied_department.name if self.replied_department else "",
        )


searchable(PublicMessage)


class MessageTransfer(models.Model):
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="transfers"
    )
    from_department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    to_department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("转办说明"), max_length=200, blank=True)
    transferred_at = models.DateTimeField(_("转办时间"), default=timezone.now)

    class Meta:
        verbose_name = _("转办记录")
        verbose_name_plural = _("转办记录")
        ordering = ["transferred_at"]

    def __str__(self):
        return f"{self.from_department} → {self.to_department}"


class SatisfactionRating(models.Model):
    # One rating per message: the database refuses a second one.
    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, related_name="rating"
    )
    rating = models.CharField(_("满意度"), max_length=20, choices=RATING_CHOICES)
    comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), default=timezone.now)

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")

    def __str__(self):
        return self.get_rating_display()


def open_messages_needing_attention(today=None, messages=None):
    """Return the counts the admin home shows: near and over 3 months."""
    messages = Message.objects.all() if messages is None else messages
    return {
        "approaching": messages.approaching_limit(today).count(),
        "over_limit": messages.over_limit(today).count(),
        "overdue": messages.overdue(today).count(),
    }
