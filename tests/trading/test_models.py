from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.actions.move_page import MovePageAction
from wagtail.documents.models import Document

import pytest
from bs4 import BeautifulSoup

from cms.searchable import searchable_models
from disclosure.trading import stages
from disclosure.trading.forms import NoticePageForm
from disclosure.trading.models import NoticeAttachment, NoticePage, ProjectPage
from tests.conftest import host_of
from tests.trading.factories import add_notice, make_project, trading_index


def test_notice_search_document_carries_the_transaction_code(portal):
    project = make_project(trading_index(portal), "QA-SEARCH", purchaser="质检局")
    notice = add_notice(project, stages.RESULT, "2025-01-06", body="<p>中标结果</p>")

    document = notice.search_document()

    assert NoticePage in searchable_models()
    assert document.identifiers == ["QA-SEARCH"]
    assert document.body == "中标结果"
    assert document.kind == "中标（成交）结果"
    assert document.organ == "质检局"


def test_a_second_project_with_the_same_code_is_refused(portal):
    index = trading_index(portal)
    make_project(index, "QA-TWICE")

    duplicate = ProjectPage(
        title="另一个项目",
        slug="another",
        transaction_code="QA-TWICE",
        purchaser="某局",
    )
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=duplicate)

    assert "transaction_code" in error.value.message_dict


def test_only_a_change_notice_may_point_at_what_it_changes(portal):
    project = make_project(trading_index(portal))
    announcement = add_notice(project, stages.ANNOUNCEMENT, "2025-01-06")

    with pytest.raises(ValidationError) as error:
        add_notice(project, stages.RESULT, "2025-02-06", changes=announcement)
    change = add_notice(project, stages.CHANGE, "2025-01-10", changes=announcement)

    assert "changes" in error.value.message_dict
    assert list(announcement.changed_by.all()) == [change]


def test_publicity_end_before_start_is_refused(portal):
    project = make_project(trading_index(portal))

    with pytest.raises(ValidationError) as error:
        add_notice(
            project,
            stages.CANDIDATES,
            "2025-01-06",
            publicity_start="2025-01-06",
            publicity_end="2025-01-05",
        )

    assert "publicity_end" in error.value.message_dict


def test_a_notice_moved_to_another_project_follows_it_in_lists(portal):
    index = trading_index(portal)
    first, second = make_project(index), make_project(index)
    notice = add_notice(first, stages.ANNOUNCEMENT, "2025-01-06")

    MovePageAction(notice, second, pos="last-child").execute(
        skip_permission_checks=True
    )

    assert NoticePage.objects.get(pk=notice.pk).project_id == second.pk


def test_notice_page_shows_its_attachments_and_what_it_changes(client, portal):
    project = make_project(trading_index(portal))
    announcement = add_notice(project, stages.ANNOUNCEMENT, "2025-01-06")
    change = add_notice(project, stages.CHANGE, "2025-01-10", changes=announcement)
    document = Document.objects.create(
        title="招标文件", file=ContentFile(b"%PDF-1.4", name="tender.pdf")
    )
    NoticeAttachment.objects.create(
        page=change, document=document, title="更正后的招标文件"
    )

    response = client.get(change.url, HTTP_HOST=host_of(portal))

    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(".attachments a").get_text() == "更正后的招标文件"
    assert html.select_one(".changes a")["href"] == announcement.relative_url(portal)


def test_a_change_notice_may_not_point_into_another_project(portal):
    index = trading_index(portal)
    first, second = make_project(index), make_project(index)
    elsewhere = add_notice(first, stages.ANNOUNCEMENT, "2025-01-06")

    with pytest.raises(ValidationError) as error:
        add_notice(second, stages.CHANGE, "2025-01-10", changes=elsewhere)

    assert "同一交易项目" in str(error.value.message_dict["changes"])
    assert not elsewhere.changed_by.exists()


def test_admin_form_offers_only_the_projects_own_notices(portal):
    index = trading_index(portal)
    first, second = make_project(index), make_project(index)
    own = add_notice(second, stages.ANNOUNCEMENT, "2025-01-06")
    add_notice(first, stages.ANNOUNCEMENT, "2025-01-06")
    form_class = NoticePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, NoticePageForm)

    form = form_class(instance=NoticePage(), parent_page=second, for_user=None)

    assert list(form.fields["changes"].queryset) == [own]


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [("macro.exe", 100, "附件类型 exe 不允许"), ("big.pdf", 2048, "超过上限")],
)
def test_notice_attachment_gets_the_document_checks(
    portal, settings, name, size, message
):
    settings.DISCLOSURE_ATTACHMENT_MAX_BYTES = 1024
    settings.WAGTAILDOCS_EXTENSIONS = None
    document = Document(title=name)
    document.file.save(name, ContentFile(b"x" * size), save=False)
    document.save()
    notice = add_notice(
        make_project(trading_index(portal)), stages.RESULT, "2025-01-06"
    )

    with pytest.raises(ValidationError) as error:
        NoticeAttachment(page=notice, document=document).full_clean()

    assert message in str(error.value.message_dict["document"])
