"""The archive's tables, as typed SQLAlchemy models.

The schema is owned by the Alembic migrations in `storage/migrations/versions`;
these models must match them (tests/test_storage_db.py checks it with Alembic's
`compare_metadata`). Never build the schema with `create_all`.

On SQLite the migrations also create `articles_fts`, an FTS5 index over
`articles.title` and `articles.text` kept in sync by triggers; it is not a model.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from sqlalchemy import BigInteger, CheckConstraint, Column, Float, ForeignKey, Integer, LargeBinary, MetaData, String, Table, Text, Unicode
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UTCDateTime

# Named constraints and indexes, so later migrations (and SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
url_str = Annotated[str, mapped_column(String, unique=True)]
count = Annotated[int, mapped_column(Integer, default=0)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), str: String()}


class Article(Base):
    """One archived copy of a news article. Copies of one story share `cluster_id`."""

    __tablename__ = "articles"

    id: Mapped[intpk]
    url: Mapped[url_str]
    canonical_url: Mapped[url_str]
    source: Mapped[str] = mapped_column(index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(index=True)
    author: Mapped[str | None]
    # "35.25" (kabupaten/kota) or "35" (the article names only the province).
    region_code: Mapped[str | None] = mapped_column(index=True)
    # Every region code the article mentions, space-separated.
    regions: Mapped[str] = mapped_column(default="")
    text: Mapped[str] = mapped_column(Text)
    # sha256 hex of the whitespace-normalised text: the exact-duplicate key.
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    relevance_score: Mapped[float] = mapped_column(Float)
    relevance_reason: Mapped[str] = mapped_column(Text)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    # The id of the first article of the story (its own id for the first one).
    cluster_id: Mapped[int | None] = mapped_column(index=True)
    fetched_at: Mapped[datetime]


class DedupSignature(Base):
    """An article's MinHash signature and figures: what a new text is verified against (storage/dedup.py)."""

    __tablename__ = "dedup_signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)  # NUM_PERM little-endian uint32
    figures: Mapped[str] = mapped_column(Text)  # JSON: "word before|word after" -> the figures between


class DedupBand(Base):
    """The LSH index: one row per (band hash, article); the primary key serves `band IN (...)` lookups."""

    __tablename__ = "dedup_bands"

    band: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True)


class RawPage(Base):
    """The fetched page behind an article, compressed, so it can be re-extracted without a refetch."""

    __tablename__ = "raw_pages"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)  # gzip of the page bytes as served
    content_type: Mapped[str | None]
    encoding: Mapped[str | None]
    http_status: Mapped[int]


class SkippedPage(Base):
    """A page that is not archived: not relevant or a redirect (never refetched), or failed (retried a few times)."""

    __tablename__ = "skipped_pages"
    __table_args__ = (CheckConstraint("outcome IN ('not_relevant', 'failed', 'redirected')", name="outcome"),)

    id: Mapped[intpk]
    url: Mapped[url_str]
    source: Mapped[str]
    outcome: Mapped[str]
    reason: Mapped[str] = mapped_column(Text)
    relevance_score: Mapped[float | None] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(default=1)
    seen_at: Mapped[datetime]


class Run(Base):
    """One crawl: when, which sources, and what it found."""

    __tablename__ = "runs"
    __table_args__ = (CheckConstraint("status IN ('running', 'finished', 'failed')", name="status"),)

    id: Mapped[intpk]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(default="running")
    sources: Mapped[str] = mapped_column(Text, default="")  # space-separated source names
    pages_fetched: Mapped[count]
    articles_new: Mapped[count]
    articles_duplicate: Mapped[count]
    not_relevant: Mapped[count]
    failed: Mapped[count]
    errors: Mapped[str | None] = mapped_column(Text)
    # Who started it ("manual": `arsip crawl`; "scheduled"/"retry": the scheduler service) and which
    # process ran it, so a run left "running" by a killed process can be told from a live one.
    trigger: Mapped[str] = mapped_column(server_default="manual", default="manual")
    pid: Mapped[int | None]
    host: Mapped[str | None]
    instance: Mapped[str | None]  # the scheduler service instance that started it
    exit_reason: Mapped[str | None] = mapped_column(Text)  # Scrapy's finish reason, or why it was stopped


class CrawlLock(Base):
    """A lease on a name ("scheduler", "source:<name>"): who holds it and until when.

    A holder renews `expires_at` while it lives; a lease past it, or held by a dead process
    on this host, can be taken over.
    """

    __tablename__ = "crawl_locks"

    name: Mapped[str] = mapped_column(primary_key=True)
    holder: Mapped[str]  # the scheduler instance id: host:pid:random
    host: Mapped[str]
    pid: Mapped[int]
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]


# APScheduler's SQLAlchemyJobStore table, as APScheduler 3.x defines it (tests check the twin).
# It lives in the migrations like every other table, so `arsip db upgrade` and the models/migrations
# check cover it; the job store's own create-if-missing then finds it there.
apscheduler_jobs = Table(
    "apscheduler_jobs",
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
