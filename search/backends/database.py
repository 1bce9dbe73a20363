"""Search the SearchEntry table: SQLite FTS5 or PostgreSQL full-text.

Both match the application's own segmentation (jieba words plus character
pairs), so neither needs a Chinese parser in the database.
"""

from collections import Counter
from contextlib import contextmanager

from django.db import connection, transaction
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
# A search lists, counts and facets at most this many matches. Up to it,
# they are ranked by score. Scoring costs a microsecond or more per match,
# so a word found in most of a large corpus (工作, 建设) would cost a tenth
# of a second: beyond it, title matches come first and then the others,
# each newest first, counted as "more than", and the page says both.
MAX_MATCHES = 5_000
FTS_MATCHES = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
# Date and facet columns in date order (migration 0004): SQLite would
# otherwise read each match's wide row, where they sit behind the body.
LISTING_INDEX = "search_entry_listing"


class DatabaseBackend:
    name = "database"

    def search(self, request):
        with index_first():
            return self.search_matches(request)

    def search_matches(self, request):
        # One pass over the matches gives the count, the facets and the
        # order; running the full-text match once per facet cost far more.
        by_score = request.sort == "relevance" and self.has_score(request)
        by_date_instead = by_score and self.too_many_to_score(request)
        if by_date_instead:
            rows = self.title_matches_first(request)
        elif by_score:
            rows = first_rows(self.matching(request).order_by("score", "-date", "-pk"))
        else:
            rows = first_rows(newest_first(self.matching(request, scored=False)))
        exact = len(rows) <= MAX_MATCHES
        rows = rows[:MAX_MATCHES]
        page = rows[request.offset : request.offset + request.limit]
        return SearchHits(
            ids=[row[0] for row in page],
            total=len(rows),
            facets=facet_counts(rows),
            total_exact=exact,
            by_date_instead=by_date_instead,
        )

    def title_matches_first(self, request):
        """Return the first rows when there are too many to score: entries
        with the words in their title, newest first, then the others."""
        matches = self.matching(request, scored=False)
        sql, params = title_condition(request.parsed)
        in_title = matches.extra(where=[sql], params=params)  # noqa: S610
        rows = first_rows(newest_first(in_title))
        if len(rows) <= MAX_MATCHES:
            others = matches.extra(where=[f"NOT ({sql})"], params=params)  # noqa: S610
            rows += first_rows(newest_first(others), MAX_MATCHES + 1 - len(rows))
        return rows

    def too_many_to_score(self, request):
        matches = self.matching(request, scored=False).values("pk")
        return matches[: MAX_MATCHES + 1].count() > MAX_MATCHES

    def has_score(self, request):
        return connection.vendor in ("sqlite", "postgresql") and bool(
            request.parsed.terms
        )

    def matching(self, request, scored=True):
        """Return the entries that match, with a ``score`` when ``scored``."""
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
        if connection.vendor == "sqlite" and not scored:
            return queryset.extra(  # noqa: S610
                where=[f"{ENTRY_TABLE}.id IN ({FTS_MATCHES})"],
                params=[fts5_expression(parsed.terms, parsed.loose)],
            )
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


def newest_first(queryset):
    return queryset.order_by(F("date").desc(nulls_last=True), "-pk")


def first_rows(queryset, count=MAX_MATCHES + 1):
    """Return up to ``count`` rows of (pk, *FACET_COLUMNS) of a queryset."""
    return listing_rows(queryset.values_list("pk", *FACET_COLUMNS)[:count])


def title_condition(parsed):
    """Return SQL and params true of entries with the Chinese words in their
    title (letters match pinyin of the whole entry, so they always pass)."""
    cjk = [term for term in parsed.terms if term.is_cjk]
    if not cjk:
        return "1 = 1", []
    if connection.vendor == "sqlite":
        expression = fts5_expression(cjk, parsed.loose, cjk_columns=TITLE)
        return f"{ENTRY_TABLE}.id IN ({FTS_MATCHES})", [expression]
    sql, params = [], []
    for term in cjk:
        raws = [term.raw, *(s.raw for s in term.synonyms if s.is_cjk)]
        sql.append("(" + " OR ".join([TITLE_CONTAINS] * len(raws)) + ")")
        params.extend(raws)
    return " AND ".join(sql), params


@contextmanager
def index_first():
    """On PostgreSQL, keep the planner off sequential scans for a search.

    It does not count the cost of reading each row's TOASTed tsvector, so
    for a common word it prefers a sequential scan that re-reads every
    vector (a second at 100,000 entries) to the GIN index (35 ms). The
    setting lasts to the end of the transaction and changes no result.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def listing_rows(queryset):
    """Return the rows of a values_list query, telling SQLite how to read it.

    Django cannot name an index, so the choice goes into the generated SQL.
    Without a score, the listing index gives date order and facets with no
    row read. With one, the full-text match must drive and each match is
    read by rowid; left alone, the planner may instead walk the listing
    index and probe the full-text table for every entry.
    """
    if connection.vendor != "sqlite":
        return list(queryset)
    scored = "score" in queryset.query.extra  # kept when values_list hides it
    hint = "NOT INDEXED" if scored else f"INDEXED BY {LISTING_INDEX}"
    sql, params = queryset.query.sql_with_params()
    table = connection.ops.quote_name(ENTRY_TABLE)
    sql = sql.replace(f"FROM {table}", f"FROM {table} {hint}", 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def scoped(queryset, request):
    if request.site_id:
        queryset = queryset.filter(site_id=request.site_id)
    for name, value in request.filters.items():
        queryset = queryset.filter(**{name if name != "site" else "site_id": value})
    if request.exclude_ids:
        queryset = queryset.exclude(pk__in=request.exclude_ids)
    return queryset


def facet_counts(rows):
    """Count each facet's values over rows of (pk, *FACET_COLUMNS)."""
    facets = {}
    columns = list(zip(*rows, strict=True))[1:] or [()] * len(FACETS)
    for name, values in zip(FACETS, columns, strict=True):
        counts = Counter(values)  # counted in C; blanks dropped after
        counts.pop(None, None)
        counts.pop("", None)
        ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        facets[name] = ordered[:FACET_LIMIT]
    return facets


# FTS5 rendering: every token is a word of [a-z0-9] or Chinese characters,
# so wrapping it in double quotes leaves nothing for FTS5 to parse.


def fts5_quote(token):
    return '"' + token.replace('"', "") + '"'


def fts5_term(term, loose, cjk_columns=f"{TITLE} {BODY}"):
    if term.is_cjk:
        parts = [f"{{{cjk_columns}}} : {fts5_quote(' '.join(term.phrase))}"]
        if loose and term.words:
            words = " AND ".join(fts5_quote(w) for w in term.words)
            parts.append(f"{{{cjk_columns}}} : ({words})")
    else:
        prefix = " *" if len(term.latin) >= 2 else ""
        token = fts5_quote(term.latin) + prefix
        parts = [f"{{{TITLE} {BODY} {PINYIN} {INITIALS}}} : {token}"]
    parts.extend(fts5_term(synonym, loose, cjk_columns) for synonym in term.synonyms)
    return "(" + " OR ".join(parts) + ")"


def fts5_expression(terms, loose=False, **columns):
    return " AND ".join(fts5_term(term, loose, **columns) for term in terms)


# PostgreSQL rendering: lexemes are single-quoted; weights stand for
# columns (A title, B pinyin and initials, C body). A tsvector keeps no
# position past 16,383 (and at most 256 per lexeme), so a phrase of pairs
# (<->) stops matching deep inside a long body. The tsquery therefore only
# requires every pair anywhere, which the GIN index answers, and each
# Chinese phrase is then confirmed on the stored text itself.

PG_VECTOR = f"{ENTRY_TABLE}.search_vector"
PG_MATCH = f"{PG_VECTOR} @@ to_tsquery('simple', %s)"
TITLE_CONTAINS = f"strpos({ENTRY_TABLE}.title, %s) > 0"
PG_CONTAINS = (
    f"(strpos({ENTRY_TABLE}.title, %s) > 0 OR strpos({ENTRY_TABLE}.body, %s) > 0)"
)


def ts_quote(token):
    return "'" + token.replace("'", "") + "'"


# No weight labels: a Chinese pair occurs only in title or body anyway, and
# a query with labels makes PostgreSQL re-read every matching row's vector.


def ts_words(words):
    return " & ".join(ts_quote(w) for w in words)


def ts_latin(term):
    return ts_quote(term.latin) + (":*" if len(term.latin) >= 2 else "")


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
