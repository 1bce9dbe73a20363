"""Search the SearchEntry table: SQLite FTS5 or PostgreSQL full-text.

Both match the application's own segmentation (jieba words plus character
pairs), so neither needs a Chinese parser in the database. Each database
speaks through a dialect: its newest matches, its test for the words in a
title, and its ranking.
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
# A search ranks, lists, counts and facets at most this many matches.
# Ranking reads each match's whole tsvector (PostgreSQL) or FTS5 row, and
# confirming a phrase each body, some ten microseconds a match when they are
# not cached: beyond it, the matches with the words in their title come
# first and then the others, each newest first, counted as "more than", and
# the page says both.
MAX_MATCHES = 2_000
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
        # The rows read once give the count, the facets and the order;
        # running the match once per facet cost far more. With few
        # candidates, one query ranks them all; otherwise walks in date order
        # that stop early list them, ranked after if they are few after all.
        dialect = dialect_for(request.parsed)
        queryset = scoped(SearchEntry.objects.all(), request)
        by_score = request.sort == "relevance" and dialect.scores
        if by_score:
            rows = dialect.ranked_if_few(queryset, request.parsed)
            if rows is None:
                rows = self.title_first_or_ranked(dialect, queryset, request.parsed)
        else:
            rows = dialect.newest(queryset, request.parsed)
        by_date_instead = by_score and len(rows) > MAX_MATCHES
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

    def title_first_or_ranked(self, dialect, queryset, parsed):
        """Return the matches title first, ranked if there are few enough:
        the index finds more candidates than there are matches."""
        rows = title_matches_first(dialect, queryset, parsed)
        if rows and len(rows) <= MAX_MATCHES:
            rows = in_order(
                rows, dialect.ranked(queryset, parsed, [r[0] for r in rows])
            )
        return rows


def in_order(rows, ids):
    """Return rows of (pk, ...) in the order of ``ids``."""
    position = {pk: i for i, pk in enumerate(ids)}
    # A row written between the two queries goes last, not astray.
    return sorted(rows, key=lambda row: position.get(row[0], len(position)))


def title_matches_first(dialect, queryset, parsed):
    """Return the first matches with the words in their title, then the
    others, each newest first.

    Two walks in date order that stop early cost less than ordering every
    match by both, which a common word makes tens of thousands.
    """
    condition = dialect.title_condition(parsed)
    if condition is None:
        return dialect.newest(queryset, parsed)
    sql, params = condition
    in_title = queryset.extra(where=[sql], params=params)  # noqa: S610
    rows = dialect.newest(in_title, parsed)
    if len(rows) <= MAX_MATCHES:
        others = queryset.extra(where=[f"NOT ({sql})"], params=params)  # noqa: S610
        rows += dialect.newest(others, parsed, MAX_MATCHES + 1 - len(rows))
    return rows


def newest_first(queryset):
    return queryset.order_by(F("date").desc(nulls_last=True), "-pk")


def first_rows(queryset, count=None, walk_listing=True):
    """Return up to ``count`` (MAX_MATCHES + 1) rows of (pk, *FACET_COLUMNS).

    On SQLite, ``walk_listing`` says how to read them: along the listing
    index in date order, which stops early when matches are many, or by
    looking up each match, which is faster when they are few.
    """
    count = MAX_MATCHES + 1 if count is None else count
    rows = queryset.values_list("pk", *FACET_COLUMNS)[:count]
    if connection.vendor != "sqlite":
        return list(rows)
    return sqlite_rows(
        rows, f"INDEXED BY {LISTING_INDEX}" if walk_listing else "NOT INDEXED"
    )


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


def sqlite_rows(queryset, hint):
    """Return the rows of a values_list query, with an index hint for SQLite.

    Django cannot name an index, so the choice goes into the generated SQL.
    A query with a score says ``NOT INDEXED``: the full-text match must
    drive it, and each match is read by rowid; left alone, the planner may
    instead walk the listing index and probe the full-text table for every
    entry.
    """
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


def dialect_for(parsed):
    if not parsed.terms:
        return TitleCharacters()
    dialects = {"sqlite": Fts5, "postgresql": Tsvector}
    return dialects.get(connection.vendor, Substring)()


class TitleCharacters:
    """Only single characters were typed: a plain substring match on titles."""

    scores = False

    def newest(self, queryset, parsed):
        condition = Q()
        for char in parsed.single_chars:
            condition &= Q(title__contains=char)
        return first_rows(newest_first(queryset.filter(condition)))


class Substring:
    """A database with no full-text support here: substrings, unranked."""

    scores = False

    def newest(self, queryset, parsed):
        return first_rows(
            newest_first(queryset.filter(substring_condition(parsed.terms)))
        )


# extra() carries constant SQL; the user's words travel only as parameters,
# quoted as plain tokens by the renderers below.


class Fts5:
    """SQLite: an FTS5 table of the segmented text, phrases matched exactly."""

    scores = True

    def __init__(self):
        self.many = None

    def newest(self, queryset, parsed, count=None):
        matches = newest_first(fts5_matching(queryset, parsed))
        return first_rows(matches, count, walk_listing=self.has_many(parsed))

    def has_many(self, parsed):
        """Whether more than MAX_MATCHES entries match anywhere: counted on
        the full-text table alone, once per search."""
        if self.many is None:
            sql = f"SELECT count(*) FROM ({FTS_MATCHES} LIMIT %s)"  # noqa: S608
            params = [fts5_expression(parsed.terms, parsed.loose), MAX_MATCHES + 1]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                self.many = cursor.fetchone()[0] > MAX_MATCHES
        return self.many

    def title_condition(self, parsed):
        cjk = [term for term in parsed.terms if term.is_cjk]
        if not cjk:  # letters match the pinyin of the whole entry
            return None
        expression = fts5_expression(cjk, parsed.loose, cjk_columns=TITLE)
        return f"{ENTRY_TABLE}.id IN ({FTS_MATCHES})", [expression]

    def ranked_if_few(self, queryset, parsed):
        """Return the matches best first, or None if there may be too many."""
        if self.has_many(parsed):
            return None
        ordered = best_first(fts5_scored(queryset, parsed))
        rows = ordered.values_list("pk", *FACET_COLUMNS)[: MAX_MATCHES + 1]
        return sqlite_rows(rows, "NOT INDEXED")

    def ranked(self, queryset, parsed, ids):
        """Return ``ids``, all the matches, best first. bm25 is only known
        inside a match, which finds these same rows."""
        ordered = best_first(fts5_scored(queryset, parsed)).values_list("pk")
        return [row[0] for row in sqlite_rows(ordered, "NOT INDEXED")]


def fts5_scored(queryset, parsed):
    return queryset.extra(  # noqa: S610
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {ENTRY_TABLE}.id", f"{FTS_TABLE} MATCH %s"],
        params=[fts5_expression(parsed.terms, parsed.loose)],
        select={"score": f"bm25({FTS_TABLE}, {FTS_WEIGHTS})"},
    )


def fts5_matching(queryset, parsed):
    return queryset.extra(  # noqa: S610
        where=[f"{ENTRY_TABLE}.id IN ({FTS_MATCHES})"],
        params=[fts5_expression(parsed.terms, parsed.loose)],
    )


class Tsvector:
    """PostgreSQL: a GIN-indexed tsvector finds candidates, and Chinese
    phrases are confirmed on the text itself (see the rendering below)."""

    scores = True

    def newest(self, queryset, parsed, count=None):
        candidates = newest_first(pg_candidates(queryset, parsed))
        return confirmed(candidates, parsed, count)

    def title_condition(self, parsed):
        # A title row passes the phrase check on its title: no body is read.
        return pg_title_condition(parsed)

    def ranked_if_few(self, queryset, parsed):
        """Return the matches best first, or None if there may be too many:
        with few candidates, one pass confirms and ranks them all."""
        candidates = pg_candidates(queryset, parsed)
        if candidates.values("pk")[: MAX_MATCHES + 1].count() > MAX_MATCHES:
            return None
        check, params = pg_check(parsed.terms, parsed.loose)
        if check:
            candidates = candidates.extra(where=[check], params=params)  # noqa: S610
        return first_rows(best_first(pg_scored(candidates, parsed)))

    def ranked(self, queryset, parsed, ids):
        """Return ``ids``, all the matches, best first."""
        # One array parameter: an IN list of 2,000 literals took longer to
        # parse than the lookups it asked for.
        listed = SearchEntry.objects.extra(  # noqa: S610
            where=[f"{ENTRY_TABLE}.id = ANY(%s)"], params=[list(ids)]
        )
        scored = pg_scored(listed, parsed)
        return list(best_first(scored).values_list("pk", flat=True))


def pg_scored(queryset, parsed):
    return queryset.extra(  # noqa: S610
        select={"score": pg_rank(parsed.terms)},
        select_params=[tsquery_expression(parsed.terms, parsed.loose)],
    )


def best_first(queryset):
    return queryset.order_by("score", F("date").desc(nulls_last=True), "-pk")


def pg_candidates(queryset, parsed):
    sql, params = pg_matches(parsed.terms, parsed.loose)
    return queryset.extra(where=[sql], params=params)  # noqa: S610


def confirmed(candidates, parsed, count=None):
    """Return the first rows of the ordered candidates that have the terms,
    reading the text of only as many as it takes.

    Ordering the candidates reads no TOASTed text; confirming a phrase reads
    a body. The materialized CTE keeps PostgreSQL from confirming every
    candidate before it sorts them, and its scan keeps their order.
    """
    check, check_params = pg_check(parsed.terms, parsed.loose)
    if not check:
        return first_rows(candidates, count)
    columns = ["pk", *FACET_COLUMNS, TITLE, BODY]
    inner_sql, inner_params = candidates.values_list(*columns).query.sql_with_params()
    listed = ", ".join(["id", *FACET_COLUMNS])
    named = f"candidates ({listed}, {TITLE}, {BODY})"
    sql = (
        f"WITH {named} AS MATERIALIZED ({inner_sql}) "  # noqa: S608
        f"SELECT {listed} FROM candidates WHERE {check} LIMIT %s"
    )
    with connection.cursor() as cursor:
        limit = MAX_MATCHES + 1 if count is None else count
        cursor.execute(sql, [*inner_params, *check_params, limit])
        return cursor.fetchall()


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
# columns (A title, C body; B pinyin and initials, which have a vector of
# their own since migration 0005, so a Chinese search reads a third of the
# lexemes). A tsvector keeps no position past 16,383 (and at most 256 per
# lexeme), so a phrase of pairs (<->) stops matching deep inside a long
# body. The tsquery therefore only requires every pair anywhere, which the
# GIN index answers exactly, and a Chinese phrase of more than one pair is
# then confirmed on the text.

PG_VECTOR = f"{ENTRY_TABLE}.search_vector"
PG_PINYIN = f"{ENTRY_TABLE}.pinyin_vector"
PG_MATCH = f"{PG_VECTOR} @@ to_tsquery('simple', %s)"
PINYIN_MATCH = f"{PG_PINYIN} @@ to_tsquery('simple', %s)"
# No length normalization: ts_rank already lets each further occurrence
# count less, and dividing by length let a title naming the term once
# outrank one naming it twice with a body that names it too.
PG_RANK = "-ts_rank({vector}, to_tsquery('simple', %s))"
TITLE_CONTAINS = f"strpos({ENTRY_TABLE}.title, %s) > 0"
# Checks on the candidates of confirmed(). The index answers a part
# without a phrase once for all of them, so it reads no row's vector.
PG_CONTAINS = f"(strpos({TITLE}, %s) > 0 OR strpos({BODY}, %s) > 0)"
PG_INDEXED = (
    f"id IN (SELECT id FROM {ENTRY_TABLE} WHERE "  # noqa: S608
    "search_vector @@ to_tsquery('simple', %s) OR "
    "pinyin_vector @@ to_tsquery('simple', %s))"
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
    """Return the tsquery of all the terms, to rank by."""
    return " & ".join(ts_term(term, loose) for term in terms)


def latin_forms(term):
    forms = [] if term.is_cjk else [term]
    for synonym in term.synonyms:
        forms.extend(latin_forms(synonym))
    return forms


def pg_matches(terms, loose=False):
    """Return SQL and params true of every row with the lexemes of all the
    terms (and of more rows), which the GIN indexes answer exactly."""
    sql, params = [], []
    for term in terms:
        latin = " | ".join(ts_latin(form) for form in latin_forms(term))
        if latin:
            sql.append(f"({PG_MATCH} OR {PINYIN_MATCH})")
            params.extend([ts_term(term, loose), latin])
        else:
            sql.append(PG_MATCH)
            params.append(ts_term(term, loose))
    return " AND ".join(sql), params


def pg_rank(terms):
    """Return the score expression: pinyin is read only for letters."""
    has_latin = any(latin_forms(term) for term in terms)
    return PG_RANK.format(
        vector=f"({PG_VECTOR} || {PG_PINYIN})" if has_latin else PG_VECTOR
    )


def needs_text(term):
    """Whether the tsquery may find rows without the term: a phrase of
    several pairs has them all, not necessarily in a row."""
    return len(term.phrase) > 1 or any(needs_text(s) for s in term.synonyms)


def pg_term(term, loose):
    """Return SQL and params that decide exactly whether a row has a term."""
    parts, params = [], []
    if term.is_cjk:
        parts.append(PG_CONTAINS)
        params.extend([term.raw, term.raw])
    else:
        parts.append(PG_INDEXED)
        params.extend([ts_latin(term)] * 2)
    if term.is_cjk and loose and term.words:
        parts.append(PG_INDEXED)
        params.extend([ts_words(term.words)] * 2)
    for synonym in term.synonyms:
        sql, synonym_params = pg_term(synonym, loose)
        parts.append(sql)
        params.extend(synonym_params)
    return "(" + " OR ".join(parts) + ")", params


def pg_check(terms, loose=False):
    """Return SQL and params confirming the terms the tsquery cannot decide
    (no SQL when it decides them all)."""
    sql, params = [], []
    for term in filter(needs_text, terms):
        term_sql, term_params = pg_term(term, loose)
        sql.append(term_sql)
        params.extend(term_params)
    return " AND ".join(sql), params


def pg_title_condition(parsed):
    """Return SQL and params true of entries with the Chinese words in their
    title; None when there are none (letters match the pinyin of the whole
    entry)."""
    sql, params = [], []
    for term in parsed.terms:
        if term.is_cjk:
            raws = [term.raw, *(s.raw for s in term.synonyms if s.is_cjk)]
            sql.append("(" + " OR ".join([TITLE_CONTAINS] * len(raws)) + ")")
            params.extend(raws)
    return (" AND ".join(sql), params) if sql else None


def substring_condition(terms):
    condition = Q()
    for term in terms:
        condition &= Q(title__icontains=term.raw) | Q(body__icontains=term.raw)
    return condition
