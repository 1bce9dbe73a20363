"""Demo step: the real trading notices, grouped into projects with timelines."""

import logging

from django.db import transaction

from wagtail.models import Site

from cms.demo import register_step
from cms.demo.files import corpus_records
from cms.demo.pages import ensure_page
from disclosure.trading.importer import IndexChooser, import_records
from disclosure.trading.models import NoticePage, TradingIndexPage

logger = logging.getLogger(__name__)

# The portal lists every site's notices; a district gets its own column for
# the projects its bodies buy for.
INDEX_SITES = ["nanning", "xixiangtang"]
# Not "trading": /trading/ is the app's own URL prefix and would shadow it.
INDEX_SLUG = "transactions"


@register_step("trading", order=60)
def load_trading(ctx):
    # Notices loaded already stay as the site's editors left them.
    loaded = set(NoticePage.objects.values_list("source_key", flat=True))
    records = [
        record
        for record_id, record in corpus_records("trading", ctx.data_dir).items()
        if str(record_id)[:100] not in loaded
    ]
    with transaction.atomic():
        for subdomain in INDEX_SITES:
            ensure_index(ctx.hostname(subdomain), ctx.port)
        report = import_records(records, IndexChooser(), progress=ctx.progress)
    for row, record_id, message in report.errors:
        ctx.skip(f"corpus/trading.json 第 {row} 条（{record_id}）", message)
    for row, record_id, message in report.warnings:
        # Imported, so not a skip; say why it is not public yet.
        logger.warning("corpus/trading.json row %s (%s): %s", row, record_id, message)


def ensure_index(hostname, port):
    site = Site.objects.filter(hostname=hostname, port=port).first()
    if site is None:
        return None
    page, _created = ensure_page(
        site.root_page,
        TradingIndexPage,
        INDEX_SLUG,
        title="公共资源交易",
        intro="公共资源交易项目的招标（采购）公告、中标候选人公示、结果公告、合同公告等。",
        show_in_menus=True,
    )
    return page
