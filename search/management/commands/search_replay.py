"""Send the search engine the updates queued while it was unavailable."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from search.models import PendingIndexTask
from search.tasks import replay_pending


class Command(BaseCommand):
    help = _("重放搜索引擎不可用时排队的索引更新（供定时任务每几分钟运行）。")

    def handle(self, *args, **options):
        done = replay_pending()
        waiting = PendingIndexTask.objects.count()
        self.stdout.write(f"replayed {done} queued updates, {waiting} still waiting")
        if waiting:
            raise SystemExit(1)
