"""The scheduler across machines: one service enqueues crawls in Redis, crawler workers anywhere take them.

`arsip schedule run --redis URL` runs the usual service (jobs, crons, one service per
database), but a due crawl is not started here: it is opened as a crawl job in Redis
(`<prefix>:crawls`, crawl id -> job), at most one open crawl per source (a slot that comes
while the last crawl of the source is still open is skipped, as a running crawl skips it on
one machine).

`arsip crawler --redis URL` (a `Worker`) runs on each crawler machine: it takes the open
crawl with the fewest live crawlers (the oldest first), opens a run in the archive, and
crawls it in a child process (`python -m scheduler.worker ... --redis URL --crawl-id ID`)
that joins the crawl's shared frontier (crawler/frontier.py). Several workers on one crawl
share its queue; the last crawler out of a finished crawl removes the job. A crawl whose
process failed stays open: this or another worker takes it again after a pause, and its
queue is still there.
"""

from __future__ import annotations

import json
import logging
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import redis

from crawler.frontier import connect, crawls_key, live_peers
from scheduler.locks import this_process
from storage.db import open_archive, session
from storage.runs import close_run, get_run, set_run_process, start_run

log = logging.getLogger("arsip.scheduler")

DEFAULT_PREFIX = "arsip"


@dataclass(frozen=True, slots=True)
class CrawlJob:
    """One crawl to be done by whichever crawlers take it."""

    crawl_id: str
    source: str
    trigger: str = "scheduled"
    enqueued_at: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | bytes) -> CrawlJob:
        return cls(**json.loads(text))


def open_jobs(server: redis.Redis, prefix: str = DEFAULT_PREFIX) -> list[CrawlJob]:
    """The open crawl jobs, oldest first."""
    jobs = [CrawlJob.from_json(v) for v in server.hgetall(crawls_key(prefix)).values()]
    return sorted(jobs, key=lambda j: (j.enqueued_at, j.crawl_id))


def enqueue_crawl(server: redis.Redis, source: str, trigger: str = "scheduled", prefix: str = DEFAULT_PREFIX) -> CrawlJob | None:
    """Open a crawl of `source` for the workers; None when one is open already (the slot is skipped)."""
    if any(job.source == source for job in open_jobs(server, prefix)):
        return None
    job = CrawlJob(f"{source}-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}", source, trigger, time.time())
    server.hset(crawls_key(prefix), job.crawl_id, job.to_json())
    return job


def pick_job(server: redis.Redis, prefix: str = DEFAULT_PREFIX, skip: set[str] | frozenset[str] = frozenset()) -> CrawlJob | None:
    """The open crawl with the fewest live crawlers (the oldest among equals), not in `skip`."""
    jobs = [job for job in open_jobs(server, prefix) if job.crawl_id not in skip]
    if not jobs:
        return None
    return min(jobs, key=lambda job: len(live_peers(server, prefix, job.crawl_id)))


@dataclass(frozen=True, slots=True)
class WorkerOptions:
    """Everything `arsip crawler` can set; times in seconds."""

    db_url: str
    redis_url: str
    sources_file: Path | None = None
    overrides: dict[str, str] = field(default_factory=dict)  # Scrapy settings for every crawl
    prefix: str = DEFAULT_PREFIX
    poll: float = 2.0  # how often an idle worker looks for an open crawl
    time_limit: float = 3 * 3600  # a crawl process running longer is stopped
    retry_after: float = 30.0  # a crawl whose process failed is taken again after this pause
    kill_after: float = 15.0  # after SIGTERM to a crawl process, before SIGKILL


def crawl_command(options: WorkerOptions, job: CrawlJob, run_id: int) -> list[str]:
    """The child process that joins the crawl's frontier and records into run `run_id`."""
    command = [sys.executable, "-m", "scheduler.worker", "--db", options.db_url, "--source", job.source]
    command += ["--run-id", str(run_id), "--redis", options.redis_url, "--crawl-id", job.crawl_id]
    if options.sources_file is not None:
        command += ["--sources", str(options.sources_file)]
    for name, value in {**options.overrides, "ARSIP_REDIS_PREFIX": options.prefix}.items():
        command += ["-s", f"{name}={value}"]
    return command


class Worker:
    """A long-lived crawler: takes open crawls one after another until SIGTERM/SIGINT (`run()`)."""

    def __init__(self, options: WorkerOptions) -> None:
        self.options = options
        self.me = this_process()
        self.stop = threading.Event()
        self.done: set[str] = set()  # crawls this worker finished: not joined again
        self.failed_at: dict[str, float] = {}  # crawl id -> when its process failed here
        self.child: subprocess.Popen[bytes] | None = None

    def run(self, max_crawls: int | None = None) -> int:
        """Take crawls until stopped (or `max_crawls` were run); the number run."""
        server = connect(self.options.redis_url)
        engine = open_archive(self.options.db_url)
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        count = 0
        log.info("crawler %s waiting for crawls at %s", self.me.id, self.options.redis_url)
        try:
            while not self.stop.is_set() and (max_crawls is None or count < max_crawls):
                now = time.monotonic()
                skip = self.done | {c for c, t in self.failed_at.items() if now - t < self.options.retry_after}
                try:
                    job = pick_job(server, self.options.prefix, skip)
                except redis.RedisError as exc:
                    log.warning("Redis unreachable (will retry): %s", exc)
                    job = None
                if job is None:
                    self.stop.wait(self.options.poll)
                    continue
                self.crawl(engine, job)
                count += 1
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            engine.dispose()
            server.close()
        return count

    def _on_signal(self, signum: int, frame: object) -> None:
        self.stop.set()
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signal.SIGTERM)  # Scrapy stops gracefully: its queue stays in Redis

    def crawl(self, engine: object, job: CrawlJob) -> None:
        """Run one crawl process on `job`, recorded as a run of its source."""
        from scheduler.service import _tail, exit_reason

        options = self.options
        with session(engine) as db:  # type: ignore[arg-type]
            run_id = start_run(db, [job.source], trigger=job.trigger, host=self.me.host)
        log.info("crawl %s (source %s): run %d", job.crawl_id, job.source, run_id)
        with tempfile.TemporaryFile() as output:
            self.child = subprocess.Popen(
                crawl_command(options, job, run_id), stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
            with session(engine) as db:  # type: ignore[arg-type]
                set_run_process(db, run_id, self.child.pid, self.me.host)
            deadline = time.monotonic() + options.time_limit
            stopped_at: float | None = None
            while self.child.poll() is None:
                if time.monotonic() > deadline and stopped_at is None:
                    log.warning("crawl %s: over its time limit of %g s: stopping it", job.crawl_id, options.time_limit)
                    self.child.send_signal(signal.SIGTERM)
                    stopped_at = time.monotonic()
                if stopped_at is not None and time.monotonic() - stopped_at > options.kill_after:
                    self.child.kill()
                time.sleep(0.2)
            returncode = self.child.returncode
            text = _tail(output)
            self.child = None
        with session(engine) as db:  # type: ignore[arg-type]
            close_run(db, run_id, exit_reason(returncode), text if returncode != 0 else None)
            run = get_run(db, run_id)
        if returncode == 0:
            self.done.add(job.crawl_id)
        else:
            self.failed_at[job.crawl_id] = time.monotonic()
        assert run is not None
        log.info(
            "crawl %s (source %s): run %d %s: %d page(s), %d new", job.crawl_id, job.source, run_id, run.status,
            run.pages_fetched, run.articles_new,
        )  # fmt: skip
