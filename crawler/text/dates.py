"""Publication date: structured metadata first, then htmldate, then the dates people read.

The cascade (first hit wins):

1. JSON-LD `datePublished` (an Article's, never `dateModified`);
2. `<meta>` publication tags (`article:published_time`, `datePublished`, …);
3. htmldate with `original_date=True` (URL, `<time>`, common markup); it gives a
   day only, so a visible date-time on that same day refines it;
4. visible Indonesian and English forms in date-like elements ("Rabu, 18 Desember 2024",
   "30 - Oct - 2024, 03:34", "18/12/2024 14:05 WIB", "29th November 2024"), then
   dateparser on them, which also reads "2 jam yang lalu" against `fetched_at`;
5. a visible date in a short block right after the `<h1>` (sites whose date
   element has no telling class);
6. the first such date in the article text ("Kamis (12/10/2017)"), the event
   day, which regional news reports on the day it happens.

Results are timezone-aware; a page without a zone is read as Asia/Jakarta
(WIB), or WITA/WIT when the page says so. A date after `fetched_at` (plus a day
of slack) is impossible and skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

JAKARTA = ZoneInfo("Asia/Jakarta")

# --- rules as data ---------------------------------------------------------

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agust": 8, "agu": 8, "agt": 8, "aug": 8, "august": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

# No news portal published before the web: an earlier date is a CMS placeholder ("1970-01-01",
# "0001-01-01") or junk, never the article's. htmldate uses the same floor.
EARLIEST = datetime(1995, 1, 1, tzinfo=JAKARTA)

ZONES: dict[str, timezone | ZoneInfo] = {
    "wib": JAKARTA,
    "wita": timezone(timedelta(hours=8)),
    "wit": timezone(timedelta(hours=9)),
}

META_PUBLISHED: tuple[str, ...] = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dc.date",
    "date",
    "parsely-pub-date",
    "sailthru.date",
    "content_publishedtime",
)

# Elements whose text is likely the article's own date line: <time>, or a class naming it
# ("date" and "time" in any case). Matched in one pass in Python: the equivalent XPath, with
# translate() on every element, cost 2 ms a page.
DATE_TAGS: frozenset[str] = frozenset({"time"})
DATE_CLASS = re.compile(r"(?i:date|time)|tanggal|waktu|posted|publish")

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_TIME = r"(?:[\s,|\-–)]*(?:pukul|jam)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\s*(?P<zone>WIB|WITA|WIT)?\b"
VISIBLE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "Rabu, 18 Desember 2024", "30 - Oct - 2024, 03:34", "18 Nopember 2024 pukul 14.05 WIB"
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*[-/ ]\s*(?P<month>{_MONTH})\.?\s*[-/ ,]\s*(?P<year>(?:19|20)\d{{2}})\b" + _TIME,
        re.IGNORECASE,
    ),
    # English month first: "October 30, 2024", "Nov. 14, 2024 | 16:45"
    re.compile(
        rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b" + _TIME,
        re.IGNORECASE,
    ),
    # "18/12/2024 14:05 WIB", "Kamis (12/10/2017)", "12-10-2017"
    re.compile(r"\b(?P<day>\d{1,2})[/\-.](?P<month>\d{1,2})[/\-.](?P<year>(?:19|20)\d{2})\b" + _TIME, re.IGNORECASE),
    # "2024-12-18 14:05"
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b" + _TIME, re.IGNORECASE),
)


# "2 jam yang lalu", "5 menit lalu", "3 hours ago": read against the fetch time.
RELATIVE = re.compile(r"\b\d+\s+(?:detik|menit|jam|hari|seconds?|minutes?|hours?|days?)\s+(?:yang\s+)?(?:lalu|ago)\b", re.IGNORECASE)


# --- parsing ----------------------------------------------------------------


def parse_iso(value: str) -> datetime | None:
    """An ISO 8601 timestamp as a tz-aware datetime (Jakarta when it has no zone)."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=JAKARTA)
        parsed.astimezone(UTC)  # "0001-01-01T00:00+14:00" has no UTC instant
    except (ValueError, OverflowError):
        return None
    return parsed


def _from_match(match: re.Match[str]) -> datetime | None:
    month_text = match.group("month").lower()
    month = MONTHS.get(month_text) if not month_text.isdigit() else int(month_text)
    zone_name = (match.group("zone") or "wib").lower()
    try:
        return datetime(
            int(match.group("year")),
            month or 0,
            int(match.group("day")),
            int(match.group("hour") or 0),
            int(match.group("minute") or 0),
            int(match.group("second") or 0),
            tzinfo=ZONES[zone_name],
        )
    except ValueError:
        return None


def find_visible_dates(text: str) -> Iterator[datetime]:
    """Every date written in one of the Indonesian forms, in text order."""
    found: list[tuple[int, datetime]] = []
    for pattern in VISIBLE_PATTERNS:
        for match in pattern.finditer(text):
            if (parsed := _from_match(match)) is not None:
                found.append((match.start(), parsed))
    for _, parsed in sorted(found, key=lambda item: item[0]):
        yield parsed


def parse_visible_date(text: str) -> datetime | None:
    """The first date in a visible date line, or None."""
    return next(find_visible_dates(text), None)


# --- the cascade ------------------------------------------------------------


def _walk_json(node: object) -> Iterator[dict[str, object]]:
    """Every object in a JSON value, depth first in document order; iterative, so no depth is too deep."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(reversed(list(current.values())))
        elif isinstance(current, list):
            stack.extend(reversed(current))


def json_ld(tree: HtmlElement) -> list[dict[str, object]]:
    """Every object in the page's JSON-LD blocks (broken blocks skipped)."""
    objects: list[dict[str, object]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested thousands deep
            continue
        objects.extend(_walk_json(data))
    return objects


def from_json_ld(tree: HtmlElement) -> datetime | None:
    for obj in json_ld(tree):
        value = obj.get("datePublished")
        if isinstance(value, str) and (parsed := parse_iso(value) or parse_visible_date(value)):
            return parsed
    return None


def from_meta(tree: HtmlElement) -> datetime | None:
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in META_PUBLISHED and (parsed := parse_iso(meta.get("content", ""))):
            return parsed
    return None


def from_htmldate(tree: HtmlElement, url: str | None) -> datetime | None:
    """The original publication day according to htmldate (midnight, Jakarta)."""
    from htmldate import find_date  # imported lazily: it is slow to import

    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    return datetime.fromisoformat(found).replace(tzinfo=JAKARTA)


def date_lines(tree: HtmlElement) -> list[str]:
    """Texts of elements that look like the article's date line, in page order."""
    lines = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or not (
            element.tag in DATE_TAGS or DATE_CLASS.search(element.get("class") or "")
        ):
            continue
        text = " ".join(element.text_content().split())
        if 0 < len(text) <= 120:
            lines.append(text)
    return lines


def headline_date_lines(tree: HtmlElement, limit: int = 12) -> list[str]:
    """Short text blocks right after the headline, where sites without a date class put
    the date ("Senin, 06 Nop 2023 14:30 WIB" in a plain `<div>`)."""
    headline = next(iter(tree.xpath("//h1")), None)
    if headline is None:
        return []
    lines = []
    for element in headline.itersiblings():
        if not isinstance(element.tag, str):
            continue
        text = " ".join(element.text_content().split())
        if 0 < len(text) <= 80:
            lines.append(text)
        if len(lines) >= limit:
            break
    return lines


def _dateparser(lines: Iterable[str], fetched_at: datetime | None) -> datetime | None:
    import dateparser  # imported lazily: it is slow to import

    settings: dict[str, object] = {"TIMEZONE": "Asia/Jakarta", "RETURN_AS_TIMEZONE_AWARE": True}
    if fetched_at is not None:
        settings["RELATIVE_BASE"] = fetched_at.replace(tzinfo=None)
    for line in lines:
        parsed = dateparser.parse(line, languages=["id", "en"], settings=settings)  # type: ignore[arg-type]
        if parsed is not None:
            return parsed
    return None


def find_published(
    tree: HtmlElement | None,
    url: str | None = None,
    text: str = "",
    fetched_at: datetime | None = None,
) -> datetime | None:
    """When the article was first published, in Asia/Jakarta time (the same instant
    as the page gave), by the cascade in the module docstring."""
    found = _find_published(tree, url, text, fetched_at)
    return found.astimezone(JAKARTA) if found is not None else None


def _find_published(
    tree: HtmlElement | None,
    url: str | None = None,
    text: str = "",
    fetched_at: datetime | None = None,
) -> datetime | None:
    latest = (fetched_at or datetime.now(JAKARTA)) + timedelta(days=1)
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=JAKARTA)

    def plausible(value: datetime | None) -> datetime | None:
        if value is None:
            return None
        try:
            return value if EARLIEST <= value <= latest else None
        except (TypeError, OverflowError):  # naive, or no UTC instant (year 1 at +14:00)
            return None

    if tree is not None:
        for step in (from_json_ld, from_meta):
            if found := plausible(step(tree)):
                return found
        lines = date_lines(tree)
        visible = [d for line in lines for d in find_visible_dates(line) if plausible(d)]
        if day := plausible(from_htmldate(tree, url)):
            same_day = [d for d in visible if d.date() == day.date()]
            if not same_day and fetched_at is not None and (relative := [x for x in lines if RELATIVE.search(x)]):
                # "2 jam yang lalu" on a page whose URL gives the day: the time, when it is that day
                if (found := plausible(_dateparser(relative, fetched_at))) and found.date() == day.date():
                    same_day = [found]
            return same_day[0] if same_day else day
        if visible:
            return visible[0]
        if found := plausible(_dateparser(lines, fetched_at)):
            return found
        if found := next((d for line in headline_date_lines(tree) for d in find_visible_dates(line) if plausible(d)), None):
            return found
    return next((d for d in find_visible_dates(text) if plausible(d)), None)
