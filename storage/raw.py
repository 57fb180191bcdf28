"""Raw pages: the fetched bytes behind each article, kept gzip-compressed for re-extraction."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Article, RawPage


class StoredPage(NamedTuple):
    article_id: int
    url: str
    source: str
    html: bytes


def compress(body: bytes) -> bytes:
    """gzip (mtime 0, so the same page gives the same bytes); readable with any gzip tool."""
    return gzip.compress(body, compresslevel=6, mtime=0)


def decompress(body: bytes) -> bytes:
    return gzip.decompress(body)


def iter_raw_pages(
    session: Session, *, sources: tuple[str, ...] = (), batch_size: int = 100
) -> Iterator[StoredPage]:
    """Every stored page (optionally of some sources), in article id order, streamed in batches."""
    statement = (
        select(Article.id, Article.url, Article.source, RawPage.body)
        .join(RawPage, RawPage.article_id == Article.id)
        .order_by(Article.id)
    )
    if sources:
        statement = statement.where(Article.source.in_(sources))
    for article_id, url, source, body in session.execute(statement.execution_options(yield_per=batch_size)):
        yield StoredPage(article_id, url, source, decompress(body))
