"""OpenSearch 2.x/3.x, through opensearch-py."""

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import OpenSearchException

from search.backends.engine import EngineBackend


class OpenSearchBackend(EngineBackend):
    name = "opensearch"
    errors = (OpenSearchException,)

    def make_client(self, url, timeout):
        return OpenSearch(
            hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False
        )

    def streaming_bulk(self, actions, raise_on_error=True):
        return helpers.streaming_bulk(
            self.client, actions, chunk_size=500, raise_on_error=raise_on_error
        )
