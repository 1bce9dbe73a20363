"""Public pages of the message board and leader mailboxes."""

import logging

from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Site

from cms.intake import ratelimit
from cms.intake.storage import StoreFailed, create_with_tracking_code, store
from cms.intake.tracking import new_secret
from consultation.forms import LookupForm, MessageForm, RatingForm
from consultation.models.messages import (
    Department,
    Mailbox,
    Message,
    PublicMessage,
    SatisfactionRating,
    hash_secret,
)

logger = logging.getLogger(__name__)

RECEIPT_SESSION_KEY = "message-receipt"
ACCESS_SESSION_KEY = "message-access"


def current_site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def message_list(request):
    site = current_site(request)
    published = (
        PublicMessage.objects.filter(site=site)
        .select_related("replied_department")
        .order_by("-replied_at", "-pk")
    )
    page_obj = Paginator(published, 20).get_page(request.GET.get("page"))
    mailboxes = Mailbox.objects.filter(site=site, active=True)
    return render(
        request,
        "consultation/message_list.html",
        {"page_obj": page_obj, "mailboxes": mailboxes},
    )


def message_detail(request, pk):
    site = current_site(request)
    message = get_object_or_404(
        PublicMessage.objects.select_related("replied_department"), pk=pk, site=site
    )
    return render(request, "consultation/message_detail.html", {"message": message})


def message_create(request, mailbox_slug=None):
    site = current_site(request)
    mailbox = None
    if mailbox_slug:
        mailbox = get_object_or_404(Mailbox, site=site, slug=mailbox_slug, active=True)

    if request.method != "POST":
        form = MessageForm(request=request)
        return _message_form(request, form, mailbox)

    form = MessageForm(request.POST, request=request)
    if not ratelimit.hit(request, "message"):
        return _message_form(
            request, form, mailbox, ratelimit.RATE_LIMITED_MESSAGE, 429
        )
    if form.caught_by_honeypot:
        logger.info("Honeypot caught a message on site pk=%s", site.pk)
        return redirect("consultation:message-list")
    if not form.is_valid():
        return _message_form(request, form, mailbox)

    secret = new_secret()
    try:
        message = store(
            lambda: _create_message(site, mailbox, form.cleaned_data, secret),
            "message",
        )
    except StoreFailed as error:
        return _message_form(request, form, mailbox, str(error), 503)

    logger.info("Stored message pk=%s on site pk=%s", message.pk, site.pk)
    request.session[RECEIPT_SESSION_KEY] = {
        "code": message.tracking_code,
        "secret": secret,
        "due_date": message.due_date.isoformat(),
    }
    return redirect("consultation:message-receipt")


def _create_message(site, mailbox, data, secret):
    return create_with_tracking_code(
        Message,
        "LY",
        site=site,
        mailbox=mailbox,
        department=mailbox.department if mailbox else None,
        secret_hash=hash_secret(secret),
        subject=data["subject"],
        category=data["category"],
        content=data["content"],
        name=data["name"],
        phone=data["phone"],
        email=data["email"],
        is_public=data["is_public"],
    )


def _message_form(request, form, mailbox, message=None, status=200):
    return render(
        request,
        "consultation/message_form.html",
        {"form": form, "mailbox": mailbox, "form_message": message},
        status=status,
    )


def message_receipt(request):
    # Shown once: the secret is not kept anywhere it could be read again.
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    if receipt is None:
        return redirect("consultation:message-lookup")
    return render(request, "consultation/message_receipt.html", {"receipt": receipt})


def message_lookup(request):
    site = current_site(request)
    if request.method != "POST":
        return _lookup_page(request, LookupForm(request=request))

    form = LookupForm(request.POST, request=request)
    if not ratelimit.hit(request, "lookup"):
        return _lookup_page(request, form, ratelimit.RATE_LIMITED_MESSAGE, 429)
    if form.caught_by_honeypot:
        logger.info("Honeypot caught a lookup on site pk=%s", site.pk)
        return redirect("consultation:message-lookup")
    if not form.is_valid():
        return _lookup_page(request, form)

    data = form.cleaned_data
    message = Message.objects.filter(site=site, tracking_code=data["code"]).first()
    if message is None or not (
        message.check_secret(data["secret"]) or message.check_phone(data["phone"])
    ):
        return _lookup_page(request, form, _("查询编号与密码或手机号码不匹配。"))

    granted = set(request.session.get(ACCESS_SESSION_KEY, []))
    granted.add(message.pk)
    request.session[ACCESS_SESSION_KEY] = sorted(granted)
    return redirect("consultation:message-status", pk=message.pk)


def _lookup_page(request, form, message=None, status=200):
    return render(
        request,
        "consultation/message_lookup.html",
        {"form": form, "form_message": message},
        status=status,
    )


def _granted_message(request, pk):
    if pk not in request.session.get(ACCESS_SESSION_KEY, []):
        raise Http404
    return get_object_or_404(
        Message.objects.select_related("replied_department", "department"),
        pk=pk,
        site=current_site(request),
    )


def message_status(request, pk, rating_form=None, form_message=None, status=200):
    message = _granted_message(request, pk)
    rated = SatisfactionRating.objects.filter(message=message).first()
    if rating_form is None and message.is_answered and rated is None:
        rating_form = RatingForm(request=request)
    return render(
        request,
        "consultation/message_status.html",
        {
            "message": message,
            "rated": rated,
            "rating_form": rating_form if rated is None else None,
            "form_message": form_message,
        },
        status=status,
    )


@require_POST
def message_rate(request, pk):
    message = _granted_message(request, pk)
    form = RatingForm(request.POST, request=request)
    if not ratelimit.hit(request, "rating"):
        return message_status(
            request, pk, form, ratelimit.RATE_LIMITED_MESSAGE, status=429
        )
    if form.caught_by_honeypot:
        logger.info("Honeypot caught a rating of message pk=%s", message.pk)
        return redirect("consultation:message-status", pk=message.pk)
    if not message.is_answered:
        return message_status(request, pk, None, _("留言答复后才能评价。"), 409)
    if not form.is_valid():
        return message_status(request, pk, form)

    try:
        store(
            lambda: SatisfactionRating.objects.create(
                message=message,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            ),
            "rating",
        )
    except StoreFailed as error:
        if isinstance(error.__cause__, IntegrityError):
            return message_status(
                request, pk, None, _("该留言已评价，每条留言只能评价一次。"), 409
            )
        return message_status(request, pk, form, str(error), 503)
    logger.info("Stored rating for message pk=%s", message.pk)
    return redirect("consultation:message-status", pk=message.pk)


def department_stats(request):
    site = current_site(request)
    rows = [department.stats() for department in Department.objects.filter(site=site)]
    return render(request, "consultation/department_stats.html", {"rows": rows})
