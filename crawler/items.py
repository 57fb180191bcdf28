"""What the spider hands to the item pipelines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crawler.text import Extraction
from crawler.text.rules import SiteRules
from storage.archive import Prepared


@dataclass(slots=True)
class ArticlePage:
    """A fetched article page; `extraction` is filled by ExtractPipeline."""

    url: str
    source: str
    fallback_region: str | None
    body: bytes
    content_type: str | None
    encoding: str | None
    http_status: int
    fetched_at: datetime
    extraction: Extraction | None = None
    rules: SiteRules | None = None  # the source's extraction rules (sources file, [source.rules])
    prepared: Prepared | None = None  # filled by ExtractPipeline for a relevant page: what the archive stores

    def __repr__(self) -> str:
        """Short, for Scrapy's log lines: the page's bytes would drown them."""
        return f"<ArticlePage {self.source} {self.url}>"
