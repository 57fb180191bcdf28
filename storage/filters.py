"""What a user asks for, validated: words, regions, a date range, sources, one row per story.

Dates are calendar days in Asia/Jakarta (WIB, UTC+7 all year), the day the portals print:
`--since 2024-10` starts at 2024-10-01 00:00 WIB, `--until 2024-10` includes all of
October. A region filter matches an article's main region (`region_code`, the place the
article is about); a province also matches articles that name only the province. Articles
that merely mention a region (the `regions` column) are not matched: a story about Surabaya
that names Gresik in passing is not a Gresik story.

Words: every word must appear in the title or the text (no operators: quotes, *, OR, NEAR
and parentheses are plain text); storage.fulltext turns them into index queries.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from storage.errors import QueryError
from storage.regions import regions, resolve_region

# Indonesia's western zone has been UTC+7 without daylight saving since 1964.
WIB = timezone(timedelta(hours=7), "WIB")

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MAX_TERMS = 32
MIN_YEAR, MAX_YEAR = 1900, 9998  # beyond them a WIB range cannot be turned into UTC


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
        # PostgreSQL refuses NUL in text (an error mid-query, or mid-stream for the export): say so first.
        for name, values in (("search", (self.query or "",)), ("region", self.regions), ("source", self.sources)):
            if any("\x00" in v for v in values):
                raise QueryError(f"the {name} contains a NUL character (\\x00): remove it")
        if self.query is not None and not self.query.strip():
            object.__setattr__(self, "query", None)
        if len(search_terms(self.query)) > MAX_TERMS:
            raise QueryError(f"too many words in the search ({len(search_terms(self.query))}): give at most {MAX_TERMS}")
        region_codes(self.regions)
        date_range(self.since, self.until)


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


def period(value: str, option: str) -> tuple[datetime, datetime]:
    """The [start, end) of a year, month or day, in WIB; `option` (--since/--until) names the flag in the error."""
    match = _DATE.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = match.group(1), match.group(2), match.group(3)
        if not MIN_YEAR <= int(year) <= MAX_YEAR:  # year 1 underflows UTC, 9999 overflows its end
            raise ValueError
        if month is None:
            start = datetime(int(year), 1, 1, tzinfo=WIB)
            return start, start.replace(year=start.year + 1)
        if day is None:
            start = datetime(int(year), int(month), 1, tzinfo=WIB)
            days = calendar.monthrange(start.year, start.month)[1]
            return start, start + timedelta(days=days)
        start = datetime(int(year), int(month), int(day), tzinfo=WIB)
        return start, start + timedelta(days=1)
    except (ValueError, OverflowError):
        raise QueryError(
            f"bad date {value!r} for {option}: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024, 2024-10, 2024-10-30),"
            f" a year from {MIN_YEAR} to {MAX_YEAR}"
        ) from None


def date_range(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """[start, end) of the user's --since/--until; `until` includes its whole day, month or year."""
    start = period(since, "--since")[0] if since else None
    end = period(until, "--until")[1] if until else None
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
