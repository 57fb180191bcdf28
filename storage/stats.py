"""What the archive holds: counts per month of a search, and per source and region overall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from storage.filters import Filters
from storage.fulltext import base
from storage.models import Article
from storage.types import aware


def monthly_counts(session: Session, filters: Filters, *, all_copies: bool = False) -> list[tuple[str, int]]:
    """(YYYY-MM in Jakarta time, number of stories or copies) for every month with a dated match, oldest first."""
    if session.get_bind().dialect.name == "postgresql":
        month: ColumnElement[str] = func.to_char(func.timezone("Asia/Jakarta", Article.published), "YYYY-MM")
    else:
        month = func.strftime("%Y-%m", Article.published, "+7 hours")
    counted = func.count() if all_copies else func.count(func.distinct(func.coalesce(Article.cluster_id, Article.id)))
    statement, _ = base(session, filters, month.label("month"), counted.label("n"))
    statement = statement.where(Article.published.is_not(None)).group_by(month).order_by(month)
    return [(m, n) for m, n in session.execute(statement)]


@dataclass(frozen=True)
class Stats:
    """What the archive holds."""

    articles: int
    stories: int
    sources: dict[str, int]
    regions: dict[str, int]  # region code -> articles; "" for articles without a region
    first_published: datetime | None
    last_published: datetime | None
    last_fetched: datetime | None


def archive_stats(session: Session) -> Stats:
    """Counts per source and region, stories, and the date range of the archive."""
    total, stories, first, last, fetched = session.execute(
        select(
            func.count(),
            func.count(func.distinct(func.coalesce(Article.cluster_id, Article.id))),
            func.min(Article.published),
            func.max(Article.published),
            func.max(Article.fetched_at),
        )
    ).one()
    sources = session.execute(select(Article.source, func.count()).group_by(Article.source).order_by(Article.source))
    regions_ = session.execute(select(Article.region_code, func.count()).group_by(Article.region_code))
    return Stats(
        articles=total,
        stories=stories,
        sources={s: n for s, n in sources},
        regions={(code or ""): n for code, n in regions_},
        first_published=aware(first),
        last_published=aware(last),
        last_fetched=aware(fetched),
    )
