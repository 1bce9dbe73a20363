"""Text inside attached PDF files is searchable with the page."""

import io

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

from cms.models import ArticleAttachment
from tests.search.conftest import api, publish_article, titles


def pdf_with_text(text):
    """Return a minimal one-page PDF showing text in Helvetica."""
    content = f"BT /F1 18 Tf 10 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer << /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def attachment(name, data):
    document = Document.objects.create(title=name, file=ContentFile(data, name=name))
    return ArticleAttachment(document=document)


def test_text_of_an_attached_pdf_finds_the_page(client, portal, backend):
    publish_article(
        portal,
        "龙眼采收期间交通安排",
        attachments=[
            attachment("notice.pdf", pdf_with_text("Longan harvest bulletin"))
        ],
    )

    assert titles(api(client, portal, q="harvest bulletin")) == ["龙眼采收期间交通安排"]


def test_a_damaged_pdf_does_not_stop_the_page_being_indexed(client, portal, backend):
    publish_article(
        portal,
        "荔枝采收期间交通安排",
        attachments=[attachment("broken.pdf", b"%PDF-1.4 not really a pdf")],
    )

    assert titles(api(client, portal, q="荔枝采收")) == ["荔枝采收期间交通安排"]
