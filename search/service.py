"""The one search entry point the page, the JSON API and tests use."""

import logging
import math
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site
from wagtail.search.utils import normalise_query_string

from search import text
from search.backends import config, database_backend, engine_backend
from search.backends.base import FACETS, SearchRequest, SearchUnavailable
from search.backends.database import scoped
from search.models import QueryLog, SearchEntry, Synonym
from search.query import parse
from search.suggest import did_you_mean

logger = logging.getLogger(__name__)

PER_PAGE = 10
MAX_PAGE = 100
HOT_DAYS = 30
HOT_COUNT = 8
HOT_SECONDS = 300
SORTS = ("relevance", "date")


@dataclass
class Result:
    title: str  # HTML: escaped, matches marked
    snippet: str  # HTML: escaped, matches marked
    url: str
    site: str = ""
    kind: str = ""
    date: object = None
    organ: str = ""
    pinned: bool = False

    def as_json(self):
        return {
            "title": self.title,
            "snippet": self.snippet,
            "url": self.url,
            "site": self.site,
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
            "organ": self.organ,
            "pinned": self.pinned,
        }


@dataclass
class Outcome:
    query: str
    results: list = field(default_factory=list)
    total: int = 0
    total_exact: bool = True
    by_date_instead: bool = False
    page: int = 1
    pages: int = 0
    sort: str = "relevance"
    all_sites: bool = True
    filters: dict = field(default_factory=dict)
    facets: dict = field(default_factory=dict)
    suggestion: str = ""
    backend: str = "database"


def synonyms():
    """Return colloquial → official words from settings and editors' snippets."""
    table = {
        text.normalise(k): [text.normalise(v) for v in vs]
        for k, vs in config()["SYNONYMS"].items()
    }
    for row in Synonym.objects.all():
        words = [w for w in re.split(r"[\s,，、]+", text.normalise(row.synonyms)) if w]
        table.setdefault(text.normalise(row.word), []).extend(words)
    return table


def clean_filters(params):
    filters = {}
    for name in FACETS:
        value = (params.get(name) or "").strip()[:200]
        if not value:
            continue
        if name in ("site", "year"):
            if not value.isdigit():
                continue
            value = int(value)
        filters[name] = value
    return filters


def page_number(params):
    raw = str(params.get("page") or "1")
    return min(max(int(raw), 1), MAX_PAGE) if raw.isdigit() else 1


def searches_all_sites(params, site):
    scope = params.get("scope")
    if scope in ("all", "site"):
        return scope == "all" or site is None
    return site is None or site.is_default_site


def run_backend(request):
    """Ask the engine; fall back to the database when it cannot answer."""
    engine = engine_backend()
    if engine is not None:
        try:
            return engine.search(request), engine.name
        except SearchUnavailable as error:
            logger.warning(
                "Search engine unavailable, answering from the database: %s", error
            )
    backend = database_backend()
    return backend.search(request), backend.name


def identifier_matches(query, entries):
    """Return ids of the entries whose identifiers contain what was pasted."""
    if not text.looks_like_identifier(query):
        return []
    ident = text.normalise_identifier(query)
    matched = entries.filter(identifiers__contains=f"|{ident}|")
    if not matched.exists() and len(ident) >= 8:
        matched = entries.filter(identifiers__contains=ident)
    return list(matched.order_by("-date").values_list("pk", flat=True)[:5])


def promotions(query):
    """Return the editors' picks for this query, in their order."""
    # Query.get() would create a row for every search; only look one up.
    promoted = Query.objects.filter(query_string=normalise_query_string(query)).first()
    if promoted is None:
        return []
    return list(promoted.editors_picks.select_related("page").order_by("sort_order"))


def search(params, site=None, log=True):
    """Run a search for request-like params on a site; return an Outcome."""
    query = (params.get("q") or "").strip()[: text.MAX_QUERY_CHARS]
    parsed = parse(query, synonyms())
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    all_sites = searches_all_sites(params, site)
    outcome = Outcome(
        query=query,
        page=page_number(params),
        sort=sort,
        all_sites=all_sites,
        filters=clean_filters(params),
    )
    if not parsed:
        return outcome

    request = SearchRequest(
        parsed=parsed,
        filters=outcome.filters,
        site_id=None if all_sites or site is None else site.pk,
        sort=sort,
        limit=PER_PAGE,
    )
    pinned = pinned_results(query, request, site)
    hits, outcome.backend = page_of_hits(request, outcome.page)
    outcome.pages = page_count(hits.total, pinned)
    if outcome.page > max(outcome.pages, 1):
        # Past the last page: show the last one rather than an empty page.
        outcome.page = max(outcome.pages, 1)
        hits, outcome.backend = page_of_hits(request, outcome.page)
    words = highlight_words(parsed)
    outcome.results = (pinned if outcome.page == 1 else []) + results_for(
        hits.ids, words, site, pinyin_tokens(parsed)
    )
    outcome.total = hits.total + len(pinned)
    outcome.total_exact = hits.total_exact
    outcome.by_date_instead = hits.by_date_instead
    outcome.facets = labelled_facets(hits.facets)
    if outcome.total == 0:
        outcome.suggestion = did_you_mean(parsed)
    if log and outcome.page == 1:
        QueryLog.objects.create(site=site, query=query, results=outcome.total)
    return outcome


def page_of_hits(request, page):
    """Return one page of hits, loosening the query when nothing matches."""
    request.offset = (page - 1) * PER_PAGE
    hits, backend = run_backend(request)
    if hits.total == 0 and request.parsed.can_loosen():
        request.parsed.loose = True
        hits, backend = run_backend(request)
    return hits, backend


def page_count(total, pinned):
    """Return the number of pages; pinned results need page one at least."""
    pages = min(math.ceil(total / PER_PAGE), MAX_PAGE)
    return max(pages, 1) if pinned else pages


def pinned_results(query, request, site):
    """Return the promotions and identifier matches within the search's scope.

    They lead page one and are excluded from the ranked hits; a filter or a
    site scope that excludes an item excludes it here too.
    """
    in_scope = scoped(SearchEntry.objects.all(), request)
    ids = identifier_matches(query, in_scope)
    picks = promotions(query)
    page_ids = [p.page_id for p in picks if p.page_id]
    promoted_entries = dict(
        in_scope.filter(page_id__in=page_ids).values_list("page_id", "pk")
    )
    promoted_ids = [promoted_entries[p] for p in page_ids if p in promoted_entries]
    request.exclude_ids = list(dict.fromkeys(promoted_ids + ids))
    results = []
    for pick in picks:
        if pick.page_id in promoted_entries:
            results.extend(results_for([promoted_entries[pick.page_id]], [], site))
        elif pick.external_link_url and not request.filters:
            # An outside link has no site, type or year for a filter to keep.
            results.append(
                Result(
                    title=text.highlight(pick.external_link_text or "", []),
                    snippet=text.highlight(pick.description, []),
                    url=pick.external_link_url,
                )
            )
    identified = [pk for pk in ids if pk not in promoted_ids]
    results.extend(results_for(identified, [query], site))
    for result in results:
        result.pinned = True
    return results


def highlight_words(parsed):
    """Return the words to mark in every result."""
    return [text.normalise(w) for w in parsed.highlight_words()]


def pinyin_tokens(parsed):
    """Return the letter words of a query that may stand for Chinese by pinyin."""
    return [t.latin for t in parsed.terms if t.latin.isalpha()]


def results_for(ids, words, site, pinyin=()):
    entries = SearchEntry.objects.filter(pk__in=ids).select_related("site", "page")
    by_id = {entry.pk: entry for entry in entries}
    return [to_result(by_id[pk], words, site, pinyin) for pk in ids if pk in by_id]


def entry_url(entry, site):
    """Return a link that works on ``site``: another site's carries its root URL.

    Pages are asked now (hosts and ports change); other content stored a path
    that only its own site serves.
    """
    url = entry.url
    if entry.page is not None:
        url = entry.page.get_url(current_site=site) or url
    elsewhere = site is None or entry.site_id != site.pk
    if entry.site is not None and elsewhere and url.startswith("/"):
        if not url.startswith("//"):
            url = entry.site.root_url + url
    return url


# How much of a body is read for the Chinese words pinyin input stands for.
PINYIN_HIGHLIGHT_CHARS = 2000


def to_result(entry, words, site, pinyin=()):
    if pinyin:
        seen = entry.title + " " + entry.body[:PINYIN_HIGHLIGHT_CHARS]
        words = [*words, *text.pinyin_matches(seen, pinyin)]
    prefix, piece, suffix = text.snippet(entry.body, words)
    return Result(
        title=text.highlight(entry.title, words),
        snippet=prefix + text.highlight(piece, words) + suffix,
        url=entry_url(entry, site),
        site=entry.site.site_name if entry.site else "",
        kind=entry.kind,
        date=entry.date,
        organ=entry.organ,
    )


def labelled_facets(facets):
    """Return facets as {name: [(value, label, count)]} for templates and JSON."""
    site_names = dict(Site.objects.values_list("pk", "site_name"))
    labelled = {}
    for name, buckets in facets.items():
        labelled[name] = [
            (value, site_names.get(value, str(value)) if name == "site" else str(value),
             count)
            for value, count in buckets
        ]  # fmt: skip
    return labelled


def hot_searches(site, count=HOT_COUNT):
    """Return the most asked queries with results on a site, recent first.

    Every search page shows them, and counting a month of a busy site's log
    on each request would cost more than the search itself, so they are
    cached for a few minutes.
    """
    key = f"search:hot:{site.pk if site else 0}:{count}"
    return cache.get_or_set(key, lambda: count_hot_searches(site, count), HOT_SECONDS)


def count_hot_searches(site, count):
    since = timezone.now() - timezone.timedelta(days=HOT_DAYS)
    rows = (
        QueryLog.objects.filter(site=site, results__gt=0, created_at__gte=since)
        .values("query")
        .annotate(n=Count("pk"))
        .order_by("-n", "query")[:count]
    )
    return [row["query"] for row in rows]
