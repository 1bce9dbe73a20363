from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from cms.models import SiteIdentity


class IncompleteIdentityPanel(Component):
    """List sites whose identity, shown in every footer, is not filled in."""

    name = "incomplete_site_identity"
    order = 50
    template_name = "cms/admin/incomplete_identity_panel.html"

    def __init__(self, sites):
        self.sites = sites

    def get_context_data(self, parent_context=None):
        return {"sites": self.sites, "heading": _("以下站点的网站标识尚未填写完整")}


@hooks.register("construct_homepage_panels")
def add_incomplete_identity_panel(request, panels):
    if not request.user.is_superuser:
        return
    identities = {i.site_id: i for i in SiteIdentity.objects.all()}
    incomplete = [
        site
        for site in Site.objects.order_by("pk")
        if site.pk not in identities or not identities[site.pk].is_complete
    ]
    if incomplete:
        panels.append(IncompleteIdentityPanel(incomplete))
