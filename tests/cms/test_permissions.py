"""Every editor works inside its own site only: the whole matrix."""

import itertools

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage

import pytest

from cms.models import ArticlePage, ColumnPage, SiteRoles
from tests.cms.factories import site_editor, site_reviewer


def first_column(site):
    return ColumnPage.objects.child_of(site.root_page).first()


def first_article(site):
    return Page.objects.descendant_of(site.root_page).filter(depth=4).first()


@pytest.fixture
def editors(sites):
    return {name: site_editor(site) for name, site in sites.items()}


def test_editor_permissions_hold_across_the_whole_site_matrix(sites, editors):
    for (own_name, editor), (other_name, site) in itertools.product(
        editors.items(), sites.items()
    ):
        same = own_name == other_name
        for page in (site.root_page, first_column(site), first_article(site)):
            perms = page.permissions_for_user(editor)
            assert perms.can_edit() is same, (own_name, other_name, page)
            if page.specific_class is not ArticlePage:
                assert perms.can_add_subpage() is same, (own_name, other_name, page)
            assert perms.can_publish() is False, (own_name, other_name, page)
            assert perms.can_unpublish() is False, (own_name, other_name, page)
            assert perms.can_delete() is False, (own_name, other_name, page)


def test_editor_admin_views_open_only_for_own_site(client, sites, editors):
    for (own_name, editor), (other_name, site) in itertools.product(
        editors.items(), sites.items()
    ):
        client.force_login(editor)
        article = first_article(site)
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        listing = client.get(reverse("wagtailadmin_explore", args=[site.root_page.pk]))
        expected_ok = own_name == other_name

        assert (edit.status_code == 200) is expected_ok, (own_name, other_name)
        assert (listing.status_code == 200) is expected_ok, (own_name, other_name)


def test_reviewer_of_one_site_cannot_edit_another(sites):
    reviewer = site_reviewer(sites["xingning"])

    assert sites["xingning"].root_page.permissions_for_user(reviewer).can_edit()
    assert not sites["nanning"].root_page.permissions_for_user(reviewer).can_edit()


def test_platform_administrator_can_publish_everywhere(sites, admin_user):
    for site in sites.values():
        assert first_article(site).permissions_for_user(admin_user).can_publish()


def test_new_site_gets_its_own_groups_workflow_and_folder(portal):
    roles = portal.roles

    assert roles.editors.name == "南宁市人民政府门户网站编辑"
    assert roles.reviewers.name == "南宁市人民政府门户网站审核"
    assert [task.name for task in roles.workflow.tasks] == [
        "南宁市人民政府门户网站初审",
        "南宁市人民政府门户网站复审",
        "南宁市人民政府门户网站终审",
    ]
    assert portal.root_page.get_workflow() == roles.workflow


def test_alias_site_gets_no_groups_over_the_tree_it_shares(portal):
    alias = Site.objects.create(
        hostname="www.localhost", port=80, root_page=portal.root_page
    )

    assert not SiteRoles.objects.filter(site=alias).exists()
    assert GroupPagePermission.objects.filter(page=portal.root_page).count() == 9


def test_deleting_a_site_removes_its_groups_and_workflow(sites):
    site = sites["xixiangtang"]
    roles = site.roles
    group_ids = [roles.editors_id, roles.reviewers_id]
    workflow = roles.workflow

    site.delete()

    assert not Group.objects.filter(pk__in=group_ids).exists()
    assert not GroupPagePermission.objects.filter(group_id__in=group_ids).exists()
    workflow.refresh_from_db()
    assert not workflow.active
    assert not WorkflowPage.objects.filter(workflow=workflow).exists()
