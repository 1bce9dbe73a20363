"""Keep the search index equal to what is published."""

import logging
from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F

from wagtail.models import Page

from cms.searchable import search_model
from search import text
from search.models import SearchEntry, SearchTerm

logger = logging.getLogger(__name__)

# The whole body of any real item (the longest run to about 50,000
# characters), then attached files' text up to their own limit.
BODY_CHARS = 60_000
ATTACHMENT_CHARS = 20_000
# Words an entry adds to the suggestion vocabulary: every Chinese word of the
# title and the body's most frequent ones, so the table stays bounded.
VOCABULARY_WORD_CHARS = (2, 8)
VOCABULARY_BODY_WORDS = 40
FTS_TABLE = "portal_search_fts"


def is_searchable(model):
    """Return whether instances of a model (or of its registered proxy) index."""
    return search_model(model) is not None


def public_instance(instance):
    """Return the instance as its registered type exposes it, or None if hidden.

    Pages must be live and unrestricted; other content must be among the
    registered type's public rows, so a message made private drops out.
    """
    model = search_model(type(instance))
    if model is None:
        return None
    if isinstance(instance, Page):
        visible = instance.live and not instance.get_view_restrictions().exists()
        return instance if visible else None
    return live_instances(model).filter(pk=instance.pk).first()


def site_and_url(instance):
    if isinstance(instance, Page):
        site = instance.get_site()
        return site, instance.get_full_url() or instance.url_path
    site = getattr(instance, "site", None)
    url = instance.get_absolute_url() if hasattr(instance, "get_absolute_url") else ""
    return site, url


def entry_fields(instance):
    """Return the SearchEntry columns for an instance's search document."""
    doc = instance.search_document()
    body = " ".join(
        filter(None, [doc.body[:BODY_CHARS], doc.attachment_text[:ATTACHMENT_CHARS]])
    )
    site, url = site_and_url(instance)
    full, initials = text.pinyin_tokens(doc.title + " " + body)
    title_words, body_words = text.words(doc.title), text.words(body)
    identifiers = [text.normalise_identifier(i) for i in doc.identifiers if i]
    return {
        "page": instance if isinstance(instance, Page) else None,
        "site": site,
        "url": url or "",
        "kind": doc.kind[:50],
        "title": doc.title,
        "body": body,
        "date": doc.date,
        "year": doc.date.year if doc.date else None,
        "organ": (doc.organ or "")[:200],
        "topic": (doc.topic or "")[:100],
        "identifiers": "|" + "|".join(identifiers) + "|" if identifiers else "",
        "title_seg": text.segmented(doc.title, title_words),
        "body_seg": text.segmented(body, body_words),
        "pinyin": " ".join(full),
        "initials": " ".join(initials),
        "vocabulary": " ".join(vocabulary(title_words, body_words)),
    }


def vocabulary(title_words, body_words):
    """Return the words an entry contributes to suggestions, sorted."""
    shortest, longest = VOCABULARY_WORD_CHARS

    def wanted(words):
        return [w for w in words if text.is_cjk(w) and shortest <= len(w) <= longest]

    body_counts = Counter(wanted(body_words))
    common = [w for w, _n in body_counts.most_common(VOCABULARY_BODY_WORDS)]
    return sorted(set(wanted(title_words)) | set(common))


def index_instance(instance):
    """Write or remove the instance's entry; return the entry or None."""
    public = public_instance(instance)
    if public is None:
        remove_instance(type(instance), instance.pk)
        return None
    instance = public
    ct = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    fields = entry_fields(instance)
    existing = SearchEntry.objects.filter(content_type=ct, object_id=str(instance.pk))
    entry = existing.first()
    if entry is not None and unchanged(entry, fields):
        return entry
    before = set(entry.vocabulary.split()) if entry is not None else set()
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(
            content_type=ct, object_id=str(instance.pk), defaults=fields
        )
        sync_fts(entry)
        after = set(fields["vocabulary"].split())
        count_words(added=after - before, removed=before - after)
    logger.debug("Indexed %s pk=%s", ct.model, instance.pk)
    return entry


def unchanged(entry, fields):
    for name, value in fields.items():
        if name in ("page", "site"):
            current, value = getattr(entry, f"{name}_id"), value.pk if value else None
        else:
            current = getattr(entry, name)
        if current != value:
            return False
    return True


def remove_instance(model, pk):
    ct = ContentType.objects.get_for_model(model, for_concrete_model=True)
    deleted, _ = SearchEntry.objects.filter(content_type=ct, object_id=str(pk)).delete()
    if deleted:
        logger.debug("Removed %s pk=%s from the index", ct.model, pk)


def sync_fts(entry):
    """Mirror an entry into the SQLite FTS5 table (PostgreSQL uses a trigger)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, pinyin, initials)"  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s)",
            [entry.pk, entry.title_seg, entry.body_seg, entry.pinyin, entry.initials],
        )


def delete_fts(entry_id):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry_id])  # noqa: S608


def count_words(added=(), removed=()):
    """Count words in and out of the suggestion vocabulary, one per entry."""
    if removed:
        SearchTerm.objects.filter(word__in=removed, frequency__gt=0).update(
            frequency=F("frequency") - 1
        )
        SearchTerm.objects.filter(word__in=removed, frequency=0).delete()
    if not added:
        return
    added = set(added)
    known = set(
        SearchTerm.objects.filter(word__in=added).values_list("word", flat=True)
    )
    SearchTerm.objects.filter(word__in=known).update(frequency=F("frequency") + 1)
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w, pinyin=text.word_pinyin(w)[0]) for w in added - known],
        ignore_conflicts=True,
    )


def recount_words():
    """Rebuild the vocabulary counts from every entry (after a full rebuild)."""
    counts = Counter()
    for words in SearchEntry.objects.values_list("vocabulary", flat=True).iterator():
        counts.update(set(words.split()))
    with transaction.atomic():
        SearchTerm.objects.exclude(word__in=list(counts)).delete()
        changed = []
        for term in SearchTerm.objects.iterator():
            if term.frequency != counts[term.word]:
                term.frequency = counts[term.word]
                changed.append(term)
        SearchTerm.objects.bulk_update(changed, ["frequency"], batch_size=1000)
        known = set(SearchTerm.objects.values_list("word", flat=True))
        fresh = [
            SearchTerm(word=w, pinyin=text.word_pinyin(w)[0], frequency=n)
            for w, n in counts.items()
            if w not in known
        ]
        SearchTerm.objects.bulk_create(fresh, batch_size=1000)


def live_instances(model):
    """Return every public instance of a searchable model."""
    if issubclass(model, Page):
        return model.objects.live().public().specific().order_by("pk")
    manager = model._default_manager
    if hasattr(model, "live"):
        return manager.filter(live=True).order_by("pk")
    return manager.order_by("pk")


def concrete_searchable_models():
    """Return registered models plus concrete subclasses, without abstract ones.

    A concrete model that only a registered proxy exposes is left out: the
    proxy stands for its rows.
    """
    found = []
    for model in apps.get_models():
        if search_model(model) is model and not model._meta.abstract:
            found.append(model)
    return found


def resolve(content_type_id, object_id):
    """Return the model and the stored object (public or not), or None."""
    ct = ContentType.objects.get_for_id(content_type_id)
    model = ct.model_class()
    instance = model._base_manager.filter(pk=object_id).first()
    if isinstance(instance, Page):
        instance = instance.specific
    return model, instance
