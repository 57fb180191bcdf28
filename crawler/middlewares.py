"""Downloader middleware that makes crawls incremental."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from crawler.database import archive_engine
from crawler.urls import normalize_url
from storage.archive import url_status
from storage.db import session


class KnownUrl(IgnoreRequest):
    """A request dropped because the archive already knows its URL."""


class SkipKnownMiddleware:
    """Never follow a redirect to an article already archived or judged not relevant.

    The spider checks the URLs it finds (`arsip_checked` in the request's meta); a redirect
    keeps that meta but changes the URL, and only here is its target seen before it is fetched.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.engine = archive_engine(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipKnownMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        checked = request.meta.get("arsip_checked")
        if checked and checked != request.url and self.status(request.url) == "known":
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("arsip/skip/known")
            raise KnownUrl(f"already in the archive: {request.url}")

    def status(self, url: str) -> str:
        with session(self.engine) as db:
            max_failures = self.crawler.settings.getint("ARSIP_RETRY_FAILED_MAX")
            return url_status(db, normalize_url(url), max_failures=max_failures)
