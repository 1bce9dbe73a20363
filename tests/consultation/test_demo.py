from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Revision

import pytest

from consultation.demo import split_articles
from consultation.models import (
    ConsultationPage,
    Department,
    Mailbox,
    Message,
    SatisfactionRating,
)
from tests.conftest import host_of

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Revision.objects.count(),
        ConsultationPage.objects.count(),
        Message.objects.count(),
        Department.objects.count(),
        Mailbox.objects.count(),
        SatisfactionRating.objects.count(),
    )


def test_every_corpus_consultation_is_loaded_and_past_ones_are_closed():
    pages = ConsultationPage.objects.live()
    assert sorted(page.slug for page in pages) == [
        f"consult-00{n}" for n in range(1, 6)
    ]
    assert all(page.closes_at < timezone.now() for page in pages)
    assert {page.slug: page.status for page in pages} == {
        "consult-001": "closed",
        "consult-002": "closed",
        "consult-003": "closed",
        "consult-004": "closed",
        "consult-005": "feedback",
    }


def test_organ_feedback_statement_becomes_the_published_report(client, sites):
    page = ConsultationPage.objects.get(slug="consult-005")
    assert "反饋情況說明" not in page.draft
    response = client.get(
        page.get_url_parts()[2] + "feedback/", HTTP_HOST=host_of(sites["sfj"])
    )
    assert "未收到社會公眾提出的修改意見" in response.content.decode()


def test_justice_bureau_drafts_go_to_the_justice_bureau_site(sites):
    on_sfj = ConsultationPage.objects.descendant_of(sites["sfj"].root_page)
    assert sorted(page.slug for page in on_sfj) == ["consult-002", "consult-005"]


def test_corpus_dates_become_the_open_period():
    page = ConsultationPage.objects.get(slug="consult-002")
    opens = timezone.localtime(page.opens_at)
    closes = timezone.localtime(page.closes_at)
    assert (opens.date().isoformat(), closes.date().isoformat()) == (
        "2020-10-29",
        "2020-11-28",
    )


def test_draft_with_numbered_articles_is_split_for_comments():
    page = ConsultationPage.objects.get(slug="consult-003")
    labels = list(page.articles.values_list("label", flat=True))
    assert labels[:2] == ["第一条", "第二条"]


def test_split_articles_joins_continuation_lines():
    text = "第一章 总则\n第一条 为了规范。\n续行。\n第二条 适用范围。"
    assert split_articles(text) == [
        ("第一条", "为了规范。\n续行。"),
        ("第二条", "适用范围。"),
    ]


def test_example_messages_are_marked_as_demo_and_have_replies():
    demo = Message.objects.filter(tracking_code__startswith="DEMO-")
    assert demo.count() == 4
    assert all(message.subject.startswith("（演示）") for message in demo)
    assert demo.filter(status=Message.REPLIED).count() == 3


def test_loading_twice_changes_nothing():
    before = snapshot()
    call_command("load_demo", port=80, no_progress=True, verbosity=0)
    assert snapshot() == before


def test_loading_again_leaves_an_unpublished_consultation_unpublished(admin_user):
    page = ConsultationPage.objects.get(slug="consult-001")
    page.unpublish(user=admin_user)

    call_command("load_demo", port=80, no_progress=True, verbosity=0)

    page.refresh_from_db()
    assert not page.live
