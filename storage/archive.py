"""The write path: archive articles (joining their stories), record skipped pages.

Each write function commits its own transaction. `add_articles` writes a batch in one
transaction with a SAVEPOINT per article: an article is stored with its raw page, its
dedup index entries and its story, or not at all, and one that the database refuses
rolls back alone ("failed", with the database's reason) while the rest of the batch
commits. An exact copy (same normalised text) or a near copy (storage.dedup: MinHash
LSH, figures checked) joins the story of the first archived article; writers that could
join one story are serialised by `storage.dedup.lock`, taken once for the whole batch
(every band of every article, in sorted order), and the articles of a batch are written
in order, so a second copy of a story in the same batch joins the first.

The CPU work of an article (its dedup fingerprint, content hash, compressed page) is
`prepare`, a pure function: a crawl runs it in its extraction processes
(crawler/extract_pool.py) and hands the result in `NewArticle.prepared`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from typing import Literal

import numpy as np
from sqlalchemy import bindparam, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from storage import dedup
from storage.dedup import content_hash
from storage.models import Article, RawPage, SkippedPage
from storage.raw import compress

Outcome = Literal["new", "duplicate", "known", "failed"]
SkipOutcome = Literal["not_relevant", "failed", "redirected"]
UrlStatus = Literal["new", "retry", "known"]
MAX_BAND_LOCKS = 256  # a batch with more LSH bands than this locks all writers out instead (see _batch_lock)
LOOKUP_CHUNK = 500  # URLs per `url_states` query: 2 x 500 bound parameters, far below SQLite's limit


@dataclass(frozen=True)
class Prepared:
    """The CPU work of archiving one article, done before any lock (see `prepare`)."""

    fingerprint: dedup.Fingerprint
    content_hash: str
    compressed_html: bytes  # storage.raw.compress of NewArticle.html


def prepare(text: str, html: bytes) -> Prepared:
    """Fingerprint, content hash and compressed page of an article (pure; a few ms, in any process)."""
    return Prepared(dedup.fingerprint(text), content_hash(text), compress(html))


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
    # `prepare(text, html)` when the caller already computed it (a crawl's extraction processes).
    prepared: Prepared | None = field(default=None, repr=False, compare=False)

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
    error: str | None = None  # for "failed": why the database refused the article


_ARTICLES = Article.__table__
_RAW_PAGES = RawPage.__table__
_SKIPPED = SkippedPage.__table__
# Prebuilt statements with plain bound parameters: compiled once, cheap per article (a statement
# built per call costs SQLAlchemy more Python than the database spends on it).
_URL_PAIR = [bindparam("url"), bindparam("canonical_url")]
_ARCHIVED_ID = (
    select(_ARTICLES.c.id).where(or_(_ARTICLES.c.url.in_(_URL_PAIR), _ARTICLES.c.canonical_url.in_(_URL_PAIR))).limit(1)
)
_ARCHIVED_IDS = select(_ARTICLES.c.id, _ARTICLES.c.url, _ARTICLES.c.canonical_url).where(
    or_(
        _ARTICLES.c.url.in_(bindparam("urls", expanding=True)),
        _ARTICLES.c.canonical_url.in_(bindparam("canonicals", expanding=True)),
    )
)
_INSERT_ARTICLE = _ARTICLES.insert()
_OWN_STORIES = (
    _ARTICLES.update().where(_ARTICLES.c.id.in_(bindparam("ids", expanding=True))).values(cluster_id=_ARTICLES.c.id)
)
_INSERT_RAW_PAGE = _RAW_PAGES.insert()
_CLEAR_FAILED_SKIPS = _SKIPPED.delete().where(
    _SKIPPED.c.url.in_(bindparam("urls", expanding=True)), _SKIPPED.c.outcome == "failed"
)


def _archived_id(session: Session, *urls: str) -> int | None:
    return session.connection().scalar(_ARCHIVED_ID, {"url": urls[0], "canonical_url": urls[-1]})


def _archived_ids(session: Session, articles: Sequence[NewArticle]) -> dict[str, int]:
    """url or canonical url -> archived article id, for the URLs of `articles` (one query per chunk)."""
    wanted = sorted({u for a in articles for u in (a.url, a.canonical_url)})
    found: dict[str, int] = {}
    connection = session.connection()
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        for row in connection.execute(_ARCHIVED_IDS, {"urls": chunk, "canonicals": chunk}):
            found.setdefault(row.url, row.id)
            found.setdefault(row.canonical_url, row.id)
    return found


def add_article(session: Session, article: NewArticle, *, options: dedup.DedupOptions = dedup.DEFAULTS) -> Added:
    """Archive one article: a batch of one (see `add_articles`).

    Unlike a batch, an article the database refuses raises (IntegrityError, DataError)
    instead of coming back "failed": a single caller wants the error itself.
    """
    return _add(session, [article], options=options, isolate=False)[0]


def add_articles(
    session: Session, articles: Sequence[NewArticle], *, options: dedup.DedupOptions = dedup.DEFAULTS
) -> list[Added]:
    """Archive a batch of articles in one transaction; one result per article, in order.

    "known": the url or canonical_url is archived (also by an earlier article of the batch);
    nothing is written.
    "duplicate": the same or nearly the same text (a syndicated copy) is archived under
    another URL (also by an earlier article of the batch); stored as a copy (its own url and
    source) with duplicate_of and cluster_id naming the story's first article.
    "new": the first of its story; its cluster_id is its own id.
    "failed": the database refused this article (a constraint, bad data); it is rolled back
    alone (its SAVEPOINT) and `error` says why; the rest of the batch is written.
    A failure of the whole transaction (connection lost, disk full, lock timeout) raises and
    writes nothing; a PostgreSQL deadlock is retried.
    """
    return _add(session, articles, options=options, isolate=True)


def _add(
    session: Session, articles: Sequence[NewArticle], *, options: dedup.DedupOptions, isolate: bool
) -> list[Added]:
    if not articles:
        return []
    known = _archived_ids(session, articles)
    if all(a.url in known or a.canonical_url in known for a in articles):
        session.rollback()
        return [Added("known", known.get(a.url) or known[a.canonical_url], None) for a in articles]
    # CPU work before any lock is held; done already when a crawl's extraction process prepared it.
    articles = [
        a if a.prepared is not None or a.url in known or a.canonical_url in known else _prepared(a) for a in articles
    ]
    for attempt in range(3):
        try:
            results = _insert_batch(session, articles, options, isolate)
            session.commit()
            return results
        except DBAPIError as exc:
            session.rollback()
            if attempt < 2 and dedup.is_deadlock(exc):
                continue  # PostgreSQL broke a lock cycle between two writers: try again
            # Another writer archived the same URL between our check and our insert.
            if (
                not isolate
                and isinstance(exc, IntegrityError)
                and (existing := _archived_id(session, articles[0].url, articles[0].canonical_url)) is not None
            ):
                session.rollback()
                return [Added("known", existing, None)]
            raise
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")


def _prepared(article: NewArticle) -> NewArticle:
    return replace(article, prepared=prepare(article.text, article.html))


def _batch_lock(session: Session, articles: Iterable[NewArticle]) -> None:
    """One `dedup.lock` for every band of every article: taken in sorted order, so batches cannot deadlock.

    Past MAX_BAND_LOCKS bands the batch takes dedup's exclusive lock instead (waits for every
    other writer): on PostgreSQL each advisory lock is a slot of the shared lock table
    (max_locks_per_transaction x max_connections, 6,400 by default) and a batch of 50 articles
    would hold 1,600 of them.
    """
    bands = tuple(sorted({b for a in articles if a.prepared is not None for b in a.prepared.fingerprint.bands}))
    if len(bands) > MAX_BAND_LOCKS:
        dedup.lock(session, None, exclusive=True)
    else:
        dedup.lock(session, dedup.Fingerprint(np.zeros(0, dtype=np.uint32), bands, {}))


def _insert_batch(
    session: Session,
    articles: Sequence[NewArticle],
    options: dedup.DedupOptions,
    isolate: bool,
) -> list[Added]:
    _batch_lock(session, articles)
    # Looked up again under the lock: another writer may have archived some since `_add` looked.
    # (A writer that needs no common band lock can still do so now: the insert's unique-constraint
    # error then rolls the article back, and `_archived_id` finds it "known".)
    known = _archived_ids(session, articles)
    results: list[Added] = []
    for article in articles:
        if (existing := known.get(article.url) or known.get(article.canonical_url)) is not None:
            results.append(Added("known", existing, None))
            continue
        if not isolate:
            added = _insert(session, article, options)
        else:
            try:  # the Connection's SAVEPOINT: no ORM state to track, a third of Session.begin_nested's cost
                with session.connection().begin_nested():
                    added = _insert(session, article, options)
            except (IntegrityError, DataError) as exc:
                if (existing := _archived_id(session, article.url, article.canonical_url)) is not None:
                    added = Added("known", existing, None)  # a concurrent writer archived it first
                else:
                    added = Added("failed", None, None, _db_reason(exc))
        results.append(added)
        if added.outcome != "failed" and added.article_id is not None:
            known.setdefault(article.url, added.article_id)
            known.setdefault(article.canonical_url, added.article_id)
    _finish_batch(session, articles, results)
    return results


def _finish_batch(session: Session, articles: Sequence[NewArticle], results: Sequence[Added]) -> None:
    """One statement each for the whole batch instead of one per article.

    A new story's first article is its own story (its cluster_id, left NULL by `_insert`: a
    later article of the batch matching it reads NULL as "the article itself", as dedup does);
    an archived page is no longer a failure to retry (a judgement, not relevant or a redirect, stays).
    """
    connection = session.connection()
    stories = [r.article_id for r in results if r.outcome == "new"]
    if stories:
        connection.execute(_OWN_STORIES, {"ids": stories})
    archived = {
        url
        for a, r in zip(articles, results, strict=True)
        if r.outcome in ("new", "duplicate")
        for url in (a.url, a.canonical_url)
    }
    if archived:
        connection.execute(_CLEAR_FAILED_SKIPS, {"urls": sorted(archived)})


def _db_reason(exc: DBAPIError, what: str = "article") -> str:
    message = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    return f"the database refused the {what}: {message}"


def _raw_page(article_id: int, article: NewArticle) -> dict[str, object]:
    """The raw_pages row of an article (its `prepared` page)."""
    assert article.prepared is not None
    return {
        "article_id": article_id,
        "body": article.prepared.compressed_html,
        "content_type": article.content_type,
        "encoding": article.encoding,
        "http_status": article.http_status,
    }


def _insert(session: Session, article: NewArticle, options: dedup.DedupOptions) -> Added:
    """Write one article inside the caller's transaction (the dedup lock is held; its URLs are not archived).

    Core statements on the session's connection, not ORM objects: a flush per article costs
    more Python than the rest of the article's writing.
    """
    if article.prepared is None:  # archived when the batch began, removed since
        article = _prepared(article)
    prep = article.prepared
    assert prep is not None
    # One round trip: the first article with exactly this text (its story), else a near copy's story.
    match = dedup.find_match(session, prep.fingerprint, options=options, digest=prep.content_hash)
    story = match.cluster_id if match is not None else None
    connection = session.connection()
    inserted = connection.execute(
        _INSERT_ARTICLE,
        {
            "url": article.url,
            "canonical_url": article.canonical_url,
            "source": article.source,
            "title": article.title,
            "published": article.published,
            "author": article.author,
            "region_code": article.region_code,
            "regions": " ".join(article.regions),
            "text": article.text,
            "content_hash": prep.content_hash,
            "relevance_score": article.relevance_score,
            "relevance_reason": article.relevance_reason,
            "duplicate_of": story,
            "cluster_id": story,
            "fetched_at": article.fetched_at,
        },
    )
    article_id: int = inserted.inserted_primary_key[0]
    dedup.index(session, article_id, prep.fingerprint, fresh=True)
    connection.execute(_INSERT_RAW_PAGE, _raw_page(article_id, article))
    if story is None:
        return Added("new", article_id, None)
    return Added("duplicate", article_id, story)


@dataclass(frozen=True)
class Skip:
    """A page that is not archived, as `record_skips` writes it."""

    url: str
    source: str
    outcome: SkipOutcome
    reason: str
    relevance_score: float | None = None

    def __post_init__(self) -> None:
        if self.outcome not in ("not_relevant", "failed", "redirected"):
            raise ValueError(f"skip outcome must be 'not_relevant', 'failed' or 'redirected', got {self.outcome!r}")


@cache
def _upsert_statement(dialect: str) -> Executable:
    """INSERT … ON CONFLICT (url) DO UPDATE counting the attempt: built once per dialect, run per batch."""
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:
        raise ValueError(f"unsupported database {dialect!r}: arsip archives to SQLite or PostgreSQL")
    statement = insert(_SKIPPED)
    excluded = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[_SKIPPED.c.url],
        set_={
            "source": excluded.source,
            "outcome": excluded.outcome,
            "reason": excluded.reason,
            "relevance_score": excluded.relevance_score,
            "seen_at": excluded.seen_at,
            "attempts": _SKIPPED.c.attempts + 1,
        },
    )


def _upsert_skips(session: Session, skips: Sequence[Skip], now: datetime) -> None:
    """Upsert skips in one executemany, in order: no race between writers, a repeated URL counts twice."""
    connection = session.connection()
    rows = [
        {
            "url": skip.url,
            "source": skip.source,
            "outcome": skip.outcome,
            "reason": skip.reason,
            "relevance_score": skip.relevance_score,
            "attempts": 1,
            "seen_at": now,
        }
        for skip in skips
    ]
    connection.execute(_upsert_statement(connection.dialect.name), rows)


def record_skip(
    session: Session,
    url: str,
    source: str,
    outcome: SkipOutcome,
    reason: str,
    relevance_score: float | None = None,
) -> None:
    """Remember a page that was not archived (one row per URL; a repeat updates it and counts the attempt)."""
    skip = Skip(url, source, outcome, reason, relevance_score)
    try:
        _upsert_skips(session, [skip], datetime.now(UTC))
        session.commit()
    except BaseException:
        session.rollback()
        raise


def record_skips(session: Session, skips: Sequence[Skip]) -> list[str | None]:
    """Remember many pages in one transaction; per skip None, or why the database refused it.

    If the database refuses one (bad data), the batch is rolled back and each skip is written
    in its own transaction, so the others are kept. (No SAVEPOINT per skip: on SQLite a first
    statement that is a SAVEPOINT would make each skip its own transaction anyway.)
    """
    if not skips:
        return []
    now = datetime.now(UTC)
    try:
        _upsert_skips(session, skips, now)
        session.commit()
        return [None] * len(skips)
    except (IntegrityError, DataError):
        session.rollback()
    except BaseException:
        session.rollback()
        raise
    errors: list[str | None] = []
    for skip in skips:
        try:
            _upsert_skips(session, [skip], now)
            session.commit()
            errors.append(None)
        except (IntegrityError, DataError) as exc:
            session.rollback()
            errors.append(_db_reason(exc, "page"))
        except BaseException:
            session.rollback()
            raise
    return errors


@dataclass(frozen=True)
class UrlState:
    """What a crawl knows of a URL it found (see `url_states`)."""

    status: UrlStatus
    fresh: bool  # unknown to the archive before `since`: news to a listing's pagination


def url_states(
    session: Session, urls: Sequence[str], *, max_failures: int, since: datetime | None = None
) -> dict[str, UrlState]:
    """The state of each URL (normalised, as archived), in one query per LOOKUP_CHUNK URLs.

    status "known": archived (as url or canonical url), judged not relevant, a redirect to
    a page already handled, or failed `max_failures` times: never fetched again.
    "retry": failed fewer times: fetched again. "new": never seen.
    fresh: "new", or first seen at or after `since` (the start of this crawl): archived then,
    or skipped then for the first time. The archive, not the crawler's memory, says what a
    crawl has already found.
    """
    wanted = sorted(set(urls))
    archived: dict[str, datetime] = {}
    skipped: dict[str, tuple[str, int, datetime]] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        rows = session.execute(
            select(Article.url, Article.canonical_url, Article.fetched_at).where(
                or_(Article.url.in_(chunk), Article.canonical_url.in_(chunk))
            )
        )
        for row in rows:
            for key in (row.url, row.canonical_url):
                archived[key] = min(archived.get(key, row.fetched_at), row.fetched_at)
        rows = session.execute(
            select(SkippedPage.url, SkippedPage.outcome, SkippedPage.attempts, SkippedPage.seen_at).where(
                SkippedPage.url.in_(chunk)
            )
        )
        for row in rows:
            skipped[row.url] = (row.outcome, row.attempts, row.seen_at)
    states: dict[str, UrlState] = {}
    for url in wanted:
        if url in archived:
            states[url] = UrlState("known", since is not None and archived[url] >= since)
        elif url in skipped:
            outcome, attempts, seen_at = skipped[url]
            status: UrlStatus = "retry" if outcome == "failed" and attempts < max_failures else "known"
            states[url] = UrlState(status, since is not None and attempts == 1 and seen_at >= since)
        else:
            states[url] = UrlState("new", True)
    return states


def urls_to_retry(session: Session, source: str, *, max_failures: int) -> list[str]:
    """The source's pages that failed fewer than `max_failures` times, oldest attempt first.

    A crawl asks for them directly: found again only through discovery, a failed page that
    only a deep listing page links to would never be retried (pagination stops at the first
    page showing nothing new).
    """
    return list(
        session.scalars(
            select(SkippedPage.url)
            .where(
                SkippedPage.source == source,
                SkippedPage.outcome == "failed",
                SkippedPage.attempts < max_failures,
            )
            .order_by(SkippedPage.seen_at)
        )
    )


def url_status(session: Session, url: str, *, max_failures: int) -> UrlStatus:
    """What a crawl should do with one URL it found (see `url_states`)."""
    return url_states(session, [url], max_failures=max_failures)[url].status
