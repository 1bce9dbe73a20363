"""Elasticsearch 8.x, through the official client (it refuses OpenSearch)."""

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, helpers

from search.backends.engine import EngineBackend


class ElasticsearchBackend(EngineBackend):
    name = "elasticsearch"
    errors = (ApiError, TransportError, helpers.BulkIndexError)

    def make_client(self, url, timeout):
        return Elasticsearch(
            hosts=[url], request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )

    def status_of(self, error):
        meta = getattr(error, "meta", None)
        return getattr(meta, "status", None)

    def streaming_bulk(self, actions, raise_on_error=True):
        return helpers.streaming_bulk(
            self.client, actions, chunk_size=500, raise_on_error=raise_on_error
        )
