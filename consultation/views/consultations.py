"""Taking a comment on a consultation: checks, storage and the receipt."""

import logging

from django.shortcuts import redirect
from django.utils import timezone

from cms.intake import ratelimit
from cms.intake.storage import StoreFailed, create_with_tracking_code, store
from consultation.forms import CommentForm
from consultation.models.consultations import RECEIPT_SESSION_KEY, Comment

logger = logging.getLogger(__name__)


def submit_comment(request, page):
    """Store one comment on ``page`` or re-show the form with what was typed."""
    form = CommentForm(request.POST, consultation=page, request=request)
    if not page.is_open:
        return _refuse(request, page)

    if not ratelimit.hit(request, "comment"):
        return _form_error(request, page, form, ratelimit.RATE_LIMITED_MESSAGE, 429)

    if form.caught_by_honeypot:
        logger.info("Honeypot caught a comment on page pk=%s", page.pk)
        return redirect(page.get_url(request))

    if not form.is_valid():
        return _form_error(request, page, form, None, 200)

    try:
        comment = store(lambda: _create_comment(page, form.cleaned_data), "comment")
    except StoreFailed as error:
        return _form_error(request, page, form, str(error), 503)

    logger.info("Stored comment pk=%s on page pk=%s", comment.pk, page.pk)
    request.session[RECEIPT_SESSION_KEY] = {
        "page": page.pk,
        "code": comment.tracking_code,
        "submitted_at": timezone.localtime(comment.submitted_at).strftime(
            "%Y-%m-%d %H:%M"
        ),
    }
    return redirect(page.get_url(request) + page.reverse_subpage("receipt"))


def _create_comment(page, data):
    article_id = data.get("article")
    if article_id and not page.articles.filter(pk=article_id).exists():
        article_id = None
    return create_with_tracking_code(
        Comment,
        "YJ",
        consultation=page,
        article_id=article_id,
        body=data["body"],
        name="" if data["anonymous"] else data["name"],
        anonymous=data["anonymous"],
        phone=data["phone"],
        email=data["email"],
    )


def _refuse(request, page):
    response = page.render(
        request, context_overrides={"form": None, "refusal": page.closed_message()}
    )
    response.status_code = 403
    return response


def _form_error(request, page, form, message, status):
    response = page.render(
        request, context_overrides={"form": form, "form_message": message}
    )
    response.status_code = status
    return response
