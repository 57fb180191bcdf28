"""Item pipelines: extract (in worker processes), judge relevance, archive (in batches).

Every page ends in exactly one outcome, counted in the stats as `arsip/<stage>/<outcome>`
and, except for a new or copied article, remembered in the archive with its reason. A page
that could not be processed (its extraction raised, its worker died, the database refused
it) counts as failed (`arsip/fetch/failed`, like a page that could not be fetched) and is
tried again on the next crawl.

The reactor thread never does the CPU work of a page (crawler/extract_pool.py) nor waits
for the database: articles and skipped pages are written by `ArchiveWriter`, one thread,
in batches of up to ARSIP_WRITE_BATCH_SIZE pages or ARSIP_WRITE_BATCH_SECONDS, whichever
comes first, one transaction per batch (storage.archive.add_articles: a SAVEPOINT per
article). Each `process_item` awaits its page's outcome, so a slow database or slow
extraction holds pages in Scrapy's scraper slot, and its downloader backs out.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import Engine

from crawler.database import archive_engine
from crawler.extensions import PAGE_FAILED, add_failure
from crawler.extract_pool import ExtractPool, PageFailed, PageJob, default_workers
from crawler.items import ArticlePage
from crawler.urls import canonical_url, normalize_url
from storage.archive import (
    Added,
    NewArticle,
    Skip,
    SkipOutcome,
    add_articles,
    record_skips,
)
from storage.db import session
from storage.dedup import DedupOptions

logger = logging.getLogger(__name__)


class ArchiveWriter:
    """Batches the crawl's writes into one thread: `await writer.add(article)` -> Added.

    One per crawler, shared by the pipelines (`ArchiveWriter.of(crawler)`); each pipeline
    opens it when the spider opens and closes it when the spider closes; the last close
    writes what is still pending and stops the thread.
    """

    _of: ClassVar[WeakKeyDictionary[Crawler, ArchiveWriter]] = WeakKeyDictionary()

    @classmethod
    def of(cls, crawler: Crawler) -> ArchiveWriter:
        if crawler not in cls._of:
            settings = crawler.settings
            cls._of[crawler] = cls(
                archive_engine(settings),
                DedupOptions(threshold=settings.getfloat("ARSIP_DEDUP_THRESHOLD")),
                max_batch=settings.getint("ARSIP_WRITE_BATCH_SIZE", 50),
                max_delay=settings.getfloat("ARSIP_WRITE_BATCH_SECONDS", 0.5),
            )
        return cls._of[crawler]

    def __init__(self, engine: Engine, options: DedupOptions, *, max_batch: int = 50, max_delay: float = 0.5) -> None:
        if max_batch < 1 or max_delay < 0:
            raise ValueError(
                f"ARSIP_WRITE_BATCH_SIZE must be at least 1 and ARSIP_WRITE_BATCH_SECONDS at least 0, "
                f"got {max_batch} and {max_delay}"
            )
        self.engine = engine
        self.options = options
        self.max_batch = max_batch
        self.max_delay = max_delay
        self.batches = 0
        self._users = 0
        self._pending: list[tuple[NewArticle | Skip, asyncio.Future[Any]]] = []
        self._thread: ThreadPoolExecutor | None = None
        self._task: asyncio.Task[None] | None = None
        self._wakeup: asyncio.Event | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._due = self._closing = False

    def open(self) -> None:
        self._users += 1
        if self._task is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="arsip-writer")
            self._wakeup = asyncio.Event()
            self._closing = False
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def close(self) -> None:
        """Write what is pending (the last user's close), then stop the writer thread."""
        self._users -= 1
        if self._users > 0 or self._task is None:
            return
        assert self._wakeup is not None and self._thread is not None
        self._closing = True
        self._wakeup.set()
        try:
            await self._task
        finally:
            self._task = None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._thread.shutdown(wait=True)
            self._thread = None

    async def add(self, article: NewArticle) -> Added:
        """Archive an article with the next batch; raises if the whole batch could not be written."""
        return await self._enqueue(article)

    async def skip(self, skip: Skip) -> str | None:
        """Record a skipped page with the next batch: None, or why the database refused it."""
        return await self._enqueue(skip)

    def _enqueue(self, entry: NewArticle | Skip) -> asyncio.Future[Any]:
        if self._task is None or self._closing:
            raise RuntimeError("ArchiveWriter used while closed: open() it when the spider opens")
        assert self._wakeup is not None
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending.append((entry, future))
        if len(self._pending) >= self.max_batch:
            self._wakeup.set()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.max_delay, self._time_is_up)
        return future

    def _time_is_up(self) -> None:
        self._timer = None
        self._due = True
        assert self._wakeup is not None
        self._wakeup.set()

    async def _run(self) -> None:
        assert self._wakeup is not None
        try:
            while not (self._closing and not self._pending):
                await self._wakeup.wait()
                self._wakeup.clear()
                while self._pending and (self._due or self._closing or len(self._pending) >= self.max_batch):
                    batch = self._pending[: self.max_batch]
                    del self._pending[: self.max_batch]
                    await self._write(batch)
                self._due = False
                if self._pending and self._timer is None:
                    self._timer = asyncio.get_running_loop().call_later(self.max_delay, self._time_is_up)
        except BaseException as exc:  # a bug here must not leave pages waiting forever
            for _, future in self._pending:
                if not future.done():
                    future.set_exception(RuntimeError(f"the archive writer stopped: {exc!r}"))
            self._pending.clear()
            raise

    async def _write(self, batch: list[tuple[NewArticle | Skip, asyncio.Future[Any]]]) -> None:
        loop = asyncio.get_running_loop()
        self.batches += 1
        articles = [(e, f) for e, f in batch if isinstance(e, NewArticle)]
        skips = [(e, f) for e, f in batch if isinstance(e, Skip)]
        for entries, write in ((articles, self._write_articles), (skips, self._write_skips)):
            if not entries:
                continue
            try:
                results = await loop.run_in_executor(self._thread, write, [e for e, _ in entries])
            except Exception as exc:  # noqa: BLE001 - handed to every page of the batch, which fails with it
                for _, future in entries:
                    if not future.done():
                        future.set_exception(exc)
            else:
                for (_, future), result in zip(entries, results, strict=True):
                    if not future.done():
                        future.set_result(result)

    def _write_articles(self, articles: list[NewArticle]) -> list[Added]:
        with session(self.engine) as db:
            return add_articles(db, articles, options=self.options)

    def _write_skips(self, skips: list[Skip]) -> list[str | None]:
        with session(self.engine) as db:
            return record_skips(db, skips)


class _ArchivePipelineBase:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.writer = ArchiveWriter.of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _ArchivePipelineBase:
        return cls(crawler)

    async def open_spider(self) -> None:
        self.writer.open()

    async def close_spider(self) -> None:
        await self.writer.close()

    def count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)

    async def skip(self, page: ArticlePage, outcome: SkipOutcome, reason: str, score: float | None = None) -> None:
        url = normalize_url(page.url)
        try:
            refused = await self.writer.skip(Skip(url, page.source, outcome, reason, score))
        except Exception as exc:  # noqa: BLE001 - the batch failed (database down): logged, the crawl goes on
            refused = f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[0]}"
        if refused:
            logger.error("cannot record %s as %s: %s", url, outcome, refused)

    async def failed(self, page: ArticlePage, reason: str) -> None:
        """A page that could not be processed: counted, named in the run's errors, retried next crawl."""
        self.count(PAGE_FAILED)
        add_failure(self.crawler, f"{page.url}: {reason}")
        logger.warning("page failed: %s: %s", page.url, reason)
        await self.skip(page, "failed", reason)


class ExtractPipeline(_ArchivePipelineBase):
    """Clean text, metadata, relevance and what the archive needs, in the extraction pool;
    a page with no article text is recorded as failed."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        configured = crawler.settings.get("ARSIP_EXTRACT_WORKERS")
        try:
            workers = default_workers() if configured in (None, "") else int(configured)
        except ValueError:
            workers = -1
        if workers < 0:
            raise ValueError(
                f"ARSIP_EXTRACT_WORKERS must be a whole number of processes, 0 (extract in the crawl "
                f"process) or more, got {configured!r}"
            )
        self.pool = ExtractPool(workers)
        self.threshold = crawler.settings.getfloat("ARSIP_RELEVANCE_THRESHOLD")

    async def open_spider(self) -> None:
        await super().open_spider()
        self.pool.start()

    async def close_spider(self) -> None:
        try:
            self.pool.shutdown()
        finally:
            await super().close_spider()

    async def process_item(self, item: ArticlePage) -> ArticlePage:
        job = PageJob(item.url, item.body, item.fallback_region, item.fetched_at, self.threshold, item.rules)
        try:
            result = await self.pool.run(job)
        except PageFailed as exc:
            self.count("arsip/extract/failed")
            await self.failed(item, exc.reason)
            raise DropItem(f"extraction failed: {exc.reason}", log_level="DEBUG") from exc
        item.extraction, item.prepared = result.extraction, result.prepared
        if not item.extraction.text:
            self.count("arsip/extract/empty")
            await self.skip(item, "failed", item.extraction.reason)
            raise DropItem(f"no article text: {item.extraction.reason}", log_level="WARNING")
        return item


class RelevancePipeline(_ArchivePipelineBase):
    """Pages not about BPJS Ketenagakerjaan are remembered (URL, reason), not archived."""

    async def process_item(self, item: ArticlePage) -> ArticlePage:
        assert item.extraction is not None
        if not item.extraction.relevant:
            self.count("arsip/relevance/not_relevant")
            await self.skip(item, "not_relevant", item.extraction.reason, item.extraction.relevance_score)
            raise DropItem(f"not relevant: {item.extraction.reason}", log_level="INFO")
        return item


class ArchivePipeline(_ArchivePipelineBase):
    """Write the article: new, a copy (same or nearly the same text: it joins that story), or already known."""

    async def process_item(self, item: ArticlePage) -> ArticlePage:
        result = item.extraction
        assert result is not None
        article = NewArticle(
            url=normalize_url(item.url),
            canonical_url=canonical_url(item.url, result.canonical_url),
            source=item.source,
            title=result.title,
            published=result.published,
            author=result.author,
            region_code=result.region_code,
            regions=result.regions,
            text=result.text,
            relevance_score=result.relevance_score,
            relevance_reason=result.reason,
            html=item.body,
            content_type=item.content_type,
            encoding=item.encoding,
            http_status=item.http_status,
            fetched_at=item.fetched_at,
            prepared=item.prepared,
        )
        try:
            added = await self.writer.add(article)
        except Exception as exc:  # the batch failed (database down): the page failed, the crawl goes on
            self.count("arsip/archive/failed")
            first_line = (str(exc).strip().splitlines() or [""])[0]  # not the SQL and its parameters
            await self.failed(item, f"cannot write to the archive: {type(exc).__name__}: {first_line}")
            raise DropItem(f"not archived: {exc}", log_level="DEBUG") from exc
        self.count(f"arsip/archive/{added.outcome}")
        if added.outcome == "failed":
            await self.failed(item, added.error or "the database refused the article")
            raise DropItem(f"not archived: {added.error}", log_level="DEBUG")
        return item
