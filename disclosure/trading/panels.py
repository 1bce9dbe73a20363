"""The admin panel that shows a project's timeline and flags while editing."""

from wagtail.admin.panels import Panel


class ProjectStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "trading/admin/project_status_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["timeline"] = self.instance.timeline
            context["flags"] = self.instance.flags()
            return context
