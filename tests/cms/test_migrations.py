"""Data migrations move existing sites over without losing their reviews."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import connection

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

import pytest

from cms.models import ColumnPage, ReviewStepTask
from cms.provisioning import REVIEW_STEPS
from tests.cms.factories import site_editor, site_reviewer
from tests.cms.test_workflow import draft_article

review_steps = importlib.import_module(
    "cms.migrations.0004_site_reviews_use_review_step_tasks"
)


@pytest.fixture
def legacy_site(sites):
    """A site provisioned before ReviewStepTask: plain tasks, reviewers publish."""
    site = sites["xingning"]
    roles = site.roles
    workflow = Workflow.objects.create(name="旧三审流程")
    for order, step in enumerate(REVIEW_STEPS):
        task = GroupApprovalTask.objects.create(name=f"旧{step}")
        task.groups.set([roles.reviewers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    roles.workflow = workflow
    roles.save()
    WorkflowPage.objects.filter(page=site.root_page).update(workflow=workflow)
    GroupPagePermission.objects.create(
        group=roles.reviewers, page=site.root_page, permission=publish_permission()
    )
    return site


def publish_permission():
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )


def reviewer_can_publish(site):
    return GroupPagePermission.objects.filter(
        group=site.roles.reviewers, permission=publish_permission()
    ).exists()


def test_forwards_converts_tasks_in_place_and_keeps_reviews(legacy_site):
    editor, first = site_editor(legacy_site), site_reviewer(legacy_site, "-1")
    column = ColumnPage.objects.descendant_of(legacy_site.root_page).first()
    article = draft_article(column, editor)
    state = article.get_workflow().start(article, editor)
    state.current_task_state.approve(user=first)
    task_pks = [task.pk for task in legacy_site.roles.workflow.tasks]

    review_steps.forwards(apps, None)

    tasks = [task.specific for task in Task.objects.filter(pk__in=task_pks)]
    assert all(type(task) is ReviewStepTask for task in tasks)
    assert all(
        list(task.groups.all()) == [legacy_site.roles.reviewers] for task in tasks
    )
    assert not reviewer_can_publish(legacy_site)
    state.refresh_from_db()
    second_step = state.current_task_state.task.specific
    assert second_step.name == "旧复审"
    assert second_step.get_actions(article, first) == []


def test_backwards_restores_plain_tasks_and_publish(legacy_site):
    task_pks = [task.pk for task in legacy_site.roles.workflow.tasks]
    review_steps.forwards(apps, None)

    with connection.schema_editor(atomic=False) as schema_editor:
        review_steps.backwards(apps, schema_editor)

    tasks = [task.specific for task in Task.objects.filter(pk__in=task_pks)]
    assert all(type(task) is GroupApprovalTask for task in tasks)
    assert not ReviewStepTask.objects.filter(pk__in=task_pks).exists()
    assert reviewer_can_publish(legacy_site)
