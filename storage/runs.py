"""Crawl history and crawl locks.

Runs: one row per crawl, opened by the crawler's RunRecorder (`arsip crawl`) or by the
scheduler service (which passes the run id to its crawl process), closed with the crawl's
counts; read by `arsip runs` and `arsip status`.

Locks: a lease per name ("scheduler" for the service, "source:<name>" for a crawl of one
source). The holder renews it while it lives; a lease that has expired, or whose holder
process is known to be dead, can be taken over. Whether a process is alive is the caller's
question (storage knows nothing of processes): it passes `is_dead`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import CrawlLock, Run

TRIGGERS = ("manual", "scheduled", "retry")


def start_run(
    session: Session,
    sources: Sequence[str],
    *,
    trigger: str = "manual",
    pid: int | None = None,
    host: str | None = None,
    instance: str | None = None,
) -> int:
    """Record the start of a crawl; returns the run id to give to finish_run."""
    if trigger not in TRIGGERS:
        raise ValueError(f"a run's trigger is one of {', '.join(TRIGGERS)}, got {trigger!r}")
    run = Run(
        started_at=datetime.now(UTC),
        status="running",
        sources=" ".join(sources),
        trigger=trigger,
        pid=pid,
        host=host,
        instance=instance,
    )
    session.add(run)
    session.commit()
    return run.id


def set_run_process(session: Session, run_id: int, pid: int, host: str) -> None:
    """Remember which process crawls for a run (the scheduler knows it only after starting it)."""
    session.execute(update(Run).where(Run.id == run_id).values(pid=pid, host=host))
    session.commit()


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
    exit_reason: str | None = None,
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
    run.exit_reason = exit_reason
    session.commit()


def close_run(session: Session, run_id: int, reason: str, errors: str | None = None, *, replace: bool = False) -> bool:
    """Close a run its crawl process left open (crashed, killed, timed out) as failed.

    Returns True when the run was still running. With `replace`, a run the crawl did close
    as failed gets `reason` in front of its own (the service stopped it: say so).
    """
    run = session.get(Run, run_id, populate_existing=True)  # the crawl process may have closed it
    if run is None:
        raise ValueError(f"no run with id {run_id}")
    if run.status == "running":
        run.status = "failed"
        run.finished_at = datetime.now(UTC)
        run.exit_reason = reason
        if errors:
            run.errors = f"{run.errors}\n{errors}" if run.errors else errors
        session.commit()
        return True
    if replace and run.status == "failed":
        run.exit_reason = f"{reason} (crawl: {run.exit_reason})" if run.exit_reason else reason
        session.commit()
    return False


def running_runs(session: Session) -> list[Run]:
    """Runs still marked running, oldest first (at service start: which of them are dead?)."""
    return list(session.scalars(select(Run).where(Run.status == "running").order_by(Run.id)))


def close_dead_runs(session: Session, is_dead: Callable[[Run], str | None]) -> list[int]:
    """Close as failed every running run for which `is_dead` gives a reason; returns their ids.

    `is_dead` must answer None unless the run's process is provably gone (same host, pid not
    running): a run closed while its crawl still writes would be reported wrong.
    """
    closed = []
    for run in running_runs(session):
        reason = is_dead(run)
        if reason and close_run(session, run.id, reason):
            closed.append(run.id)
    return closed


def interrupted_sources(session: Session, sources: Sequence[str]) -> set[str]:
    """The sources whose latest ended crawl did not finish (killed, stopped, disk full).

    Such a crawl may have archived the first page of a listing and never reached the next:
    the next crawl walks their listings past pages that show nothing new, or the articles
    only a deeper page links to would never be fetched.
    """
    interrupted = set()
    for source in sources:
        last = session.scalar(
            select(Run.status).where(_of_source(source), Run.status != "running").order_by(Run.id.desc()).limit(1)
        )
        if last == "failed":
            interrupted.add(source)
    return interrupted


def _of_source(source: str):  # a SQL expression
    """Runs whose space-separated `sources` include `source`."""
    return (literal(" ") + Run.sources + literal(" ")).contains(f" {source} ")


def get_run(session: Session, run_id: int) -> Run | None:
    """The run as the database has it now (a crawl process writes it meanwhile)."""
    return session.get(Run, run_id, populate_existing=True)


def recent_runs(session: Session, limit: int = 20, source: str | None = None) -> list[Run]:
    """The latest crawls, newest first (for `arsip runs`), optionally of one source."""
    query = select(Run).order_by(Run.id.desc()).limit(limit)
    if source is not None:
        query = query.where(_of_source(source))
    return list(session.scalars(query))


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """How a source's crawls have gone lately (for `arsip status` and retry backoff)."""

    source: str
    last: Run | None  # the latest run that has ended
    running: bool
    failures_in_a_row: int  # ended runs that failed since the last finished one
    last_new_at: datetime | None  # start of the latest run that archived something new
    first_run_at: datetime | None


def source_health(session: Session, source: str, window: int = 50) -> SourceHealth:
    """The last result, the failure streak and when something new last came, of one source.

    Counts of a run are for all its sources: a manual crawl of several sources that found
    something new counts as "new" for each of them.
    """
    ended = list(
        session.scalars(
            select(Run).where(_of_source(source), Run.status != "running").order_by(Run.id.desc()).limit(window)
        )
    )
    streak = 0
    for run in ended:
        if run.status != "failed":
            break
        streak += 1
    running = session.scalar(select(Run.id).where(_of_source(source), Run.status == "running").limit(1)) is not None
    last_new_at = session.scalar(
        select(Run.started_at).where(_of_source(source), Run.articles_new > 0).order_by(Run.id.desc()).limit(1)
    )
    first_run_at = session.scalar(select(Run.started_at).where(_of_source(source)).order_by(Run.id).limit(1))
    return SourceHealth(source, ended[0] if ended else None, running, streak, last_new_at, first_run_at)


# Locks -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Holder:
    """Who asks for a lock: an id unique per process start, and its process (for takeover)."""

    id: str
    host: str
    pid: int


def get_lock(session: Session, name: str) -> CrawlLock | None:
    return session.get(CrawlLock, name, populate_existing=True)


def acquire_lock(
    session: Session, name: str, holder: Holder, ttl: timedelta, is_dead: Callable[[CrawlLock], bool]
) -> CrawlLock | None:
    """Take the lease on `name` for `ttl`; returns None when someone alive holds it.

    A lease already held by `holder` itself is not given again: one holder, one use at a
    time. The takeover is a compare-and-set on the old holder and expiry, so two takers
    cannot both win.
    """
    now = datetime.now(UTC)
    values = {"holder": holder.id, "host": holder.host, "pid": holder.pid, "acquired_at": now, "expires_at": now + ttl}
    try:
        session.execute(insert(CrawlLock).values(name=name, **values))
        session.commit()
        return get_lock(session, name)
    except IntegrityError:
        session.rollback()
    current = get_lock(session, name)
    if current is None:  # released meanwhile: try once more
        return acquire_lock(session, name, holder, ttl, is_dead)
    if current.holder == holder.id or not (current.expires_at < now or is_dead(current)):
        return None
    taken = session.execute(
        update(CrawlLock)
        .where(CrawlLock.name == name, CrawlLock.holder == current.holder, CrawlLock.expires_at == current.expires_at)
        .values(**values)
    )
    session.commit()
    return get_lock(session, name) if taken.rowcount == 1 else None


def renew_locks(session: Session, holder: Holder, ttl: timedelta) -> list[str]:
    """Extend every lease `holder` has; returns their names (a lost one is missing)."""
    session.execute(
        update(CrawlLock).where(CrawlLock.holder == holder.id).values(expires_at=datetime.now(UTC) + ttl)
    )
    session.commit()
    return list(session.scalars(select(CrawlLock.name).where(CrawlLock.holder == holder.id)))


def release_lock(session: Session, name: str, holder: Holder) -> bool:
    """Give the lease back (only the holder can); returns whether it was held."""
    result = session.execute(delete(CrawlLock).where(CrawlLock.name == name, CrawlLock.holder == holder.id))
    session.commit()
    return result.rowcount == 1
