"""Crawl history: one row per crawl, written by the crawler's RunRecorder and read by `arsip runs`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Run


def start_run(session: Session, sources: Sequence[str]) -> int:
    """Record the start of a crawl; returns the run id to give to finish_run."""
    run = Run(started_at=datetime.now(UTC), status="running", sources=" ".join(sources))
    session.add(run)
    session.commit()
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    pages_fetched: int,
    articles_new: int,
    articles_duplicate: int,
    not_relevant: int,
    failed: int,
    errors: str | None,
) -> None:
    """Record how a crawl ended and what it found."""
    if status not in ("finished", "failed"):
        raise ValueError(f"a run finishes as 'finished' or 'failed', got {status!r}")
    run = session.get(Run, run_id)
    if run is None:
        raise ValueError(f"no run with id {run_id}: start it with start_run()")
    run.finished_at = datetime.now(UTC)
    run.status = status
    run.pages_fetched = pages_fetched
    run.articles_new = articles_new
    run.articles_duplicate = articles_duplicate
    run.not_relevant = not_relevant
    run.failed = failed
    run.errors = errors
    session.commit()


def recent_runs(session: Session, limit: int = 20) -> list[Run]:
    """The latest crawls, newest first (for `arsip runs`)."""
    return list(session.scalars(select(Run).order_by(Run.id.desc()).limit(limit)))
