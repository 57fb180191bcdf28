"""The write path: archive an article (joining its story), record skipped pages.

Each function is one transaction and commits it: an article is stored with its raw
page, its dedup index entries and its story, or not at all. An exact copy (same
normalised text) or a near copy (storage.dedup: MinHash LSH, figures checked) joins
the story of the first archived article; writers that could join one story are
serialised by `storage.dedup.lock` (see storage/dedup.py for what is guaranteed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from storage import dedup
from storage.dedup import content_hash
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


def add_article(session: Session, article: NewArticle, *, options: dedup.DedupOptions = dedup.DEFAULTS) -> Added:
    """Archive an article with its raw page, unless its URL is already there.

    "known": the url or canonical_url is archived; nothing is written.
    "duplicate": the same or nearly the same text (a syndicated copy) is archived under
    another URL; stored as a copy (its own url and source) with duplicate_of and cluster_id
    naming the story's first article.
    "new": the first of its story; its cluster_id is its own id.
    """
    if (existing := _archived_id(session, article.url, article.canonical_url)) is not None:
        session.rollback()
        return Added("known", existing, None)
    fp = dedup.fingerprint(article.text)  # CPU work, before any lock is held
    for attempt in range(3):
        try:
            return _insert(session, article, fp, options)
        except IntegrityError:
            # Another writer archived the same URL between our check and our insert.
            session.rollback()
            if (existing := _archived_id(session, article.url, article.canonical_url)) is not None:
                session.rollback()
                return Added("known", existing, None)
            raise
        except DBAPIError as exc:
            session.rollback()
            if attempt < 2 and dedup.is_deadlock(exc):
                continue  # PostgreSQL broke a lock cycle between two writers: try again
            raise
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")


def _insert(session: Session, article: NewArticle, fp: dedup.Fingerprint, options: dedup.DedupOptions) -> Added:
    dedup.lock(session, fp)
    if (existing := _archived_id(session, article.url, article.canonical_url)) is not None:
        session.rollback()
        return Added("known", existing, None)
    digest = content_hash(article.text)
    exact = session.execute(
        select(Article.id, Article.cluster_id)
        .where(Article.content_hash == digest)
        .order_by(Article.duplicate_of.is_not(None), Article.id)
        .limit(1)
    ).first()
    if exact is not None:
        story: int | None = exact.cluster_id or exact.id
    else:
        match = dedup.find_match(session, fp, options=options)
        story = match.cluster_id if match else None
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
        duplicate_of=story,
        cluster_id=story,
        fetched_at=article.fetched_at,
    )
    session.add(row)
    session.flush()
    if story is None:
        row.cluster_id = row.id
    dedup.index(session, row.id, fp, fresh=True)
    session.add(_raw_page(row.id, article))
    session.execute(
        delete(SkippedPage).where(
            SkippedPage.url.in_({article.url, article.canonical_url}), SkippedPage.outcome == "failed"
        )
    )
    session.commit()
    if story is None:
        return Added("new", row.id, None)
    return Added("duplicate", row.id, story)


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
