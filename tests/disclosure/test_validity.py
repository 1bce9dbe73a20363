import datetime
from pathlib import Path

from django.core.management import call_command

import pytest

from disclosure.models import Validity
from disclosure.validity import expire_documents
from tests.disclosure.factories import disclosure_home, make_document, path_of

pytestmark = pytest.mark.django_db


def test_document_expires_on_its_date_not_before(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(home, expires_on=datetime.date(2025, 6, 30))

    assert expire_documents(today=datetime.date(2025, 6, 29)) == []
    page.refresh_from_db()
    assert page.validity == Validity.IN_FORCE

    assert expire_documents(today=datetime.date(2025, 6, 30)) == [page.pk]
    page.refresh_from_db()
    assert page.validity == Validity.EXPIRED


def test_expiry_survives_publishing_the_latest_revision_again(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(home, expires_on=datetime.date(2025, 6, 30))
    expire_documents(today=datetime.date(2025, 7, 1))

    page.refresh_from_db()
    page.latest_revision.publish()

    page.refresh_from_db()
    assert page.validity == Validity.EXPIRED


def test_daily_command_expires_documents_past_their_date(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(home, expires_on=datetime.date(2024, 6, 1))

    call_command("expire_documents", verbosity=0)

    page.refresh_from_db()
    assert page.validity == Validity.EXPIRED


def test_in_force_on_a_date_follows_repeal_and_expiry(sites):
    home = disclosure_home(sites["xingning"])
    page = make_document(home)
    page.validity = Validity.REPEALED
    page.repealed_on = datetime.date(2024, 9, 1)

    assert page.is_in_force_on(datetime.date(2024, 8, 31))
    assert not page.is_in_force_on(datetime.date(2024, 9, 1))


def test_repealed_document_links_to_its_replacement_both_ways(client, sites):
    home = disclosure_home(sites["xingning"])
    new = make_document(home, title="新办法")
    old = make_document(home, title="旧办法")
    old.validity = Validity.REPEALED
    old.repealed_on = datetime.date(2024, 5, 6)
    old.replaced_by = new
    old.save_revision().publish()

    old_html = client.get(path_of(old), HTTP_HOST=sites["xingning"].hostname).content
    new_html = client.get(path_of(new), HTTP_HOST=sites["xingning"].hostname).content

    assert "替代文件" in old_html.decode() and path_of(new) in old_html.decode()
    assert "本文件替代" in new_html.decode() and path_of(old) in new_html.decode()
    assert "废止" in old_html.decode()


def test_normative_list_shows_only_documents_in_force(client, sites):
    home = disclosure_home(sites["xingning"])
    make_document(home, title="现行规范性文件甲", category="normative")
    make_document(
        home,
        title="已失效规范性文件乙",
        category="normative",
        validity=Validity.EXPIRED,
        expires_on=datetime.date(2024, 5, 6),
    )

    html = client.get(
        "/disclosure/normative/", HTTP_HOST=sites["xingning"].hostname
    ).content.decode()

    assert "现行规范性文件甲" in html
    assert "已失效规范性文件乙" not in html


@pytest.fixture
def stale_documents(sites):
    """Normative documents whose dates have passed before the job ran."""
    home = disclosure_home(sites["xixiangtang"])
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    return {
        "expired": make_document(
            home, title="过期未跑任务的规范性文件", category="normative",
            expires_on=yesterday,
        ),
        "repealed": make_document(
            home, title="到期废止的规范性文件", category="normative",
            repealed_on=yesterday,
        ),
        "in_force": make_document(
            home, title="仍然有效的规范性文件", category="normative",
            expires_on=datetime.date.today() + datetime.timedelta(days=30),
        ),
    }  # fmt: skip


def exported(client, site, path):
    response = client.get(path, HTTP_HOST=site.hostname)
    assert response.status_code == 200
    return {row["title"]: row["validity"] for row in response.json()["results"]}


def test_lists_compute_validity_from_dates_before_the_daily_job(
    client, sites, stale_documents
):
    site = sites["xixiangtang"]
    assert {page.validity for page in stale_documents.values()} == {"in_force"}
    titles = {key: page.title for key, page in stale_documents.items()}

    in_force = exported(
        client, site, "/disclosure/documents/export.json?validity=in_force"
    )
    expired = exported(
        client, site, "/disclosure/documents/export.json?validity=expired"
    )
    repealed = exported(
        client, site, "/disclosure/documents/export.json?validity=repealed"
    )
    normative = exported(client, site, "/disclosure/normative/export.json")

    assert titles["in_force"] in in_force
    assert titles["expired"] not in in_force and titles["repealed"] not in in_force
    assert expired.get(titles["expired"]) == "失效"
    assert repealed.get(titles["repealed"]) == "废止"
    assert titles["expired"] not in repealed
    assert titles["in_force"] in normative
    assert not {titles["expired"], titles["repealed"]} & set(normative)


def test_list_and_page_show_the_validity_the_dates_give(client, sites, stale_documents):
    site = sites["xixiangtang"]
    page = stale_documents["expired"]

    listed = client.get(
        "/disclosure/documents/?q=过期未跑任务", HTTP_HOST=site.hostname
    )
    shown = client.get(path_of(page), HTTP_HOST=site.hostname)

    assert "<td>失效</td>" in listed.content.decode()
    assert "<td>有效</td>" not in listed.content.decode()
    assert ">失效（" in shown.content.decode()


def test_readme_documents_the_daily_expiry_job():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")

    assert "manage.py expire_documents" in readme
