"""The full-text index side of a search, on both backends: index queries, facet tokens, the filtered SELECT
and relevance ranking inside the index.

SQLite uses FTS5 (unicode61, diacritics removed), ranked by bm25; PostgreSQL a tsvector with the
`simple` configuration (migration 0003), ranked by ts_rank. Either way the full-text index drives
the query and the other filters are checked on its matches.

Speed (bench/search, 1M articles): both indexes also hold facet tokens for the region, the
Jakarta month and year, and their pairs (`pv35yy2024`, `rg3525ym202410`), so region + dates
narrow the search inside the index to one small doclist/posting list (bm25 counts the
documents of every phrase of its query: a province token alone is 60% of the archive). An
open-ended range (`since` alone) is closed at the archive's last (or first) dated month so that
it narrows too (storage.search.find). Ranking costs per match, so a relevance page of a search
matching more than MAX_RANKED articles ranks only the MAX_RANKED most recently archived ones (highest ids):
bounded work, documented in the README; newest-first order is unaffected. (Only where the facets
select exactly the filtered articles: with a source, `unique` or mid-month dates all matches
are ranked, as the index cannot tell which of its newest matches pass.) On SQLite, a word in
most articles (`bpjs`) is required but left out of the ranking query (_common_terms): bm25
weighs it ~0 yet walks its whole doclist to say so.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, cast, column, func, literal, literal_column, or_, select, table, text
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Join

from storage.filters import WIB, Filters, date_range, region_codes, search_terms
from storage.models import Article
from storage.regions import regions

# The FTS5 table (migration 0003) as a FROM, its name as a column (for MATCH, bm25, snippet) and its rowid
# (the article id): public for the snippets of storage.search and the benchmark.
FTS = table("articles_fts")
FTS_NAME = literal_column("articles_fts")
FTS_ROWID = literal_column("articles_fts.rowid")
# PostgreSQL's twin of articles_fts (migration 0003): one tsvector per article.
_PG_FTS = table("articles_fts_pg", column("article_id"), column("document"))
# PostgreSQL's `simple` text search configuration (no stemming, no stop words), as the index uses it.
SIMPLE = literal_column("'simple'::regconfig")
MAX_MONTH_FACETS = 60  # longer ranges are left to the row filter
MAX_RANKED = 5000  # a broader search ranks its MAX_RANKED most recently archived matches (find, relevance)
MAX_PAIR_FACETS = 60  # region x month pair tokens in one search; more: region and months apart
# bm25 weights per FTS column (title, text): a word in the title counts more.
_TITLE_WEIGHT, _TEXT_WEIGHT = 5.0, 1.0


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 query matching all terms literally in title or text: each one a quoted string, so
    that quotes, *, NEAR, OR, AND, NOT, ^, : and parentheses are words, never syntax."""
    return "{title text} : (" + " ".join('"' + term.replace('"', '""') + '"' for term in terms) + ")"


def region_facets(codes: Sequence[str]) -> tuple[str, ...]:
    """Facet tokens (migration 0003) for region codes: `pv35` for a whole province (its regencies and
    its own code), else `rg3525` per code."""
    wanted = set(codes)
    tokens: list[str] = []
    for province in dict.fromkeys(code[:2] for code in codes):
        whole = {r.code for r in regions() if r.province_code == province} | {province}
        if whole <= wanted:
            tokens.append(f"pv{province}")
            wanted -= whole
    return (*tokens, *(f"rg{code.replace('.', '')}" for code in codes if code in wanted))


def month_facets(start: datetime, end: datetime) -> tuple[str, ...]:
    """Facet tokens covering the Jakarta months of [start, end): `yy2024` for a whole year, else `ym202410`."""
    first, last = start.astimezone(WIB), (end - timedelta(microseconds=1)).astimezone(WIB)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    tokens = []
    for y in dict.fromkeys(y for y, _ in months):
        of_year = [m for yy, m in months if yy == y]
        tokens += [f"yy{y}"] if len(of_year) == 12 else [f"ym{y}{m:02d}" for m in of_year]
    return tuple(tokens)


def facet_groups(filters: Filters) -> tuple[tuple[str, ...], ...]:
    """The facet tokens narrowing a search inside the index: groups ANDed, tokens of a group ORed.
    Region and (bounded) dates together are one group of region x month pair tokens (`pv35yy2024`),
    small doclists, while the pairs number at most MAX_PAIR_FACETS; else a group each."""
    places = region_facets(region_codes(filters.regions)) if filters.regions else ()
    start, end = date_range(filters.since, filters.until)
    months = month_facets(start, end) if start is not None and end is not None else ()
    if len(months) > MAX_MONTH_FACETS:
        months = ()
    if places and months and len(places) * len(months) <= MAX_PAIR_FACETS:
        return ((*(p + m for p in places for m in months),),)
    return tuple(group for group in (places, months) if group)


def fts_filter_query(filters: Filters) -> str:
    """The words, narrowed inside the index to the region and (a bounded) date range by facet tokens.
    The same filters are still checked on the rows: facets only make the index do the first cut."""
    query = fts_query(search_terms(filters.query))
    for group in facet_groups(filters):
        query += " AND facets : (" + " OR ".join(group) + ")"
    return query


class _CrossJoin(Join):
    """A join whose left side SQLite must loop over first (CROSS JOIN), so the FTS index drives."""

    inherit_cache = True


@compiles(_CrossJoin, "sqlite")
def _compile_cross_join(element: _CrossJoin, compiler: Any, **kw: Any) -> str:
    # The left side is a plain table, so its first " JOIN " is this join's keyword.
    return compiler.visit_join(element, **kw).replace(" JOIN ", " CROSS JOIN ", 1)


def tsquery(terms: Sequence[str]) -> ColumnElement[Any]:
    """PostgreSQL: every word must appear; plainto_tsquery reads operators and punctuation as plain text."""
    return func.plainto_tsquery(SIMPLE, " ".join(terms))


def pg_facet_query(filters: Filters) -> str | None:
    """PostgreSQL: the facet groups as tsquery text (`('#pv35yy2024') & ('#ym202410' | ...)`, lexemes
    of migration 0003), None without region or bounded dates. Tokens are [a-z0-9] only: safe to quote."""
    groups = facet_groups(filters)
    return " & ".join("(" + " | ".join(f"'#{token}'" for token in group) + ")" for group in groups) or None


def _pg_match(filters: Filters, terms: Sequence[str]) -> ColumnElement[bool]:
    """PostgreSQL: the words and the facets, one tsquery for the GIN index."""
    query = tsquery(terms)
    if (facets := pg_facet_query(filters)) is not None:
        query = query.op("&&")(cast(literal(facets), TSQUERY))
    return _PG_FTS.c.document.op("@@")(query)


def _conditions(filters: Filters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.regions:
        conditions.append(Article.region_code.in_(region_codes(filters.regions)))
    start, end = date_range(filters.since, filters.until)
    if start is not None:
        conditions.append(Article.published >= start)
    if end is not None:
        conditions.append(Article.published < end)
    if filters.sources:
        conditions.append(Article.source.in_(filters.sources))
    if filters.unique:
        conditions.append(Article.duplicate_of.is_(None))
    return conditions


def base(session: Session, filters: Filters, *columns: Any) -> tuple[Select[Any], list[Any] | None]:
    """SELECT `columns` of the matching articles, and the best-match-first ORDER BY (None: not ranked).

    With search words the full-text index is the outer loop: it yields the matching ids,
    then each article is fetched by primary key and checked against the other filters.
    (Driving from the region or date index and probing FTS per row was measured 10-100x slower.)
    """
    statement = select(*columns)
    terms = search_terms(filters.query)
    dialect = session.get_bind().dialect.name
    rank: list[Any] | None = None
    if filters.query and not terms:
        statement = statement.where(literal_column("1") == literal_column("0"))
    elif terms and dialect == "sqlite":
        statement = statement.select_from(_CrossJoin(FTS, Article.__table__, Article.id == FTS_ROWID)).where(
            FTS_NAME.op("MATCH")(fts_filter_query(filters))
        )
        rank = [func.bm25(FTS_NAME, _TITLE_WEIGHT, _TEXT_WEIGHT, 0.0)]
    elif terms and dialect == "postgresql":
        statement = statement.select_from(_PG_FTS.join(Article, Article.id == _PG_FTS.c.article_id)).where(
            _pg_match(filters, terms)
        )
        rank = [func.ts_rank(_PG_FTS.c.document, tsquery(terms)).desc()]
    elif terms:
        statement = statement.where(
            *(
                or_(Article.title.icontains(term, autoescape=True), Article.text.icontains(term, autoescape=True))
                for term in terms
            )
        )
    return statement.where(*_conditions(filters)), rank


def filtered(session: Session, filters: Filters, *columns: Any) -> tuple[Select[Any], bool]:
    """A SELECT of `columns` over the articles matching `filters`, and whether it can be ranked by relevance.

    With search words, the full-text index drives the query (FTS5 on SQLite, tsvector on PostgreSQL);
    on other databases every word must appear (case-insensitively) in the title or the text.
    """
    statement, rank = base(session, filters, *columns)
    return statement, rank is not None


def facets_exact(filters: Filters) -> bool:
    """Whether the facet tokens alone select exactly the filtered articles (regions, and dates
    bounded on both sides at month edges): then ranking needs the full-text index only."""
    if filters.sources or filters.unique:
        return False
    start, end = date_range(filters.since, filters.until)
    if start is None and end is None:
        return True
    if start is None or end is None or len(month_facets(start, end)) > MAX_MONTH_FACETS:
        return False
    edges = (start.astimezone(WIB), end.astimezone(WIB))
    return all(d.day == 1 and d.hour == d.minute == d.second == d.microsecond == 0 for d in edges)


def rank_floor(session: Session, filters: Filters) -> int | None:
    """Exact facets: the lowest id of the MAX_RANKED most recently archived matches (None: fewer
    match). Ranking costs per match (bm25 reads each row's sizes, ts_rank its vector), so a search
    matching a large part of the archive ranks only its newest matches: bounded work."""
    if session.get_bind().dialect.name == "postgresql":
        return _pg_rank_floor(session, _pg_match(filters, search_terms(filters.query)))
    newest = (
        select(FTS_ROWID)
        .select_from(FTS)
        .where(FTS_NAME.op("MATCH")(fts_filter_query(filters)))
        .order_by(FTS_ROWID.desc())  # FTS5 walks its doclists backwards: no sort
    )
    return session.scalar(newest.offset(MAX_RANKED - 1).limit(1))


def _pg_rank_floor(session: Session, match: ColumnElement[bool]) -> int | None:
    """PostgreSQL's rank_floor. The GIN index holds no ids: reading the ids of the matches visits
    each one's row of articles_fts_pg (~7 µs a row when not cached). With many matches by the
    planner's estimate (its GIN statistics are close for words and facets) read ids only in a window
    of the newest ids sized from that estimate (GIN bitmap AND primary-key range), widened until it
    holds MAX_RANKED matches. The estimate picks the strategy only: the floor is exact either way."""
    ids = select(_PG_FTS.c.article_id).where(match)
    compiled = ids.compile(dialect=session.get_bind().dialect)
    plan = session.connection().exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}", compiled.params).scalar()
    estimate = int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])
    top = session.scalar(select(func.max(_PG_FTS.c.article_id))) if estimate > 2 * MAX_RANKED else None
    span = int(top * MAX_RANKED / estimate * 1.25) + 1 if top is not None else None
    while True:
        low = None if span is None or top is None else top - span
        # `+ 0`: not the primary key's order, which the planner may walk testing every row's vector.
        floor = session.scalar(
            ids.where(*([_PG_FTS.c.article_id > low] if low is not None else []))
            .order_by((_PG_FTS.c.article_id + 0).desc()).offset(MAX_RANKED - 1).limit(1)
        )  # fmt: skip
        if floor is not None or low is None or low < 0:
            return floor
        span *= 4  # type: ignore[operator]


COMMON_SHARE, COMMON_SAMPLE = 0.6, 2000


def _common_terms(session: Session, terms: Sequence[str]) -> set[str]:
    """SQLite: the search words found in more than COMMON_SHARE of the COMMON_SAMPLE most recently
    archived articles ("bpjs" in this archive). bm25 gives a word in over half the documents no
    weight (its idf is clamped to ~0), yet computes that idf by walking the word's whole doclist
    (~50 ms at 1M articles): so a search ranks by its other words, and still requires these."""
    if len(terms) < 2:
        return set()
    top = session.scalar(select(func.max(Article.id))) or 0
    low = max(0, top - COMMON_SAMPLE)
    common = set()
    for term in terms:
        statement = (
            select(func.count()).select_from(FTS)
            .where(FTS_NAME.op("MATCH")(fts_query([term])), FTS_ROWID > low)
        )  # fmt: skip
        if (session.scalar(statement) or 0) > COMMON_SHARE * max(1, top - low):
            common.add(term)
    return common


def ranked_from_index(session: Session, filters: Filters, rows: int, floor: int | None) -> Select[Any]:
    """Exact facets: the best `rows` matches (ids >= floor) ranked inside the full-text index alone
    (a top-N sort, no join), then their cluster ids; (id, cluster_id) best first."""
    if session.get_bind().dialect.name == "postgresql":
        terms = search_terms(filters.query)
        score: ColumnElement[Any] = -func.ts_rank(_PG_FTS.c.document, tsquery(terms))
        best = (
            select(_PG_FTS.c.article_id.label("id"), score.label("score"))
            .where(_pg_match(filters, terms), *([_PG_FTS.c.article_id >= floor] if floor is not None else []))
            .order_by(score, _PG_FTS.c.article_id.desc())
            .limit(rows)
            .subquery()
        )
    else:
        score = func.bm25(FTS_NAME, _TITLE_WEIGHT, _TEXT_WEIGHT, 0.0)
        terms = search_terms(filters.query)
        common = _common_terms(session, terms)
        if common and len(common) < len(terms):
            # Rank by the other words; the common ones must still appear (the full query's matches).
            ranked = replace(filters, query=" ".join(t for t in terms if t not in common))
            everything = select(literal_column("f2.rowid")).select_from(text("articles_fts AS f2"))
            # `+`: a plain test, not a rowid lookup per listed id (FTS5 would re-run the search per id).
            must = [literal_column("+articles_fts.rowid").in_(
                everything.where(literal_column("f2.articles_fts").op("MATCH")(fts_filter_query(filters))))]  # fmt: skip
        else:
            ranked, must = filters, []
        best = (
            select(FTS_ROWID.label("id"), score.label("score"))
            .select_from(FTS)
            .where(FTS_NAME.op("MATCH")(fts_filter_query(ranked)), *must)
            .where(*([FTS_ROWID >= floor] if floor is not None else []))
            .order_by(score, FTS_ROWID.desc())
            .limit(rows)
            .subquery()
        )
    return (
        select(Article.id, Article.cluster_id)
        .join_from(best, Article, Article.id == best.c.id)
        .order_by(best.c.score, Article.duplicate_of.is_not(None), Article.id.desc())
    )
