import datetime
from pathlib import Path

import pytest

from disclosure.importer import DocumentImporter, import_interpretation
from disclosure.models import DisclosureDocumentPage
from tests.disclosure.factories import path_of

pytestmark = pytest.mark.django_db

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "data" / "xss-payloads.txt")
    .read_text("utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.fixture
def hostile_documents(sites):
    records = [
        {
            "id": f"xss-{number}",
            "title": f"恶意{number} {payload}",
            "issuing_organ": payload,
            "keywords": payload,
            "publish_date": "2021-06-01",
            "body": f"{payload}\n正文",
        }
        for number, payload in enumerate(PAYLOADS)
    ]
    report = DocumentImporter(sites["xingning"], today=datetime.date(2025, 1, 1)).run(
        records
    )
    assert report.errors == []
    return DisclosureDocumentPage.objects.filter(import_key__startswith="xss-")


def script_tags(html):
    return html.lower().count("<script")


def test_document_pages_render_every_payload_inert(client, sites, hostile_documents):
    host = sites["xingning"].hostname
    baseline = script_tags(client.get("/", HTTP_HOST=host).content.decode())
    for number, payload in enumerate(PAYLOADS):
        page = hostile_documents.get(import_key=f"xss-{number}")
        html = client.get(path_of(page), HTTP_HOST=host).content.decode()
        assert script_tags(html) == baseline
        if "<" in payload:
            assert payload not in html


def test_lists_feeds_and_exports_render_payloads_inert(
    client, sites, hostile_documents
):
    host = sites["xingning"].hostname
    html = client.get("/disclosure/documents/?q=恶意", HTTP_HOST=host).content.decode()
    rss = client.get("/disclosure/documents/rss/?q=恶意", HTTP_HOST=host).content
    exported = client.get("/disclosure/documents/export.json", HTTP_HOST=host)

    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in html
            assert payload.encode() not in rss
    assert exported["Content-Type"].startswith("application/json")


def test_interpretation_body_renders_inert(client, sites):
    page, _documents = import_interpretation(
        sites["xingning"],
        {"id": "xss-jd", "title": PAYLOADS[0], "publish_date": "2021-06-01",
         "body": "\n".join(PAYLOADS)},
    )  # fmt: skip

    html = client.get(path_of(page), HTTP_HOST=sites["xingning"].hostname)

    text = html.content.decode()
    assert all(payload not in text for payload in PAYLOADS if "<" in payload)
