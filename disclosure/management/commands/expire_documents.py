from django.core.management.base import BaseCommand

from disclosure.validity import expire_documents


class Command(BaseCommand):
    help = "Mark documents whose expiry date has passed as expired (run daily)."

    def handle(self, *args, **options):
        expired = expire_documents()
        self.stdout.write(f"已标为失效 {len(expired)} 件。")
