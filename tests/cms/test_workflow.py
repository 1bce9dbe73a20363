"""Content reaches the public only through 初审, 复审 and 终审."""

import datetime
import json

from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest

from cms.models import ArticlePage, ColumnPage, ReviewStepTask
from tests.cms.factories import site_editor, site_reviewer


def draft_article(column, editor):
    article = ArticlePage(
        title="兴宁区召开政务公开工作会议",
        slug="open-government-meeting",
        body="<p>会议部署了年度政务公开工作。</p>",
        publish_date=datetime.date(2026, 11, 30),
        owner=editor,
        live=False,
    )
    column.add_child(instance=article)
    article.save_revision(user=editor)
    return article


def edit_form_data(article):
    return {
        "title": article.title,
        "slug": article.slug,
        "subtitle": "",
        "publish_date": article.publish_date.isoformat(),
        "source": "",
        "author_organ": "",
        "body": json.dumps(
            {
                "blocks": [{"key": "a", "type": "unstyled", "text": "会议部署。"}],
                "entityMap": {},
            }
        ),
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
    }


def test_editor_cannot_publish_through_the_editor(client, sites):
    site = sites["xingning"]
    editor = site_editor(site)
    article = draft_article(
        ColumnPage.objects.descendant_of(site.root_page).first(), editor
    )
    client.force_login(editor)

    data = {**edit_form_data(article), "action-publish": "action-publish"}
    client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)

    article.refresh_from_db()
    assert not article.live


def approve_in_admin(client, reviewer, article):
    """Approve the article's current step through the admin's workflow view."""
    task_state = article.current_workflow_task_state
    client.force_login(reviewer)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[article.pk, "approve", task_state.pk],
    )
    return client.post(url, {"comment": ""})


def reviewers_of(site, count):
    return [site_reviewer(site, suffix=f"-{n}") for n in range(count)]


def test_three_different_reviewers_publish_through_the_admin(client, sites):
    site = sites["xingning"]
    editor = site_editor(site)
    article = draft_article(
        ColumnPage.objects.descendant_of(site.root_page).first(), editor
    )
    state = article.get_workflow().start(article, editor)

    for expected_step, reviewer in zip(
        ("初审", "复审", "终审"), reviewers_of(site, 3), strict=True
    ):
        article.refresh_from_db()
        assert not article.live
        task = article.current_workflow_task
        assert isinstance(task, ReviewStepTask)
        assert task.name.endswith(expected_step)
        response = approve_in_admin(client, reviewer, article)
        assert response.url == reverse("wagtailadmin_pages:edit", args=[article.pk])

    article.refresh_from_db()
    state.refresh_from_db()
    assert article.live
    assert state.status == state.STATUS_APPROVED


def test_one_reviewer_cannot_approve_a_second_step(client, sites):
    site = sites["xingning"]
    editor = site_editor(site)
    first, second = reviewers_of(site, 2)
    article = draft_article(
        ColumnPage.objects.descendant_of(site.root_page).first(), editor
    )
    state = article.get_workflow().start(article, editor)
    approve_in_admin(client, first, article)
    article.refresh_from_db()
    task_state = article.current_workflow_task_state
    task = task_state.task.specific

    assert task.name.endswith("复审")
    assert task.get_actions(article, first) == []
    assert not task.user_can_access_editor(article, first)
    assert task.locked_for_user(article, first)
    assert not task.get_task_states_user_can_moderate(first).exists()
    # The admin answers a refused action by sending the user to its home.
    assert approve_in_admin(client, first, article).url == reverse("wagtailadmin_home")
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, first, "approve")
    state.refresh_from_db()
    assert state.current_task_state == task_state

    assert "approve" in [name for name, *_ in task.get_actions(article, second)]
    assert (
        task.get_task_states_user_can_moderate(second).filter(pk=task_state.pk).exists()
    )


def test_reviewer_cannot_publish_through_the_editor(client, sites):
    site = sites["xingning"]
    editor, reviewer = site_editor(site), site_reviewer(site)
    article = draft_article(
        ColumnPage.objects.descendant_of(site.root_page).first(), editor
    )
    client.force_login(reviewer)

    data = {**edit_form_data(article), "action-publish": "action-publish"}
    client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)

    article.refresh_from_db()
    assert not article.permissions_for_user(reviewer).can_publish()
    assert not article.live


def test_rejection_at_second_review_keeps_the_page_unpublished(sites):
    site = sites["xingning"]
    editor = site_editor(site)
    first, second = reviewers_of(site, 2)
    article = draft_article(
        ColumnPage.objects.descendant_of(site.root_page).first(), editor
    )

    state = article.get_workflow().start(article, editor)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, first, "approve"
    )
    state.refresh_from_db()
    state.current_task_state.task.specific.on_action(
        state.current_task_state, second, "reject"
    )
    state.refresh_from_db()
    article.refresh_from_db()

    assert state.status == state.STATUS_NEEDS_CHANGES
    assert not article.live


def test_reviewer_of_another_site_cannot_approve(sites):
    editor = site_editor(sites["xingning"])
    outsider = site_reviewer(sites["sfj"])
    article = draft_article(
        ColumnPage.objects.descendant_of(sites["xingning"].root_page).first(), editor
    )

    state = article.get_workflow().start(article, editor)
    task = state.current_task_state.task.specific

    assert task.get_actions(article, outsider) == []
