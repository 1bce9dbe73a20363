"""The annual disclosure report (年度报告, 2021 format) built from the data."""

import datetime
import logging

from django.db import transaction
from django.db.models import Case, F, Q, When
from django.utils.html import format_html, format_html_join

from cms.models import SiteIdentity
from disclosure.models import (
    AnnualReportPage,
    Category,
    DisclosureDocumentPage,
    DisclosureIndexPage,
    Validity,
)
from disclosure.standards import annual_report_format

logger = logging.getLogger(__name__)

DOCUMENT_ROWS = [("规章", Category.RULE), ("行政规范性文件", Category.NORMATIVE)]
CHINESE_NUMERALS = "一二三四五六七八九十"
APPLICANTS_HEADING = "申请人情况"


def ended_on():
    """Return the day a document stopped being in force: repeal or expiry."""
    return Case(
        When(repealed_on__isnull=True, then=F("expires_on")),
        When(expires_on__isnull=True, then=F("repealed_on")),
        When(repealed_on__lt=F("expires_on"), then=F("repealed_on")),
        default=F("expires_on"),
    )


def document_figures(site, year):
    """Count documents made, repealed and in force at year end, per category.

    A document marked repealed or expired without a date has ended at a day
    nobody recorded: it is in force at no year end and repealed in no year.
    """
    end = datetime.date(year, 12, 31)
    documents = (
        DisclosureDocumentPage.objects.live()
        .descendant_of(site.root_page)
        .annotate(ended_on=ended_on())
    )
    # Spelled out rather than exclude(): NOT on a NULL annotation drops rows.
    in_force_at_end = Q(ended_on__gt=end) | (
        Q(ended_on__isnull=True) & Q(validity=Validity.IN_FORCE)
    )
    figures = {}
    for label, category in DOCUMENT_ROWS:
        of_kind = documents.filter(category=category)
        figures[label] = {
            "made": of_kind.filter(publish_date__year=year).count(),
            "repealed": of_kind.filter(ended_on__year=year).count(),
            "in_force": of_kind.filter(in_force_at_end, publish_date__lte=end).count(),
        }
    return figures


def numbered(index, label):
    return f"（{CHINESE_NUMERALS[index]}）{label}"


def request_table():
    """Return the request table of the 2021 format, zero until records exist.

    Rows nest as the format does: 三、本年度办理结果 holds the outcomes
    （一）–（七）, and an outcome with reasons holds them numbered 1., 2., ...;
    a row with ``values`` None is a heading.
    """
    # TODO: fill from disclosure-request records once 依申请公开 is built;
    # the 2021 format wants every row, so zeros keep the table complete.
    spec = annual_report_format()["table_requests"]
    width = len(spec["columns"])

    def row(label, children=None):
        if children:
            return {"label": label, "values": None, "rows": children}
        return {"label": label, "values": [0] * width}

    outcomes = [
        row(
            numbered(index, outcome["group"]),
            [
                row(f"{number}.{reason}")
                for number, reason in enumerate(outcome["reasons"], start=1)
            ],
        )
        for index, outcome in enumerate(spec["outcomes"])
    ]
    outcomes.append(row(spec["outcomes_total"]))
    return {
        "columns": spec["columns"],
        "rows": [
            *(row(label) for label in spec["rows_before"]),
            row(spec["outcomes_heading"], outcomes),
            *(row(label) for label in spec["rows_after"]),
        ],
    }


def review_table():
    spec = annual_report_format()["table_review_litigation"]
    return {
        "groups": spec["groups"],
        "columns": spec["columns_each"],
        "values": [[0] * len(spec["columns_each"]) for _group in spec["groups"]],
    }


def grouped_header(labels, top=None):
    """Return header rows for labels written ``group：name``, groups spanned.

    ``top`` is a heading over every column. Each cell is ``(text, rowspan,
    colspan)``.
    """
    parts = [label.split("：", 1) for label in labels]
    groups, names = [], []
    for part in parts:
        if len(part) == 1:
            groups.append([part[0], 2, 1])
        elif groups and groups[-1][0] == part[0] and groups[-1][1] == 1:
            groups[-1][2] += 1
            names.append((part[1], 1, 1))
        else:
            groups.append([part[0], 1, 1])
            names.append((part[1], 1, 1))
    rows = [[tuple(cell) for cell in groups], names]
    if top:
        rows.insert(0, [(top, 1, len(labels))])
    return rows


def request_table_layout(table):
    """Return ``(header rows, body rows)`` of the request table as printed.

    A body row is ``(heading cells, values)``; heading cells span the rows of
    the headings they hold, as in the 2021 format.
    """
    if not table:
        return [], []
    rows = table["rows"]
    depth = 1 + max((nesting(row) for row in rows), default=0)
    header = grouped_header(table["columns"], top=APPLICANTS_HEADING)
    header[0].insert(0, ("", len(header), depth))
    body = []
    for row in rows:
        body.extend(layout_rows(row, depth))
    return header, body


def nesting(row):
    if not isinstance(row, dict) or not row.get("rows"):
        return 0
    return 1 + max(nesting(child) for child in row["rows"])


def leaf_count(row):
    if not isinstance(row, dict) or not row.get("rows"):
        return 1
    return sum(leaf_count(child) for child in row["rows"])


def layout_rows(row, depth):
    if not isinstance(row, dict):
        # Tables generated before rows nested: [label, values].
        label, values = row
        return [([(label, 1, depth)], values)]
    if not row.get("rows"):
        return [([(row["label"], 1, depth)], row["values"])]
    lines = []
    for child in row["rows"]:
        lines.extend(layout_rows(child, depth - 1))
    first_cells, first_values = lines[0]
    lines[0] = ([(row["label"], leaf_count(row), 1), *first_cells], first_values)
    return lines


def review_table_layout(table):
    """Return ``(header rows, values)`` of the review and litigation table."""
    if not table:
        return [], []
    columns = table["columns"]
    width = len(columns)
    tops, subs = [], []
    for group in table["groups"]:
        top, _sep, sub = group.partition("：")
        if sub and tops and tops[-1][0] == top:
            tops[-1][2] += width
        else:
            tops.append([top, 1 if sub else 2, width])
        if sub:
            subs.append((sub, 1, width))
    header = [
        [tuple(cell) for cell in tops],
        subs,
        [(column, 1, 1) for _group in table["groups"] for column in columns],
    ]
    values = [value for row in table["values"] for value in row]
    return header, values


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
    """Create the site's report for ``year``, or refresh its tables.

    Only the tables are regenerated; the text sections are the editors'. A
    report with a pending draft gets the new tables in a new draft revision,
    left for review, so neither the draft nor the live page is overwritten.
    """
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
            report.save_revision().publish()
            logger.info(
                "Generated annual report pk=%s site=%s year=%s",
                report.pk,
                site.pk,
                year,
            )
            return report
        return refresh_tables(report, tables)


def refresh_tables(report, tables):
    """Put new tables on the report's latest version; publish only a clean one."""
    pending = report.has_unpublished_changes or not report.live
    latest = report.get_latest_revision_as_object() if pending else report
    if latest.tables == tables:
        return latest
    latest.tables = tables
    revision = latest.save_revision()
    if pending:
        logger.info(
            "Annual report pk=%s has a draft; new tables saved as draft revision %s",
            report.pk,
            revision.pk,
        )
        return latest
    revision.publish()
    logger.info("Refreshed annual report pk=%s tables", report.pk)
    return latest


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
