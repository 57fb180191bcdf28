"""The scheduler's jobs: their triggers, the job function, and the job store they live in.

One job per source, id `crawl:<source>`, calling the top-level `crawl_source(source)` with
plain arguments, so APScheduler can pickle it into the archive database (its
SQLAlchemyJobStore, table `apscheduler_jobs`, made by migration 0004). A failed crawl adds
a one-off job `retry:<source>`.

Every job: coalesce (runs missed while the service was down run once), max_instances=1
(a crawl that overruns its slot is not started again beside itself), misfire_grace_time
None (a late run still runs: cron's behaviour, not APScheduler's 1-second default).

The `schedule list|add|remove|pause|resume` commands work on the job store with a paused
scheduler (`open_jobs`), which never runs a job; a running service sees their changes at
its next wake-up (it wakes at least every few seconds, see service.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from crawler import cron as crontab
from crawler.cron import DEFAULT_TIMEZONE
from scheduler.errors import ScheduleError

CRAWL = "crawl:"
RETRY = "retry:"
JOB_OPTIONS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
# Where a job came from, kept as its name: a sources-file job follows the file at each start,
# an added one stays until removed.
FROM_SOURCES = "sources file"
ADDED = "schedule add"
FROM_RETRY = "retry"

# The running service registers its crawl function here; jobs call it through crawl_source.
_runner: Callable[[str, str], None] | None = None


class Scheduler(BackgroundScheduler):
    """APScheduler's BackgroundScheduler, minus one race: on shutdown its thread wakes and
    processes due jobs once more (the state is then "stopped", not "paused"), submitting
    them to executors already shut down and moving their next run times."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        return super()._process_jobs()


class EditScheduler(BackgroundScheduler):
    """A scheduler that reads and edits the job store and never runs a job."""

    def _process_jobs(self) -> float | None:
        return None


def set_runner(runner: Callable[[str, str], None] | None) -> None:
    global _runner
    _runner = runner


def crawl_source(source: str, trigger: str = "scheduled") -> None:
    """The job function (pickled by reference): crawl one source in the running service."""
    if _runner is None:
        raise RuntimeError("crawl_source runs inside `arsip schedule run` only")
    _runner(source, trigger)


def cron_trigger(expression: str, jitter: int | None = None, timezone: str = DEFAULT_TIMEZONE) -> CronTrigger:
    """A trigger for a five-field crontab line in `timezone` (crontab's weekdays: 0 and 7 are Sunday).

    The reading lives in crawler/cron.py, so the sources-file check accepts exactly what runs here.
    """
    try:
        return crontab.cron_trigger(expression, jitter, timezone)
    except crontab.CronError as exc:
        raise ScheduleError(str(exc)) from exc


def interval_trigger(seconds: float, jitter: int | None = None) -> IntervalTrigger:
    """Every `seconds` (the `--every` override, for trials and tests)."""
    return IntervalTrigger(seconds=seconds, jitter=jitter or None)


def same_trigger(a: BaseTrigger, b: BaseTrigger) -> bool:
    """Whether two triggers fire alike (their str leaves out jitter, start date and timezone)."""
    return (
        type(a) is type(b)
        and str(a) == str(b)
        and getattr(a, "jitter", None) == getattr(b, "jitter", None)
        and str(getattr(a, "timezone", None)) == str(getattr(b, "timezone", None))
    )


def job_store(engine: Engine) -> SQLAlchemyJobStore:
    return SQLAlchemyJobStore(engine=engine)


@dataclass(frozen=True, slots=True)
class JobInfo:
    id: str
    source: str
    origin: str  # FROM_SOURCES, ADDED or FROM_RETRY
    schedule: str  # as given: a cron line, "every N s" or "once"
    next_run: datetime | None  # None: paused
    paused: bool


def describe(trigger: BaseTrigger) -> str:
    if isinstance(trigger, IntervalTrigger):
        return f"every {trigger.interval.total_seconds():g} s"
    if isinstance(trigger, CronTrigger):
        fields = {f.name: str(f) for f in trigger.fields}
        names = ("minute", "hour", "day", "month", "day_of_week")
        text = " ".join(fields[n] for n in names)
        return text + (f" ±{trigger.jitter} s" if trigger.jitter else "")
    return "once"


def list_jobs(scheduler: BackgroundScheduler) -> list[JobInfo]:
    """The jobs in the store, by next run (paused last)."""
    jobs = []
    for job in scheduler.get_jobs(jobstore="default"):
        source = job.args[0] if job.args else job.id.partition(":")[2]
        jobs.append(JobInfo(job.id, source, job.name, describe(job.trigger), job.next_run_time, job.next_run_time is None))
    return sorted(jobs, key=lambda j: (j.paused, j.next_run.timestamp() if j.next_run else 0.0, j.id))


def put_job(scheduler: BackgroundScheduler, source: str, trigger: BaseTrigger, origin: str) -> None:
    """Add or replace the job of `source` (a paused job stays paused)."""
    job_id = CRAWL + source
    existing = scheduler.get_job(job_id, jobstore="default")
    scheduler.add_job(
        crawl_source, trigger, args=[source], id=job_id, name=origin, jobstore="default", replace_existing=True, **JOB_OPTIONS
    )
    if existing is not None and existing.next_run_time is None:
        scheduler.pause_job(job_id, jobstore="default")


def add_retry(scheduler: BackgroundScheduler, source: str, when: datetime) -> None:
    scheduler.add_job(
        crawl_source, "date", run_date=when, args=[source, "retry"], id=RETRY + source, name=FROM_RETRY,
        jobstore="default", replace_existing=True, **JOB_OPTIONS,
    )  # fmt: skip


def drop_retry(scheduler: BackgroundScheduler, source: str) -> None:
    try:
        scheduler.remove_job(RETRY + source, jobstore="default")
    except JobLookupError:
        pass


def _job_id(scheduler: BackgroundScheduler, source: str) -> str:
    job_id = source if source.startswith((CRAWL, RETRY)) else CRAWL + source
    if scheduler.get_job(job_id, jobstore="default") is None:
        known = ", ".join(j.id.removeprefix(CRAWL) for j in scheduler.get_jobs(jobstore="default")) or "none"
        raise ScheduleError(f"no scheduled job for {source!r} (jobs: {known}); see `arsip schedule list`")
    return job_id


def remove_job(scheduler: BackgroundScheduler, source: str) -> None:
    scheduler.remove_job(_job_id(scheduler, source), jobstore="default")


def pause_job(scheduler: BackgroundScheduler, source: str) -> None:
    scheduler.pause_job(_job_id(scheduler, source), jobstore="default")


def resume_job(scheduler: BackgroundScheduler, source: str) -> None:
    scheduler.resume_job(_job_id(scheduler, source), jobstore="default")


@contextmanager
def open_jobs(engine: Engine) -> Iterator[BackgroundScheduler]:
    """A paused scheduler on the archive's job store, for reading and editing jobs; runs nothing."""
    scheduler = EditScheduler(jobstores={"default": job_store(engine)}, job_defaults=JOB_OPTIONS)
    scheduler.start(paused=True)
    try:
        yield scheduler
    finally:
        scheduler.shutdown(wait=False)
