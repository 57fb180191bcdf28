"""The read path's results: rows as search and export show them, and pages of one row per story
(the best-matching copy, its snippet, every portal that carried it), paged by cursor.

What is asked is a storage.filters.Filters; which articles match, and in what order, is the
full-text index's side (storage.fulltext).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, timezone
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from storage.errors import QueryError
from storage.filters import WIB, Filters, date_range, period, search_terms
from storage.fulltext import (
    FTS, FTS_NAME, FTS_ROWID, SIMPLE, base, facets_exact, fts_query, rank_floor, ranked_from_index, tsquery)
from storage.models import Article
from storage.regions import get_region, provinces
from storage.types import aware


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


_NEWEST = (Article.published.desc().nulls_last(), Article.id.desc())


def search(session: Session, filters: Filters, *, limit: int = 20) -> list[ArticleRow]:
    """Every matching copy: best match first when searching words, otherwise newest first."""
    statement, rank = base(session, filters, *ROW_COLUMNS)
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
        if order == "newest" and isinstance(value.get("i"), int) and 0 <= value["i"] < 2**31:
            published = value.get("p")
            if published is None:
                return {"i": value["i"], "p": None}
            moment = datetime.fromisoformat(published)
            if moment.tzinfo is not None:  # naive times compare wrongly (or fail) against stored UTC
                moment.astimezone(timezone.utc)  # OverflowError/ValueError near year 1 or 9999
                return {"i": value["i"], "p": moment}
    except (ValueError, TypeError, AttributeError, OverflowError, binascii.Error):
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
    # Streamed: psycopg's default cursor would load every matching row (56 MB at 300k articles)
    # before the first fetchmany, though a page needs only the first few chunks.
    result = session.execute(statement.execution_options(yield_per=_SCAN_CHUNK))
    try:
        while len(picked) < want and (rows := result.fetchmany(_SCAN_CHUNK)):
            fresh: dict[int, int] = {}
            for id_, cluster_id in rows:
                key = cluster_id or id_
                if key not in seen and key not in fresh:
                    fresh[key] = id_
            if position is not None and fresh:
                earlier, _ = base(session, filters, Article.cluster_id)
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
        snippet = func.snippet(FTS_NAME, 1, HIGHLIGHT_START, HIGHLIGHT_END, "…", SNIPPET_WORDS)
        statement = (
            select(FTS_ROWID, snippet)
            .select_from(FTS)
            .where(FTS_NAME.op("MATCH")(fts_query(terms)), FTS_ROWID.in_(list(ids)))
        )
    elif dialect == "postgresql":
        options = (
            f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords={SNIPPET_WORDS}, MinWords=10, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        headline = func.ts_headline(SIMPLE, Article.text, tsquery(terms), options)
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
    edge = aware(session.scalar(select(bound)))
    if edge is None:
        return filters
    month = edge.astimezone(WIB).strftime("%Y-%m")
    start, end = date_range(filters.since, filters.until)
    if (filters.until is None and start is not None and start >= period(month, "--until")[1]) or (
        filters.since is None and end is not None and end <= period(month, "--since")[0]
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
    statement, rank = base(session, filters, Article.id, Article.cluster_id)
    if order == "relevance" and rank is not None:
        offset = _decode_cursor(cursor, order)["o"] if cursor else 0
        # Copies of one text rank alike: then the first one seen (the story's representative) leads.
        statement = statement.order_by(*rank, Article.duplicate_of.is_not(None), *_NEWEST)
        if session.get_bind().dialect.name in ("sqlite", "postgresql") and facets_exact(filters):
            rows, floor = (offset + limit + 1) * 3, rank_floor(session, filters)
            while True:  # copies share a story: widen the top-N until enough stories (or all matches) are in
                pairs = [tuple(pair) for pair in session.execute(ranked_from_index(session, filters, rows, floor))]
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
