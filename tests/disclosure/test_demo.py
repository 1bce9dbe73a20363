from django.core.management import call_command

from wagtail.models import PageLogEntry, Revision

import pytest

from disclosure.interpretation_report import missing_interpretations
from disclosure.models import (
    AnnualReportPage,
    DirectoryNode,
    DisclosureDocumentPage,
    InterpretationPage,
)
from tests.conftest import DEMO_PORT
from tests.disclosure.factories import disclosure_home, path_of

pytestmark = pytest.mark.django_db


def documents_of(site):
    return DisclosureDocumentPage.objects.live().descendant_of(site.root_page)


def test_every_demo_site_has_a_filled_disclosure_home(client, sites):
    for site in sites.values():
        home = disclosure_home(site)
        response = client.get(path_of(home), HTTP_HOST=site.hostname)

        assert response.status_code == 200
        assert documents_of(site).exists()
        assert AnnualReportPage.objects.child_of(home).live().exists()
        assert "主动公开基本目录" in response.content.decode()


def test_demo_documents_keep_their_real_metadata(sites):
    portal_copy = documents_of(sites["nanning"]).get(import_key="policy-011")
    sfj_document = documents_of(sites["sfj"]).get(import_key="policy-007")

    assert portal_copy.index_number == "000014349/2019-00007"
    assert portal_copy.document_number == "国发〔2019〕5号"
    assert str(portal_copy.topic) == "市场监管、安全生产监管 / 工商"
    assert portal_copy.organ_names() == "国务院"
    assert sfj_document.index_number == "jssfj/2020-1671730"
    assert documents_of(sites["xingning"]).filter(import_key="policy-002").exists()


def test_republished_copy_gets_the_sites_own_index_number(sites):
    copy = documents_of(sites["sfj"]).get(import_key="policy-022")

    assert copy.index_number.startswith("11450100007564045P/2019-")


def test_demo_interpretations_are_linked_to_their_documents(sites):
    linked = InterpretationPage.objects.get(import_key="interp-005")

    assert [doc.document_number for doc in linked.documents.all()] == [
        "国办发〔2018〕123号"
    ]


def test_portal_has_its_own_directory_nodes_under_the_standard(sites):
    nodes = DirectoryNode.objects.filter(site=sites["nanning"])

    assert {node.code for node in nodes} == {"B02.01", "B02.02"}
    assert documents_of(sites["nanning"]).filter(directory_nodes__in=nodes).exists()


def test_loading_the_demo_again_changes_nothing(sites):
    counts = (
        DisclosureDocumentPage.objects.count(),
        InterpretationPage.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        DirectoryNode.objects.count(),
    )

    call_command("load_demo", port=DEMO_PORT, no_progress=True, verbosity=0)

    assert counts == (
        DisclosureDocumentPage.objects.count(),
        InterpretationPage.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        DirectoryNode.objects.count(),
    )


def test_loading_the_demo_again_keeps_editors_changes(sites, admin_user):
    document = documents_of(sites["nanning"]).get(import_key="policy-011")
    document.title = f"{document.title}（更正）"
    document.save_revision(user=admin_user).publish(user=admin_user)
    interpretation = InterpretationPage.objects.get(import_key="interp-005")
    interpretation.unpublish(user=admin_user)

    call_command("load_demo", port=DEMO_PORT, no_progress=True, verbosity=0)

    document.refresh_from_db()
    assert document.title.endswith("（更正）")
    interpretation.refresh_from_db()
    assert not interpretation.live


def test_demo_policy_documents_need_an_interpretation(sites):
    portal = documents_of(sites["nanning"])

    needing = set(
        portal.filter(needs_interpretation=True).values_list("import_key", flat=True)
    )

    assert {"policy-013", "policy-022", "policy-038"} <= needing
    # A reply, a regulation and the holiday notice are no policy documents.
    assert not {"policy-003", "policy-028", "policy-033"} & needing


def test_demo_interpretation_report_lists_late_policies_but_not_interpreted_ones(
    sites,
):
    late = {document.pk for document, _deadline in missing_interpretations()}
    interpreted = documents_of(sites["sfj"]).get(import_key="policy-022")
    uninterpreted = documents_of(sites["nanning"]).get(import_key="policy-013")

    assert interpreted.live_interpretations().exists()
    assert interpreted.pk not in late
    assert uninterpreted.pk in late


@pytest.mark.parametrize("subdomain", ["xingning", "sfj"])
def test_subsites_have_their_own_directory_node_with_documents(sites, subdomain):
    nodes = DirectoryNode.objects.filter(site=sites[subdomain])

    assert {node.code for node in nodes} == {"B02.01"}
    assert documents_of(sites[subdomain]).filter(directory_nodes__in=nodes).exists()
