from django.contrib import messages
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .admin_views import ParticipationGroup
from .models import ConsultationPage, Message
from .models.consultations import MINIMUM_OPEN_DAYS
from .models.messages import open_messages_needing_attention
from .permissions import scope_by_site


@hooks.register("register_admin_viewset")
def register_participation_viewsets():
    return ParticipationGroup()


class UnansweredMessagesPanel(Component):
    """Warn on the admin home of messages nearing 3 months unanswered."""

    name = "unanswered_messages"
    order = 50
    template_name = "consultation/admin/unanswered_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        messages = scope_by_site(Message.objects.all(), self.user)
        return {"counts": open_messages_needing_attention(messages=messages)}


@hooks.register("construct_homepage_panels")
def add_unanswered_messages_panel(request, panels):
    if request.user.has_perm("consultation.view_message"):
        panels.append(UnansweredMessagesPanel(request.user))


def warn_short_consultation(request, page):
    page = page.specific
    if isinstance(page, ConsultationPage) and page.is_shorter_than_minimum:
        messages.warning(
            request,
            _("征求意见期限为 %(days)s 天，少于 %(minimum)s 天，请确认是否符合规定。")
            % {"days": page.open_days, "minimum": MINIMUM_OPEN_DAYS},
        )


hooks.register("after_create_page", warn_short_consultation)
hooks.register("after_edit_page", warn_short_consultation)
