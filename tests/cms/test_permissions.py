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


ROLES = {"editor": site_editor, "reviewer": site_reviewer}


@pytest.fixture(params=ROLES)
def staff(request, sites):
    """One user per site in the role under test, keyed by the site's name."""
    return {name: ROLES[request.param](site) for name, site in sites.items()}


def add_draft(site, title):
    article = ArticlePage(
        title=title, slug=f"draft-{site.pk}", body="<p>草稿。</p>", live=False
    )
    first_column(site).add_child(instance=article)
    article.save_revision()
    return article


def test_staff_permissions_hold_across_the_whole_site_matrix(sites, staff):
    for (own_name, user), (other_name, site) in itertools.product(
        staff.items(), sites.items()
    ):
        same = own_name == other_name
        for page in (site.root_page, first_column(site), first_article(site)):
            perms = page.permissions_for_user(user)
            assert perms.can_edit() is same, (own_name, other_name, page)
            if page.specific_class is not ArticlePage:
                assert perms.can_add_subpage() is same, (own_name, other_name, page)
            assert perms.can_unpublish() is False, (own_name, other_name, page)
            assert perms.can_delete() is False, (own_name, other_name, page)


def test_editor_cannot_publish_anywhere(sites):
    editor = site_editor(sites["xingning"])

    for site in sites.values():
        for page in (site.root_page, first_column(site), first_article(site)):
            assert page.permissions_for_user(editor).can_publish() is False, page


def test_staff_admin_views_open_only_for_own_site(client, sites, staff):
    for (own_name, user), (other_name, site) in itertools.product(
        staff.items(), sites.items()
    ):
        client.force_login(user)
        article = first_article(site)
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        listing = client.get(reverse("wagtailadmin_explore", args=[site.root_page.pk]))
        expected_ok = own_name == other_name

        assert (edit.status_code == 200) is expected_ok, (own_name, other_name)
        assert (listing.status_code == 200) is expected_ok, (own_name, other_name)


def test_page_chooser_search_lists_only_own_site_drafts(client, sites, staff):
    drafts = {name: add_draft(site, f"待审草稿{name}") for name, site in sites.items()}

    for own_name, user in staff.items():
        client.force_login(user)
        response = client.get(
            reverse("wagtailadmin_choose_page_search"), {"q": "待审草稿"}
        )
        html = response.content.decode()

        assert response.status_code == 200
        for other_name, draft in drafts.items():
            listed = draft.title in html
            assert listed is (own_name == other_name), (own_name, other_name)


def test_page_chooser_browse_shows_only_own_site_pages(client, sites, staff):
    for (own_name, user), (other_name, site) in itertools.product(
        staff.items(), sites.items()
    ):
        client.force_login(user)
        top = client.get(reverse("wagtailadmin_choose_page")).json()["html"]
        inside = client.get(
            reverse("wagtailadmin_choose_page_child", args=[site.root_page.pk])
        ).json()["html"]
        home_link = reverse("wagtailadmin_choose_page_child", args=[site.root_page.pk])
        same = own_name == other_name

        assert (home_link in top) is same, (own_name, other_name)
        assert (first_column(site).title in inside) is same, (own_name, other_name)


def test_superuser_page_chooser_lists_every_site(admin_client, sites):
    drafts = [add_draft(site, f"待审草稿{name}") for name, site in sites.items()]

    response = admin_client.get(
        reverse("wagtailadmin_choose_page_search"), {"q": "待审草稿"}
    )

    html = response.content.decode()
    assert all(draft.title in html for draft in drafts)


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
    assert GroupPagePermission.objects.filter(page=portal.root_page).count() == 8


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
