"""The one generic news spider: discovers article URLs on each source and fetches them.

Discovery per source, from what the sources file gives:
  feeds ─► item links            sitemaps ─► child sitemaps / page URLs
  listings ─► article links + next page (followed while a page still shows new articles,
               or to the end after an interrupted crawl of the source)
  pages that failed last time ─► asked for again directly (up to ARSIP_RETRY_FAILED_MAX)
A source given only `url` is explored: robots.txt `Sitemap:` lines, the home page (its
`<link rel="alternate">` feeds and its article links), `/feed/` and `/sitemap.xml`.

Articles already archived or judged not relevant are never requested again
(SkipKnownMiddleware), so a second crawl of an unchanged portal costs only discovery.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.database import archive_engine
from crawler.discovery import (
    GUESSED_FEEDS,
    GUESSED_SITEMAPS,
    feeds_in_page,
    looks_like_article,
    parse_feed,
    parse_listing,
    parse_sitemap,
    sitemaps_in_robots,
    xml_problem,
)
from crawler.extensions import FETCHED, add_failure
from crawler.failures import describe_failure, is_robots_refusal
from crawler.items import ArticlePage
from crawler.middlewares import KnownUrl
from crawler.sources import Source, load_sources, select_sources
from crawler.urls import normalize_url
from storage.archive import LOOKUP_CHUNK, UrlState, record_skip, url_states, urls_to_retry
from storage.db import session
from storage.runs import interrupted_sources


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, source: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source_names = [n.strip() for n in (source or "").split(",") if n.strip()]
        self.sources: list[Source] = []
        # What this crawl has found lives in the archive, not in memory: an article archived or
        # skipped at or after this moment was new to this crawl (storage.archive.url_states).
        self.started_at = datetime.now(UTC)
        self.resume: set[str] = set()  # sources whose last crawl was interrupted: walk listings to the end

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        sources_file = crawler.settings.get("ARSIP_SOURCES")
        spider.sources = select_sources(
            load_sources(Path(sources_file) if sources_file else None), spider.source_names
        )
        spider.engine = archive_engine(crawler.settings)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        max_failures = self.settings.getint("ARSIP_RETRY_FAILED_MAX")
        with session(self.engine) as db:  # after RunRecorder closed the runs of killed crawls
            self.resume = interrupted_sources(db, [s.name for s in self.sources])
            retries = {s.name: urls_to_retry(db, s.name, max_failures=max_failures) for s in self.sources}
        for source in self.sources:
            for request in self.discovery_requests(source):
                yield request
            for url in retries[source.name]:  # failed last time: asked for again, wherever they were found
                meta = {"arsip_source": source.name, "arsip_checked": url}
                yield scrapy.Request(url, self.parse_article, errback=self.article_failed, meta=meta)

    def discovery_requests(self, source: Source) -> Iterator[scrapy.Request]:
        meta = {"arsip_source": source.name}
        for url in source.feeds:
            yield scrapy.Request(url, self.parse_feed, errback=self.discovery_failed, meta=meta)
        for url in source.sitemaps:
            yield self.sitemap_request(url, meta)
        for url in source.listings:
            yield scrapy.Request(url, self.parse_listing, errback=self.discovery_failed, meta=meta)
        if source.feeds or source.sitemaps or source.listings:
            return
        yield scrapy.Request(
            urljoin(source.url, "/robots.txt"), self.parse_robots, errback=self.discovery_failed, meta=meta
        )
        yield scrapy.Request(source.url, self.parse_home, errback=self.discovery_failed, meta=meta)
        guess = {**meta, "arsip_guess": True}
        for path in GUESSED_FEEDS:
            yield scrapy.Request(urljoin(source.url, path), self.parse_feed, errback=self.discovery_failed, meta=guess)
        for path in GUESSED_SITEMAPS:
            yield self.sitemap_request(urljoin(source.url, path), guess)

    # -- discovery -------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        meta = {"arsip_source": response.meta["arsip_source"]}
        for url in sitemaps_in_robots(response.body, response.url):
            yield self.sitemap_request(url, meta)

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        meta = {"arsip_source": response.meta["arsip_source"]}
        for url in feeds_in_page(response.text, response.url):
            yield scrapy.Request(url, self.parse_feed, errback=self.discovery_failed, meta=meta)
        yield from self.article_requests(parse_listing(response.text, response.url).articles, response)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        self.count("arsip/discovery/feeds")
        links = parse_feed(response.body, response.url)
        if not links and not response.meta.get("arsip_guess"):
            self.discovery_problem(response.meta["arsip_source"], response.url, f"no item links: {xml_problem(response.body)}")
        yield from self.article_requests(links, response)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        self.count("arsip/discovery/sitemaps")
        max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        children, pages = parse_sitemap(response.body, response.url, max_size=max_size)
        source = response.meta["arsip_source"]
        if not children and not pages and not response.meta.get("arsip_guess"):
            self.discovery_problem(source, response.url, f"no URLs: {xml_problem(response.body)}")
        # Indexes of indexes are followed only so deep: a generated chain of them is a trap.
        depth = response.meta.get("arsip_sitemap_depth", 0) + 1
        if children and depth > (max_depth := self.settings.getint("ARSIP_SITEMAP_MAX_DEPTH")):
            self.discovery_problem(source, response.url, f"sitemap indexes nested deeper than "
                                   f"ARSIP_SITEMAP_MAX_DEPTH ({max_depth}): {len(children)} not followed")
            children = []
        # A sitemap also lists the home page, sections and static pages. A huge one is taken
        # newest first, ARSIP_SITEMAP_MAX_NEW requests per crawl; the next crawl goes on from there.
        articles = [u for u in pages if looks_like_article(u, response.url)]
        yield from islice(self.article_requests(articles, response), self.settings.getint("ARSIP_SITEMAP_MAX_NEW"))
        # Then the next sitemap of the chain: this one's children first, then its own siblings.
        left, at = response.meta.get("arsip_sitemaps_left", ()), response.meta.get("arsip_sitemap_next", 0)
        if children:
            left, at = (*((url, depth) for url in dict.fromkeys(children)), *left[at:]), 0
        yield from self.next_sitemap(source, left, at)

    def next_sitemap(self, source: str, left: tuple[tuple[str, int], ...], at: int) -> Iterator[scrapy.Request]:
        """The child sitemaps of an index, one at a time, each once no article request is waiting.

        A portal's index lists tens of child sitemaps of up to thousands of articles each. Asked
        for all at once, they would put a request for every article of the portal in memory
        (2-3 KB each); chained at a lower priority, one sitemap's requests wait at a time.
        `left` (URL and nesting depth of each) is shared by the chain's requests, read from `at`.
        A child the duplicate filter drops (listed twice) passes the turn on (`request_dropped`).
        """
        if at < len(left):
            url, depth = left[at]
            meta = {"arsip_source": source, "arsip_sitemap_depth": depth, "arsip_sitemaps_left": left,
                    "arsip_sitemap_next": at + 1}  # fmt: skip
            yield self.sitemap_request(url, meta, priority=-1)

    def sitemap_request(self, url: str, meta: dict[str, Any], priority: int = 0) -> scrapy.Request:
        return scrapy.Request(url, self.parse_sitemap, errback=self.sitemap_failed, meta=meta, priority=priority)

    def sitemap_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """A sitemap that could not be read is reported; its chain goes on with the next one."""
        self.discovery_failed(failure)
        meta = failure.request.meta  # type: ignore[attr-defined]
        yield from self.next_sitemap(meta["arsip_source"], meta.get("arsip_sitemaps_left", ()),
                                     meta.get("arsip_sitemap_next", 0))  # fmt: skip

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of a listing page; the next page only while this one showed new ones.

        "New" means not archived before this crawl: an article found earlier in this same
        crawl (in a feed, or a page before) still counts, or pagination would stop early.
        The archive says which: archived or skipped since the crawl started, or not at all.
        """
        if not isinstance(response, TextResponse):
            return
        self.count("arsip/discovery/listings")
        listing = parse_listing(response.text, response.url)
        states = self.url_states([normalize_url(url) for url in listing.articles])
        yield from self.requests_for(listing.articles, states, response)
        depth = response.meta.get("arsip_listing_page", 1)
        # After an interrupted crawl, the pages past the first may hold articles it never reached.
        new = response.meta["arsip_source"] in self.resume or any(state.fresh for state in states.values())
        if new and listing.next_page and depth < self.settings.getint("ARSIP_LISTING_MAX_PAGES"):
            yield response.follow(
                listing.next_page,
                self.parse_listing,
                errback=self.discovery_failed,
                meta={"arsip_source": response.meta["arsip_source"], "arsip_listing_page": depth + 1},
            )

    def article_requests(self, urls: list[str] | tuple[str, ...], response: Response) -> Iterator[scrapy.Request]:
        """Requests for the articles the archive does not know yet, and for failed ones to retry.

        The archive is asked once per LOOKUP_CHUNK URLs (a sitemap may list 50,000), lazily:
        a caller that takes only the first requests costs only their lookups.
        """
        for start in range(0, len(urls), LOOKUP_CHUNK):
            chunk = urls[start : start + LOOKUP_CHUNK]
            yield from self.requests_for(chunk, self.url_states([normalize_url(url) for url in chunk]), response)

    def requests_for(
        self, urls: list[str] | tuple[str, ...], states: dict[str, UrlState], response: Response
    ) -> Iterator[scrapy.Request]:
        for url in urls:
            state = states[normalize_url(url)]
            if state.status == "known":
                if not state.fresh:  # archived or judged by an earlier crawl (not one found twice by this one)
                    self.count("arsip/skip/known")
                continue
            meta = {"arsip_source": response.meta["arsip_source"], "arsip_checked": url}
            yield scrapy.Request(url, self.parse_article, errback=self.article_failed, meta=meta)

    def url_states(self, urls: list[str]) -> dict[str, UrlState]:
        with session(self.engine) as db:
            return url_states(
                db, urls, max_failures=self.settings.getint("ARSIP_RETRY_FAILED_MAX"), since=self.started_at
            )

    # -- articles --------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[ArticlePage]:
        self.count(FETCHED)
        self.remember_redirects(response.meta, response.url)
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        if not isinstance(response, TextResponse) or "html" not in (content_type or "text/html"):
            self.page_failed(response.url, response.meta["arsip_source"], f"not an HTML page ({content_type})")
            return
        source = self.source(response.meta["arsip_source"])
        yield ArticlePage(
            url=response.url,
            source=source.name,
            fallback_region=source.region_code,
            body=response.body,
            content_type=content_type,
            encoding=response.encoding,
            http_status=response.status,
            fetched_at=datetime.now(UTC),
            rules=source.rules,
        )

    def article_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(KnownUrl):  # a redirect to an article already known: its old URLs are known too
            self.remember_redirects(request.meta, request.url)
            return
        if is_robots_refusal(failure):
            # Forbidden by robots.txt: remembered, so that it is not news to pagination,
            # and asked again on later crawls (robots.txt may change) until ARSIP_RETRY_FAILED_MAX.
            self.skip(request.url, request.meta["arsip_source"], "failed", _reason(failure))
            return
        if isinstance(failure.value, HttpError):
            self.count(FETCHED)
        self.page_failed(request.url, request.meta["arsip_source"], _reason(failure))

    def request_dropped(self, request: scrapy.Request) -> None:
        """A request Scrapy's duplicate filter dropped. A redirect to an article this crawl has
        already scheduled: the old URLs are known too, as when the target is archived already.
        A sitemap already asked for (listed twice): the chain goes on with the next one."""
        if request.meta.get("arsip_checked") not in (None, request.url):
            self.remember_redirects(request.meta, request.url)
        if "arsip_sitemaps_left" in request.meta:
            meta = request.meta
            for following in self.next_sitemap(meta["arsip_source"], meta["arsip_sitemaps_left"], meta["arsip_sitemap_next"]):
                # Scheduled from the event loop, not from here: a run of dropped ones must not recurse.
                asyncio.get_running_loop().call_soon(self.crawler.engine.crawl, following)  # type: ignore[union-attr]

    def remember_redirects(self, meta: dict[str, Any], target: str) -> None:
        """The URLs that redirected to `target` are never fetched again (a feed may keep the old one)."""
        for old_url in meta.get("redirect_urls", []):
            self.skip(old_url, meta["arsip_source"], "redirected", f"redirects to {target}")

    def page_failed(self, url: str, source: str, reason: str) -> None:
        """Record a page that could not be archived; it will be tried again next crawl."""
        self.count("arsip/fetch/failed")
        add_failure(self.crawler, f"{url}: {reason}")
        self.skip(url, source, "failed", reason)

    def skip(self, url: str, source: str, outcome: str, reason: str) -> None:
        with session(self.engine) as db:
            record_skip(db, normalize_url(url), source, outcome, reason)

    def discovery_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        if is_robots_refusal(failure):
            return  # forbidden by robots.txt
        if request.meta.get("arsip_guess") and isinstance(failure.value, HttpError):
            return  # a guessed /feed/ or /sitemap.xml that the portal does not have
        self.discovery_problem(request.meta["arsip_source"], request.url, _reason(failure))

    def discovery_problem(self, source: str, url: str, reason: str) -> None:
        """A feed, sitemap or listing of `source` that gave nothing: in the run's failures and the log."""
        self.count("arsip/discovery/failed")
        add_failure(self.crawler, f"source {source}: {url}: {reason}")
        self.logger.warning("source %s: cannot read %s: %s", source, url, reason)

    # -- helpers ---------------------------------------------------------------------

    def source(self, name: str) -> Source:
        return next(s for s in self.sources if s.name == name)

    def count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)


def _reason(failure: Failure) -> str:
    return describe_failure(failure)
