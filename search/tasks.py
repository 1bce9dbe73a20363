"""Background index work: update the database index, then the search engine."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from django_tasks import task

from search import indexing
from search.backends import engine_backend
from search.backends.base import SearchUnavailable
from search.models import PendingIndexTask, SearchEntry

logger = logging.getLogger(__name__)


def sync_objects(content_type_id, object_ids):
    """Bring objects' entries up to date in the database, then in the engine."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    entries, removed = indexing.index_objects(model, object_ids)
    engine = engine_backend()
    if engine is not None:
        push_to_engine(engine, content_type_id, entries, removed)


def push_to_engine(engine, content_type_id, entries, removed_ids=()):
    """Index entries and delete removed objects in the engine, in one bulk
    request; queue the work when the engine is down.

    A write that goes through shows the engine is back, so work queued
    during an outage follows it.
    """
    keys = [f"{content_type_id}:{object_id}" for object_id in removed_ids]
    try:
        engine.write_many(entries, keys)
    except SearchUnavailable as error:
        for entry in entries:
            queue(content_type_id, entry.object_id)
        for object_id in removed_ids:
            queue(content_type_id, object_id, index=False)
        logger.warning(
            "Search engine unavailable; queued %s updates of content type %s "
            "for later: %s",
            len(entries) + len(removed_ids),
            content_type_id,
            error,
        )
        return
    if PendingIndexTask.objects.exists():
        replay_pending(engine)


def queue(content_type_id, object_id, index=True):
    PendingIndexTask.objects.update_or_create(
        content_type_id=content_type_id,
        object_id=str(object_id),
        defaults={"action": "index" if index else "delete"},
    )


@task()
def sync_object_task(content_type_id, object_id):
    sync_objects(content_type_id, [str(object_id)])


@task()
def sync_objects_task(content_type_id, object_ids):
    """One task for a bulk import, rather than one per imported row."""
    sync_objects(content_type_id, object_ids)


def enqueue_sync(instance):
    ct = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    sync_object_task.enqueue(ct.pk, str(instance.pk))


def enqueue_bulk_sync(model, pks):
    ct = ContentType.objects.get_for_model(model, for_concrete_model=True)
    sync_objects_task.enqueue(ct.pk, [str(pk) for pk in pks])


def replay_pending(engine=None):
    """Retry queued engine work a batch at a time; return how many went through.

    Each queued object is sent as the database has it now: its entry if it
    has one, a delete if not.
    """
    engine = engine or engine_backend()
    if engine is None:
        return 0
    done = 0
    while batch := list(PendingIndexTask.objects.order_by("pk")[: indexing.BATCH_SIZE]):
        keys = [(pending.content_type_id, pending.object_id) for pending in batch]
        entries = indexing.existing_entries(keys)
        gone = [
            f"{ct}:{object_id}"
            for ct, object_id in keys
            if (ct, object_id) not in entries
        ]
        try:
            engine.write_many(list(entries.values()), gone)
        except SearchUnavailable:
            logger.warning(
                "Search engine still unavailable; %s queued updates wait, "
                "the next successful write or search_replay retries them",
                PendingIndexTask.objects.count(),
            )
            break
        PendingIndexTask.objects.filter(
            pk__in=[pending.pk for pending in batch]
        ).delete()
        done += len(batch)
    if done:
        logger.info("Replayed %s queued search engine updates", done)
    return done


# Application servers' clocks may differ a little from the rebuilding one.
CLOCK_MARGIN = timezone.timedelta(minutes=2)


def rebuild_engine(engine, progress):
    """Build a new engine index, swap the alias, then catch up with writes.

    Writes made while the new index fills go to the old one and would be lost
    with it: afterwards, entries changed since the start are indexed again
    and the ones deleted meanwhile are deleted from the new index.
    """
    since = timezone.now() - CLOCK_MARGIN
    entries = SearchEntry.objects.order_by("pk")
    written = set()

    def tracked():
        for entry in entries.iterator():
            written.add((entry.content_type_id, entry.object_id))
            yield entry

    name = engine.rebuild(tracked(), entries.count(), progress)
    changed = list(SearchEntry.objects.filter(updated_at__gte=since).order_by("pk"))
    remaining = set(SearchEntry.objects.values_list("content_type_id", "object_id"))
    deleted = written - remaining
    try:
        engine.write_many(changed, [f"{ct}:{pk}" for ct, pk in deleted])
    except SearchUnavailable as error:
        for entry in changed:
            queue(entry.content_type_id, entry.object_id)
        for content_type_id, object_id in deleted:
            queue(content_type_id, object_id, index=False)
        logger.warning(
            "Search engine failed after the alias swap; queued %s updates: %s",
            len(changed) + len(deleted),
            error,
        )
        return name
    logger.info(
        "Caught up with %s changes made during the rebuild of %s",
        len(changed) + len(deleted),
        name,
    )
    replay_pending(engine)
    return name
