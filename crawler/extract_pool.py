"""The CPU work of a fetched page, in a pool of processes: the crawl's reactor thread only fetches.

Extraction (about 7 ms a page), relevance, the dedup fingerprint, the content hash and the
compressed page are pure functions of the page's bytes; `process_page` does all of them in
one worker call and returns plain picklable data, so the reactor thread is free to fetch
while the workers extract. Why a process pool: the work is CPU-bound Python (lxml releases
the GIL for parsing, trafilatura's own code does not), so threads would not overlap it.

Back-pressure: at most `in_flight` pages (2 per worker) are submitted at once; the others
wait in `ExtractPool.run`, which the item pipeline awaits, so Scrapy's scraper slot fills
up and its downloader backs out. Memory stays flat however long the crawl.

Failures: a page whose extraction raises, or whose worker dies (killed, out of memory: the
pool is then broken for every page in it), comes back as `PageFailed` with the reason; a
broken pool is replaced by a new one and the crawl goes on. Workers are started with
"spawn" (never fork a process running a reactor and threads), ignore Ctrl-C (the crawl
shuts them down itself) and, on Linux, die with the crawl process even when it is killed.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime

from crawler.text import Extraction, extract
from crawler.text.rules import SiteRules
from storage.archive import Prepared, prepare

logger = logging.getLogger(__name__)

PER_WORKER_IN_FLIGHT = 2  # pages submitted per worker: one running, one waiting in its queue


@dataclass(frozen=True, slots=True)
class PageJob:
    """What a worker needs to process one fetched page."""

    url: str
    body: bytes
    fallback_region: str | None
    fetched_at: datetime
    relevance_threshold: float
    rules: SiteRules | None


@dataclass(frozen=True, slots=True)
class PageResult:
    extraction: Extraction
    prepared: Prepared | None  # for a relevant page with text: what the archive needs to store it


class PageFailed(Exception):
    """The page could not be processed; `reason` says why (for the failed-pages record)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def process_page(job: PageJob) -> PageResult:
    """Extract, judge and prepare one page (pure; runs in a worker process)."""
    extraction = extract(
        job.body,
        job.url,
        fallback_region=job.fallback_region,
        fetched_at=job.fetched_at,
        relevance_threshold=job.relevance_threshold,
        rules=job.rules,
    )
    prepared = prepare(extraction.text, job.body) if extraction.text and extraction.relevant else None
    return PageResult(extraction, prepared)


def default_workers() -> int:
    """One worker per core this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _init_worker(parent: int) -> None:
    """Ignore Ctrl-C (the terminal sends it to the whole process group) and die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when the crawl process ends
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before prctl took effect
        os._exit(0)


def _warm_up() -> int:
    """A no-op job that makes a worker start (and import the extraction code) before the first page."""
    return os.getpid()


class ExtractPool:
    """`await pool.run(job)` -> PageResult, or PageFailed. `workers=0` processes pages in this
    process, on the calling thread (for debugging and profiling: breakpoints and profilers see
    the extraction; it blocks the reactor as the crawl did before the pool)."""

    def __init__(self, workers: int, *, in_flight: int | None = None) -> None:
        if workers < 0:
            raise ValueError(f"extraction workers must be 0 (in this process) or more, got {workers}")
        self.workers = workers
        self.in_flight = in_flight or max(1, PER_WORKER_IN_FLIGHT * workers)
        self.restarts = 0
        self._executor: Executor | None = None
        self._slots: asyncio.Semaphore | None = None

    def start(self) -> None:
        """Start the workers now (they import the extraction code while discovery runs)."""
        self._slots = asyncio.Semaphore(self.in_flight)
        if self.workers:
            self._executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )
        for _ in range(self.workers):
            executor.submit(_warm_up)
        return executor

    def _replace(self, broken: Executor) -> None:
        """Put a new pool in place of a broken one (once, however many pages saw it break)."""
        if self._executor is not broken:
            return
        self.restarts += 1
        logger.warning("an extraction worker died: starting a new pool of %d workers", self.workers)
        broken.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new_executor()

    async def run(self, job: PageJob) -> PageResult:
        if self._slots is None:
            raise RuntimeError("ExtractPool.run before start(): open the pool when the spider opens")
        async with self._slots:
            if not self.workers:
                try:
                    return process_page(job)
                except Exception as exc:
                    raise PageFailed(job.url, f"extraction raised {type(exc).__name__}: {exc}") from exc
            for _ in range(2):
                executor = self._executor
                if executor is None:
                    raise RuntimeError("ExtractPool.run after shutdown()")
                try:
                    future = executor.submit(process_page, job)
                except BrokenProcessPool:
                    self._replace(executor)  # broke before this page reached it: submit it again
                    continue
                try:
                    return await asyncio.wrap_future(future)
                except BrokenProcessPool as exc:
                    self._replace(executor)
                    raise PageFailed(
                        job.url, "the extraction worker died while the page was in its pool (retried next crawl)"
                    ) from exc
                except Exception as exc:
                    raise PageFailed(job.url, f"extraction raised {type(exc).__name__}: {exc}") from exc
            raise PageFailed(job.url, "the extraction pool broke twice before the page reached it")

    def worker_pids(self) -> list[int]:
        """The pids of the current workers (for monitoring; started lazily, so maybe fewer than `workers`)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return sorted(processes)

    def shutdown(self) -> None:
        """Stop the workers: pages not started are cancelled, running ones finish, then they exit."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
