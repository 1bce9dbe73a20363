"""Content reaches the public only through 初审, 复审 and 终审."""

import datetime
import json

from django.urls import reverse

from cms.models import ArticlePage, ColumnPage
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


def test_three_reviews_publish_and_a_rejection_stops(sites):
    site = sites["xingning"]
    editor, reviewer = site_editor(site), site_reviewer(site)
    article = draft_article(
        ColumnPage.objects.descendant_of(site.root_page).first(), editor
    )
    workflow = article.get_workflow()

    state = workflow.start(article, editor)
    for expected_step in ("初审", "复审", "终审"):
        article.refresh_from_db()
        assert not article.live
        task_state = state.current_task_state
        assert task_state.task.name.endswith(expected_step)
        assert task_state.task.specific.user_can_access_editor(article, reviewer)
        task_state.task.specific.on_action(task_state, reviewer, "approve")
        state.refresh_from_db()

    article.refresh_from_db()
    assert article.live
    assert state.status == state.STATUS_APPROVED


def test_rejection_at_second_review_keeps_the_page_unpublished(sites):
    site = sites["xingning"]
    editor, reviewer = site_editor(site), site_reviewer(site)
    article = draft_article(
        ColumnPage.objects.descendant_of(site.root_page).first(), editor
    )

    state = article.get_workflow().start(article, editor)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, reviewer, "approve"
    )
    state.refresh_from_db()
    state.current_task_state.task.specific.on_action(
        state.current_task_state, reviewer, "reject"
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
