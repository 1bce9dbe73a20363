"""Admin forms that offer only choices belonging to the item being edited."""

from wagtail.admin.forms import WagtailAdminModelForm


class CommentAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consultation_id = self.instance.consultation_id
        if "duplicate_of" in self.fields:
            self.fields["duplicate_of"].queryset = (
                self.fields["duplicate_of"]
                .queryset.filter(consultation_id=consultation_id)
                .exclude(pk=self.instance.pk)
            )
        if "theme" in self.fields:
            self.fields["theme"].queryset = self.fields["theme"].queryset.filter(
                consultation_id=consultation_id
            )


class MessageAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "department" in self.fields and self.instance.site_id:
            self.fields["department"].queryset = self.fields[
                "department"
            ].queryset.filter(site_id=self.instance.site_id)
