"""The annual disclosure report (年度报告, 2021 format) built from the data."""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from cms.models import SiteIdentity
from disclosure.models import (
    AnnualReportPage,
    Category,
    DisclosureDocumentPage,
    DisclosureIndexPage,
)
from disclosure.standards import annual_report_format

logger = logging.getLogger(__name__)

DOCUMENT_ROWS = [("规章", Category.RULE), ("行政规范性文件", Category.NORMATIVE)]


def document_figures(site, year):
    """Count documents made, repealed and in force at year end, per category."""
    end = datetime.date(year, 12, 31)
    documents = DisclosureDocumentPage.objects.live().descendant_of(site.root_page)
    figures = {}
    for label, category in DOCUMENT_ROWS:
        of_kind = documents.filter(category=category)
        figures[label] = {
            "made": of_kind.filter(publish_date__year=year).count(),
            "repealed": of_kind.filter(
                Q(repealed_on__year=year) | Q(expires_on__year=year)
            ).count(),
            "in_force": of_kind.filter(publish_date__lte=end)
            .exclude(repealed_on__lte=end)
            .exclude(expires_on__lte=end)
            .count(),
        }
    return figures


def request_table():
    """Return the request table with zero counts until request records exist."""
    # TODO: fill from disclosure-request records once 依申请公开 is built;
    # the 2021 format wants every row, so zeros keep the table complete.
    spec = annual_report_format()["table_requests"]
    width = len(spec["columns"])
    rows = [[label, [0] * width] for label in spec["rows_before"]]
    for outcome in spec["outcomes"]:
        rows.append([outcome["group"], [0] * width])
        rows.extend([f"　{reason}", [0] * width] for reason in outcome["reasons"])
    rows.append([spec["outcomes_total"], [0] * width])
    rows.extend([label, [0] * width] for label in spec["rows_after"])
    return {"columns": spec["columns"], "rows": rows}


def review_table():
    spec = annual_report_format()["table_review_litigation"]
    return {
        "groups": spec["groups"],
        "columns": spec["columns_each"],
        "values": [[0] * len(spec["columns_each"]) for _group in spec["groups"]],
    }


def build_tables(site, year):
    return {
        "year": year,
        "documents": document_figures(site, year),
        "previous": document_figures(site, year - 1),
        # Licences, penalties and fees have no records on the platform yet.
        "other_items": {
            "行政许可": 0,
            "行政处罚": 0,
            "行政强制": 0,
            "行政事业性收费": 0,
        },
        "requests": request_table(),
        "review": review_table(),
    }


def default_overview(organ, year, tables):
    """Return a first draft of section one for the editors to rewrite."""
    rules = tables["documents"]["规章"]
    normative = tables["documents"]["行政规范性文件"]
    return format_html(
        "<p>{}年，{}依照《中华人民共和国政府信息公开条例》做好政府信息公开工作。"
        "全年制发规章 {} 件、行政规范性文件 {} 件，年底现行有效规章 {} 件、"
        "行政规范性文件 {} 件。</p>",
        year,
        organ,
        rules["made"],
        normative["made"],
        rules["in_force"],
        normative["in_force"],
    )


def generate_annual_report(site, year):
    """Create or refresh the site's report for ``year``; text sections stay."""
    home = DisclosureIndexPage.objects.descendant_of(site.root_page).first()
    if home is None:
        raise ValueError(f"site pk={site.pk} has no disclosure home")
    tables = build_tables(site, year)
    organ = SiteIdentity.for_site(site).organiser or site.site_name
    slug = f"annual-report-{year}"
    with transaction.atomic():
        report = AnnualReportPage.objects.child_of(home).filter(slug=slug).first()
        if report is None:
            report = AnnualReportPage(
                slug=slug,
                year=year,
                title=f"{organ}{year}年政府信息公开工作年度报告",
                tables=tables,
                overview=default_overview(organ, year, tables),
            )
            home.add_child(instance=report)
        elif report.tables == tables:
            return report
        else:
            report.tables = tables
        report.save_revision().publish()
    logger.info(
        "Generated annual report pk=%s site=%s year=%s", report.pk, site.pk, year
    )
    return report


CHART_SERIES = [
    ("made", "本年制发"),
    ("repealed", "本年废止"),
    ("in_force", "现行有效"),
]
CHART_LABELS = {"规章": "规章", "行政规范性文件": "规范性文件"}
BAR_WIDTH = 22
GROUP_WIDTH = BAR_WIDTH * 2 + 40
CHART_HEIGHT = 160


def chart_bars(index, name, kind, before, now, top):
    x = 40 + index * GROUP_WIDTH
    parts = []
    for offset, (value, css) in enumerate(((before, "previous"), (now, "current"))):
        height = round(value / top * CHART_HEIGHT)
        parts.append(
            format_html(
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}{}：{}</title></rect>"
                '<text x="{}" y="{}" font-size="11">{}</text>',
                css,
                x + offset * BAR_WIDTH,
                20 + CHART_HEIGHT - height,
                BAR_WIDTH - 2,
                height,
                kind,
                name,
                value,
                x + offset * BAR_WIDTH + 6,
                16 + CHART_HEIGHT - height,
                value,
            )
        )
    parts.append(
        format_html(
            '<text x="{0}" y="{1}" font-size="11">{2}</text>'
            '<text x="{0}" y="{3}" font-size="11">{4}</text>',
            x,
            CHART_HEIGHT + 36,
            name,
            CHART_HEIGHT + 50,
            kind,
        )
    )
    return parts


def year_on_year_chart(tables):
    """Return an inline SVG bar chart of this year's figures beside last year's."""
    if not tables.get("documents"):
        return ""
    year = tables["year"]
    groups = [
        (series, CHART_LABELS[label], tables["previous"][label][key],
         tables["documents"][label][key])
        for label, _category in DOCUMENT_ROWS
        for key, series in CHART_SERIES
    ]  # fmt: skip
    top = max(
        [1, *(value for *_names, before, now in groups for value in (before, now))]
    )
    bars = []
    for index, group in enumerate(groups):
        bars.extend(chart_bars(index, *group, top))
    width = 60 + len(groups) * GROUP_WIDTH
    height = CHART_HEIGHT + 90
    legend = format_html(
        '<rect class="previous" x="40" y="{0}" width="10" height="10"></rect>'
        '<text x="54" y="{1}" font-size="11">{2}年</text>'
        '<rect class="current" x="110" y="{0}" width="10" height="10"></rect>'
        '<text x="124" y="{1}" font-size="11">{3}年</text>',
        CHART_HEIGHT + 66,
        CHART_HEIGHT + 75,
        year - 1,
        year,
    )
    return format_html(
        '<svg class="year-chart" role="img" viewBox="0 0 {0} {1}" width="{0}"'
        ' height="{1}" style="max-width:100%;height:auto" aria-label="{2}">'
        "<style>.previous{{fill:#9aa5b1}}.current{{fill:#b5121b}}</style>"
        "{3}{4}</svg>",
        width,
        height,
        f"{year - 1}年与{year}年规章和规范性文件数量对比",
        format_html_join("", "{}", ((bar,) for bar in bars)),
        legend,
    )
