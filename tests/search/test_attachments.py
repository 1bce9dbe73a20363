"""Text inside attached PDF files is searchable with the page."""

import io

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

from cms.models import ArticleAttachment
from disclosure.models import DocumentAttachment
from disclosure.trading import stages
from disclosure.trading.models import NoticeAttachment
from tests.disclosure.factories import disclosure_home, make_document
from tests.search.conftest import api, publish_article, titles
from tests.trading.factories import add_notice, make_project, trading_index

PDF_TEXT = "南宁市菠萝蜜产业园区基础设施建设项目竞争性磋商文件"


FONTS = {
    # A standard font every reader has: enough for Latin text.
    "latin": [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
    # Adobe's STSong-Light CID font, not embedded (readers supply it), with
    # the predefined UCS-2 CMap: how PDF producers commonly write Chinese.
    "chinese": [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light"
        b" /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>"
        b" /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6"
        b" /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880"
        b" /Descent -120 /CapHeight 880 /StemV 93 >>",
    ],
}


def pdf_with_text(text):
    """Return a minimal one-page PDF showing text, Chinese or Latin."""
    if text.isascii():
        fonts, shown = FONTS["latin"], f"({text})"
    else:
        fonts, shown = FONTS["chinese"], f"<{text.encode('utf-16-be').hex()}>"
    content = f"BT /F1 18 Tf 10 100 Td {shown} Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *fonts,
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


def pdf_document(name, data):
    return Document.objects.create(title=name, file=ContentFile(data, name=name))


def attachment(name, data, model=ArticleAttachment):
    return model(document=pdf_document(name, data))


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


def test_chinese_text_of_attachments_finds_every_kind_of_item(client, portal, backend):
    pdf = pdf_with_text(PDF_TEXT)
    publish_article(portal, "园区建设文章", attachments=[attachment("a.pdf", pdf)])
    make_document(
        disclosure_home(portal),
        title="园区建设公开文件",
        attachments=[attachment("d.pdf", pdf, DocumentAttachment)],
    )
    add_notice(
        make_project(trading_index(portal)),
        stages.ANNOUNCEMENT,
        "2024-05-06",
        title="园区建设采购公告",
        attachments=[attachment("n.pdf", pdf, NoticeAttachment)],
    )

    found = set(titles(api(client, portal, q="菠萝蜜产业园区")))

    assert found == {"园区建设文章", "园区建设公开文件", "园区建设采购公告"}
