from django.core.management.base import BaseCommand, CommandError

from disclosure.annual_report import generate_annual_report
from disclosure.management.commands.import_disclosure import find_site


class Command(BaseCommand):
    help = "Generate or refresh a site's annual disclosure report for a year."

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True)
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, **options):
        try:
            report = generate_annual_report(find_site(options["site"]), options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已生成：{report.title}")
