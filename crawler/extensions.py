"""Extensions: the record of each crawl in the archive's `runs` table, and quieter logs.

The record survives the crawl's faults: a write the archive refuses (disk full, locked past
the busy timeout) is counted as a failed page with its reason, a full disk stops the crawl
(reason `archive_disk_full`), and a run left "running" by a killed crawl on this host is
closed by the next crawl.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy.exc import SQLAlchemyError
from twisted.python.failure import Failure

from crawler.database import archive_engine
from storage.db import ArchiveFault, archive_fault, session
from storage.models import Run
from storage.runs import close_dead_runs, finish_run, set_run_process, start_run

# Stats keys the spider and pipelines count; a run's summary is read from them.
FETCHED = "arsip/pages/fetched"
FAILURES = "arsip/failures"  # list of "url: reason" lines, capped at MAX_FAILURES
MAX_FAILURES = 50
PAGE_FAILED = "arsip/fetch/failed"  # pages that could not be fetched, processed or stored
FAULT_PAGES = "arsip/archive/fault"  # /disk_full, /locked: pages the archive refused, by fault
DISK_FULL = "archive_disk_full"  # the finish reason of a crawl stopped by a full disk

log = logging.getLogger("arsip.crawl")


def pid_alive(pid: int) -> bool:
    """Whether a process of this host runs under `pid` (a zombie counts as dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        state = stat.read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def dead_here(host: str | None, pid: int | None) -> bool:
    """True only when the process is known dead: on this host, and no longer running."""
    return host == socket.gethostname() and pid is not None and not pid_alive(pid)


def gone_crawl(run: Run) -> str | None:
    """Why a run marked running is provably dead (its process on this host is gone), else None."""
    if run.pid is not None and run.pid != os.getpid() and dead_here(run.host, run.pid):
        return f"its crawl process (pid {run.pid} on {run.host}) is gone"
    return None


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
        "failed": get(PAGE_FAILED) + get("arsip/extract/empty"),
    }


def add_failure(crawler: Crawler, line: str) -> None:
    """Remember why a page or a source failed ("url: reason"), for the run record.

    A reason that is an archive fault (storage.db.archive_fault: disk full, locked) is
    replaced by the fault's explanation and remedy, and a full disk stops the crawl: every
    failure, whichever stage met it, passes here.
    """
    url, sep, reason = line.partition(": ")
    if (fault := on_archive_fault(crawler, reason if sep else line)) is not None:
        assert crawler.stats is not None
        crawler.stats.inc_value(f"{FAULT_PAGES}/{fault.kind}")
        line = f"{url}: {fault.message}" if sep else fault.message
    _remember(crawler, line)


def _remember(crawler: Crawler, line: str) -> None:
    assert crawler.stats is not None
    failures = crawler.stats.get_value(FAILURES, [])
    if len(failures) < MAX_FAILURES:
        crawler.stats.set_value(FAILURES, [*failures, line])


class RunRecorder:
    """Open a `runs` row when the spider opens and close it with the crawl's counts.

    The scheduler service opens the row itself (it must be able to close it if this process
    dies) and passes its id in the setting ARSIP_RUN_ID; then this records into that row.
    A row records the crawl's pid and host so that a run left open by a killed process can
    be told from a live one: each crawl closes those first.

    A page whose write the archive refuses (storage.db.archive_fault) is a failed page, its
    reason in the run's errors, logged in one line; a full disk also stops the crawl, since
    nothing more can be stored. If the end of the run itself cannot be written, the run stays
    "running" and the next crawl closes it.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.engine = archive_engine(crawler.settings)
        self.url = self.engine.url.render_as_string(hide_password=False)
        self.run_id: int | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        for name in ("scrapy.core.scraper", "scrapy.utils.signal"):
            logging.getLogger(name).addFilter(_ArchiveFaultsInOneLine(self.url))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        names = [s.name for s in getattr(spider, "sources", [])]
        given = self.crawler.settings.getint("ARSIP_RUN_ID", 0)
        try:
            with session(self.engine) as db:
                closed = close_dead_runs(db, gone_crawl)
                if closed:
                    log.warning("closed %d run(s) left running by a crawl that is gone: %s", len(closed), closed)
                if given:
                    self.run_id = given
                    set_run_process(db, given, os.getpid(), socket.gethostname())
                else:
                    self.run_id = start_run(db, names, pid=os.getpid(), host=socket.gethostname())
        except SQLAlchemyError as exc:  # a full disk stops the crawl before it fetches what it cannot store
            if record_archive_fault(self.crawler, f"the record of this crawl in {self.url}", exc) is None:
                raise
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("arsip/run_id", self.run_id)

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Failure) -> None:
        record_archive_fault(self.crawler, getattr(item, "url", None) or getattr(response, "url", "?"), failure.value)

    def spider_error(self, failure: Failure, response: Any, spider: Spider) -> None:
        record_archive_fault(self.crawler, getattr(response, "url", "?"), failure.value)

    def spider_closed(self, reason: str) -> None:
        if self.run_id is None:
            return
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        failures = stats.get(FAILURES) or []
        # Pages the archive refused (locked) make the crawl incomplete for a reason not the portal's:
        # the run failed, so the next crawl walks the listings past what this one did store.
        refused = sum(v for k, v in stats.items() if k.startswith(f"{FAULT_PAGES}/") and isinstance(v, int))
        if reason == "finished" and refused:
            status, exit_reason = "failed", (
                f"archive_locked: {refused} page(s) not stored (database is locked); the next crawl fetches them again"
            )
        else:
            status, exit_reason = ("finished" if reason == "finished" else "failed"), reason
        try:
            with session(self.engine) as db:
                finish_run(
                    db,
                    self.run_id,
                    status=status,
                    errors="\n".join(failures) or None,
                    exit_reason=exit_reason,
                    **run_summary(stats),
                )
        except SQLAlchemyError as exc:
            fault = archive_fault(exc, self.url)
            why = fault.message if fault else f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            _remember(self.crawler, f"run {self.run_id} could not be closed ({why}); the next crawl closes it")
            log.error("could not record the end of run %s: %s; the next crawl closes it as failed", self.run_id, why)


def on_archive_fault(crawler: Crawler, exc: BaseException | str) -> ArchiveFault | None:
    """The archive fault behind a failed write (an exception or its message), or None.

    A full disk stops the crawl (finish reason `archive_disk_full`), once: nothing more can
    be stored, and every page fetched from then on would be fetched for nothing.
    """
    fault = archive_fault(exc, archive_engine(crawler.settings).url.render_as_string(hide_password=False))
    if fault is None or fault.kind != "disk_full" or crawler.engine is None:
        return fault
    assert crawler.stats is not None
    if not crawler.stats.get_value(DISK_FULL):
        crawler.stats.set_value(DISK_FULL, True)
        log.error("stopping the crawl: %s", fault.message)
        deferred_from_coro(crawler.engine.close_spider_async(reason=DISK_FULL))
    return fault


def record_archive_fault(crawler: Crawler, url: str, exc: BaseException | str) -> ArchiveFault | None:
    """Count a page the archive would not store as failed, with the fault's reason; None if `exc` is no fault."""
    fault = on_archive_fault(crawler, exc)
    if fault is None:
        return None
    assert crawler.stats is not None
    crawler.stats.inc_value(PAGE_FAILED)
    crawler.stats.inc_value(f"{FAULT_PAGES}/{fault.kind}")
    _remember(crawler, f"{url}: {fault.message}")
    log.warning("not archived: %s: %s", url, fault.message)
    return fault


class _ArchiveFaultsInOneLine(logging.Filter):
    """Scrapy logs an error of an item, a callback or a signal handler with a traceback.

    When the error is an archive fault (disk full, locked) it is a condition, not a bug: the
    record keeps its message, gets the fault's explanation instead of the traceback.
    """

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and (fault := archive_fault(exc, self.url)) is not None:
            record.msg, record.args = f"{record.getMessage()}: {fault.message}", ()
            record.exc_info = record.exc_text = None
        return True


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
