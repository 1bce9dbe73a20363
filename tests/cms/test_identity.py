from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Site

import pytest

from cms.models import SiteIdentity


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
