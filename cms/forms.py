from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class AltTextRequiredImageForm(BaseImageForm):
    """Make every uploaded image carry the alt text screen readers announce."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = _("替代文字")
            field.help_text = _("向视障读者描述图片内容，如“市政府常务会议现场”。")
