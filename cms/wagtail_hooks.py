from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import GroupPagePermission, Site

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


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_sites(pages, request):
    """Offer only pages under the trees the user's groups have rights over.

    Without this the chooser's search lists every site's drafts, so an editor
    of one district would read another's unpublished work.
    """
    user = request.user
    if user.is_superuser:
        return pages
    roots = GroupPagePermission.objects.filter(group__user=user).values_list(
        "page__path", flat=True
    )
    paths = set(roots)
    if not paths:
        return pages.none()
    return pages.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))
