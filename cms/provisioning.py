"""Give every new site its editor and reviewer groups, workflow and folder.

An editor group may add and change pages under its own site's root only, and
may not publish: its work reaches the public through the site's three-step
review (初审, 复审, 终审), which the site's reviewer group approves. Reviewers
may not publish either, so nothing skips the review; the final approval
publishes (``cms.workflows``), and each step needs a different reviewer
(``ReviewStepTask``).
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.models import ReviewStepTask, SiteRoles

logger = logging.getLogger(__name__)

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
REVIEWER_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
REVIEW_STEPS = ["初审", "复审", "终审"]


def site_label(site):
    return site.site_name or site.hostname


@transaction.atomic
def provision_site(site):
    """Create the site's roles once; later calls return what exists."""
    existing = SiteRoles.objects.filter(site=site).first()
    if existing:
        return existing
    if SiteRoles.objects.filter(site__root_page=site.root_page).exists():
        # A second host name for a tree that already has a site (an alias)
        # must not bring new groups with rights over that site's pages.
        logger.info("Site pk=%s is an alias; no roles provisioned", site.pk)
        return None

    label = site_label(site)
    editors = _new_group(site, _("%(site)s编辑"))
    reviewers = _new_group(site, _("%(site)s审核"))
    collection = _root_collection().add_child(name=label)
    for group in (editors, reviewers):
        _grant_admin_access(group)
        _grant_collection(group, collection)
    _grant_pages(editors, site.root_page, EDITOR_PAGE_PERMISSIONS)
    _grant_pages(reviewers, site.root_page, REVIEWER_PAGE_PERMISSIONS)
    workflow = _create_workflow(label, reviewers)
    WorkflowPage.objects.update_or_create(
        page=site.root_page, defaults={"workflow": workflow}
    )

    roles = SiteRoles.objects.create(
        site=site,
        editors=editors,
        reviewers=reviewers,
        workflow=workflow,
        collection=collection,
    )
    logger.info("Provisioned site pk=%s with roles pk=%s", site.pk, roles.pk)
    return roles


def _new_group(site, pattern):
    """Create a group of the site's own; never reuse one that exists.

    Two sites may share a name, and a reused group would let one site's
    editors into the other, so a taken name gets the host name added.
    """
    name = pattern % {"site": site_label(site)}
    if Group.objects.filter(name=name).exists():
        name = pattern % {"site": f"{site_label(site)}（{site.hostname}:{site.port}）"}
    return Group.objects.create(name=name)


def _root_collection():
    # Wagtail's migrations create the root; a flushed test database lacks it.
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _grant_admin_access(group):
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )


def _grant_collection(group, collection):
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            ),
        )


def _grant_pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def _create_workflow(label, reviewers):
    workflow = Workflow.objects.create(name=_("%(site)s三审流程") % {"site": label})
    for order, step in enumerate(REVIEW_STEPS):
        task = ReviewStepTask.objects.create(name=f"{label}{step}")
        task.groups.set([reviewers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


@transaction.atomic
def deprovision_site(site):
    """Remove the groups and workflow of a deleted site; keep its files."""
    roles = SiteRoles.objects.filter(site=site).select_related("workflow").first()
    if roles is None:
        return
    workflow = roles.workflow
    groups = [roles.editors, roles.reviewers]
    roles.delete()
    WorkflowPage.objects.filter(workflow=workflow).delete()
    tasks = [task.specific for task in workflow.tasks]
    workflow.deactivate()
    for task in tasks:
        task.deactivate()
    for group in groups:
        group.delete()
    logger.info("Deprovisioned site pk=%s", site.pk)
