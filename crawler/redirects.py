"""Redirect loops, which Scrapy drops without a word: A → B → A is neither archived nor recorded.

RedirectMiddleware sends the redirected request back through the scheduler, whose duplicate
filter drops it because this crawl already requested A; no errback runs. (A redirect to a
*different* page already requested is the spider's business: NewsSpider.request_dropped
remembers the old URL as redirected.) This extension notes each dropped loop of an article
and, once the crawl is idle, records its first URL as "failed" with the chain as the reason,
so it is retried next crawl (ARSIP_RETRY_FAILED_MAX times) and shows in the run's failures;
unless the archive knows the URL by then (fetched fine through another link).
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler

from crawler.database import archive_engine
from crawler.urls import normalize_url
from storage.archive import url_status
from storage.db import session


@dataclass(frozen=True, slots=True)
class DroppedRedirect:
    source: str
    chain: tuple[str, ...]  # every URL of the redirect chain, the dropped target last


class RedirectLoops:
    """Record dropped redirect loops of articles as failed when the spider goes idle."""

    def __init__(self, crawler: Crawler) -> None:
        self.pending: dict[str, DroppedRedirect] = {}
        self.engine = archive_engine(crawler.settings)
        self.max_failures = crawler.settings.getint("ARSIP_RETRY_FAILED_MAX")
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoops:
        return cls(crawler)

    def request_dropped(self, request: Request) -> None:
        chain = request.meta.get("redirect_urls")
        source = request.meta.get("arsip_source")
        if chain and source and "arsip_checked" in request.meta and request.url in chain:
            self.pending[chain[0]] = DroppedRedirect(source, (*chain, request.url))

    def spider_idle(self, spider: Spider) -> None:
        pending, self.pending = self.pending, {}
        for url, dropped in pending.items():
            with session(self.engine) as db:
                if url_status(db, normalize_url(url), max_failures=self.max_failures) == "known":
                    continue
            reason = "redirect loop: " + " → ".join(dropped.chain)
            spider.page_failed(url, dropped.source, reason)  # type: ignore[attr-defined]
