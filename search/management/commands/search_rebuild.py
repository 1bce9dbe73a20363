"""Rebuild the search index from the content's own search documents."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from tqdm import tqdm

from search import indexing
from search.backends import engine_backend
from search.backends.base import SearchUnavailable
from search.models import SearchEntry
from search.tasks import rebuild_engine, replay_pending


class Command(BaseCommand):
    help = _("重建全站搜索索引：先刷新数据库索引，再建新的搜索引擎索引并切换别名。")

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--engine-only",
            action="store_true",
            help=_("只重建搜索引擎索引（数据库索引已是最新时）。"),
        )
        parser.add_argument(
            "--replay",
            action="store_true",
            help=_("只重放搜索引擎不可用时排队的更新。"),
        )

    def handle(self, *args, no_progress=False, engine_only=False, replay=False, **kw):
        self.show = not no_progress
        if replay:
            self.stdout.write(f"replayed {replay_pending()} queued updates")
            return
        if not engine_only:
            self.rebuild_database()
        engine = engine_backend()
        if engine is None:
            return
        try:
            name = rebuild_engine(engine, self.progress)
        except SearchUnavailable as error:
            self.stderr.write(f"search engine unavailable, index unchanged: {error}")
            raise SystemExit(1) from error
        self.stdout.write(f"search engine index {name} is live")

    def progress(self, total):
        return tqdm(total=total, desc="搜索引擎", unit="条", disable=not self.show)

    def rebuild_database(self):
        """Re-index every live item and drop entries whose item has gone."""
        seen = indexing.index_everything(self.database_progress)
        stale = set(SearchEntry.objects.values_list("pk", flat=True)) - seen
        for pks in indexing.batches(sorted(stale), indexing.BATCH_SIZE):
            # One by one, so each deletion reaches the FTS table, the word
            # counts and the engine (search.signals.forget_entry).
            for entry in SearchEntry.objects.filter(pk__in=pks):
                entry.delete()
        indexing.recount_words()
        indexing.settle()
        self.stdout.write(f"database index holds {len(seen)} items")

    def database_progress(self, total, description):
        return tqdm(
            total=total,
            desc=f"数据库索引 {description}",
            unit="条",
            disable=not self.show,
        )
