"""The read path: filters as the user gives them, full-text search, one row per story.

Dates are calendar days in Asia/Jakarta (WIB, UTC+7 all year), the day the portals print:
`--since 2024-10` starts at 2024-10-01 00:00 WIB, `--until 2024-10` includes all of
October. A region filter matches an article's main region (`region_code`, the place the
article is about); a province also matches articles that name only the province. Articles
that merely mention a region (the `regions` column) are not matched: a story about Surabaya
that names Gresik in passing is not a Gresik story.

Words: every word must appear in the title or the text (no operators: quotes, *, OR, NEAR
and parentheses are plain text). SQLite uses FTS5 (unicode61, diacritics removed), ranked by
bm25; PostgreSQL a tsvector with the `simple` configuration (migration 0003), ranked by
ts_rank. Either way the full-text index drives the query and the other filters are checked
on its matches.

Speed (bench/search, 1M articles): both indexes also hold facet tokens for the region, the
Jakarta month and year, and their pairs (`pv35yy2024`, `rg3525ym202410`), so region + dates
narrow the search inside the index to one small doclist/posting list (bm25 counts the
documents of every phrase of its query: a province token alone is 60% of the archive). An
open-ended range (`since` alone) is closed at the archive's last (or first) dated month so that
it narrows too. Ranking costs per match, so a relevance page of a search matching more than
MAX_RANKED articles ranks only the MAX_RANKED most recently archived ones (highest ids):
bounded work, documented in the README; newest-first order is unaffected. (Only where the facets
select exactly the filtered articles: with a source, `unique` or mid-month dates all matches
are ranked, as the index cannot tell which of its newest matches pass.) On SQLite, a word in
most articles (`bpjs`) is required but left out of the ranking query (_common_terms): bm25
weighs it ~0 yet walks its whole doclist to say so.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement, Engine, Select, and_, cast, column, event, func, literal, literal_column, or_, select, table, text)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Join

from storage.errors import QueryError
from storage.models import Article
from storage.regions import get_region, provinces, regions, resolve_region

# Indonesia's western zone has been UTC+7 without daylight saving since 1964.
WIB = timezone(timedelta(hours=7), "WIB")

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FTS = table("articles_fts")
_FTS_NAME = literal_column("articles_fts")
_FTS_ROWID = literal_column("articles_fts.rowid")
# PostgreSQL's twin of articles_fts (migration 0003): one tsvector per article.
_PG_FTS = table("articles_fts_pg", column("article_id"), column("document"))
_SIMPLE = literal_column("'simple'::regconfig")
MAX_TERMS = 32
MAX_MONTH_FACETS = 60  # longer ranges are left to the row filter
MAX_RANKED = 5000  # a broader search ranks its MAX_RANKED most recently archived matches (find, relevance)
MAX_PAIR_FACETS = 60  # region x month pair tokens in one search; more: region and months apart
# bm25 weights per FTS column (title, text): a word in the title counts more.
_TITLE_WEIGHT, _TEXT_WEIGHT = 5.0, 1.0


@dataclass(frozen=True)
class Filters:
    """What the user asked for; validated on construction (QueryError names the bad value)."""

    query: str | None = None
    regions: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    sources: tuple[str, ...] = ()
    unique: bool = False  # one row per story: the first copy (duplicate_of IS NULL)

    def __post_init__(self) -> None:
        for name in ("regions", "sources"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(v.strip() for v in value if v and v.strip()))
        if self.query is not None and not self.query.strip():
            object.__setattr__(self, "query", None)
        if len(search_terms(self.query)) > MAX_TERMS:
            raise QueryError(f"too many words in the search ({len(search_terms(self.query))}): give at most {MAX_TERMS}")
        region_codes(self.regions)
        date_range(self.since, self.until)


@dataclass(frozen=True)
class ArticleRow:
    """An article as search and export show it (the fields of EXPORT_FIELDS, in order)."""

    id: int
    url: str
    source: str
    title: str | None
    published: datetime | None
    author: str | None
    region_code: str | None
    region: str | None  # "Kabupaten Gresik"; None when only the province is known
    province: str | None  # "Jawa Timur"
    text: str
    cluster_id: int | None
    duplicate_of: int | None
    fetched_at: datetime

    def to_dict(self) -> dict[str, object]:
        """Plain values for JSON/CSV: dates as ISO 8601 in WIB (+07:00)."""
        row: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in ("published", "fetched_at"):
            value = row[name]
            if isinstance(value, datetime):
                row[name] = value.astimezone(WIB).isoformat()
        return row


ROW_COLUMNS = (
    Article.id,
    Article.url,
    Article.source,
    Article.title,
    Article.published,
    Article.author,
    Article.region_code,
    Article.text,
    Article.cluster_id,
    Article.duplicate_of,
    Article.fetched_at,
)


def to_row(values: Any) -> ArticleRow:
    """An ArticleRow from a result row of ROW_COLUMNS, with the region's names looked up."""
    code = values.region_code
    region = get_region(code) if code else None
    province = region.province if region else (provinces().get(code) if code else None)
    return ArticleRow(
        id=values.id,
        url=values.url,
        source=values.source,
        title=values.title,
        published=values.published,
        author=values.author,
        region_code=code,
        region=region.name if region else None,
        province=province,
        text=values.text,
        cluster_id=values.cluster_id,
        duplicate_of=values.duplicate_of,
        fetched_at=values.fetched_at,
    )


def region_codes(wanted: Sequence[str]) -> tuple[str, ...]:
    """Codes matching the user's regions; a whole province adds its own code (province-only articles)."""
    return _region_codes(tuple(wanted))


@functools.lru_cache(maxsize=1024)
def _region_codes(wanted: tuple[str, ...]) -> tuple[str, ...]:
    # Cached: the regions are fixed reference data, and resolving a name scans them all (~2 ms).
    codes: list[str] = []
    for query in wanted:
        found = resolve_region(query)  # raises QueryError naming the unknown region
        codes.extend(r.code for r in found)
        province_codes = {r.province_code for r in found}
        if len(province_codes) == 1:
            province_code = province_codes.pop()
            whole = {r.code for r in regions() if r.province_code == province_code}
            if whole == {r.code for r in found}:
                codes.append(province_code)
    return tuple(dict.fromkeys(codes))


def _period(value: str, option: str) -> tuple[datetime, datetime]:
    """The [start, end) of a year, month or day, in WIB."""
    match = _DATE.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = match.group(1), match.group(2), match.group(3)
        if month is None:
            start = datetime(int(year), 1, 1, tzinfo=WIB)
            return start, start.replace(year=start.year + 1)
        if day is None:
            start = datetime(int(year), int(month), 1, tzinfo=WIB)
            days = calendar.monthrange(start.year, start.month)[1]
            return start, start + timedelta(days=days)
        start = datetime(int(year), int(month), int(day), tzinfo=WIB)
        return start, start + timedelta(days=1)
    except ValueError:
        raise QueryError(
            f"bad date {value!r} for {option}: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024, 2024-10, 2024-10-30)"
        ) from None


def date_range(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """[start, end) of the user's --since/--until; `until` includes its whole day, month or year."""
    start = _period(since, "--since")[0] if since else None
    end = _period(until, "--until")[1] if until else None
    if start is not None and end is not None and start >= end:
        raise QueryError(f"--since {since} is after --until {until}: swap them or widen the range")
    return start, end


def search_terms(query: str | None) -> tuple[str, ...]:
    """The words of a search, without punctuation at their edges ('"gresik*' is gresik);
    punctuation-only tokens are dropped (they match nothing)."""
    if not query:
        return ()
    terms = (re.sub(r"^[\W_]+|[\W_]+$", "", token) for token in query.split())
    return tuple(term for term in terms if term)


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


def _tsquery(terms: Sequence[str]) -> ColumnElement[Any]:
    """PostgreSQL: every word must appear; plainto_tsquery reads operators and punctuation as plain text."""
    return func.plainto_tsquery(_SIMPLE, " ".join(terms))


def pg_facet_query(filters: Filters) -> str | None:
    """PostgreSQL: the facet groups as tsquery text (`('#pv35yy2024') & ('#ym202410' | ...)`, lexemes
    of migration 0003), None without region or bounded dates. Tokens are [a-z0-9] only: safe to quote."""
    groups = facet_groups(filters)
    return " & ".join("(" + " | ".join(f"'#{token}'" for token in group) + ")" for group in groups) or None


def _pg_match(filters: Filters, terms: Sequence[str]) -> ColumnElement[bool]:
    """PostgreSQL: the words and the facets, one tsquery for the GIN index."""
    query = _tsquery(terms)
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


def _base(session: Session, filters: Filters, *columns: Any) -> tuple[Select[Any], list[Any] | None]:
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
        statement = statement.select_from(_CrossJoin(_FTS, Article.__table__, Article.id == _FTS_ROWID)).where(
            _FTS_NAME.op("MATCH")(fts_filter_query(filters))
        )
        rank = [func.bm25(_FTS_NAME, _TITLE_WEIGHT, _TEXT_WEIGHT, 0.0)]
    elif terms and dialect == "postgresql":
        statement = statement.select_from(_PG_FTS.join(Article, Article.id == _PG_FTS.c.article_id)).where(
            _pg_match(filters, terms)
        )
        rank = [func.ts_rank(_PG_FTS.c.document, _tsquery(terms)).desc()]
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
    statement, rank = _base(session, filters, *columns)
    return statement, rank is not None


_NEWEST = (Article.published.desc().nulls_last(), Article.id.desc())


def search(session: Session, filters: Filters, *, limit: int = 20) -> list[ArticleRow]:
    """Every matching copy: best match first when searching words, otherwise newest first."""
    statement, rank = _base(session, filters, *ROW_COLUMNS)
    statement = statement.order_by(*(rank or ()), *_NEWEST)
    return [to_row(values) for values in session.execute(statement.limit(limit))]


# --- one row per story, snippets, pages ------------------------------------------------------------

Order = Literal["relevance", "newest"]
HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"  # around a matched word in Hit.snippet
SNIPPET_WORDS = 30
MAX_LIMIT = 100  # page size bound of the HTTP API
MAX_OFFSET = 1000  # relevance pages go this deep; narrow the search to see further
_SCAN_CHUNK = 200


@dataclass(frozen=True)
class Copy:
    """One archived copy of a story: which portal carried it, where."""

    id: int
    source: str
    url: str
    published: datetime | None


@dataclass(frozen=True)
class Hit:
    """A search result: an article (for a story, its best-matching copy), a snippet, and every copy of its story."""

    article: ArticleRow
    snippet: str  # words around the matches, each match between HIGHLIGHT_START and HIGHLIGHT_END
    copies: tuple[Copy, ...]  # first seen first; just the article itself when it has no copies

    @property
    def story_id(self) -> int:
        return self.article.cluster_id or self.article.id

    @property
    def sources(self) -> tuple[str, ...]:
        """The portals that carried the story, first seen first."""
        return tuple(dict.fromkeys(copy.source for copy in self.copies))

    def to_dict(self) -> dict[str, object]:
        """The export's fields plus story_id, snippet (plain text), highlights and copies."""
        row = self.article.to_dict()
        row["story_id"] = self.story_id
        row["snippet"] = self.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
        row["highlights"] = [text for text, marked in snippet_parts(self.snippet) if marked]
        row["sources"] = list(self.sources)
        row["copies"] = [
            {"id": c.id, "source": c.source, "url": c.url,
             "published": c.published.astimezone(WIB).isoformat() if c.published else None}
            for c in self.copies
        ]  # fmt: skip
        return row


@dataclass(frozen=True)
class Page:
    """One page of results; pass `next_cursor` to `find` for the next one (None: this is the last)."""

    hits: tuple[Hit, ...]
    next_cursor: str | None
    order: Order


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is_match) pieces, for whoever renders it (terminal, HTML)."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]", snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts


def _encode_cursor(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, order: Order) -> dict[str, Any]:
    """The position a cursor names; QueryError when it was not made by `find` for this order."""
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if order == "relevance" and isinstance(value.get("o"), int) and 0 <= value["o"] <= MAX_OFFSET:
            return value
        if order == "newest" and isinstance(value.get("i"), int):
            published = value.get("p")
            return {"i": value["i"], "p": datetime.fromisoformat(published) if published is not None else None}
    except (ValueError, TypeError, AttributeError, binascii.Error):
        pass
    raise QueryError(f"bad cursor {cursor[:40]!r}: pass the next_cursor of the previous page unchanged, for the same order")


def _after(position: dict[str, Any]) -> ColumnElement[bool]:
    """Rows after a position in newest-first order (published desc, undated last, then id desc)."""
    published, id_ = position["p"], position["i"]
    if published is None:
        return and_(Article.published.is_(None), Article.id < id_)
    return or_(
        Article.published < published,
        and_(Article.published == published, Article.id < id_),
        Article.published.is_(None),
    )


def _at_or_before(position: dict[str, Any]) -> ColumnElement[bool]:
    """Rows at or before a position in newest-first order: the previous pages."""
    published, id_ = position["p"], position["i"]
    if published is None:
        return or_(Article.published.is_not(None), Article.id >= id_)
    return or_(Article.published > published, and_(Article.published == published, Article.id >= id_))


def _pick_stories(
    session: Session, statement: Select[Any], filters: Filters, want: int, skip: int, position: dict[str, Any] | None
) -> list[int]:
    """Ids of the first `want` stories in the statement's order (the first matching copy of each),
    after skipping `skip` stories, and leaving out stories shown before `position`."""
    picked: list[int] = []
    seen: set[int] = set()
    result = session.execute(statement)
    try:
        while len(picked) < want and (rows := result.fetchmany(_SCAN_CHUNK)):
            fresh: dict[int, int] = {}
            for id_, cluster_id in rows:
                key = cluster_id or id_
                if key not in seen and key not in fresh:
                    fresh[key] = id_
            if position is not None and fresh:
                earlier, _ = _base(session, filters, Article.cluster_id)
                shown = session.scalars(
                    earlier.where(Article.cluster_id.in_(list(fresh)), _at_or_before(position)).distinct()
                )
                for key in shown:
                    seen.add(key)
                    fresh.pop(key, None)
            for key, id_ in fresh.items():
                seen.add(key)
                if skip:
                    skip -= 1
                elif len(picked) < want:
                    picked.append(id_)
    finally:
        result.close()
    return picked


def _facets_exact(filters: Filters) -> bool:
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


def _rank_floor(session: Session, filters: Filters) -> int | None:
    """Exact facets: the lowest id of the MAX_RANKED most recently archived matches (None: fewer
    match). Ranking costs per match (bm25 reads each row's sizes, ts_rank its vector), so a search
    matching a large part of the archive ranks only its newest matches: bounded work."""
    if session.get_bind().dialect.name == "postgresql":
        return _pg_rank_floor(session, _pg_match(filters, search_terms(filters.query)))
    newest = (
        select(_FTS_ROWID)
        .select_from(_FTS)
        .where(_FTS_NAME.op("MATCH")(fts_filter_query(filters)))
        .order_by(_FTS_ROWID.desc())  # FTS5 walks its doclists backwards: no sort
    )
    return session.scalar(newest.offset(MAX_RANKED - 1).limit(1))


def _pg_rank_floor(session: Session, match: ColumnElement[bool]) -> int | None:
    """PostgreSQL's _rank_floor. The GIN index holds no ids: reading the ids of the matches visits
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
            select(func.count()).select_from(_FTS)
            .where(_FTS_NAME.op("MATCH")(fts_query([term])), _FTS_ROWID > low)
        )  # fmt: skip
        if (session.scalar(statement) or 0) > COMMON_SHARE * max(1, top - low):
            common.add(term)
    return common


def _ranked_from_index(session: Session, filters: Filters, rows: int, floor: int | None) -> Select[Any]:
    """Exact facets: the best `rows` matches (ids >= floor) ranked inside the full-text index alone
    (a top-N sort, no join), then their cluster ids; (id, cluster_id) best first."""
    if session.get_bind().dialect.name == "postgresql":
        terms = search_terms(filters.query)
        score: ColumnElement[Any] = -func.ts_rank(_PG_FTS.c.document, _tsquery(terms))
        best = (
            select(_PG_FTS.c.article_id.label("id"), score.label("score"))
            .where(_pg_match(filters, terms), *([_PG_FTS.c.article_id >= floor] if floor is not None else []))
            .order_by(score, _PG_FTS.c.article_id.desc())
            .limit(rows)
            .subquery()
        )
    else:
        score = func.bm25(_FTS_NAME, _TITLE_WEIGHT, _TEXT_WEIGHT, 0.0)
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
            select(_FTS_ROWID.label("id"), score.label("score"))
            .select_from(_FTS)
            .where(_FTS_NAME.op("MATCH")(fts_filter_query(ranked)), *must)
            .where(*([_FTS_ROWID >= floor] if floor is not None else []))
            .order_by(score, _FTS_ROWID.desc())
            .limit(rows)
            .subquery()
        )
    return (
        select(Article.id, Article.cluster_id)
        .join_from(best, Article, Article.id == best.c.id)
        .order_by(best.c.score, Article.duplicate_of.is_not(None), Article.id.desc())
    )


def _distinct_stories(pairs: Sequence[tuple[int, int | None]], skip: int, want: int) -> list[int]:
    """From (id, cluster_id) best first: the first id of each story, after skipping `skip` stories."""
    seen: set[int] = set()
    picked: list[int] = []
    for id_, cluster_id in pairs:
        key = cluster_id or id_
        if key in seen:
            continue
        seen.add(key)
        if skip:
            skip -= 1
        elif len(picked) < want:
            picked.append(id_)
    return picked


def _lead(text: str) -> str:
    words = text.split()
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")


def _snippets(session: Session, filters: Filters, ids: Sequence[int]) -> dict[int, str]:
    """Words around the matches in each article's text (FTS5 snippet() / ts_headline), matches marked."""
    terms = search_terms(filters.query)
    dialect = session.get_bind().dialect.name
    if not terms or not ids:
        return {}
    if dialect == "sqlite":
        snippet = func.snippet(_FTS_NAME, 1, HIGHLIGHT_START, HIGHLIGHT_END, "…", SNIPPET_WORDS)
        statement = (
            select(_FTS_ROWID, snippet)
            .select_from(_FTS)
            .where(_FTS_NAME.op("MATCH")(fts_query(terms)), _FTS_ROWID.in_(list(ids)))
        )
    elif dialect == "postgresql":
        options = (
            f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords={SNIPPET_WORDS}, MinWords=10, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        headline = func.ts_headline(_SIMPLE, Article.text, _tsquery(terms), options)
        statement = select(Article.id, headline).where(Article.id.in_(list(ids)))
    else:
        return {}
    return {id_: text for id_, text in session.execute(statement) if text and HIGHLIGHT_START in text}


def _copies(session: Session, keys: Sequence[int]) -> dict[int, tuple[Copy, ...]]:
    """Every archived copy of each story (by cluster id), first seen first."""
    found: dict[int, list[Copy]] = {}
    statement = (
        select(Article.id, Article.cluster_id, Article.source, Article.url, Article.published)
        .where(Article.cluster_id.in_(list(keys)))
        .order_by(Article.duplicate_of.is_not(None), Article.id)
    )
    for id_, cluster_id, source, url, published in session.execute(statement):
        found.setdefault(cluster_id, []).append(Copy(id_, source, url, published))
    return {key: tuple(copies) for key, copies in found.items()}


def hits_for(session: Session, ids: Sequence[int], filters: Filters = Filters()) -> list[Hit]:
    """Full results for article ids, in the given order: row, snippet for the filters' words, copies."""
    rows = {values.id: to_row(values) for values in session.execute(select(*ROW_COLUMNS).where(Article.id.in_(list(ids))))}
    snippets = _snippets(session, filters, list(rows))
    copies = _copies(session, [r.cluster_id for r in rows.values() if r.cluster_id is not None])
    hits = []
    for id_ in ids:
        if (row := rows.get(id_)) is None:
            continue
        own = Copy(row.id, row.source, row.url, row.published)
        snippet = " ".join((snippets.get(id_) or _lead(row.text)).split())  # one line, paragraphs joined
        hits.append(Hit(row, snippet, copies.get(row.cluster_id or -1) or (own,)))
    return hits


def _close_dates(session: Session, filters: Filters) -> Filters:
    """An open-ended date range (`--since 2024` alone) closed at the archive's first or last dated month:
    the same articles, but now the index can narrow to its months (facets need both ends)."""
    if (filters.since is None) == (filters.until is None):
        return filters
    bound = func.max(Article.published) if filters.until is None else func.min(Article.published)
    edge = _aware(session.scalar(select(bound)))
    if edge is None:
        return filters
    month = edge.astimezone(WIB).strftime("%Y-%m")
    start, end = date_range(filters.since, filters.until)
    if (filters.until is None and start is not None and start >= _period(month, "--until")[1]) or (
        filters.since is None and end is not None and end <= _period(month, "--since")[0]
    ):
        return filters  # the range lies beyond the archive: nothing matches either way
    return replace(filters, until=month) if filters.until is None else replace(filters, since=month)


def find(
    session: Session,
    filters: Filters,
    *,
    limit: int = 20,
    cursor: str | None = None,
    all_copies: bool = False,
    order: Order | None = None,
) -> Page:
    """One page of results: one row per story (its best-matching copy, with every portal that
    carried it), or every matching copy with `all_copies`.

    Order: `relevance` (the default with search words; pages by position, up to MAX_OFFSET deep)
    or `newest` (the default otherwise; keyset pages, stable while the archive grows).
    """
    if limit < 1:
        raise QueryError(f"limit {limit} is out of range: give 1 or more")
    filters = _close_dates(session, filters) if search_terms(filters.query) else filters
    ranked_query = bool(search_terms(filters.query))
    order = order or ("relevance" if ranked_query else "newest")
    if order not in ("relevance", "newest"):
        raise QueryError(f"unknown order {order!r}: use relevance or newest")
    statement, rank = _base(session, filters, Article.id, Article.cluster_id)
    if order == "relevance" and rank is not None:
        offset = _decode_cursor(cursor, order)["o"] if cursor else 0
        # Copies of one text rank alike: then the first one seen (the story's representative) leads.
        statement = statement.order_by(*rank, Article.duplicate_of.is_not(None), *_NEWEST)
        if session.get_bind().dialect.name in ("sqlite", "postgresql") and _facets_exact(filters):
            rows, floor = (offset + limit + 1) * 3, _rank_floor(session, filters)
            while True:  # copies share a story: widen the top-N until enough stories (or all matches) are in
                pairs = [tuple(pair) for pair in session.execute(_ranked_from_index(session, filters, rows, floor))]
                ids = [i for i, _ in pairs][offset : offset + limit + 1] if all_copies else (
                    _distinct_stories(pairs, offset, limit + 1))  # fmt: skip
                if len(ids) > limit or len(pairs) < rows:
                    break
                rows *= 4
        elif all_copies:
            ids = list(session.scalars(statement.with_only_columns(Article.id).offset(offset).limit(limit + 1)))
        else:
            ids = _pick_stories(session, statement, filters, limit + 1, offset, None)
        more = len(ids) > limit and offset + limit < MAX_OFFSET
        next_cursor = _encode_cursor({"o": offset + limit}) if more else None
    else:
        order = "newest"
        position = _decode_cursor(cursor, order) if cursor else None
        if position is not None:
            statement = statement.where(_after(position))
        statement = statement.order_by(*_NEWEST)
        if all_copies:
            ids = list(session.scalars(statement.with_only_columns(Article.id).limit(limit + 1)))
        else:
            ids = _pick_stories(session, statement, filters, limit + 1, 0, position)
        next_cursor = None
    hits = hits_for(session, ids[:limit], filters)
    if order == "newest" and len(ids) > limit and hits:
        last = hits[-1].article
        published = last.published.isoformat() if last.published else None
        next_cursor = _encode_cursor({"p": published, "i": last.id})
    return Page(tuple(hits), next_cursor, order)


def monthly_counts(session: Session, filters: Filters, *, all_copies: bool = False) -> list[tuple[str, int]]:
    """(YYYY-MM in Jakarta time, number of stories or copies) for every month with a dated match, oldest first."""
    if session.get_bind().dialect.name == "postgresql":
        month: ColumnElement[str] = func.to_char(func.timezone("Asia/Jakarta", Article.published), "YYYY-MM")
    else:
        month = func.strftime("%Y-%m", Article.published, "+7 hours")
    counted = func.count() if all_copies else func.count(func.distinct(func.coalesce(Article.cluster_id, Article.id)))
    statement, _ = _base(session, filters, month.label("month"), counted.label("n"))
    statement = statement.where(Article.published.is_not(None)).group_by(month).order_by(month)
    return [(m, n) for m, n in session.execute(statement)]


@dataclass(frozen=True)
class Stats:
    """What the archive holds."""

    articles: int
    stories: int
    sources: dict[str, int]
    regions: dict[str, int]  # region code -> articles; "" for articles without a region
    first_published: datetime | None
    last_published: datetime | None
    last_fetched: datetime | None


def archive_stats(session: Session) -> Stats:
    """Counts per source and region, stories, and the date range of the archive."""
    total, stories, first, last, fetched = session.execute(
        select(
            func.count(),
            func.count(func.distinct(func.coalesce(Article.cluster_id, Article.id))),
            func.min(Article.published),
            func.max(Article.published),
            func.max(Article.fetched_at),
        )
    ).one()
    sources = session.execute(select(Article.source, func.count()).group_by(Article.source).order_by(Article.source))
    regions_ = session.execute(select(Article.region_code, func.count()).group_by(Article.region_code))
    return Stats(
        articles=total,
        stories=stories,
        sources={s: n for s, n in sources},
        regions={(code or ""): n for code, n in regions_},
        first_published=_aware(first),
        last_published=_aware(last),
        last_fetched=_aware(fetched),
    )


def _aware(value: Any) -> datetime | None:
    """Aggregates bypass the column type on SQLite (a naive UTC string comes back)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def read_only(engine: Engine) -> Engine:
    """Make every new connection of `engine` refuse writes (PRAGMA query_only / a read-only
    PostgreSQL session), for `arsip serve`; pooled connections are dropped so that all get it."""

    def _set(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if engine.dialect.name == "sqlite":
                cursor.execute("PRAGMA query_only = ON")
            elif engine.dialect.name == "postgresql":
                cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                dbapi_connection.commit()
        finally:
            cursor.close()

    event.listen(engine, "connect", _set)
    engine.dispose()
    return engine
