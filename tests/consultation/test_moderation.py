from django.contrib.messages import get_messages
from django.urls import reverse

import pytest

from consultation.models import Comment
from tests.cms.factories import site_editor, site_reviewer
from tests.conftest import host_of

from .factories import make_comment, make_consultation, path_of

pytestmark = pytest.mark.django_db

INDEX = "consultation_comments:index"


@pytest.fixture
def page(portal):
    return make_consultation(portal)


@pytest.fixture
def pending(page):
    return make_comment(page, body="<p>等待审核的意见</p>", status=Comment.PENDING)


def moderate(client, action, comment, data=None, next_url=None):
    url = reverse(f"consultation_comments:{action}", args=[comment.pk])
    return client.post(url, {**(data or {}), "next": next_url or ""})


def assert_refused(response, comment, before):
    """Wagtail answers a refusal with a redirect home and an error message."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    levels = [message.level_tag for message in get_messages(response.wsgi_request)]
    assert "error" in levels
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_at) == before


def test_queue_opens_on_pending_comments(admin_client, page, pending):
    approved = make_comment(page, body="<p>已经通过的意见</p>")
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    queue_url = reverse(INDEX) + "?status=pending"
    listing = admin_client.get(queue_url).content.decode()

    assert queue_url in home
    assert pending.tracking_code in listing
    assert approved.tracking_code not in listing


def test_pending_comment_is_approved_from_the_list(client, admin_client, page, pending):
    listing = admin_client.get(reverse(INDEX) + "?status=pending").content.decode()
    approve_url = reverse("consultation_comments:approve", args=[pending.pk])
    assert f'action="{approve_url}"' in listing

    response = moderate(
        admin_client, "approve", pending, next_url=reverse(INDEX) + "?status=pending"
    )

    assert response.status_code == 302
    assert response.url == reverse(INDEX) + "?status=pending"
    pending.refresh_from_db()
    assert pending.status == Comment.APPROVED
    assert pending.moderated_at is not None
    public = client.get(path_of(page), HTTP_HOST=host_of(page.get_site()))
    assert "等待审核的意见" in public.content.decode()


def test_rejecting_needs_a_reason(admin_client, pending):
    form_page = admin_client.get(
        reverse("consultation_comments:reject", args=[pending.pk])
    )
    assert "等待审核的意见" in form_page.content.decode()

    without = moderate(admin_client, "reject", pending, {"reason": ""})
    assert without.status_code == 200
    pending.refresh_from_db()
    assert pending.status == Comment.PENDING

    moderate(admin_client, "reject", pending, {"reason": "与本草案无关"})
    pending.refresh_from_db()
    assert (pending.status, pending.reject_reason) == (
        Comment.REJECTED,
        "与本草案无关",
    )


def test_duplicate_points_to_a_comment_of_the_same_consultation(
    admin_client, portal, page, pending
):
    original = make_comment(page, body="<p>最早提出的意见</p>")
    stranger = make_comment(make_consultation(portal))
    form = admin_client.get(
        reverse("consultation_comments:duplicate", args=[pending.pk])
    ).context["form"]
    assert set(form.fields["original"].queryset) == {original}

    refused = moderate(admin_client, "duplicate", pending, {"original": stranger.pk})
    assert refused.status_code == 200
    moderate(admin_client, "duplicate", pending, {"original": original.pk})

    pending.refresh_from_db()
    assert (pending.status, pending.duplicate_of) == (Comment.DUPLICATE, original)


def test_approving_a_rejected_comment_clears_the_reason(admin_client, page):
    comment = make_comment(page, status=Comment.REJECTED, reject_reason="误判")
    moderate(admin_client, "approve", comment)
    comment.refresh_from_db()
    assert (comment.status, comment.reject_reason) == (Comment.APPROVED, "")


@pytest.mark.parametrize("role", [site_editor, site_reviewer])
def test_site_roles_moderate_their_own_sites_comments(client, sites, role):
    own = make_comment(make_consultation(sites["sfj"]), status=Comment.PENDING)
    client.force_login(role(sites["sfj"]))

    response = moderate(client, "reject", own, {"reason": "广告"})

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == Comment.REJECTED


@pytest.mark.parametrize("action", ["approve", "reject", "duplicate"])
def test_site_editor_cannot_moderate_another_sites_comment(client, sites, action):
    page = make_consultation(sites["nanning"])
    other = make_comment(page, status=Comment.PENDING)
    original = make_comment(page)
    client.force_login(site_editor(sites["sfj"]))

    response = moderate(
        client, action, other, {"reason": "越权", "original": original.pk}
    )

    assert_refused(response, other, (Comment.PENDING, None))
