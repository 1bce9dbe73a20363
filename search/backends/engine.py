"""What OpenSearch and Elasticsearch share: mapping, documents, queries, calls.

Request bodies are built with elasticsearch-dsl and sent by the client that
matches the engine (``search.backends.opensearch`` or
``search.backends.elasticsearch``): the Elasticsearch clients refuse
OpenSearch servers, and the two clients take the same calls otherwise.
Chinese is matched twice: on the application's jieba words (whitespace
analyser) and on the engine's ``cjk`` bigram analyser, with pinyin fields the
application computes.
"""

import logging

from django.utils import timezone

from elasticsearch.dsl import Q, Search

from search.backends.base import FACETS, SearchHits, SearchUnavailable

logger = logging.getLogger(__name__)

FACET_LIMIT = 20
FACET_FIELDS = {"site": "site_id", "kind": "kind", "year": "year", "organ": "organ"}
FACET_FIELDS["topic"] = "topic"

INDEX_BODY = {
    "settings": {"number_of_shards": 1, "number_of_replicas": 0},
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "entry_id": {"type": "long"},
            "site_id": {"type": "long"},
            "kind": {"type": "keyword"},
            "organ": {"type": "keyword"},
            "topic": {"type": "keyword"},
            "year": {"type": "integer"},
            "date": {"type": "date"},
            "identifiers": {"type": "keyword"},
            "title_seg": {"type": "text", "analyzer": "whitespace"},
            "body_seg": {"type": "text", "analyzer": "whitespace"},
            "title_cjk": {"type": "text", "analyzer": "cjk"},
            "body_cjk": {"type": "text", "analyzer": "cjk"},
            "pinyin": {"type": "text", "analyzer": "whitespace"},
            "initials": {"type": "text", "analyzer": "whitespace"},
        },
    },
}


def entry_key(entry):
    """Return the engine id, known even after the database row is gone."""
    return f"{entry.content_type_id}:{entry.object_id}"


def document(entry):
    """Return the engine document for a SearchEntry."""
    return {
        "entry_id": entry.pk,
        "site_id": entry.site_id,
        # Missing, not "", so that no facet offers an empty value.
        "kind": entry.kind or None,
        "organ": entry.organ or None,
        "topic": entry.topic or None,
        "year": entry.year,
        "date": entry.date.isoformat() if entry.date else None,
        "identifiers": [i for i in entry.identifiers.split("|") if i],
        "title_seg": entry.title_seg,
        "body_seg": entry.body_seg,
        "title_cjk": entry.title,
        "body_cjk": entry.body,
        "pinyin": entry.pinyin,
        "initials": entry.initials,
    }


def term_query(term, loose):
    if term.is_cjk:
        should = [
            Q("match_phrase", title_cjk={"query": term.raw, "boost": 5}),
            Q("match_phrase", body_cjk={"query": term.raw}),
        ]
        if loose:
            words = " ".join(term.words)
            should.append(Q("match", title_seg={"query": words, "operator": "and"}))
            should.append(Q("match", body_seg={"query": words, "operator": "and"}))
    else:
        # One letter as a prefix would match most pinyin; it must be whole.
        kind = "prefix" if len(term.latin) >= 2 else "term"
        token = term.latin
        should = [
            Q(kind, title_seg={"value": token, "boost": 4}),
            Q(kind, body_seg={"value": token}),
            Q(kind, pinyin={"value": token, "boost": 3}),
            Q(kind, initials={"value": token, "boost": 2}),
        ]
    should.extend(term_query(synonym, loose) for synonym in term.synonyms)
    return Q("bool", should=should, minimum_should_match=1)


def build_search(request, index):
    """Return the elasticsearch-dsl Search for a request (no engine needed)."""
    search = Search(index=index)
    parsed = request.parsed
    if parsed.terms:
        search = search.query(
            Q("bool", must=[term_query(t, parsed.loose) for t in parsed.terms])
        )
    else:
        search = search.query(
            Q(
                "bool",
                must=[Q("match_phrase", title_cjk=c) for c in parsed.single_chars],
            )
        )
    filters = [Q("term", **{FACET_FIELDS[k]: v}) for k, v in request.filters.items()]
    if request.site_id:
        filters.append(Q("term", site_id=request.site_id))
    if filters:
        search = search.filter("bool", must=filters)
    if request.exclude_ids:
        search = search.exclude("terms", entry_id=list(request.exclude_ids))
    for name in FACETS:
        search.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=FACET_LIMIT)
    if request.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}})
    search = search.source(["entry_id"]).extra(track_total_hits=True)
    return search[request.offset : request.offset + request.limit]


def buckets(aggs, name):
    return aggs.get(name, {}).get("buckets", [])


def body_of(response):
    """Return a response as plain data (the Elasticsearch client wraps it)."""
    return getattr(response, "body", response)


class EngineBackend:
    """A search engine behind an alias; subclasses bring the client."""

    name = ""
    # Exceptions of the client that mean the engine could not answer.
    errors = ()

    def __init__(self, url, index="portal-search", refresh=False, timeout=5):
        self.alias = index
        self.refresh = refresh
        self.client = self.make_client(url, timeout)

    def make_client(self, url, timeout):
        raise NotImplementedError

    def status_of(self, error):
        return getattr(error, "status_code", None)

    def streaming_bulk(self, actions, raise_on_error=True):
        raise NotImplementedError

    def call(self, method, *args, **kwargs):
        try:
            return body_of(method(*args, **kwargs))
        except self.errors as error:
            raise SearchUnavailable(str(error)) from error

    def search_body(self, request):
        return build_search(request, self.alias).to_dict()

    def search(self, request):
        response = self.call(
            self.client.search, index=self.alias, body=self.search_body(request)
        )
        aggs = response.get("aggregations", {})
        facets = {
            name: [
                (b["key"], b["doc_count"])
                for b in buckets(aggs, name)
                if b["key"] != ""
            ]
            for name in FACETS
        }
        return SearchHits(
            ids=[hit["_source"]["entry_id"] for hit in response["hits"]["hits"]],
            total=response["hits"]["total"]["value"],
            facets=facets,
        )

    def ensure_index(self):
        """Create a first index behind the alias when none exists."""
        if not self.call(self.client.indices.exists_alias, name=self.alias):
            self.create_index_for_alias()

    def create_index_for_alias(self):
        name = self.new_index_name()
        self.call(self.client.indices.create, index=name, body=INDEX_BODY)
        self.call(
            self.client.indices.update_aliases,
            body={"actions": [{"add": {"index": name, "alias": self.alias}}]},
        )
        return name

    def new_index_name(self):
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def write_many(self, entries, deleted_keys=()):
        """Index entries and delete keys through the alias, in bulk."""
        actions = [
            *(
                {"_index": self.alias, "_id": entry_key(e), "_source": document(e)}
                for e in entries
            ),
            *(
                {"_op_type": "delete", "_index": self.alias, "_id": k}
                for k in deleted_keys
            ),
        ]
        if not actions:
            return
        if entries:
            # A bulk write to a missing alias would create a stray index.
            self.ensure_index()
        try:
            results = list(self.streaming_bulk(actions, raise_on_error=False))
        except self.errors as error:
            raise SearchUnavailable(str(error)) from error
        failed = [
            item
            for ok, item in results
            if not ok and item.get("delete", {}).get("status") != 404
        ]
        if failed:
            raise SearchUnavailable(f"{len(failed)} bulk writes failed: {failed[0]}")
        if self.refresh:
            self.refresh_index()

    def refresh_index(self):
        self.call(self.client.indices.refresh, index=self.alias)

    def rebuild(self, entries, total, progress):
        """Index every entry into a new index, then move the alias to it."""
        name = self.new_index_name()
        self.call(self.client.indices.create, index=name, body=INDEX_BODY)
        actions = (
            {"_index": name, "_id": entry_key(e), "_source": document(e)}
            for e in entries
        )
        bar = progress(total)
        try:
            for ok, _item in self.streaming_bulk(actions):
                if ok:
                    bar.update(1)
        except self.errors as error:
            raise SearchUnavailable(str(error)) from error
        bar.close()
        self.call(self.client.indices.refresh, index=name)
        old = list(self.alias_indices())
        actions = [{"remove": {"index": i, "alias": self.alias}} for i in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.call(self.client.indices.update_aliases, body={"actions": actions})
        for index in old:
            self.call(self.client.indices.delete, index=index)
        logger.info("Rebuilt search index %s behind alias %s", name, self.alias)
        return name

    def alias_indices(self):
        try:
            return body_of(self.client.indices.get_alias(name=self.alias)).keys()
        except self.errors as error:
            if self.status_of(error) == 404:
                return []
            raise SearchUnavailable(str(error)) from error

    def drop(self):
        """Delete the alias and its indices (tests and rebuild from scratch)."""
        for index in list(self.alias_indices()):
            self.call(self.client.indices.delete, index=index)
