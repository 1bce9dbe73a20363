"""RSS, CSV and JSON forms of exactly the list a reader filtered."""

import csv

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.text import Truncator

from cms.spreadsheet import spreadsheet_safe
from cms.text import html_to_text

FEED_LENGTH = 50
EXPORT_FIELDS = [
    ("index_number", "索引号"),
    ("title", "标题"),
    ("document_number", "发文字号"),
    ("issuing_organs", "发文机关"),
    ("written_date", "成文日期"),
    ("publish_date", "发布日期"),
    ("topic", "主题分类"),
    ("genre", "体裁分类"),
    ("category", "文件类别"),
    ("validity", "有效性"),
    ("url", "链接"),
]


def filter_errors(form):
    """Return ``{field label: [messages]}`` of an invalid filter form."""
    labels = {name: str(field.label or name) for name, field in form.fields.items()}
    return {
        labels.get(name, name): list(messages) for name, messages in form.errors.items()
    }


def filter_errors_response(form, fmt):
    """Answer a feed or export whose filter is invalid: 400 and the reasons."""
    errors = filter_errors(form)
    if fmt == "json":
        return JsonResponse(
            {"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    lines = [f"{label}：{'；'.join(messages)}" for label, messages in errors.items()]
    return HttpResponseBadRequest(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


def export_row(page, request):
    if getattr(page, "is_interpretation", False):
        return interpretation_row(page, request)
    return {
        "index_number": page.index_number or "",
        "title": page.title,
        "document_number": page.document_number,
        "issuing_organs": [organ.name for organ in page.issuing_organs.all()],
        "written_date": page.written_date.isoformat() if page.written_date else "",
        "publish_date": page.publish_date.isoformat(),
        "topic": str(page.topic) if page.topic_id else "",
        "genre": page.genre,
        "category": page.get_category_display(),
        "validity": page.current_validity_label,
        "url": page.get_full_url(request),
    }


def interpretation_row(page, request):
    """Return an interpretation's row: its kind stands in the category column."""
    return {
        "index_number": "",
        "title": page.title,
        "document_number": "",
        "issuing_organs": [page.author_organ] if page.author_organ else [],
        "written_date": "",
        "publish_date": page.publish_date.isoformat(),
        "topic": "",
        "genre": page.get_kind_display(),
        "category": str(page._meta.verbose_name),
        "validity": "",
        "url": page.get_full_url(request),
    }


def safe_cell(value):
    text = "、".join(value) if isinstance(value, list) else str(value)
    return spreadsheet_safe(text)


def csv_response(pages, request, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    # Excel in Chinese locales reads UTF-8 only with the byte-order mark.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([label for _name, label in EXPORT_FIELDS])
    for page in pages:
        row = export_row(page, request)
        writer.writerow([safe_cell(row[name]) for name, _label in EXPORT_FIELDS])
    return response


def json_response(pages, request):
    results = [export_row(page, request) for page in pages]
    return JsonResponse(
        {"count": len(results), "results": results},
        json_dumps_params={"ensure_ascii": False},
    )


class DocumentListFeed(Feed):
    """RSS of a filtered document list; the object is ``(title, link, pages)``."""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, title, link, pages):
        return title, link, pages

    def title(self, obj):
        return obj[0]

    def link(self, obj):
        return obj[1]

    def description(self, obj):
        return obj[0]

    def items(self, obj):
        return obj[2][:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [
            getattr(item, "index_number", ""),
            getattr(item, "document_number", ""),
        ]
        summary = Truncator(html_to_text(item.body)).chars(140)
        return " ".join(part for part in [*parts, summary] if part)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return getattr(item, "index_number", "") or item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at
