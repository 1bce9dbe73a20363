import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from disclosure.models import DisclosureDocumentPage
from tests.disclosure.factories import disclosure_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "", "x")
    client.force_login(user)
    return client


def form_data(**overrides):
    values = {
        "title": "关于测试的通知",
        "slug": "admin-test",
        "document_number": "南府规[2019]5号",
        "written_date": "2019-03-01",
        "publish_date": "2019-03-05",
        "genre": "通知",
        "category": "normative",
        "validity": "in_force",
        "keywords": "",
        "body": rich_text("<p>正文</p>"),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
        **overrides,
    }
    return nested_form_data(values)


def add_url(home):
    return reverse(
        "wagtailadmin_pages:add",
        args=("disclosure", "disclosuredocumentpage", home.pk),
    )


def post(admin_client, home, **overrides):
    data = form_data(**overrides)
    data["action-publish"] = "publish"
    return admin_client.post(add_url(home), data)


def test_valid_form_saves_with_normalised_number(admin_client, sites):
    home = disclosure_home(sites["xingning"])
    response = post(admin_client, home)

    assert response.status_code == 302
    page = DisclosureDocumentPage.objects.get(slug="admin-test")
    assert page.document_number == "南府规〔2019〕5号"
    assert page.index_number.endswith("/2019-00001")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"document_number": "南府规2019第5"}, "发文字号格式应为"),
        ({"written_date": "2019-03-09"}, "成文日期不能晚于发布日期"),
        (
            {"publish_date": (datetime.date.today() + datetime.timedelta(days=3))},
            "发布日期不能晚于今天",
        ),
        ({"validity": "repealed"}, "废止的文件需填写废止日期"),
    ],
)
def test_bad_input_shows_error_and_saves_nothing(
    admin_client, sites, overrides, message
):
    home = disclosure_home(sites["xingning"])
    response = post(admin_client, home, **overrides)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DisclosureDocumentPage.objects.filter(slug="admin-test").exists()


def make_file(name, size):
    document = Document(title=name)
    document.file.save(name, ContentFile(b"x" * size), save=False)
    document.save()
    return document


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [("macro.exe", 100, "附件类型 exe 不允许"), ("big.pdf", 2048, "超过上限")],
)
def test_disallowed_attachment_is_refused(
    admin_client, sites, settings, name, size, message
):
    settings.DISCLOSURE_ATTACHMENT_MAX_BYTES = 1024
    settings.WAGTAILDOCS_EXTENSIONS = None
    document = make_file(name, size)
    home = disclosure_home(sites["xingning"])

    response = post(
        admin_client,
        home,
        attachments=inline_formset([{"document": document.pk, "title": ""}]),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DisclosureDocumentPage.objects.filter(slug="admin-test").exists()
