"""Public notice lists with their feed and exports, and the supervisor report."""

import csv

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Site

from cms.spreadsheet import spreadsheet_safe
from disclosure.exports import filter_errors_response
from disclosure.trading.filters import NoticeFilter, notices_for_site
from disclosure.trading.models import TradingIndexPage

PER_PAGE = 20
# Exports stream every filtered row; this many are read from the database at
# a time.
EXPORT_CHUNK = 500
FEED_LENGTH = 50
EXPORT_COLUMNS = [
    ("transaction_code", _("交易编号")),
    ("project_title", _("项目名称")),
    ("trading_type", _("交易类型")),
    ("trading_method", _("交易方式")),
    ("region", _("地区")),
    ("purchaser", _("采购人（招标人）")),
    ("agency", _("代理机构")),
    ("budget", _("预算金额（元）")),
    ("stage", _("公告类型")),
    ("title", _("公告标题")),
    ("publish_date", _("发布日期")),
    ("amount", _("中标（成交）金额（元）")),
    ("winners", _("中标（成交）人")),
    ("site", _("发布网站")),
    ("url", _("网址")),
]


def filtered_notices(request):
    site = Site.find_for_request(request)
    notice_filter = NoticeFilter(request.GET or None, queryset=notices_for_site(site))
    return site, notice_filter


def filter_is_valid(notice_filter):
    return not notice_filter.is_bound or notice_filter.is_valid()


def filtered_or_none(notice_filter):
    """Return the filtered notices, or none when the filter could not be read."""
    if filter_is_valid(notice_filter):
        return notice_filter.qs
    return notice_filter.queryset.none()


def query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def notice_list(request, index_page=None):
    """List the current site's notices; on the portal, every site's."""
    site, notice_filter = filtered_notices(request)
    if index_page is None:
        index_page = (
            TradingIndexPage.objects.live().descendant_of(site.root_page).first()
            if site
            else None
        )
    per_page = index_page.per_page if index_page else PER_PAGE
    notices = filtered_or_none(notice_filter)
    page_obj = Paginator(notices, per_page).get_page(request.GET.get("page"))
    names = site_names()
    for notice in page_obj.object_list:
        notice.site_name = site_name_of(notice, names)
    query = query_without_page(request)
    context = {
        "page": index_page,
        "filter": notice_filter,
        "page_obj": page_obj,
        "query": query,
        "query_prefix": f"{query}&" if query else "",
        "is_portal": bool(site and site.is_default_site),
    }
    status = 200 if filter_is_valid(notice_filter) else 400
    return render(request, "trading/notice_list.html", context, status=status)


def site_names():
    """Map each site's root path to its name, to label notices in a list."""
    return {
        site.root_page.path: site.site_name or site.hostname
        for site in Site.objects.select_related("root_page")
    }


def site_name_of(notice, names):
    for path, name in names.items():
        if notice.path.startswith(path):
            return name
    return ""


def notice_row(notice, request, names):
    project = notice.project
    return {
        "transaction_code": project.transaction_code or "",
        "project_title": project.title,
        "trading_type": project.get_trading_type_display(),
        "trading_method": project.get_trading_method_display(),
        "region": project.region,
        "purchaser": project.purchaser,
        "agency": project.agency,
        "budget": project.budget,
        "stage": notice.get_stage_display(),
        "title": notice.title,
        "publish_date": notice.publish_date,
        "amount": notice.amount,
        "winners": "；".join(notice.winner_list),
        "site": site_name_of(notice, names),
        "url": notice.get_full_url(request=request),
    }


def export_rows(request, notice_filter):
    """Yield every filtered notice's row, read from the database in chunks."""
    names = site_names()
    for notice in notice_filter.qs.iterator(chunk_size=EXPORT_CHUNK):
        yield notice_row(notice, request, names)


class Echo:
    """A file-like object whose write returns the line, for csv.writer."""

    def write(self, value):
        return value


@require_GET
def export_csv(request):
    _site, notice_filter = filtered_notices(request)
    if not filter_is_valid(notice_filter):
        return filter_errors_response(notice_filter.form, "csv")
    writer = csv.writer(Echo())

    def lines():
        # The byte-order mark lets spreadsheet programs read the Chinese text.
        yield "\ufeff" + writer.writerow(
            [str(label) for _name, label in EXPORT_COLUMNS]
        )
        for row in export_rows(request, notice_filter):
            yield writer.writerow(
                [csv_cell(row[name]) for name, _label in EXPORT_COLUMNS]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="trading-notices.csv"'
    return response


def csv_cell(value):
    """Return a cell a spreadsheet will not run as a formula."""
    return spreadsheet_safe("" if value is None else str(value))


@require_GET
def export_json(request):
    _site, notice_filter = filtered_notices(request)
    if not filter_is_valid(notice_filter):
        return filter_errors_response(notice_filter.form, "json")
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks():
        yield f'{{"count": {notice_filter.qs.count()}, "results": ['
        for number, row in enumerate(export_rows(request, notice_filter)):
            yield ("," if number else "") + encoder.encode(row)
        yield "]}"

    return StreamingHttpResponse(chunks(), content_type="application/json")


class NoticeFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        _site, notice_filter = filtered_notices(request)
        if not filter_is_valid(notice_filter):
            return filter_errors_response(notice_filter.form, "rss")
        return super().__call__(request, *args, **kwargs)

    def title(self):
        site = Site.find_for_request(self.request)
        name = site.site_name if site else ""
        return f"{_('公共资源交易公告')} - {name}".strip(" -")

    def link(self):
        query = query_without_page(self.request)
        return reverse("trading:notice-list") + (f"?{query}" if query else "")

    def description(self):
        return _("公共资源交易项目的招标、结果、合同等公告。")

    def items(self):
        _site, notice_filter = filtered_notices(self.request)
        return notice_filter.qs[:FEED_LENGTH]

    def item_title(self, item):
        return f"[{item.get_stage_display()}] {item.title}"

    def item_description(self, item):
        return item.feed_summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
