"""The sources registry: which portals to crawl, read from TOML (DESIGN.md "Sources file").

The built-in `sources.toml` next to this module lists the seed portals; a user's file adds
entries, and an entry with a built-in's name replaces it. Every field is checked once here,
so the spider can trust what it gets and a mistake is reported with the file, the entry and
the field at fault.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.cron import CronError, cron_trigger
from crawler.errors import SourcesError
from crawler.text.rules import RuleError, SiteRules, compile_line_pattern, compile_selector
from storage.errors import QueryError
from storage.regions import find_province, resolve_region

BUILTIN = "sources.toml (built-in)"
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_FIELDS = {"name", "url", "feeds", "sitemaps", "listings", "region", "schedule", "rules"}
_RULE_FIELDS = {"body", "prune", "drop_lines"}


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    url: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    region: str | None = None  # as written in the file
    region_code: str | None = None  # resolved: "35.25", or a province code such as "35"
    schedule: str | None = None  # cron expression for the scheduler
    rules: SiteRules = SiteRules()  # extraction rules for this portal's markup ([source.rules])


def load_sources(path: Path | None = None) -> dict[str, Source]:
    """The built-in sources, overridden and extended by the file at `path`."""
    builtin = resources.files("crawler").joinpath("sources.toml").read_text("utf-8")
    sources = parse_sources(builtin, BUILTIN)
    if path is not None:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise SourcesError(f"{path}: cannot read the sources file ({exc.strerror})") from exc
        except UnicodeDecodeError as exc:
            raise SourcesError(f"{path}: the sources file is not UTF-8 text") from exc
        sources |= parse_sources(text, str(path))
    return sources


def select_sources(sources: dict[str, Source], names: list[str] | tuple[str, ...]) -> list[Source]:
    """The sources named (all of them when none is named), in the order given."""
    if not names:
        return list(sources.values())
    unknown = [n for n in names if n not in sources]
    if unknown:
        raise SourcesError(
            f"unknown source {unknown[0]!r}: known sources are {', '.join(sorted(sources))} "
            "(add it to a sources file and pass --sources FILE)"
        )
    return [sources[n] for n in dict.fromkeys(names)]


def parse_sources(text: str, where: str) -> dict[str, Source]:
    """Parse and validate the text of a sources file; `where` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{where}: not valid TOML: {exc}") from exc
    extra = set(data) - {"source"}
    if extra:
        raise SourcesError(
            f"{where}: unknown top-level key {sorted(extra)[0]!r}: "
            "a sources file holds only [[source]] tables"
        )
    entries = data.get("source", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourcesError(f"{where}: 'source' must be an array of tables, written [[source]]")
    sources: dict[str, Source] = {}
    for number, entry in enumerate(entries, start=1):
        source = _parse_entry(entry, f"{where}: source #{number}", where)
        if source.name in sources:
            raise SourcesError(f"{where}: source {source.name!r} is defined twice")
        sources[source.name] = source
    return sources


def _parse_entry(entry: dict[str, Any], anonymous: str, where: str) -> Source:
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise SourcesError(
            f"{anonymous}: \"name\" must be a short id of lowercase letters, digits, '-' or '_', "
            f"got {name!r}"
        )
    at = f'{where}: source "{name}"'
    unknown = set(entry) - _FIELDS
    if unknown:
        raise SourcesError(
            f"{at}: unknown field {sorted(unknown)[0]!r} (known fields: {', '.join(sorted(_FIELDS))})"
        )
    url = _url(entry.get("url"), at, "url", base=None)
    region = entry.get("region")
    if region is not None and not isinstance(region, str):
        raise SourcesError(f'{at}: "region" must be a string such as "Jawa Timur", got {region!r}')
    schedule = entry.get("schedule")
    if schedule is not None:
        _check_cron(schedule, at)
    return Source(
        name=name,
        url=url,
        feeds=_urls(entry, "feeds", at, url),
        sitemaps=_urls(entry, "sitemaps", at, url),
        listings=_urls(entry, "listings", at, url),
        region=region,
        region_code=_region_code(region, at) if region else None,
        schedule=schedule,
        rules=_rules(entry.get("rules"), at),
    )


def _rules(value: Any, at: str) -> SiteRules:
    """The `[source.rules]` table: selectors and line patterns, each compiled once to check it."""
    if value is None:
        return SiteRules()
    if not isinstance(value, dict):
        raise SourcesError(f'{at}: "rules" must be a table, written [source.rules] below the [[source]] line')
    unknown = set(value) - _RULE_FIELDS
    if unknown:
        raise SourcesError(
            f'{at}: unknown field "rules.{sorted(unknown)[0]}" (known: {", ".join(sorted(_RULE_FIELDS))})'
        )
    body = value.get("body")
    if body is not None and not isinstance(body, str):
        raise SourcesError(f'{at}: "rules.body" must be one CSS or XPath selector string, got {body!r}')
    if body is not None:
        _check_rule(compile_selector, body, at, "rules.body")
    lists: dict[str, tuple[str, ...]] = {}
    for field, check in (("prune", compile_selector), ("drop_lines", compile_line_pattern)):
        items = value.get(field, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            what = "CSS or XPath selectors" if field == "prune" else "regular expressions"
            raise SourcesError(f'{at}: "rules.{field}" must be a list of {what} (strings), got {items!r}')
        for i, item in enumerate(items):
            _check_rule(check, item, at, f"rules.{field}[{i}]")
        lists[field] = tuple(items)
    return SiteRules(body=body, prune=lists["prune"], drop_lines=lists["drop_lines"])


def _check_rule(check: Any, value: str, at: str, field: str) -> None:
    try:
        check(value)
    except RuleError as exc:
        raise SourcesError(f'{at}: "{field}": {exc}') from exc


def _url(value: Any, at: str, field: str, base: str | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourcesError(f'{at}: "{field}" must be a URL string, got {value!r}')
    try:
        url = urljoin(base, value.strip()) if base else value.strip()
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        valid = False
    if not valid:
        raise SourcesError(f'{at}: "{field}" must be an http(s) URL, got {value!r}')
    return url


def _urls(entry: dict[str, Any], field: str, at: str, base: str) -> tuple[str, ...]:
    value = entry.get(field, [])
    if not isinstance(value, list):
        kind = "a string" if isinstance(value, str) else type(value).__name__
        raise SourcesError(f'{at}: "{field}" must be a list of URLs, got {kind}')
    return tuple(_url(item, at, f"{field}[{i}]", base) for i, item in enumerate(value))


def _region_code(region: str, at: str) -> str:
    """A province code for a province, else the code of the one regency the name means."""
    if province := find_province(region):
        return province
    try:
        found = resolve_region(region)
    except QueryError as exc:
        raise SourcesError(f'{at}: "region": {exc}') from exc
    if len(found) > 1:
        names = " or ".join(f'"{r.name}"' for r in found)
        raise SourcesError(f'{at}: "region" {region!r} is ambiguous: write {names}')
    return found[0].code


def _check_cron(schedule: Any, at: str) -> None:
    if not isinstance(schedule, str):
        raise SourcesError(f'{at}: "schedule" must be a cron string such as "0 */3 * * *"')
    try:
        cron_trigger(schedule)  # the scheduler's own reading: crontab weekdays, never-firing lines refused
    except CronError as exc:
        raise SourcesError(f'{at}: "schedule" {schedule!r} is not a cron expression the scheduler can run: {exc}') from exc
