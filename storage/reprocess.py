"""Re-extraction's side of the archive: read stored pages in id order, write back what changed.

Pages are read in keyset batches (`id > last id seen`, a fresh query per batch), never
through one long cursor: the caller commits between batches, which a server-side cursor on
PostgreSQL or an open read on SQLite would not survive, and memory stays at one batch
whatever the archive's size. Rows changed during the run that no longer match the filters
are simply not seen again.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.filters import Filters
from storage.fulltext import filtered
from storage.models import Article, RawPage
from storage.raw import decompress


@dataclass(frozen=True, slots=True)
class ArticleFields:
    """The columns extraction decides; what re-extraction compares and may rewrite."""

    title: str | None
    text: str
    published: datetime | None  # timezone-aware
    author: str | None
    region_code: str | None
    regions: str  # space-separated codes, as stored
    relevance_score: float
    relevance_reason: str
    content_hash: str


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ArticleFields))


@dataclass(frozen=True, slots=True)
class StoredPage:
    """An archived article with its current fields and its raw page (None when unreadable)."""

    article_id: int
    url: str
    source: str
    fetched_at: datetime
    stored: ArticleFields
    html: bytes | None
    problem: str | None  # why `html` is None: no raw page kept, or the gzip is damaged


_COLUMNS = (
    Article.id,
    Article.url,
    Article.source,
    Article.fetched_at,
    *(getattr(Article, name) for name in FIELD_NAMES),
    RawPage.body,
)


def count_pages(session: Session, filters: Filters) -> int:
    """How many articles match `filters` (what a re-extraction will examine)."""
    statement, _ = filtered(session, filters, Article.id)
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def _unpack(body: bytes | None) -> tuple[bytes | None, str | None]:
    if body is None:
        return None, "no raw page stored for this article (it cannot be re-extracted)"
    try:
        return decompress(body), None
    except (gzip.BadGzipFile, zlib.error, EOFError, OSError) as exc:
        return None, f"raw page cannot be decompressed ({type(exc).__name__}: {exc}); refetch it"


def iter_page_batches(session: Session, filters: Filters, *, batch_size: int = 200) -> Iterator[list[StoredPage]]:
    """The matching articles with their raw pages, in id order, `batch_size` at a time.

    Each batch is its own query, so the caller may commit (or roll back) between batches.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    base, _ = filtered(session, filters, *_COLUMNS)
    base = base.outerjoin(RawPage, RawPage.article_id == Article.id).order_by(Article.id).limit(batch_size)
    last = 0
    while True:
        rows = session.execute(base.where(Article.id > last)).all()
        session.rollback()  # end the read transaction: nothing is held open between batches
        if not rows:
            return
        batch = []
        for row in rows:
            html, problem = _unpack(row.body)
            stored = ArticleFields(**{name: getattr(row, name) for name in FIELD_NAMES})
            batch.append(StoredPage(row.id, row.url, row.source, row.fetched_at, stored, html, problem))
        last = rows[-1].id
        yield batch
        if len(rows) < batch_size:
            return


def changed_fields(stored: ArticleFields, new: ArticleFields) -> dict[str, object]:
    """The columns whose value differs (datetimes compared as instants)."""
    return {name: getattr(new, name) for name in FIELD_NAMES if getattr(stored, name) != getattr(new, name)}


def apply_changes(
    session: Session,
    changes: Mapping[int, Mapping[str, object]],
    *,
    on_text_change: Callable[[int], None] | None = None,
) -> None:
    """Write each article's changed columns, all in one transaction: every row of the batch or none.

    `on_text_change(article_id)` runs, in that same transaction, for each article whose text
    changed (its story cluster may change too). The full-text index follows title/text
    changes through its UPDATE triggers.
    """
    unknown = {name for values in changes.values() for name in values} - set(FIELD_NAMES)
    if unknown:
        raise ValueError(f"apply_changes: not re-extractable column(s) {sorted(unknown)}")
    try:
        for article_id, values in changes.items():
            if values:
                session.execute(
                    update(Article)
                    .where(Article.id == article_id)
                    .values(**values)
                    .execution_options(synchronize_session=False)
                )
        if on_text_change is not None:
            for article_id, values in changes.items():
                if "text" in values:
                    on_text_change(article_id)
        session.commit()
    except BaseException:
        session.rollback()
        raise
