"""Downloader middleware that makes crawls incremental."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from sqlalchemy.orm import Session

from crawler.database import archive_engine
from crawler.urls import normalize_url
from storage.archive import is_known


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
        if checked and checked != request.url and self.is_known(request.url):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("arsip/skip/known")
            raise IgnoreRequest(f"already in the archive: {request.url}")

    def is_known(self, url: str) -> bool:
        with Session(self.engine) as session:
            return is_known(session, normalize_url(url))
