"""Keep the search index equal to what is published."""

import logging
from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

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
# Items indexed per database round trip; bodies run to 80,000 characters.
BATCH_SIZE = 200
# Words per IN (...) list, well under SQLite's limit on parameters.
WORDS_PER_QUERY = 500


def is_searchable(model):
    """Return whether instances of a model (or of its registered proxy) index."""
    return search_model(model) is not None


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
    title_cut, body_cut = text.cut(doc.title), text.cut(body)
    title_words, body_words = text.search_words(title_cut), text.search_words(body_cut)
    full, initials = text.pinyin_tokens(text.opening(title_cut + body_cut))
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
        "title_seg": text.segmented(title_cut, title_words),
        "body_seg": text.segmented(body_cut, body_words),
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


def index_objects(model, object_ids):
    """Bring the entries of a model's objects up to date, a batch at a time.

    Return (entries written or unchanged, ids removed). An id whose object
    is missing or no longer public loses its entry.
    """
    object_ids = [str(pk) for pk in object_ids]
    entries, removed = [], []
    registered = search_model(model)
    for ids in batches(object_ids, BATCH_SIZE):
        public = []
        if registered is not None:
            public = list(live_instances(registered).filter(pk__in=ids))
        found = {str(instance.pk) for instance in public}
        gone = [pk for pk in ids if pk not in found]
        remove_objects(model, gone)
        removed.extend(gone)
        entries.extend(write_entries(public))
    return entries, removed


def index_live(model):
    """Index every public instance of a model; yield the entries batch by batch."""
    instances = live_instances(model).iterator(chunk_size=BATCH_SIZE)
    for batch in batches(instances, BATCH_SIZE):
        yield write_entries(batch)


def index_everything(progress):
    """Index every public item of every searchable model; return the entry ids.

    ``progress(total, description)`` returns a bar (tqdm's interface) for
    each model.
    """
    seen = set()
    for model in concrete_searchable_models():
        total = live_instances(model).count()
        bar = progress(total, model._meta.verbose_name)
        for entries in index_live(model):
            seen.update(entry.pk for entry in entries)
            bar.update(len(entries))
        bar.close()
    return seen


def batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_entries(instances):
    """Write the entries of public instances, in one pass; return them in order.

    Entries whose fields are unchanged are left alone. New and changed ones
    go to the database in bulk, with their FTS rows and word counts, in one
    transaction.
    """
    if not instances:
        return []
    fields = {}
    for instance in instances:
        ct = ContentType.objects.get_for_model(instance, for_concrete_model=True)
        fields[(ct.pk, str(instance.pk))] = entry_fields(instance)
    existing = existing_entries(fields)
    created, changed, added, removed = [], [], Counter(), Counter()
    now = timezone.now()
    for key, values in fields.items():
        entry = existing.get(key)
        if entry is not None and unchanged(entry, values):
            continue
        if entry is None:
            entry = SearchEntry(content_type_id=key[0], object_id=key[1])
            created.append(entry)
            existing[key] = entry
        else:
            removed.update(set(entry.vocabulary.split()))
            changed.append(entry)
        for name, value in values.items():
            setattr(entry, name, value)
        entry.updated_at = now
        added.update(set(values["vocabulary"].split()))
    with transaction.atomic():
        SearchEntry.objects.bulk_create(created, batch_size=BATCH_SIZE)
        SearchEntry.objects.bulk_update(changed, ENTRY_COLUMNS, batch_size=BATCH_SIZE)
        sync_fts(created + changed)
        count_words(added=added, removed=removed)
    return [existing[key] for key in fields]


# Every column write_entries sets, entry_fields' and the timestamp.
ENTRY_COLUMNS = [
    "page", "site", "url", "kind", "title", "body", "date", "year", "organ",
    "topic", "identifiers", "title_seg", "body_seg", "pinyin", "initials",
    "vocabulary", "updated_at",
]  # fmt: skip


def existing_entries(keys):
    """Return the stored entries of (content type id, object id) keys."""
    found = {}
    by_type = {}
    for ct_id, object_id in keys:
        by_type.setdefault(ct_id, []).append(object_id)
    for ct_id, object_ids in by_type.items():
        for entry in SearchEntry.objects.filter(
            content_type_id=ct_id, object_id__in=object_ids
        ):
            found[(ct_id, entry.object_id)] = entry
    return found


def unchanged(entry, fields):
    for name, value in fields.items():
        if name in ("page", "site"):
            current, value = getattr(entry, f"{name}_id"), value.pk if value else None
        else:
            current = getattr(entry, name)
        if current != value:
            return False
    return True


def remove_objects(model, object_ids):
    """Delete the entries of a model's objects (signals clean up after each)."""
    if not object_ids:
        return
    ct = ContentType.objects.get_for_model(model, for_concrete_model=True)
    entries = SearchEntry.objects.filter(content_type=ct, object_id__in=object_ids)
    deleted, _ = entries.delete()
    if deleted:
        logger.debug("Removed %s %s entries from the index", deleted, ct.model)


def sync_fts(entries):
    """Mirror entries into the SQLite FTS5 table (PostgreSQL uses a trigger)."""
    if connection.vendor != "sqlite" or not entries:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",  # noqa: S608
            [[entry.pk] for entry in entries],
        )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, pinyin, initials)"  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s)",
            [[e.pk, e.title_seg, e.body_seg, e.pinyin, e.initials] for e in entries],
        )


def delete_fts(entry_id):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry_id])  # noqa: S608


def count_words(added=(), removed=()):
    """Count words in and out of the suggestion vocabulary.

    Each occurrence of a word in ``added`` or ``removed`` (a Counter or any
    iterable) stands for one entry that gained or lost it.
    """
    delta = Counter(added)
    delta.subtract(Counter(removed))
    by_change = {}
    for word, change in delta.items():
        if change:
            by_change.setdefault(change, []).append(word)
    for change, words in by_change.items():
        for chunk in batches(words, WORDS_PER_QUERY):
            if change < 0:
                take_words(chunk, -change)
            else:
                give_words(chunk, change)


def take_words(words, count):
    terms = SearchTerm.objects.filter(word__in=words)
    terms.update(frequency=Greatest(F("frequency") - count, 0))
    terms.filter(frequency=0).delete()


def give_words(words, count):
    known = set(
        SearchTerm.objects.filter(word__in=words).values_list("word", flat=True)
    )
    SearchTerm.objects.filter(word__in=known).update(frequency=F("frequency") + count)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(word=w, pinyin=text.word_pinyin(w)[0], frequency=count)
            for w in words
            if w not in known
        ],
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


def settle():
    """After a full rebuild on PostgreSQL, vacuum and analyze the entries.

    A bulk write leaves dead row versions and unset visibility, which the
    first searches would otherwise pay for until autovacuum comes round.
    VACUUM cannot run inside a transaction; there, ANALYZE alone.
    """
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {SearchEntry._meta.db_table}")


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
