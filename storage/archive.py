"""The write path: archive an article (with exact-duplicate detection), record skipped pages.

Each function is one transaction and commits it: an article is stored with its raw
page or not at all. Only exact duplicates (same normalised text) are clustered here;
near-duplicates (syndicated, lightly edited copies) are the dedup stage's job.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Article, RawPage, SkippedPage
from storage.raw import compress

Outcome = Literal["new", "duplicate", "known"]
SkipOutcome = Literal["not_relevant", "failed", "redirected"]
UrlStatus = Literal["new", "retry", "known"]


@dataclass(frozen=True)
class NewArticle:
    url: str
    canonical_url: str
    source: str
    title: str | None
    published: datetime | None  # timezone-aware
    author: str | None
    region_code: str | None  # "35.25", or "35" when only the province is known
    regions: tuple[str, ...]  # every region code mentioned
    text: str
    relevance_score: float
    relevance_reason: str
    html: bytes  # the page as fetched
    content_type: str | None
    encoding: str | None
    http_status: int
    fetched_at: datetime  # timezone-aware

    def __post_init__(self) -> None:
        for name in ("published", "fetched_at"):
            value = getattr(self, name)
            if value is not None and (value.tzinfo is None or value.utcoffset() is None):
                raise ValueError(
                    f"article {self.url}: {name} is a naive datetime {value.isoformat()}; give it a timezone"
                )


@dataclass(frozen=True)
class Added:
    outcome: Outcome
    article_id: int | None  # the stored row; for "known", the row already archived under that URL
    duplicate_of: int | None  # for "duplicate", the first article with the same text


def content_hash(text: str) -> str:
    """sha256 hex of the text with whitespace collapsed: reflowed copies of one text hash alike."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _archived_id(session: Session, *urls: str) -> int | None:
    wanted = sorted(set(urls))
    return session.scalar(
        select(Article.id).where(or_(Article.url.in_(wanted), Article.canonical_url.in_(wanted))).limit(1)
    )


def _raw_page(article_id: int, article: NewArticle) -> RawPage:
    return RawPage(
        article_id=article_id,
        body=compress(article.html),
        content_type=article.content_type,
        encoding=article.encoding,
        http_status=article.http_status,
    )


def add_article(session: Session, article: NewArticle) -> Added:
    """Archive an article with its raw page, unless its URL is already there.

    "known": the url or canonical_url is archived; nothing is written.
    "duplicate": the same text is archived under another URL; stored as a copy (its own
    url and source) with duplicate_of and cluster_id naming the first one.
    "new": the first of its story; its cluster_id is its own id.
    """
    if (existing := _archived_id(session, article.url, article.canonical_url)) is not None:
        session.rollback()
        return Added("known", existing, None)
    digest = content_hash(article.text)
    first = session.execute(
        select(Article.id, Article.cluster_id)
        .where(Article.content_hash == digest)
        .order_by(Article.duplicate_of.is_not(None), Article.id)
        .limit(1)
    ).first()
    row = Article(
        url=article.url,
        canonical_url=article.canonical_url,
        source=article.source,
        title=article.title,
        published=article.published,
        author=article.author,
        region_code=article.region_code,
        regions=" ".join(article.regions),
        text=article.text,
        content_hash=digest,
        relevance_score=article.relevance_score,
        relevance_reason=article.relevance_reason,
        duplicate_of=first.id if first else None,
        cluster_id=(first.cluster_id or first.id) if first else None,
        fetched_at=article.fetched_at,
    )
    try:
        session.add(row)
        session.flush()
        if first is None:
            row.cluster_id = row.id
        session.add(_raw_page(row.id, article))
        session.execute(
            delete(SkippedPage).where(
                SkippedPage.url.in_({article.url, article.canonical_url}), SkippedPage.outcome == "failed"
            )
        )
        session.commit()
    except IntegrityError:
        # Another writer archived the same URL between our check and our insert.
        session.rollback()
        if (existing := _archived_id(session, article.url, article.canonical_url)) is not None:
            session.rollback()
            return Added("known", existing, None)
        raise
    except BaseException:
        session.rollback()
        raise
    if first is None:
        return Added("new", row.id, None)
    return Added("duplicate", row.id, first.id)


def record_skip(
    session: Session,
    url: str,
    source: str,
    outcome: SkipOutcome,
    reason: str,
    relevance_score: float | None = None,
) -> None:
    """Remember a page that was not archived (one row per URL; a repeat updates it and counts the attempt)."""
    if outcome not in ("not_relevant", "failed", "redirected"):
        raise ValueError(f"skip outcome must be 'not_relevant', 'failed' or 'redirected', got {outcome!r}")
    values = {"source": source, "outcome": outcome, "reason": reason, "relevance_score": relevance_score}
    now = datetime.now(UTC)
    for attempt in range(2):
        try:
            updated = session.execute(
                update(SkippedPage)
                .where(SkippedPage.url == url)
                .values(**values, seen_at=now, attempts=SkippedPage.attempts + 1)
            )
            if updated.rowcount == 0:  # type: ignore[attr-defined]
                session.add(SkippedPage(url=url, attempts=1, seen_at=now, **values))
            session.commit()
            return
        except IntegrityError:
            # A concurrent writer inserted the row first: the second pass updates it.
            session.rollback()
            if attempt:
                raise
        except BaseException:
            session.rollback()
            raise


def url_status(session: Session, url: str, *, max_failures: int) -> UrlStatus:
    """What a crawl should do with a URL it found.

    "known": archived (as url or canonical url), judged not relevant, a redirect to a page
    already handled, or failed `max_failures` times: never fetched again.
    "retry": failed fewer times: fetched again, but not news to a listing's pagination.
    "new": never seen.
    """
    if _archived_id(session, url) is not None:
        return "known"
    skipped = session.execute(
        select(SkippedPage.outcome, SkippedPage.attempts).where(SkippedPage.url == url)
    ).first()
    if skipped is None:
        return "new"
    if skipped.outcome == "failed" and skipped.attempts < max_failures:
        return "retry"
    return "known"
