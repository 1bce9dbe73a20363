"""Index lifecycle: publish, unpublish, move and delete reach the index."""

import logging
from collections import defaultdict

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.searchable import content_changed
from search import indexing
from search.backends import engine_backend
from search.models import SearchEntry
from search.tasks import enqueue_bulk_sync, enqueue_sync, push_to_engine

logger = logging.getLogger(__name__)


@receiver(page_published)
@receiver(page_unpublished)
def sync_page(sender, instance, **kwargs):
    if indexing.is_searchable(type(instance)):
        enqueue_sync(instance)


@receiver(post_page_move)
def sync_moved_pages(sender, instance, **kwargs):
    # A move changes the URL and perhaps the site of the whole subtree: one
    # bulk task per page type rather than one task per page.
    by_model = defaultdict(list)
    for page in Page.objects.descendant_of(instance, inclusive=True).specific():
        if indexing.is_searchable(type(page)):
            by_model[type(page)].append(page.pk)
    for model, pks in by_model.items():
        enqueue_bulk_sync(model, pks)


@receiver(post_save)
@receiver(post_delete)
def sync_other_content(sender, instance, raw=False, **kwargs):
    """Index searchable content that is not a page when it is saved or deleted."""
    if raw or isinstance(instance, Page) or not indexing.is_searchable(sender):
        return
    enqueue_sync(instance)


@receiver(content_changed)
def sync_bulk_changes(sender, pks, **kwargs):
    if pks and indexing.is_searchable(sender):
        enqueue_bulk_sync(sender, pks)


@receiver(post_delete, sender=SearchEntry)
def forget_entry(sender, instance, **kwargs):
    indexing.delete_fts(instance.pk)
    indexing.count_words(removed=set(instance.vocabulary.split()))
    engine = engine_backend()
    if engine is not None:
        push_to_engine(engine, instance.content_type_id, [], [instance.object_id])
