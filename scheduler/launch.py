"""Starting a crawl: the one place that turns arsip's options into a Scrapy crawl.

A crawl runs Twisted's reactor, which cannot be restarted inside one process: call
`run_crawl` once per process (the `arsip crawl` command; the scheduler service starts
`python -m scheduler.worker`, which calls it, in a child process for each run).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings

from crawler.errors import CrawlerError
from crawler.extensions import FAILURES, run_summary
from crawler.sources import load_sources, select_sources
from crawler.spiders.news import NewsSpider
from storage.db import open_archive


@dataclass(frozen=True, slots=True)
class CrawlResult:
    run_id: int | None
    sources: tuple[str, ...]
    pages_fetched: int
    articles_new: int
    articles_duplicate: int
    not_relevant: int
    failed: int
    failures: tuple[str, ...]
    finish_reason: str


def crawl_settings(
    db_url: str,
    sources_file: Path | None,
    overrides: dict[str, Any] | None = None,
    extensions: dict[str, int] | None = None,
) -> Settings:
    """The project's settings, then the database and sources file, then `-s` overrides.

    `extensions` are added to the project's (an `EXTENSIONS` override would replace them).
    """
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("ARSIP_DB", db_url, priority="cmdline")
    if sources_file is not None:
        settings.set("ARSIP_SOURCES", str(sources_file), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    if extensions:
        settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"), **extensions}, priority="cmdline")
    return settings


def run_crawl(
    db_url: str,
    sources_file: Path | None = None,
    source_names: tuple[str, ...] = (),
    overrides: dict[str, Any] | None = None,
    extensions: dict[str, int] | None = None,
    redis_url: str | None = None,
    crawl_id: str | None = None,
) -> CrawlResult:
    """Crawl the named sources (all when none) into the archive at `db_url`.

    The sources file and the database are checked before Scrapy starts, so a mistake in
    either is reported as such rather than as a failed crawl. With `redis_url` the crawl
    shares its frontier with the other crawlers of the same sources (or of `crawl_id`):
    crawler/frontier.py.
    """
    sources = select_sources(load_sources(sources_file), source_names)
    open_archive(db_url)
    if redis_url:
        from crawler.frontier import connect

        connect(redis_url).close()  # an unreachable Redis is reported before Scrapy starts
        overrides = {**(overrides or {}), "ARSIP_REDIS_URL": redis_url}
        if crawl_id:
            overrides["ARSIP_REDIS_CRAWL"] = crawl_id
    process = AsyncCrawlerProcess(crawl_settings(db_url, sources_file, overrides, extensions))
    crawler = process.create_crawler(NewsSpider)
    task = process.crawl(crawler, source=",".join(s.name for s in sources))
    process.start()
    if task.done() and not task.cancelled() and (error := task.exception()) is not None:
        raise CrawlerError(f"the crawl could not start: {error} (check the -s settings given)") from error
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    return CrawlResult(
        run_id=stats.get("arsip/run_id"),
        sources=tuple(s.name for s in sources),
        failures=tuple(stats.get(FAILURES) or ()),
        finish_reason=str(stats["finish_reason"]),
        **run_summary(stats),
    )
