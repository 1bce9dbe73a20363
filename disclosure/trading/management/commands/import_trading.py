from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tqdm import tqdm

from disclosure.trading.importer import (
    IndexChooser,
    RowError,
    import_records,
    read_rows,
)
from disclosure.trading.models import TradingIndexPage


class Command(BaseCommand):
    help = "Import trading notices from a JSON or CSV file; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON array or CSV file of notices.")
        parser.add_argument(
            "--index",
            type=int,
            help="Page id of the trading column to put new projects in; by "
            "default the purchaser decides between the portal and district sites.",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        try:
            records = read_rows(options["path"])
        except (OSError, ValueError, RowError) as error:
            raise CommandError(
                _("无法读取文件：%(error)s") % {"error": error}
            ) from error

        fixed = None
        if options["index"]:
            fixed = TradingIndexPage.objects.filter(pk=options["index"]).first()
            if fixed is None:
                raise CommandError(_("没有这个公共资源交易栏目：%s") % options["index"])

        def progress(iterable, description):
            return tqdm(
                iterable,
                total=len(records),
                desc=description,
                unit="条",
                disable=options["no_progress"],
            )

        report = import_records(records, IndexChooser(fixed), progress=progress)
        self.write_report(report)

    def write_report(self, report):
        self.stdout.write(
            _(
                "项目：新建 %(pc)s，补充 %(pu)s；公告：新建 %(nc)s，更新 %(nu)s，"
                "未变 %(nn)s；出错 %(errors)s 条。"
            )
            % {
                "pc": report.projects_created,
                "pu": report.projects_updated,
                "nc": report.notices_created,
                "nu": report.notices_updated,
                "nn": report.notices_unchanged,
                "errors": len(report.errors),
            }
        )
        for row, title, purchaser in report.grouped_by_name:
            self.stdout.write(
                _("第 %(row)s 条没有交易编号，按项目名称与采购人归组：%(key)s")
                % {"row": row, "key": f"{title} / {purchaser}"}
            )
        for row, record_id, message in report.warnings:
            self.stdout.write(
                _("第 %(row)s 条（%(id)s）：%(message)s")
                % {"row": row, "id": record_id or "-", "message": message}
            )
        for row, record_id, message in report.errors:
            self.stderr.write(
                _("第 %(row)s 条（%(id)s）未导入：%(message)s")
                % {"row": row, "id": record_id or "-", "message": message}
            )
