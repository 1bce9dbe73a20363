import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Site

from tqdm import tqdm

from cms.searchable import content_changed
from disclosure.importer import DocumentImporter, import_interpretations
from disclosure.models import DisclosureDocumentPage


def read_records(path):
    """Read a JSON array or a CSV file with a header row."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CommandError(f"{path}: 第 {error.lineno} 行 JSON 格式错误") from error
    if not isinstance(records, list):
        raise CommandError(f"{path}: 顶层应为数组")
    return records


def find_site(name):
    """Find a site by host name or by its first label, e.g. ``sfj``."""
    site = (
        Site.objects.filter(hostname=name).first()
        or Site.objects.filter(hostname__startswith=f"{name}.").first()
    )
    if site is None:
        raise CommandError(f"找不到站点 {name}")
    return site


class Command(BaseCommand):
    help = "Import disclosure documents or interpretations (JSON or CSV) into a site."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--site", required=True, help="主机名或其子域名，如 sfj")
        parser.add_argument(
            "--kind", choices=["documents", "interpretations"], default="documents"
        )
        parser.add_argument(
            "--node", action="append", dest="nodes", help="公开目录编码，可重复"
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        records = read_records(options["path"])
        site = find_site(options["site"])
        show = not options["no_progress"]

        def progress(items):
            return tqdm(items, desc="导入", unit="条", disable=not show)

        if options["kind"] == "interpretations":
            self.import_interpretations(site, records, progress, options["nodes"])
            return
        report = DocumentImporter(site, options["nodes"]).run(records, progress)
        for row, record_id, message in report.errors:
            self.stderr.write(f"第 {row} 行（{record_id}）：{message}")
        self.stdout.write(
            f"新增 {report.created} 条，更新 {report.updated} 条，"
            f"未变 {report.unchanged} 条，出错 {len(report.errors)} 条。"
        )
        # The bulk insert skips page_published; tell the search index. One
        # transaction for the whole batch: a commit per entry costs more than
        # the entry itself on SQLite.
        with transaction.atomic():
            content_changed.send(DisclosureDocumentPage, pks=report.changed_pks)

    def import_interpretations(self, site, records, progress, node_codes):
        report = import_interpretations(site, records, progress, node_codes=node_codes)
        for row, record_id, message in report.errors:
            self.stderr.write(f"第 {row} 行（{record_id}）：{message}")
        for row, record_id in report.unlinked:
            self.stderr.write(f"第 {row} 行（{record_id}）：未找到解读的文件")
        self.stdout.write(
            f"导入解读 {report.imported} 条，出错 {len(report.errors)} 条。"
        )
