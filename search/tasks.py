"""Background index work: update the database index, then the search engine."""

import logging

from django.contrib.contenttypes.models import ContentType

from django_tasks import task

from search import indexing
from search.backends import engine_backend
from search.backends.base import SearchUnavailable
from search.models import PendingIndexTask, SearchEntry

logger = logging.getLogger(__name__)


def sync_object(content_type_id, object_id):
    """Bring one object's entry up to date in the database and the engine."""
    model, instance = indexing.resolve(content_type_id, object_id)
    if instance is None:
        indexing.remove_instance(model, object_id)
        entry = None
    else:
        entry = indexing.index_instance(instance)
    engine = engine_backend()
    if engine is not None:
        push_to_engine(engine, content_type_id, object_id, entry)


def push_to_engine(engine, content_type_id, object_id, entry):
    """Index or delete in the engine; queue the work when it is down."""
    try:
        if entry is not None:
            engine.index_entry(entry)
        else:
            engine.delete_entry(f"{content_type_id}:{object_id}")
    except SearchUnavailable as error:
        PendingIndexTask.objects.update_or_create(
            content_type_id=content_type_id,
            object_id=str(object_id),
            defaults={"action": "index" if entry is not None else "delete"},
        )
        logger.warning(
            "Search engine unavailable; queued %s:%s for later: %s",
            content_type_id,
            object_id,
            error,
        )


@task()
def sync_object_task(content_type_id, object_id):
    sync_object(content_type_id, str(object_id))


@task()
def sync_objects_task(content_type_id, object_ids):
    """One task for a bulk import, rather than one per imported row."""
    for object_id in object_ids:
        sync_object(content_type_id, str(object_id))


def enqueue_sync(instance):
    ct = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    sync_object_task.enqueue(ct.pk, str(instance.pk))


def enqueue_bulk_sync(model, pks):
    ct = ContentType.objects.get_for_model(model, for_concrete_model=True)
    sync_objects_task.enqueue(ct.pk, [str(pk) for pk in pks])


def replay_pending():
    """Retry queued engine work; return how many items went through."""
    engine = engine_backend()
    if engine is None:
        return 0
    done = 0
    for pending in PendingIndexTask.objects.order_by("pk"):
        entry = SearchEntry.objects.filter(
            content_type_id=pending.content_type_id, object_id=pending.object_id
        ).first()
        try:
            if entry is not None:
                engine.index_entry(entry)
            else:
                engine.delete_entry(f"{pending.content_type_id}:{pending.object_id}")
        except SearchUnavailable:
            logger.warning("Search engine still unavailable; %s items wait", done)
            break
        pending.delete()
        done += 1
    return done
