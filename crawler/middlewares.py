"""Downloader middlewares: incremental crawls, and robots.txt obeyed by every request."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares import robotstxt
from scrapy.exceptions import IgnoreRequest
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

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


class RobotsTxtMiddleware(robotstxt.RobotsTxtMiddleware):
    """Scrapy's, except that every request waiting for a site's robots.txt gets its rules.

    Scrapy 2.19 awaits the pending robots.txt Deferred directly: the first waiter takes the
    parsed rules and every other request queued for that site meanwhile receives None, which
    means "allowed" (scrapy/scrapy#6802 dropped the relay that passed the result on). A crawl
    starts with several requests per site, so a disallowed page could be fetched.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        relayed: Deferred[RobotParser | None] = Deferred()

        def relay(parser: RobotParser | None) -> RobotParser | None:
            relayed.callback(parser)
            return parser  # the next waiter gets it too

        pending.addCallback(relay)
        return await maybe_deferred_to_future(relayed)
