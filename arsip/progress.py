"""A live line of counts while a crawl runs (Rich), as a Scrapy extension the command enables."""

from __future__ import annotations

from rich.console import Console
from rich.status import Status
from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet.task import LoopingCall

from crawler.extensions import run_summary

# Passed to scheduler.launch.run_crawl(extensions=...) by the commands that show a crawl.
PROGRESS_EXTENSION = {"arsip.progress.CrawlProgress": 900}


class CrawlProgress:
    """Shows pages fetched and articles new / duplicate / not relevant / failed, every second."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.status = Status("Starting the crawl…", console=Console(stderr=True))
        self.loop = LoopingCall(self.refresh)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        return cls(crawler)

    def spider_opened(self) -> None:
        self.status.start()
        self.loop.start(1.0)

    def spider_closed(self) -> None:
        if self.loop.running:
            self.loop.stop()
        self.status.stop()

    def refresh(self) -> None:
        assert self.crawler.stats is not None
        counts = run_summary(self.crawler.stats.get_stats())
        self.status.update(
            f"Crawling: {counts['pages_fetched']} pages fetched, {counts['articles_new']} new, "
            f"{counts['articles_duplicate']} duplicate, {counts['not_relevant']} not relevant, "
            f"{counts['failed']} failed"
        )
