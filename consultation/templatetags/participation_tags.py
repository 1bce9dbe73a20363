from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from consultation.models import ConsultationPage, Mailbox

register = template.Library()


@register.inclusion_tag(
    "consultation/includes/participation_links.html", takes_context=True
)
def participation_links(context):
    """Link the current site's message board, mailboxes and consultations."""
    site = context.get("current_site")
    if site is None:
        return {"links": []}
    links = [(_("我要留言"), reverse("consultation:message-create"))]
    links += [
        (mailbox.name, reverse("consultation:mailbox-create", args=[mailbox.slug]))
        for mailbox in Mailbox.objects.filter(site=site, active=True).order_by("pk")
    ]
    links += [
        (_("留言选登"), reverse("consultation:message-list")),
        (_("答复统计"), reverse("consultation:department-stats")),
    ]
    if column := consultation_column(site):
        links.append((_("意见征集"), column.get_url(context.get("request"))))
    return {"links": links}


def consultation_column(site):
    """Return the live column holding the site's latest consultation, if any."""
    latest = (
        ConsultationPage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .order_by("-first_published_at")
        .first()
    )
    parent = latest.get_parent() if latest else None
    return parent if parent and parent.live else None
