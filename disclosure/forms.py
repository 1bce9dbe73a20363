"""Admin forms that keep each site inside its own part of the directory."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from disclosure.standards import INTERPRETATION_NODE_CODE


class DirectoryPageForm(WagtailAdminPageForm):
    """Offer a page only its own site's directory nodes."""

    # Code of the node a new page is filed under unless the editor chooses.
    default_node_code = None

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        from disclosure.models import DirectoryNode

        anchor = parent_page or (self.instance if self.instance.pk else None)
        site = anchor.get_site() if anchor else None
        if site and "directory_nodes" in self.fields:
            self.fields["directory_nodes"].queryset = DirectoryNode.for_site(site)
            default = (
                DirectoryNode.find(site, self.default_node_code)
                if self.default_node_code and not self.instance.pk
                else None
            )
            if default is not None and not self.initial.get("directory_nodes"):
                self.initial["directory_nodes"] = [default.pk]


class DisclosureDocumentForm(DirectoryPageForm):
    pass


class InterpretationForm(DirectoryPageForm):
    default_node_code = INTERPRETATION_NODE_CODE


class DirectoryNodeForm(WagtailAdminModelForm):
    """Only platform administrators maintain the standard nodes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from disclosure.models import DirectoryNode

        if "parent" in self.fields and not self._is_platform_admin():
            editable_sites = self._editable_sites()
            self.fields["parent"].queryset = DirectoryNode.objects.filter(
                Q(site__isnull=True) | Q(site__in=editable_sites)
            )
            self.fields["site"].queryset = editable_sites
            self.fields["site"].required = True

    def _is_platform_admin(self):
        return bool(self.for_user and self.for_user.is_superuser)

    def _editable_sites(self):
        from wagtail.models import Site

        groups = self.for_user.groups.all() if self.for_user else []
        return Site.objects.filter(roles__editors__in=groups).distinct()

    def clean(self):
        cleaned = super().clean()
        if self._is_platform_admin():
            return cleaned
        if self.instance.pk and self.instance.site_id is None:
            raise forms.ValidationError(_("标准目录节点只能由平台管理员维护。"))
        if cleaned.get("site") is None:
            raise forms.ValidationError(_("请选择站点；标准目录由平台管理员维护。"))
        return cleaned
