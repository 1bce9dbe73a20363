from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.images.tests.utils import get_test_image_file


def test_admin_speaks_simplified_chinese(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert '<html lang="zh-hans"' in response.content.decode()
    assert "<title>控制面板" in response.content.decode()


def test_image_upload_requires_alt_text(db):
    form_class = get_image_form(get_image_model())
    image_file = get_test_image_file()
    upload = SimpleUploadedFile("meeting.png", image_file.file.getvalue())

    form = form_class(data={"title": "常务会议"}, files={"file": upload})

    assert not form.is_valid()
    assert "description" in form.errors
