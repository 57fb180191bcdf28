"""The read path: filters as the user gives them, and search over the archive.

Dates are calendar days in Asia/Jakarta (WIB, UTC+7 all year), the day the portals print:
`--since 2024-10` starts at 2024-10-01 00:00 WIB, `--until 2024-10` includes all of
October. A region filter matches an article's main region (`region_code`); a province
also matches articles that name only the province.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from storage.errors import QueryError
from storage.models import Article
from storage.regions import get_region, provinces, regions, resolve_region

# Indonesia's western zone has been UTC+7 without daylight saving since 1964.
WIB = timezone(timedelta(hours=7), "WIB")

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FTS = table("articles_fts")
_FTS_NAME = literal_column("articles_fts")
_FTS_ROWID = literal_column("articles_fts.rowid")
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
    """An FTS5 query matching all terms literally: each one a quoted string, so that
    quotes, *, NEAR, OR, AND, NOT, ^, : and parentheses are words, never syntax."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


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


def filtered(session: Session, filters: Filters, *columns: Any) -> tuple[Select[Any], bool]:
    """A SELECT of `columns` over the articles matching `filters`, and whether it is ranked by FTS.

    With search words on SQLite, the FTS5 index drives the query; elsewhere every word
    must appear (case-insensitively) in the title or the text.
    """
    statement = select(*columns)
    terms = search_terms(filters.query)
    ranked = False
    if filters.query and not terms:
        statement = statement.where(literal_column("1") == literal_column("0"))
    elif terms and session.get_bind().dialect.name == "sqlite":
        statement = (
            statement.select_from(_FTS)
            .join(Article, Article.id == _FTS_ROWID)
            .where(_FTS_NAME.op("MATCH")(fts_query(terms)))
        )
        ranked = True
    elif terms:
        statement = statement.where(
            *(
                or_(Article.title.icontains(term, autoescape=True), Article.text.icontains(term, autoescape=True))
                for term in terms
            )
        )
    return statement.where(*_conditions(filters)), ranked


def search(session: Session, filters: Filters, *, limit: int = 20) -> list[ArticleRow]:
    """Matching articles: best match first when searching words on SQLite, otherwise newest first."""
    statement, ranked = filtered(session, filters, *ROW_COLUMNS)
    newest = (Article.published.desc().nulls_last(), Article.id.desc())
    if ranked:
        statement = statement.order_by(func.bm25(_FTS_NAME, _TITLE_WEIGHT, _TEXT_WEIGHT), *newest)
    else:
        statement = statement.order_by(*newest)
    return [to_row(values) for values in session.execute(statement.limit(limit))]
