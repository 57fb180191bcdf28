"""Item pipelines: extract, judge relevance, archive. Each is a few lines over a function.

Every page ends in exactly one outcome, counted in the stats as `arsip/<stage>/<outcome>`
and, except for a new or copied article, remembered in the archive with its reason.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import Engine

from crawler.database import archive_engine
from storage.db import session
from crawler.items import ArticlePage
from crawler.text import extract
from crawler.urls import canonical_url, normalize_url
from storage.archive import NewArticle, add_article, record_skip
from storage.dedup import DedupOptions


class _ArchivePipelineBase:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.engine: Engine = archive_engine(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _ArchivePipelineBase:
        return cls(crawler)

    def count(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)

    def skip(self, page: ArticlePage, outcome: str, reason: str, score: float | None = None) -> None:
        with session(self.engine) as db:
            record_skip(db, normalize_url(page.url), page.source, outcome, reason, score)


class ExtractPipeline(_ArchivePipelineBase):
    """Clean text and metadata; a page with no article text is recorded as failed."""

    def process_item(self, item: ArticlePage) -> ArticlePage:
        item.extraction = extract(
            item.body,
            item.url,
            fallback_region=item.fallback_region,
            fetched_at=item.fetched_at,
            relevance_threshold=self.crawler.settings.getfloat("ARSIP_RELEVANCE_THRESHOLD"),
            rules=item.rules,
        )
        if not item.extraction.text:
            self.count("arsip/extract/empty")
            self.skip(item, "failed", item.extraction.reason)
            raise DropItem(f"no article text: {item.extraction.reason}", log_level="WARNING")
        return item


class RelevancePipeline(_ArchivePipelineBase):
    """Pages not about BPJS Ketenagakerjaan are remembered (URL, reason), not archived."""

    def process_item(self, item: ArticlePage) -> ArticlePage:
        assert item.extraction is not None
        if not item.extraction.relevant:
            self.count("arsip/relevance/not_relevant")
            self.skip(item, "not_relevant", item.extraction.reason, item.extraction.relevance_score)
            raise DropItem(f"not relevant: {item.extraction.reason}", log_level="INFO")
        return item


class ArchivePipeline(_ArchivePipelineBase):
    """Write the article: new, a copy (same or nearly the same text: it joins that story), or already known."""

    def process_item(self, item: ArticlePage) -> ArticlePage:
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
        )
        options = DedupOptions(threshold=self.crawler.settings.getfloat("ARSIP_DEDUP_THRESHOLD"))
        with session(self.engine) as db:
            added = add_article(db, article, options=options)
        self.count(f"arsip/archive/{added.outcome}")
        return item
