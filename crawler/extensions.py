"""Extensions: the record of each crawl in the archive's `runs` table, and quieter logs."""

from __future__ import annotations

import logging
import os
import socket

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.database import archive_engine
from storage.db import session
from storage.runs import finish_run, set_run_process, start_run

# Stats keys the spider and pipelines count; a run's summary is read from them.
FETCHED = "arsip/pages/fetched"
FAILURES = "arsip/failures"  # list of "url: reason" lines, capped at MAX_FAILURES
MAX_FAILURES = 50


def run_summary(stats: dict[str, object]) -> dict[str, int]:
    """The counts of a crawl, from its stats, as `runs` and `arsip crawl` report them."""

    def get(key: str) -> int:
        value = stats.get(key, 0)
        return value if isinstance(value, int) else 0

    return {
        "pages_fetched": get(FETCHED),
        "articles_new": get("arsip/archive/new"),
        "articles_duplicate": get("arsip/archive/duplicate") + get("arsip/archive/known"),
        "not_relevant": get("arsip/relevance/not_relevant"),
        "failed": get("arsip/fetch/failed") + get("arsip/extract/empty"),
    }


def add_failure(crawler: Crawler, line: str) -> None:
    """Remember why a page or a source failed, for the run record."""
    assert crawler.stats is not None
    failures = crawler.stats.get_value(FAILURES, [])
    if len(failures) < MAX_FAILURES:
        crawler.stats.set_value(FAILURES, [*failures, line])


class RunRecorder:
    """Open a `runs` row when the spider opens and close it with the crawl's counts.

    The scheduler service opens the row itself (it must be able to close it if this process
    dies) and passes its id in the setting ARSIP_RUN_ID; then this records into that row.
    A row records the crawl's pid and host so that a run left open by a killed process can
    be told from a live one.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.engine = archive_engine(crawler.settings)
        self.run_id: int | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        names = [s.name for s in getattr(spider, "sources", [])]
        given = self.crawler.settings.getint("ARSIP_RUN_ID", 0)
        with session(self.engine) as db:
            if given:
                self.run_id = given
                set_run_process(db, given, os.getpid(), socket.gethostname())
            else:
                self.run_id = start_run(db, names, pid=os.getpid(), host=socket.gethostname())
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("arsip/run_id", self.run_id)

    def spider_closed(self, reason: str) -> None:
        if self.run_id is None:
            return
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        failures = stats.get(FAILURES) or []
        with session(self.engine) as db:
            finish_run(
                db,
                self.run_id,
                status="finished" if reason == "finished" else "failed",
                errors="\n".join(failures) or None,
                exit_reason=reason,
                **run_summary(stats),
            )


class _WithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


class OneLineRobotsErrors:
    """A portal that is down makes Scrapy log its robots.txt failure with a full traceback.

    The spider reports the same failure for the source, so one line is enough; a traceback
    in a crawl's output should mean a bug.
    """

    def __init__(self) -> None:
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_WithoutTraceback())

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OneLineRobotsErrors:
        return cls()
