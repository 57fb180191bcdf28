"""A trial crawl of one source: what arsip makes of its newest articles, archiving nothing.

The real spider runs with the project's settings (discovery, robots.txt, politeness,
retries exactly as in a crawl) against a throwaway SQLite archive in a temporary folder;
the item pipelines are replaced by one that only extracts, and the crawl stops after
`limit` article pages (CLOSESPIDER_ITEMCOUNT). Every page is kept, relevant or not, with
or without text, and so is every reason a page or a discovery URL failed: this is how a
user checks a new portal's rules, or finds out why a portal went quiet.

A crawl runs Twisted's reactor: call `preview_source` once per process.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.errors import CrawlerError
from crawler.extensions import FETCHED
from crawler.items import ArticlePage
from crawler.reprocess import extract_page
from crawler.sources import Source, load_sources, select_sources
from crawler.spiders.news import NewsSpider, _reason
from crawler.text import Extraction
from storage.db import open_archive

DEFAULT_TIMEOUT = 180  # seconds; a trial should not run as long as a full crawl (-s CLOSESPIDER_TIMEOUT=...)


@dataclass(frozen=True, slots=True)
class PreviewPage:
    """One fetched article page and what extraction made of it."""

    url: str
    http_status: int
    fetched_at: datetime
    extraction: Extraction


@dataclass(frozen=True, slots=True)
class Problem:
    """A URL the trial could not use, and why (HTTP status, network error, robots.txt)."""

    url: str
    stage: str  # "discovery" (feed, sitemap, listing, robots, home) or "article"
    reason: str
    guessed: bool = False  # a guessed /feed/ or /sitemap.xml: its absence is normal


@dataclass(frozen=True, slots=True)
class PreviewReport:
    source: Source
    pages: tuple[PreviewPage, ...]  # newest first (by publication date), at most `limit`
    problems: tuple[Problem, ...]
    feeds_read: int
    sitemaps_read: int
    listings_read: int
    pages_fetched: int
    finish_reason: str

    @property
    def discovered_nothing(self) -> bool:
        return not self.feeds_read and not self.sitemaps_read and not self.listings_read and not self.pages_fetched


def pruned(extraction: Extraction) -> tuple[str, ...]:
    """What extraction removed from the page's text, each prefixed with the rule's name."""
    return extraction.removed


class PreviewSpider(NewsSpider):
    """The news spider, also remembering every failure it would only count or log."""

    name = "arsip-preview"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems: list[Problem] = []

    def skip(self, url: str, source: str, outcome: str, reason: str) -> None:
        if outcome == "failed":
            self.problems.append(Problem(url, "article", reason))
        super().skip(url, source, outcome, reason)

    def discovery_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        guessed = bool(request.meta.get("arsip_guess")) and isinstance(failure.value, HttpError)
        self.problems.append(Problem(request.url, "discovery", _reason(failure), guessed))
        super().discovery_failed(failure)


class PreviewPipeline:
    """Extraction only, as ExtractPipeline runs it, without dropping anything or writing anywhere."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PreviewPipeline:
        return cls(crawler)

    def process_item(self, item: ArticlePage) -> ArticlePage:
        spider = self.crawler.spider
        assert isinstance(spider, NewsSpider)
        item.extraction = extract_page(
            item.body,
            item.url,
            spider.source(item.source),
            fetched_at=item.fetched_at,
            relevance_threshold=self.crawler.settings.getfloat("ARSIP_RELEVANCE_THRESHOLD"),
        )
        return item


def preview_settings(db_url: str, sources_file: Path | None, limit: int, overrides: dict[str, Any]) -> Settings:
    """The project's settings and the user's `-s` overrides; then what makes it a trial.

    Logging is quiet by default (-s LOG_LEVEL=INFO to see it): the report lists every failure.
    """
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in {"LOG_LEVEL": "CRITICAL", "CLOSESPIDER_TIMEOUT": DEFAULT_TIMEOUT, **overrides}.items():
        settings.set(name, value, priority="cmdline")
    trial = {
        "ARSIP_DB": db_url,
        "ARSIP_SOURCES": str(sources_file) if sources_file is not None else None,
        "ITEM_PIPELINES": {f"{__name__}.PreviewPipeline": 100},
        "CLOSESPIDER_ITEMCOUNT": limit,
    }
    for name, value in trial.items():
        settings.set(name, value, priority="cmdline")
    return settings


def preview_source(
    name: str, sources_file: Path | None = None, *, limit: int = 5, overrides: dict[str, Any] | None = None
) -> PreviewReport:
    """Crawl up to `limit` of source `name`'s articles into nowhere and report what came of them.

    Raises SourcesError (naming the known sources) for an unknown name, before any request.
    """
    if limit < 1:
        raise CrawlerError(f"--limit must be at least 1, got {limit}")
    (source,) = select_sources(load_sources(sources_file), [name])
    collected: list[PreviewPage] = []

    def scraped(item: ArticlePage) -> None:
        assert item.extraction is not None
        collected.append(PreviewPage(item.url, item.http_status, item.fetched_at, item.extraction))

    with tempfile.TemporaryDirectory(prefix="arsip-preview-") as folder:
        db_url = f"sqlite:///{Path(folder) / 'preview.db'}"
        open_archive(db_url).dispose()
        process = AsyncCrawlerProcess(preview_settings(db_url, sources_file, limit, overrides or {}))
        crawler = process.create_crawler(PreviewSpider)
        crawler.signals.connect(scraped, signal=signals.item_scraped)
        task = process.crawl(crawler, source=source.name)
        process.start()
        if task.done() and not task.cancelled() and (error := task.exception()) is not None:
            raise CrawlerError(f"the trial crawl could not start: {error} (check the -s settings given)") from error
    assert crawler.stats is not None and isinstance(crawler.spider, PreviewSpider)
    stats = crawler.stats.get_stats()
    return PreviewReport(
        source=source,
        pages=tuple(_newest(collected))[:limit],
        problems=tuple(_once(crawler.spider.problems)),
        feeds_read=int(stats.get("arsip/discovery/feeds", 0)),
        sitemaps_read=int(stats.get("arsip/discovery/sitemaps", 0)),
        listings_read=int(stats.get("arsip/discovery/listings", 0)),
        pages_fetched=int(stats.get(FETCHED, 0)),
        finish_reason=str(stats.get("finish_reason", "unknown")),
    )


def _newest(pages: list[PreviewPage]) -> Iterator[PreviewPage]:
    """Newest publication date first; undated pages last, in the order they came."""
    dated = [(p.extraction.published, p) for p in pages if p.extraction.published is not None]
    yield from (p for _, p in sorted(dated, key=lambda pair: pair[0], reverse=True))
    yield from (p for p in pages if p.extraction.published is None)


def _once(found: list[Problem]) -> Iterator[Problem]:
    """The spider's problems, once per URL and stage (a retried page fails once per attempt)."""
    seen: set[tuple[str, str]] = set()
    for problem in found:
        if (problem.url, problem.stage) not in seen:
            seen.add((problem.url, problem.stage))
            yield problem
