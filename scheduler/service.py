"""`arsip schedule run`: the long-running service that crawls each source on its schedule.

Design, and why:

- APScheduler 3.x BackgroundScheduler; the main thread only waits for SIGTERM/SIGINT, so
  the stop sequence runs there, outside the scheduler's threads.
- Jobs persist in the archive database (SQLAlchemyJobStore): a restart resumes them with
  their next run times; runs missed meanwhile are coalesced into one (see jobs.py).
- Each crawl runs in its own process (`python -m scheduler.worker`), with a time limit.
  The service opens the run row before starting it, so whatever becomes of the process
  (crash, hang, kill -9) the run is closed with the reason, and retried with backoff.
- One service per database: APScheduler's job stores "must never be shared between
  schedulers", so a second service refuses to start (the "scheduler" lease in
  crawl_locks, renewed every few seconds; a dead holder's lease is taken over). A crawl
  also holds a "source:<name>" lease, so a retry and a scheduled run of one source, or
  anything else that honours the lease, never crawl one source at once.
- A run left "running" by a process that is gone (a killed service or crawl) is closed as
  failed when the service starts and every few minutes while it runs (never one of its own
  crawls): only when its process is known dead (same host, pid not
  running) or its service is another, dead instance.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import IO

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from redis import RedisError

from crawler.errors import CrawlerError
from crawler.frontier import connect as connect_redis
from crawler.sources import Source, load_sources, select_sources
from scheduler import jobs
from scheduler.errors import ServiceRunning
from scheduler.locks import dead_here, this_process
from storage.db import open_archive, session
from storage.models import CrawlLock, Run
from storage.runs import (
    acquire_lock,
    close_dead_runs,
    close_run,
    get_lock,
    get_run,
    release_lock,
    renew_locks,
    set_run_process,
    source_health,
    start_run,
)

log = logging.getLogger("arsip.scheduler")

SERVICE_LOCK = "scheduler"
DEFAULT_SCHEDULE = "0 */6 * * *"
ERROR_TAIL = 2000  # characters of a failed crawl's output kept in the run's errors


@dataclass(frozen=True, slots=True)
class ServiceOptions:
    """Everything `arsip schedule run` can set; times in seconds."""

    db_url: str
    sources_file: Path | None = None
    source_names: tuple[str, ...] = ()
    overrides: dict[str, str] = field(default_factory=dict)  # Scrapy settings for every crawl
    default_schedule: str = DEFAULT_SCHEDULE  # for a source without `schedule`
    every: float | None = None  # crawl every N seconds instead of the crons (trials, tests)
    jitter: int = 120  # each run starts up to this much later, so sources do not start at once
    time_limit: float = 3 * 3600  # a crawl running longer is stopped and recorded as failed
    grace: float = 60  # on SIGTERM/SIGINT: how long running crawls may go on
    kill_after: float = 15  # after asking a crawl to stop (SIGTERM), before SIGKILL
    retries: int = 3  # retries of a failed crawl before waiting for the next slot
    retry_delay: float = 300  # first retry after this; doubles each time
    retry_max_delay: float = 6 * 3600
    lease: float = 60  # lock lease; renewed every lease/4
    workers: int = 4  # crawls at once (of different sources)
    timezone: str = jobs.DEFAULT_TIMEZONE  # of the crons: the portals' time (WIB), not the host's
    dead_run_check: float = 300  # the heartbeat closes runs left running by dead processes this often
    redis_url: str | None = None  # distributed mode: due crawls go to Redis for `arsip crawler` workers (distributed.py)


def crawl_command(options: ServiceOptions, source: str, run_id: int) -> list[str]:
    """The worker command line for one run."""
    command = [sys.executable, "-m", "scheduler.worker", "--db", options.db_url, "--source", source]
    command += ["--run-id", str(run_id)]
    if options.sources_file is not None:
        command += ["--sources", str(options.sources_file)]
    for name, value in options.overrides.items():
        command += ["-s", f"{name}={value}"]
    return command


def exit_reason(returncode: int) -> str:
    """Why a crawl process ended without closing its run, in words."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"the crawl process was killed by {name}"
    if returncode == 0:
        return "the crawl process ended without recording its result"
    if returncode == 2:
        return "the crawl could not start (see errors)"
    return f"the crawl process exited with status {returncode}"


def _tail(output: IO[bytes]) -> str:
    output.seek(0)
    return output.read().decode("utf-8", "replace")[-ERROR_TAIL:].strip()


class Service:
    """One running scheduler service; `run()` blocks until SIGTERM/SIGINT."""

    def __init__(self, options: ServiceOptions) -> None:
        self.options = options
        self.me = this_process()
        self.lease = timedelta(seconds=options.lease)
        self.engine: Engine | None = None
        self.sources: dict[str, Source] = {}
        self.scheduler: BackgroundScheduler | None = None
        self.children: dict[str, subprocess.Popen[bytes] | None] = {}
        self.stopped_by_service: set[str] = set()
        self.guard = threading.Lock()
        self.stop_requested = threading.Event()
        self.hurry = threading.Event()
        self.stopping = False
        self.next_dead_run_check = time.monotonic() + options.dead_run_check

    # start and stop ------------------------------------------------------------------

    def run(self) -> None:
        sources = load_sources(self.options.sources_file)
        selected = select_sources(sources, self.options.source_names)
        self.sources = sources
        self.engine = open_archive(self.options.db_url)
        try:
            self._take_service_lock()
            try:
                self._close_dead_runs()
                self._start_scheduler(selected)
                self._wait_for_signal()
            finally:
                self._stop()
                with session(self.engine) as db:
                    release_lock(db, SERVICE_LOCK, self.me)
        finally:
            self.engine.dispose()

    def _take_service_lock(self) -> None:
        assert self.engine is not None
        with session(self.engine) as db:
            if acquire_lock(db, SERVICE_LOCK, self.me, self.lease, self._holder_dead) is not None:
                return
            held = get_lock(db, SERVICE_LOCK)
        if held is None:  # released between the two looks: a clean start next time
            raise ServiceRunning("another scheduler service was just stopping on this database: start again")
        left = max(0, int((held.expires_at - datetime.now(UTC)).total_seconds()))
        raise ServiceRunning(
            f"another scheduler service is running on this database: {held.holder} (host {held.host}, pid {held.pid}), "
            f"its lease renewed until {held.expires_at:%Y-%m-%d %H:%M:%S} UTC. Only one service may use a database "
            f"(its jobs would run twice): stop that one (e.g. systemctl stop arsip-scheduler) or, if it was killed "
            f"on another host, start again in {left} s when its lease has expired"
        )

    def _holder_dead(self, lock: CrawlLock) -> bool:
        return dead_here(lock.host, lock.pid)

    def _run_dead(self, run: Run) -> str | None:
        """Why a run marked running is known to be dead, or None when it may be alive."""
        if run.instance == self.me.id:
            return None
        if dead_here(run.host, run.pid):
            return f"its crawl process (pid {run.pid} on {run.host}) is gone"
        if run.instance is not None and run.pid is None:
            return "its scheduler service stopped before the crawl process started"
        if run.instance is not None and run.host != self.me.host:
            return f"its scheduler service ({run.instance}) is gone; this one holds the database now"
        return None

    def _close_dead_runs(self) -> None:
        assert self.engine is not None
        with session(self.engine) as db:
            closed = close_dead_runs(db, self._run_dead)
        if closed:
            log.warning("closed %d run(s) left running by a dead process: %s", len(closed), closed)

    def _start_scheduler(self, selected: list[Source]) -> None:
        assert self.engine is not None
        scheduler = jobs.Scheduler(
            jobstores={"default": jobs.job_store(self.engine), "local": MemoryJobStore()},
            executors={"default": ThreadPoolExecutor(self.options.workers), "local": ThreadPoolExecutor(1)},
            job_defaults=jobs.JOB_OPTIONS,
        )
        scheduler.add_listener(self._on_event, EVENT_JOB_ERROR | EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
        self.scheduler = scheduler
        jobs.set_runner(self.crawl)
        scheduler.start(paused=True)
        self._sync_jobs(selected)
        # Renews the leases (every 5 s at most) and wakes the scheduler, so it sees within seconds the jobs
        # that `schedule add|pause|resume|remove` changed in the store.
        scheduler.add_job(
            self._heartbeat, "interval", seconds=max(0.5, min(5.0, self.options.lease / 4)), id="heartbeat",
            jobstore="local", executor="local", coalesce=True, max_instances=1,
        )  # fmt: skip
        scheduler.resume()
        for info in jobs.list_jobs(scheduler):
            when = f"{info.next_run:%Y-%m-%d %H:%M:%S %Z}" if info.next_run else "paused"
            log.info("job %s (%s, %s): next run %s", info.id, info.schedule, info.origin, when)
        log.info("scheduler %s started on %s", self.me.id, self.engine.url.render_as_string(hide_password=True))

    def _trigger_for(self, source: Source) -> BaseTrigger:
        if self.options.every:
            return jobs.interval_trigger(self.options.every, self.options.jitter)
        return jobs.cron_trigger(source.schedule or self.options.default_schedule, self.options.jitter, self.options.timezone)

    def _sync_jobs(self, selected: list[Source]) -> None:
        """One job per selected source; a job that has not changed keeps its next run (a restart resumes)."""
        assert self.scheduler is not None
        wanted = {s.name for s in selected}
        for job in self.scheduler.get_jobs(jobstore="default"):
            source = job.id.partition(":")[2]
            if job.name == jobs.FROM_SOURCES and source not in wanted:
                self.scheduler.remove_job(job.id, jobstore="default")
                log.info("removed job %s: source not selected", job.id)
            elif source not in self.sources:
                log.warning("job %s names an unknown source: its runs will fail; `arsip schedule remove %s`", job.id, source)
        for source in selected:
            trigger = self._trigger_for(source)
            job = self.scheduler.get_job(jobs.CRAWL + source.name, jobstore="default")
            if job is not None and (job.name == jobs.ADDED or jobs.same_trigger(job.trigger, trigger)):
                continue
            jobs.put_job(self.scheduler, source.name, trigger, jobs.FROM_SOURCES)

    def _wait_for_signal(self) -> None:
        def handler(signum: int, frame: FrameType | None) -> None:
            if self.stop_requested.is_set():
                self.hurry.set()
            self.stop_requested.set()

        previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            while not self.stop_requested.wait(0.5):
                pass
        finally:
            for signum, old in previous.items():
                signal.signal(signum, old)
            # A second signal during the stop skips the grace period.
            signal.signal(signal.SIGTERM, handler)
            signal.signal(signal.SIGINT, handler)

    def _alive_children(self) -> dict[str, subprocess.Popen[bytes]]:
        with self.guard:
            return {s: p for s, p in self.children.items() if p is not None and p.poll() is None}

    def _stop(self) -> None:
        """No new crawls; running ones get the grace period, then are stopped; each is recorded.

        The paused scheduler no longer runs the heartbeat, so a thread of its own keeps the
        leases (service and running crawls) alive for the whole stop, however long the grace.
        """
        with self.guard:  # a crawl() past its check has registered its placeholder: _run_child sees `stopping`
            self.stopping = True
        if self.scheduler is None:
            return
        renewing = threading.Event()
        renewer = threading.Thread(target=self._renew_until, args=(renewing,), name="arsip-stop-lease", daemon=True)
        renewer.start()
        try:
            self._stop_crawls()
        finally:
            renewing.set()
            renewer.join()

    def _renew_until(self, done: threading.Event) -> None:
        """Renew this service's leases every lease/4 until `done` (during the stop)."""
        while not done.wait(max(0.5, self.options.lease / 4)):
            try:
                assert self.engine is not None
                with session(self.engine) as db:
                    renew_locks(db, self.me, self.lease)
            except Exception as exc:  # noqa: BLE001 - a locked database now and then must not end the renewals
                log.warning("could not renew the leases while stopping (will retry): %s", exc)

    def _stop_crawls(self) -> None:
        assert self.scheduler is not None
        self.scheduler.pause()
        running = self._alive_children()
        if running:
            log.info("stopping: waiting up to %g s for %s", self.options.grace, ", ".join(running))
        deadline = time.monotonic() + self.options.grace
        while self._alive_children() and time.monotonic() < deadline and not self.hurry.is_set():
            time.sleep(0.2)
        self._end_children(self._alive_children())
        # Let every job thread record its run and return before the scheduler shuts down: shutdown()
        # holds the scheduler's locks while it waits for those threads, which may need them (retries).
        deadline = time.monotonic() + self.options.kill_after + 30
        while self._busy() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.scheduler.shutdown(wait=True)
        jobs.set_runner(None)
        log.info("scheduler %s stopped", self.me.id)

    def _busy(self) -> bool:
        with self.guard:
            return bool(self.children)

    def _end_children(self, children: dict[str, subprocess.Popen[bytes]]) -> None:
        if not children:
            return
        with self.guard:
            self.stopped_by_service.update(children)
        for process in children.values():
            process.terminate()  # Scrapy closes the spider: the crawl records itself
        deadline = time.monotonic() + self.options.kill_after
        while any(p.poll() is None for p in children.values()) and time.monotonic() < deadline:
            time.sleep(0.1)
        for process in children.values():
            if process.poll() is None:
                process.kill()

    def _heartbeat(self) -> None:
        assert self.engine is not None
        with session(self.engine) as db:
            held = renew_locks(db, self.me, self.lease)
        # A manual crawl killed while this service runs would stay "running" until the next start otherwise.
        if time.monotonic() >= self.next_dead_run_check:
            self.next_dead_run_check = time.monotonic() + self.options.dead_run_check
            self._close_dead_runs()
        if SERVICE_LOCK not in held and not self.stopping:
            log.error("the scheduler lease on this database was taken over by another service: stopping")
            self.stop_requested.set()

    def _on_event(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_MAX_INSTANCES:
            log.warning("job %s: the previous crawl is still running; this slot is skipped", event.job_id)
        elif event.code == EVENT_JOB_MISSED:
            log.warning("job %s: missed its run at %s", event.job_id, event.scheduled_run_time)
        elif event.code == EVENT_JOB_ERROR:
            log.error("job %s failed: %s", event.job_id, getattr(event, "exception", None))

    # one crawl -----------------------------------------------------------------------

    def crawl(self, source: str, trigger: str = "scheduled") -> None:
        """Run one crawl of `source` in a child process and record it (called by the job)."""
        if self.options.redis_url:
            self._enqueue(source, trigger)
            return
        with self.guard:
            if self.stopping or source in self.children:
                log.info("source %s: a crawl is already running (or the service is stopping): skipped", source)
                return
            self.children[source] = None
        try:
            if source not in self.sources:
                log.error("source %s is not in the sources: `arsip schedule remove %s` or pass --sources", source, source)
                return
            self._crawl_locked(source, trigger)
        finally:
            with self.guard:
                self.children.pop(source, None)
                self.stopped_by_service.discard(source)

    def _enqueue(self, source: str, trigger: str) -> None:
        """Distributed mode: open a crawl of `source` in Redis; workers on any machine run and record it."""
        from scheduler.distributed import enqueue_crawl

        if self.stopping or source not in self.sources:
            log.error("source %s is not in the sources (or the service is stopping): not enqueued", source)
            return
        assert self.options.redis_url is not None
        try:
            with connect_redis(self.options.redis_url) as server:
                job = enqueue_crawl(server, source, trigger)
        except (RedisError, CrawlerError) as exc:
            log.error("source %s: cannot enqueue its crawl in Redis (this slot is skipped): %s", source, exc)
            return
        if job is None:
            log.info("source %s: its last crawl is still open in Redis: this slot is skipped", source)
        else:
            log.info("source %s: crawl %s enqueued for the crawlers", source, job.crawl_id)

    def _crawl_locked(self, source: str, trigger: str) -> None:
        assert self.engine is not None
        name = f"source:{source}"
        with session(self.engine) as db:
            if acquire_lock(db, name, self.me, self.lease, self._holder_dead) is None:
                held = get_lock(db, name)
                log.warning("source %s: crawled by %s right now: this slot is skipped", source, held and held.holder)
                return
            try:
                run_id = start_run(db, [source], trigger=trigger, host=self.me.host, instance=self.me.id)
                self._run_child(db, source, run_id)
                run = get_run(db, run_id)
            finally:
                release_lock(db, name, self.me)
            assert run is not None
            log.info(
                "source %s: run %d %s (%s): %d page(s), %d new", source, run_id, run.status, run.exit_reason,
                run.pages_fetched, run.articles_new,
            )  # fmt: skip
            self._after(db, source, run)

    def _run_child(self, db: Session, source: str, run_id: int) -> None:
        options = self.options
        with tempfile.TemporaryFile() as output:
            process = subprocess.Popen(
                crawl_command(options, source, run_id), stdout=output, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,  # a terminal's Ctrl-C reaches the service only
            )  # fmt: skip
            with self.guard:
                self.children[source] = process
                stopping = self.stopping
            set_run_process(db, run_id, process.pid, self.me.host)
            if stopping:  # the stop began while this crawl was starting: it must not run through the grace
                self._end_children({source: process})
            deadline = time.monotonic() + options.time_limit
            timed_out = False
            while process.poll() is None:
                if time.monotonic() > deadline and not timed_out:
                    timed_out = True
                    log.warning("source %s: run %d over its time limit of %g s: stopping it", source, run_id, options.time_limit)
                    self._end_children({source: process})
                time.sleep(0.2)
            text = _tail(output)
        for line in text.splitlines()[-20:]:
            log.info("[%s] %s", source, line)
        with self.guard:
            stopped = source in self.stopped_by_service
        if timed_out:
            reason, replace = f"stopped: over the time limit of {options.time_limit:g} s", True
        elif stopped:
            reason, replace = "stopped: the scheduler service was shutting down", True
        else:
            reason, replace = exit_reason(process.returncode), False
        close_run(db, run_id, reason, text if process.returncode != 0 else None, replace=replace)

    def _after(self, db: Session, source: str, run: Run) -> None:
        """A failed crawl is retried after a delay that doubles each time; a good one clears the retry."""
        assert self.scheduler is not None
        if run.status == "finished":
            jobs.drop_retry(self.scheduler, source)
            return
        if self.stopping:
            return
        streak = source_health(db, source).failures_in_a_row
        if streak > self.options.retries:
            log.warning("source %s failed %d times in a row: no more retries until its next slot", source, streak)
            jobs.drop_retry(self.scheduler, source)
            return
        delay = min(self.options.retry_delay * 2 ** (streak - 1), self.options.retry_max_delay)
        jobs.add_retry(self.scheduler, source, datetime.now(UTC) + timedelta(seconds=delay))
        log.warning("source %s failed (%d in a row): retry in %g s", source, streak, delay)
