"""Import trading notices from JSON or CSV rows, grouped into projects.

Rows are grouped by transaction code, or by project name and purchaser where
the code is missing. Each row is written in its own savepoint so one bad row
is reported and the rest still load; writing only what differs keeps a second
run from adding revisions.

The JSON format is that of the demo corpus (corpus/trading.json): id, title,
project_code, trading_type, stage or stage_as_shown, procurement_method,
region, purchaser, agency, budget and amount as printed ("35.8万元"), winners
(a list), dates (an object: publish_date, award_date, signing_date,
change_date, publicity_end...), body, source_url. A CSV file has the same
columns, with dates as dates.<key> columns (or one JSON "dates" column) and
winners separated by semicolons.
"""

import csv
import datetime
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cms.demo.files import body_html
from disclosure.trading import stages
from disclosure.trading.amounts import MAX_YUAN, parse_yuan

logger = logging.getLogger(__name__)

TRADING_TYPE_ALIASES = {
    "工程建设": "construction",
    "政府采购": "procurement",
    "土地使用权和矿业权出让": "land_mining",
    "土地矿产": "land_mining",
    "土地使用权出让": "land_mining",
    "矿业权出让": "land_mining",
    "国有产权交易": "state_assets",
    "国有产权": "state_assets",
}
# Which cited date is the notice's own publication date, by stage, in order.
PUBLISH_DATE_KEYS = {
    stages.CHANGE: ["change_date"],
    stages.RESULT: ["award_date"],
    stages.CANDIDATES: ["publicity_start", "award_date"],
    stages.CONTRACT: ["signing_date"],
    stages.ANNOUNCEMENT: ["tender_notice_date", "document_obtain_start"],
}
EVENT_DATE_KEYS = {
    stages.RESULT: ["decision_date", "award_date"],
    stages.CONTRACT: ["signing_date", "contract_date"],
}
DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
UNDATED_DRAFT = (
    "原文未载明发布日期（dates 中没有该类公告的日期），已存为草稿；"
    "请编辑补充发布日期后发布"
)


class RowError(Exception):
    """A row that cannot be imported; the message says why, in Chinese."""


@dataclass
class ImportReport:
    projects_created: int = 0
    projects_updated: int = 0
    notices_created: int = 0
    notices_updated: int = 0
    notices_unchanged: int = 0
    # (row, project title, purchaser) of rows grouped without a code.
    grouped_by_name: list = field(default_factory=list)
    # (row, record id, message)
    errors: list = field(default_factory=list)
    # (row, record id, message) of rows imported with a caveat, e.g. as drafts.
    warnings: list = field(default_factory=list)

    def add(self, other):
        """Count in what one row, committed, did."""
        self.projects_created += other.projects_created
        self.projects_updated += other.projects_updated
        self.notices_created += other.notices_created
        self.notices_updated += other.notices_updated
        self.notices_unchanged += other.notices_unchanged
        self.grouped_by_name.extend(other.grouped_by_name)
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)

    @property
    def changed(self):
        return any(
            (
                self.projects_created,
                self.projects_updated,
                self.notices_created,
                self.notices_updated,
            )
        )


def group_key(code, title, purchaser):
    """Return the key that puts notices of one project together."""
    if code:
        return f"code:{code.strip()}"
    return f"name:{stages.strip_stage_suffix(title)}|{(purchaser or '').strip()}"


def read_rows(path):
    """Read records from a JSON array or a CSV file with the same columns."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [csv_row_to_record(row) for row in csv.DictReader(handle)]
    with path.open(encoding="utf-8") as handle:
        records = json.load(handle)
    if not isinstance(records, list):
        raise RowError("JSON 文件顶层应为数组")
    return records


def csv_row_to_record(row):
    """Turn a CSV row into the JSON record shape: dates.* and winners lists."""
    record = {"dates": {}}
    for name, value in row.items():
        value = (value or "").strip()
        if not name or not value:
            continue
        if name.startswith("dates."):
            record["dates"][name.removeprefix("dates.")] = value
        elif name == "dates":
            try:
                record["dates"].update(json.loads(value))
            except json.JSONDecodeError:
                record["dates_error"] = value
        elif name == "winners":
            record["winners"] = [w for w in re.split(r"[;；\n]", value) if w.strip()]
        else:
            record[name] = value
    return record


def parse_date(value, what):
    if not value:
        return None
    match = DATE.search(str(value))
    try:
        if match is None:
            raise ValueError(value)
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError as error:
        raise RowError(f"{what}“{value}”不是有效日期") from error


def first_date(dates, keys, what):
    for key in keys:
        if dates.get(key):
            return parse_date(dates[key], what)
    return None


def parse_money(text, what):
    value = parse_yuan(text)
    if text and value is None:
        raise RowError(f"{what}“{text}”无法识别")
    if value is not None and abs(value) > MAX_YUAN:
        raise RowError(f"{what}“{text}”超出可记录的范围")
    return value


def parse_record(record, today=None):
    """Check one record and return the project and notice fields it gives."""
    if not isinstance(record, dict):
        raise RowError("记录应为对象")
    title = (record.get("title") or "").strip()
    if not title:
        raise RowError("缺少标题 title")
    stage = stages.stage_from_label(record.get("stage")) or stages.stage_from_label(
        record.get("stage_as_shown")
    )
    if stage is None:
        raise RowError(f"未知的公告类型“{record.get('stage') or ''}”")
    if record.get("dates_error"):
        raise RowError(f"dates 列不是 JSON 对象：{record['dates_error']}")
    dates = record.get("dates") or {}
    if not isinstance(dates, dict):
        raise RowError("dates 应为对象")
    code = (record.get("project_code") or "").strip() or None
    purchaser = (record.get("purchaser") or "").strip()
    if not code and not purchaser:
        raise RowError("缺少交易编号，也缺少采购人，无法归入项目")

    publish_date = parse_date(
        dates.get("publish_date") or dates.get("publish_time"), "发布日期"
    ) or first_date(dates, PUBLISH_DATE_KEYS.get(stage, []), "发布日期")
    # A notice that cites no date at all is kept as a draft (see upsert_notice).
    if publish_date is not None and publish_date > (today or timezone.localdate()):
        raise RowError(f"发布日期 {publish_date} 晚于今天")

    budget = parse_money(record.get("budget"), "预算金额")
    amount_text = record.get("amount")
    amount = parse_money(amount_text, "金额")

    project = {
        "transaction_code": code,
        "title": stages.strip_stage_suffix(title),
        "trading_type": trading_type(record.get("trading_type")),
        "trading_method": trading_method(record.get("procurement_method")),
        "region": (record.get("region") or "").strip(),
        "purchaser": purchaser,
        "agency": (record.get("agency") or "").strip(),
        "budget": budget,
        "supervision_body": (record.get("supervision_body") or "").strip(),
        "complaint_channel": (record.get("complaint_channel") or "").strip(),
    }
    notice = {
        "title": title,
        "stage": stage,
        "stage_as_shown": (
            record.get("stage_as_shown") or record.get("stage") or ""
        ).strip(),
        "publish_date": publish_date,
        "event_date": first_date(dates, EVENT_DATE_KEYS.get(stage, []), "决定日期"),
        "publicity_start": None,
        "publicity_end": None,
        "winners": "\n".join(record.get("winners") or []),
        "amount": amount,
        "amount_as_shown": str(amount_text or "")[:300],
        "body": body_html(record.get("body")),
        "source_url": record.get("source_url") or "",
        "cited_dates": {key: str(value) for key, value in dates.items()},
    }
    if stage == stages.CANDIDATES:
        notice["publicity_start"] = (
            parse_date(dates.get("publicity_start"), "公示开始日期") or publish_date
        )
        notice["publicity_end"] = parse_date(dates.get("publicity_end"), "公示截止日期")
    return project, notice


def trading_type(label):
    label = (label or "").strip()
    if not label:
        return "other"
    return TRADING_TYPE_ALIASES.get(label, "other")


def trading_method(label):
    from disclosure.trading.models import TRADING_METHODS

    label = (label or "").strip()
    if not label:
        return ""
    by_label = {str(name): code for code, name in TRADING_METHODS}
    return by_label.get(label, "other")


def source_key(record, project_fields, notice_fields):
    if record.get("id"):
        return str(record["id"])[:100]
    raw = "|".join(
        [
            group_key(
                project_fields["transaction_code"],
                project_fields["title"],
                project_fields["purchaser"],
            ),
            notice_fields["stage"],
            str(notice_fields["publish_date"] or ""),
            notice_fields["title"],
        ]
    )
    return "row-" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:16]


def site_place_names(site):
    """Return the names a purchaser uses for the body that runs ``site``."""
    name = re.sub(r"(人民政府)?(门户)?网站$", "", site.site_name or "")
    names = [name] if name else []
    district = re.search(r"([^市省]+?[区县])$", name)
    if district:
        names.append(district.group(1))
        if len(district.group(1)) > 2:
            names.append(district.group(1)[:-1])
    return names


class IndexChooser:
    """Pick the trading column a project goes to, from its purchaser.

    A purchaser naming a district or department that has its own site goes to
    that site; everything else goes to the portal.
    """

    def __init__(self, fixed_index=None):
        from disclosure.trading.models import TradingIndexPage

        self.fixed_index = fixed_index
        self.by_site = {}
        self.portal_index = None
        for index_page in TradingIndexPage.objects.all().order_by("path"):
            site = index_page.get_site()
            if site is None or site.pk in self.by_site:
                continue
            self.by_site[site.pk] = (site, index_page)
            if site.is_default_site:
                self.portal_index = index_page

    def __call__(self, project_fields):
        if self.fixed_index is not None:
            return self.fixed_index
        purchaser = project_fields["purchaser"]
        for site, index_page in self.by_site.values():
            if site.is_default_site:
                continue
            if any(name in purchaser for name in site_place_names(site)):
                return index_page
        if self.portal_index is None:
            raise RowError("门户网站还没有公共资源交易栏目")
        return self.portal_index


def import_records(records, chooser=None, progress=None, today=None):
    """Import ``records`` and return an ImportReport; rows fail one by one."""
    chooser = chooser or IndexChooser()
    today = today or timezone.localdate()
    report = ImportReport()
    touched = {}
    rows = enumerate(records, start=1)
    for row, record in progress(rows, "交易公告") if progress else rows:
        # Counted apart so that a row rolled back leaves no trace in the report.
        row_report = ImportReport()
        try:
            with transaction.atomic():
                project = import_row(record, row, chooser, row_report, today)
        except RowError as error:
            report.errors.append((row, _record_id(record), str(error)))
            continue
        except ValidationError as error:
            report.errors.append((row, _record_id(record), "；".join(error.messages)))
            continue
        report.add(row_report)
        touched[project.pk] = project
    for project in touched.values():
        link_changes(project)
    logger.info(
        "Imported trading rows=%s errors=%s projects_created=%s notices_created=%s",
        len(records),
        len(report.errors),
        report.projects_created,
        report.notices_created,
    )
    return report


def _record_id(record):
    return record.get("id", "") if isinstance(record, dict) else ""


def import_row(record, row, chooser, report, today=None):
    project_fields, notice_fields = parse_record(record, today)
    if not project_fields["transaction_code"]:
        report.grouped_by_name.append(
            (row, project_fields["title"], project_fields["purchaser"])
        )
    project = upsert_project(project_fields, chooser, report)
    key = source_key(record, project_fields, notice_fields)
    notice = upsert_notice(project, key, notice_fields, report)
    if notice_fields["publish_date"] is None and not notice.live:
        report.warnings.append((row, _record_id(record), UNDATED_DRAFT))
    return project


def upsert_project(fields, chooser, report):
    from disclosure.trading.models import ProjectPage

    key = group_key(fields["transaction_code"], fields["title"], fields["purchaser"])
    project = ProjectPage.objects.filter(group_key=key).first()
    if project is None:
        index_page = chooser(fields)
        project = ProjectPage(
            slug=free_slug(index_page, fields), group_key=key, **fields
        )
        index_page.add_child(instance=project)
        project.save_revision().publish()
        report.projects_created += 1
        logger.info("Created trading project pk=%s key=%s", project.pk, key)
        return project

    # Later rows fill what earlier ones left blank; what is set (by an earlier
    # row or by an editor) is kept, so a re-run never undoes an edit.
    missing = {
        name: value
        for name, value in fields.items()
        if name != "title"
        and not _unknown(name, value)
        and _blank(project, name)
        and getattr(project, name) != value
    }
    if missing:
        for name, value in missing.items():
            setattr(project, name, value)
        project.save_revision().publish()
        report.projects_updated += 1
        logger.info(
            "Filled trading project pk=%s fields=%s", project.pk, ",".join(missing)
        )
    return project


def _unknown(name, value):
    # A row without a known trading type says "other", which fills nothing.
    return value in ("", None) or (name == "trading_type" and value == "other")


def _blank(project, name):
    value = getattr(project, name)
    if name == "trading_type":
        return value in ("", "other")
    return value in ("", None)


def free_slug(parent, fields):
    base = slugify(fields["transaction_code"] or "") or "project"
    digest = hashlib.sha1(
        group_key(
            fields["transaction_code"], fields["title"], fields["purchaser"]
        ).encode(),
        usedforsecurity=False,
    ).hexdigest()[:8]
    slug = base if base != "project" else f"project-{digest}"
    if parent.get_children().filter(slug=slug).exists():
        slug = f"{slug}-{digest}"
    return slug


def upsert_notice(project, key, fields, report):
    """Create or update the notice of one row.

    A row without a publication date gives a draft: the page needs a date to
    be listed, and inventing one would publish a wrong record. The draft holds
    today's date until an editor sets the real one; re-runs leave it alone.
    """
    from disclosure.trading.models import NoticePage

    undated = fields["publish_date"] is None
    if undated:
        fields = {
            name: value for name, value in fields.items() if name != "publish_date"
        }
    notice = NoticePage.objects.filter(source_key=key).first()
    if notice is None:
        slug = slugify(key) or f"notice-{key}"
        notice = NoticePage(slug=slug, source_key=key, live=not undated, **fields)
        project.add_child(instance=notice)
        revision = notice.save_revision()
        if not undated:
            revision.publish()
        report.notices_created += 1
        logger.info(
            "Created trading notice pk=%s project=%s draft=%s",
            notice.pk,
            project.pk,
            undated,
        )
        return notice
    changed = [name for name, value in fields.items() if getattr(notice, name) != value]
    if not changed and (notice.live or undated):
        report.notices_unchanged += 1
        return notice
    for name in changed:
        setattr(notice, name, fields[name])
    revision = notice.save_revision()
    if notice.live or not undated:
        revision.publish()
    report.notices_updated += 1
    logger.info("Updated trading notice pk=%s fields=%s", notice.pk, ",".join(changed))
    return notice


def link_changes(project):
    """Point each change notice that points nowhere at the notice it follows."""
    notices = list(project.notices())
    for notice in notices:
        if notice.stage != stages.CHANGE or notice.changes_id:
            continue
        earlier = [
            other
            for other in notices
            if other.stage != stages.CHANGE
            and other.publish_date <= notice.publish_date
        ]
        if earlier:
            notice.changes = earlier[-1]
            notice.save_revision().publish()
