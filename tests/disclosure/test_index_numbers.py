import datetime
import threading

from django.db import connections

from wagtail.models import Page

import pytest

from cms.models import SiteIdentity
from disclosure.models import DisclosureDocumentPage, IndexCounter
from tests.disclosure.factories import disclosure_home, make_document

pytestmark = pytest.mark.django_db


def org_code(site):
    return SiteIdentity.for_site(site).organisation_code


def test_draft_has_no_index_number_until_first_publication(sites):
    page = make_document(disclosure_home(sites["xingning"]), publish=False)
    assert page.index_number is None

    page.save_revision().publish()
    page.refresh_from_db()

    assert page.index_number == f"{org_code(sites['xingning'])}/2024-00001"


def test_serials_count_up_per_organisation_and_year(sites):
    home = disclosure_home(sites["xingning"])
    first = make_document(home)
    second = make_document(home)
    other_year = make_document(home, publish_date=datetime.date(2023, 3, 1))
    other_site = make_document(disclosure_home(sites["sfj"]))

    code = org_code(sites["xingning"])
    assert first.index_number == f"{code}/2024-00001"
    assert second.index_number == f"{code}/2024-00002"
    assert other_year.index_number == f"{code}/2023-00001"
    assert other_site.index_number.startswith(f"{org_code(sites['sfj'])}/2024-")


def test_later_edits_and_old_revisions_keep_the_number(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(home, publish=False)
    draft = page.save_revision()
    page.save_revision().publish()
    page.refresh_from_db()
    number = page.index_number

    page.title = "修改后的标题"
    page.save_revision().publish()
    draft.publish()

    page.refresh_from_db()
    assert page.index_number == number


def test_deleted_document_number_is_never_reused(sites):
    home = disclosure_home(sites["xingning"])
    first = make_document(home)
    number = first.index_number
    first.delete()

    second = make_document(home)

    assert second.index_number != number
    assert second.index_number.endswith("-00002")


def test_copy_of_a_document_gets_its_own_number(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(home)
    copy = page.copy(update_attrs={"slug": "copied-document"}, keep_live=False)
    copy.save_revision().publish()
    copy.refresh_from_db()

    assert copy.index_number not in (None, page.index_number)


def run_in_thread(target, *args):
    """Run ``target`` on its own connection, which commits for real."""
    outcome = {}

    def body():
        try:
            outcome["value"] = target(*args)
        finally:
            connections.close_all()

    thread = threading.Thread(target=body)
    thread.start()
    return thread, outcome


def create_drafts(home_pk, count):
    home = Page.objects.get(pk=home_pk)
    pages = []
    for number in range(count):
        page = DisclosureDocumentPage(
            title=f"并发测试 {number}",
            slug=f"concurrent-{number}",
            publish_date=datetime.date(2001, 6, 1),
            live=False,
        )
        home.add_child(instance=page)
        pages.append(page.pk)
    return pages


def publish_when_released(pk, barrier):
    page = DisclosureDocumentPage.objects.get(pk=pk)
    barrier.wait(timeout=30)
    page.save_revision().publish()
    return DisclosureDocumentPage.objects.get(pk=pk).index_number


def remove(pks, code):
    for page in DisclosureDocumentPage.objects.filter(pk__in=pks):
        page.delete()
    IndexCounter.objects.filter(organisation_code=code, year=2001).delete()


def test_simultaneous_publications_never_share_a_number(sites):
    site = sites["xixiangtang"]
    code = org_code(site)
    home_pk = disclosure_home(site).pk
    count = 6
    thread, created = run_in_thread(create_drafts, home_pk, count)
    thread.join()
    pks = created["value"]
    try:
        barrier = threading.Barrier(count)
        runs = [run_in_thread(publish_when_released, pk, barrier) for pk in pks]
        for thread, _outcome in runs:
            thread.join()
        numbers = [outcome.get("value") for _thread, outcome in runs]
    finally:
        thread, _outcome = run_in_thread(remove, pks, code)
        thread.join()

    assert sorted(numbers) == [f"{code}/2001-{serial:05d}" for serial in range(1, 7)]
