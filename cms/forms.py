from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm
from wagtail.sites.forms import SiteForm

from cms.validators import validate_hostname


class AltTextRequiredImageForm(BaseImageForm):
    """Make every uploaded image carry the alt text screen readers announce."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = _("替代文字")
            field.help_text = _("向视障读者描述图片内容，如“市政府常务会议现场”。")


class SiteHostForm(SiteForm):
    """Refuse host names with a scheme, port, path or spaces in them."""

    def clean_hostname(self):
        hostname = self.cleaned_data["hostname"].strip().lower()
        validate_hostname(hostname)
        return hostname
