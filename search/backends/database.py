"""Search the SearchEntry table: SQLite FTS5 or PostgreSQL full-text.

Both match the application's own segmentation (jieba words plus character
pairs), so neither needs a Chinese parser in the database.
"""

from collections import Counter

from django.db import connection
from django.db.models import F, Q

from search.backends.base import FACETS, SearchHits
from search.indexing import FTS_TABLE
from search.models import SearchEntry
from search.query import BODY, INITIALS, PINYIN, TITLE

ENTRY_TABLE = SearchEntry._meta.db_table
# Column weights: title, body, pinyin, initials.
FTS_WEIGHTS = "10.0, 1.0, 3.0, 2.0"
FACET_LIMIT = 20
FACET_COLUMNS = ["site_id", "kind", "year", "organ", "topic"]  # as FACETS
# Beyond this many matches the count and facets are of the best-matching
# rows only; no reader pages that far.
MAX_MATCHES = 20_000


class DatabaseBackend:
    name = "database"

    def search(self, request):
        # One pass over the matches gives the count, the facets and the
        # order; running the full-text match once per facet cost far more.
        queryset = self.matching(request)
        if request.sort == "relevance" and self.has_score(request):
            queryset = queryset.order_by("score", "-date", "-pk")
        else:
            queryset = queryset.order_by(F("date").desc(nulls_last=True), "-pk")
        columns = ["pk", "date", *FACET_COLUMNS]
        rows = list(queryset.values_list(*columns)[: MAX_MATCHES + 1])
        exact = len(rows) <= MAX_MATCHES
        rows = rows[:MAX_MATCHES]
        page = rows[request.offset : request.offset + request.limit]
        return SearchHits(
            ids=[row[0] for row in page],
            total=len(rows),
            facets=facet_counts(rows),
            total_exact=exact,
        )

    def has_score(self, request):
        return connection.vendor in ("sqlite", "postgresql") and bool(
            request.parsed.terms
        )

    def matching(self, request):
        queryset = scoped(SearchEntry.objects.all(), request)
        parsed = request.parsed
        if not parsed.terms:
            # Only single characters: a plain substring match on titles.
            condition = Q()
            for char in parsed.single_chars:
                condition &= Q(title__contains=char)
            return queryset.filter(condition)
        # extra() carries constant SQL; the user's words travel only as
        # parameters, quoted as plain tokens by the renderers below.
        if connection.vendor == "sqlite":
            return queryset.extra(  # noqa: S610
                tables=[FTS_TABLE],
                where=[
                    f"{FTS_TABLE}.rowid = {ENTRY_TABLE}.id",
                    f"{FTS_TABLE} MATCH %s",
                ],
                params=[fts5_expression(parsed.terms, parsed.loose)],
                select={"score": f"bm25({FTS_TABLE}, {FTS_WEIGHTS})"},
            )
        if connection.vendor == "postgresql":
            candidates = tsquery_expression(parsed.terms, parsed.loose)
            exact, exact_params = pg_condition(parsed.terms, parsed.loose)
            return queryset.extra(  # noqa: S610
                where=[f"{PG_MATCH} AND {exact}"],
                params=[candidates, *exact_params],
                select={"score": f"-ts_rank({PG_VECTOR}, to_tsquery('simple', %s), 1)"},
                select_params=[candidates],
            )
        return queryset.filter(substring_condition(parsed.terms))


def scoped(queryset, request):
    if request.site_id:
        queryset = queryset.filter(site_id=request.site_id)
    for name, value in request.filters.items():
        queryset = queryset.filter(**{name if name != "site" else "site_id": value})
    if request.exclude_ids:
        queryset = queryset.exclude(pk__in=request.exclude_ids)
    return queryset


def facet_counts(rows):
    facets = {}
    for offset, name in enumerate(FACETS, start=2):
        counts = Counter(row[offset] for row in rows if row[offset] not in (None, ""))
        ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        facets[name] = ordered[:FACET_LIMIT]
    return facets


# FTS5 rendering: every token is a word of [a-z0-9] or Chinese characters,
# so wrapping it in double quotes leaves nothing for FTS5 to parse.


def fts5_quote(token):
    return '"' + token.replace('"', "") + '"'


def fts5_term(term, loose):
    if term.is_cjk:
        parts = [f"{{{TITLE} {BODY}}} : {fts5_quote(' '.join(term.phrase))}"]
        if loose and term.words:
            words = " AND ".join(fts5_quote(w) for w in term.words)
            parts.append(f"{{{TITLE} {BODY}}} : ({words})")
    else:
        prefix = " *" if len(term.latin) >= 2 else ""
        token = fts5_quote(term.latin) + prefix
        parts = [f"{{{TITLE} {BODY} {PINYIN} {INITIALS}}} : {token}"]
    parts.extend(fts5_term(synonym, loose) for synonym in term.synonyms)
    return "(" + " OR ".join(parts) + ")"


def fts5_expression(terms, loose=False):
    return " AND ".join(fts5_term(term, loose) for term in terms)


# PostgreSQL rendering: lexemes are single-quoted; weights stand for
# columns (A title, B pinyin and initials, C body). A tsvector keeps no
# position past 16,383 (and at most 256 per lexeme), so a phrase of pairs
# (<->) stops matching deep inside a long body. The tsquery therefore only
# requires every pair anywhere, which the GIN index answers, and each
# Chinese phrase is then confirmed on the stored text itself.

PG_VECTOR = f"{ENTRY_TABLE}.search_vector"
PG_MATCH = f"{PG_VECTOR} @@ to_tsquery('simple', %s)"
PG_CONTAINS = (
    f"(strpos({ENTRY_TABLE}.title, %s) > 0 OR strpos({ENTRY_TABLE}.body, %s) > 0)"
)


def ts_quote(token):
    return "'" + token.replace("'", "") + "'"


def ts_words(words):
    return " & ".join(ts_quote(w) + ":AC" for w in words)


def ts_latin(term):
    suffix = ":*ABC" if len(term.latin) >= 2 else ":ABC"
    return ts_quote(term.latin) + suffix


def ts_term(term, loose):
    if term.is_cjk:
        parts = [ts_words(term.phrase)]
        if loose and term.words:
            parts.append(ts_words(term.words))
    else:
        parts = [ts_latin(term)]
    parts.extend(ts_term(synonym, loose) for synonym in term.synonyms)
    return "(" + " | ".join(f"({part})" for part in parts) + ")"


def tsquery_expression(terms, loose=False):
    """Return the tsquery that every matching row satisfies (and more may)."""
    return " & ".join(ts_term(term, loose) for term in terms)


def pg_term(term, loose):
    """Return SQL and params that decide exactly whether a row has a term."""
    parts, params = [], []
    if term.is_cjk and len(term.phrase) == 1:
        parts.append(PG_MATCH)
        params.append(ts_words(term.phrase))
    elif term.is_cjk:
        parts.append(PG_CONTAINS)
        params.extend([term.raw, term.raw])
    else:
        parts.append(PG_MATCH)
        params.append(ts_latin(term))
    if term.is_cjk and loose and term.words:
        parts.append(PG_MATCH)
        params.append(ts_words(term.words))
    for synonym in term.synonyms:
        sql, synonym_params = pg_term(synonym, loose)
        parts.append(sql)
        params.extend(synonym_params)
    return "(" + " OR ".join(parts) + ")", params


def pg_condition(terms, loose=False):
    sql, params = [], []
    for term in terms:
        term_sql, term_params = pg_term(term, loose)
        sql.append(term_sql)
        params.extend(term_params)
    return " AND ".join(sql), params


def substring_condition(terms):
    condition = Q()
    for term in terms:
        condition &= Q(title__icontains=term.raw) | Q(body__icontains=term.raw)
    return condition
