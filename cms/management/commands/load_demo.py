import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from cms.demo import DemoDataError, steps
from cms.demo.context import DemoContext

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Load the demo sites and their real content; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--domain", default="localhost")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--data-dir", help="Read the demo files from here.")

    def handle(self, *args, **options):
        ctx = DemoContext(
            domain=options["domain"],
            port=options["port"],
            data_dir=options["data_dir"],
            show_progress=not options["no_progress"],
        )
        try:
            for step in steps():
                step.func(ctx)
        except DemoDataError as error:
            raise CommandError(f"演示数据有误：\n{error}") from error

        for line in ctx.skipped:
            self.stderr.write(f"跳过 {line}")
        self.print_sites()
        self.ensure_admin()

    def print_sites(self):
        self.stdout.write(self.style.SUCCESS("演示数据已就绪，各站点地址："))
        for site in Site.objects.order_by("-is_default_site", "pk"):
            self.stdout.write(f"  {site.site_name}: {site.root_url}/")

    def ensure_admin(self):
        """Create the demo admin once.

        A random password is kept under var/ so that it can be shown again; one
        given in DEMO_ADMIN_PASSWORD is the operator's and is never written.
        """
        password_file = Path(settings.BASE_DIR) / "var" / "demo-admin-password"
        chosen = os.environ.get("DEMO_ADMIN_PASSWORD")
        user_model = get_user_model()
        if not user_model.objects.filter(username=ADMIN_USERNAME).exists():
            password = chosen or secrets.token_urlsafe(12)
            user_model.objects.create_superuser(ADMIN_USERNAME, "", password)
            if not chosen:
                password_file.parent.mkdir(parents=True, exist_ok=True)
                password_file.write_text(password)
        if chosen:
            shown = "（已设置，见 DEMO_ADMIN_PASSWORD）"
        elif password_file.exists():
            shown = password_file.read_text()
        else:
            shown = "（已设置）"
        self.stdout.write(
            f"管理后台: {Site.objects.get(is_default_site=True).root_url}/admin/"
        )
        self.stdout.write(f"  用户名 {ADMIN_USERNAME}  密码 {shown}")
