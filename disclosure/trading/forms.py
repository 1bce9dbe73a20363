"""Admin forms of the trading pages."""

from wagtail.admin.forms import WagtailAdminPageForm


class NoticePageForm(WagtailAdminPageForm):
    """Offer as the changed notice only the notices of the same project."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        from disclosure.trading.models import NoticePage

        project = parent_page
        if project is None and self.instance.pk:
            project = self.instance.get_parent()
        if project is not None and "changes" in self.fields:
            siblings = NoticePage.objects.child_of(project)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            self.fields["changes"].queryset = siblings
