from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Site

import pytest

from cms.models import HomePage, SiteIdentity


def test_invalid_identity_values_name_each_field(portal):
    identity = SiteIdentity.for_site(portal)
    identity.site_code = "12345"
    identity.organisation_code = "000014348"
    identity.icp_number = "备案"

    with pytest.raises(ValidationError) as error:
        identity.full_clean()

    assert set(error.value.message_dict) == {
        "site_code",
        "organisation_code",
        "icp_number",
    }


def test_admin_form_rejects_bad_identity_and_keeps_the_stored_one(admin_client, portal):
    url = reverse("wagtailsettings:edit", args=["cms", "siteidentity", portal.pk])
    identity = SiteIdentity.for_site(portal)
    data = {
        field: getattr(identity, field)
        for field in (
            "site_name", "icp_number", "police_filing_number", "organiser",
            "operator", "address", "phone", "organisation_code", "theme",
            "primary_colour",
        )
    }  # fmt: skip
    data["site_code"] = "45010"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "网站标识码应为10位" in response.content.decode()
    identity.refresh_from_db()
    assert identity.site_code == "4501000001"


def test_duplicate_host_name_is_refused_with_a_message(admin_client, portal):
    response = admin_client.post(
        reverse("wagtailsites:add"),
        {
            "hostname": portal.hostname,
            "port": portal.port,
            "site_name": "重复站点",
            "root_page": portal.root_page_id,
        },
    )

    assert response.status_code == 200
    assert Site.objects.filter(hostname=portal.hostname).count() == 1
    assert response.context["form"].errors["__all__"] == [
        "包含 主机名 和 端口号 的 站点 已经存在。"
    ]


@pytest.mark.parametrize(
    "hostname", ["http://xingning.localhost", "bad host!", "a.localhost:8000", "x/y"]
)
def test_sites_admin_refuses_malformed_host_names(admin_client, portal, hostname):
    response = admin_client.post(
        reverse("wagtailsites:add"),
        {
            "hostname": hostname,
            "port": 80,
            "site_name": "测试",
            "root_page": portal.root_page_id,
        },
    )

    assert response.status_code == 200
    assert "主机名只能包含小写字母" in str(response.context["form"].errors["hostname"])
    assert not Site.objects.filter(site_name="测试").exists()


def test_organisation_code_is_stored_in_upper_case(portal):
    identity = SiteIdentity.for_site(portal)
    identity.organisation_code = "91350100m000100y43"

    identity.full_clean()

    assert identity.organisation_code == "91350100M000100Y43"


def test_dashboard_lists_sites_with_incomplete_identity(admin_client, portal):
    new_home = portal.root_page.get_parent().add_child(
        instance=HomePage(title="新站点", slug="new-site")
    )
    Site.objects.create(
        hostname="new.localhost", port=80, root_page=new_home, site_name="新站点"
    )

    response = admin_client.get(reverse("wagtailadmin_home"))

    assert "以下站点的网站标识尚未填写完整" in response.content.decode()
    assert "新站点（new.localhost）" in response.content.decode()


def test_footer_of_a_site_without_identity_shows_no_empty_labels(client, portal):
    new_home = portal.root_page.get_parent().add_child(
        instance=HomePage(title="新站点", slug="new-site")
    )
    Site.objects.create(hostname="new.localhost", port=80, root_page=new_home)

    footer = (
        client.get("/", HTTP_HOST="new.localhost").content.decode().split("<footer")[1]
    )

    assert "主办：" not in footer and "网站标识码：" not in footer
