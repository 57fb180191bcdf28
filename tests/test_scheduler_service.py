"""`arsip schedule run` as a real service process against the portal simulator, with real signals.

Short intervals (`--every N`) stand in for the crons; each test uses its own SQLite archive.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_arsip

from arsip.simulator import articles, sources_toml
from scheduler.jobs import open_jobs, pause_job
from storage.db import open_archive

NOT_FETCHABLE = {"http500", "robots_disallowed"}


class Service:
    """One `python -m arsip schedule run` process; its log goes to a file the test can read."""

    def __init__(self, db_file: Path, sources: Path, *args: str) -> None:
        self.log_file = db_file.with_suffix(f".{time.monotonic_ns()}.log")
        self.log = self.log_file.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "arsip", "schedule", "run", "--db", f"sqlite:///{db_file}",
             "--sources", str(sources), "--jitter", "0", *args],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT, env={**os.environ, "COLUMNS": "200"},
        )  # fmt: skip

    @property
    def output(self) -> str:
        return self.log_file.read_text("utf-8", "replace")

    def wait_started(self) -> None:
        wait_for(lambda: " started on " in self.output or self.process.poll() is not None, 30, self)
        assert self.process.poll() is None, self.output

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> int:
        self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.log.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()


def wait_for(condition: Callable[[], Any], timeout: float, service: Service | None = None) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s" + (f"; service output:\n{service.output}" if service else ""))


def rows(db_file: Path, sql: str, *args: object) -> list[tuple]:
    if not db_file.exists():
        return []
    with sqlite3.connect(db_file, timeout=30) as connection:
        try:
            return connection.execute(sql, args).fetchall()
        except sqlite3.OperationalError:  # the schema is being made
            return []


@pytest.fixture
def sources(portals: dict[str, str], tmp_path: Path) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(sources_toml(portals), "utf-8")
    return path


@pytest.fixture
def services() -> Iterator[list[Service]]:
    """Every service a test starts is killed at its end, whatever happened."""
    started: list[Service] = []
    yield started
    for service in started:
        service.kill()


def test_jobs_fire_on_schedule_and_sigterm_lets_the_running_crawl_finish(
    sources: Path, tmp_path: Path, services: list[Service]
) -> None:
    db_file = tmp_path / "arsip.db"
    service = Service(db_file, sources, "--source", "klikjatim", "--every", "2", "--grace", "30",
                      "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0")  # fmt: skip
    services.append(service)
    # The first run finishes and the job fires again on its own.
    wait_for(lambda: rows(db_file, "SELECT id FROM runs WHERE id = 2 AND status = 'running' AND pid IS NOT NULL"), 45, service)
    assert service.stop() == 0, service.output

    first, second = rows(db_file, "SELECT status, trigger, sources, pages_fetched, articles_new, articles_duplicate, "
                                  "exit_reason FROM runs ORDER BY id")  # fmt: skip
    archived = rows(db_file, "SELECT count(*) FROM articles WHERE source = 'klikjatim'")[0][0]
    expected = [a for a in articles() if a.portal == "klikjatim" and a.relevant and a.fault not in NOT_FETCHABLE]
    assert first[:3] == ("finished", "scheduled", "klikjatim")
    assert first[3] > 0 and archived == len(expected) == first[4] + first[5]
    # The crawl running at SIGTERM finished within the grace period.
    assert second[:3] == ("finished", "scheduled", "klikjatim")
    assert rows(db_file, "SELECT count(*) FROM runs WHERE status = 'running'")[0][0] == 0
    assert "Traceback" not in service.output

    shown = run_arsip("runs", "--db", f"sqlite:///{db_file}", "--source", "klikjatim")
    assert shown.returncode == 0, shown.stderr
    lines = [line.split() for line in shown.stdout.splitlines() if line.strip()[:1].isdigit()]
    assert all(len(line) <= 80 for line in run_arsip("runs", "--db", f"sqlite:///{db_file}", env={"COLUMNS": "80"}).stdout.splitlines())
    assert [(line[0], line[3], line[9]) for line in lines] == [("2", "finished", "sched"), ("1", "finished", "sched")]


def test_jobs_persist_across_a_restart_with_their_next_runs(
    sources: Path, tmp_path: Path, services: list[Service]
) -> None:
    db_file = tmp_path / "arsip.db"
    args = ("--source", "klikjatim", "--source", "nawacita", "--every", "600")
    first = Service(db_file, sources, *args)
    services.append(first)
    first.wait_started()
    jobs = rows(db_file, "SELECT id, next_run_time FROM apscheduler_jobs ORDER BY id")
    assert [job_id for job_id, _ in jobs] == ["crawl:klikjatim", "crawl:nawacita"]
    assert first.stop() == 0, first.output

    time.sleep(1.5)  # a job added anew now would get a later next run
    second = Service(db_file, sources, *args)
    services.append(second)
    second.wait_started()
    assert rows(db_file, "SELECT id, next_run_time FROM apscheduler_jobs ORDER BY id") == jobs
    assert second.stop() == 0, second.output
    assert rows(db_file, "SELECT count(*) FROM runs")[0][0] == 0  # nothing was due

    # A service for one source only drops the other sources-file job.
    third = Service(db_file, sources, "--source", "nawacita", "--every", "600")
    services.append(third)
    third.wait_started()
    assert rows(db_file, "SELECT id, next_run_time FROM apscheduler_jobs") == [jobs[1]]
    assert third.stop() == 0


def test_kill_9_of_a_crawl_is_recorded_leaves_whole_articles_and_is_retried(
    sources: Path, tmp_path: Path, services: list[Service]
) -> None:
    db_file = tmp_path / "arsip.db"
    service = Service(db_file, sources, "--source", "nawacita", "--every", "3", "--retry-delay", "1", "--grace", "0",
                      "-s", "DOWNLOAD_DELAY=0.4", "-s", "AUTOTHROTTLE_ENABLED=False")  # fmt: skip
    services.append(service)

    def crawling_with_an_article() -> int | None:
        running = rows(db_file, "SELECT pid FROM runs WHERE id = 1 AND status = 'running' AND pid IS NOT NULL")
        archived = rows(db_file, "SELECT count(*) FROM articles")
        return running[0][0] if running and archived and archived[0][0] > 0 else None

    pid = wait_for(crawling_with_an_article, 45, service)
    # Paused (as `arsip schedule pause` does, in the job store), so only the retry can start the next run.
    engine = open_archive(f"sqlite:///{db_file}", create=False)
    with open_jobs(engine) as scheduler:
        pause_job(scheduler, "nawacita")
    engine.dispose()
    os.kill(pid, signal.SIGKILL)
    # The service records the kill, survives it and crawls the source again after the retry delay.
    wait_for(lambda: rows(db_file, "SELECT id FROM runs WHERE id = 2 AND pid IS NOT NULL"), 30, service)
    assert service.process.poll() is None
    assert service.stop() == 0, service.output

    assert rows(db_file, "SELECT trigger FROM runs ORDER BY id") == [("scheduled",), ("retry",)]
    # The retry was still crawling at SIGTERM (no grace): stopped, and recorded as such.
    assert rows(db_file, "SELECT status, exit_reason LIKE 'stopped: the scheduler service was shutting down%' "
                         "FROM runs WHERE id = 2") == [("failed", 1)]  # fmt: skip
    shown = run_arsip("runs", "--db", f"sqlite:///{db_file}")
    assert "run 2 failed after" in shown.stdout and ": stopped: the scheduler service was shutting down" in shown.stdout
    assert "run 1 failed after" in shown.stdout and ": the crawl process was killed by SIGKILL" in shown.stdout
    assert rows(db_file, "SELECT next_run_time FROM apscheduler_jobs WHERE id = 'crawl:nawacita'") == [(None,)]

    status, reason, finished_at = rows(db_file, "SELECT status, exit_reason, finished_at FROM runs WHERE id = 1")[0]
    assert (status, reason) == ("failed", "the crawl process was killed by SIGKILL")
    assert finished_at is not None
    assert rows(db_file, "SELECT count(*) FROM articles")[0][0] > 0
    orphans = rows(db_file, "SELECT a.url FROM articles a LEFT JOIN raw_pages r ON r.article_id = a.id "
                            "WHERE r.article_id IS NULL")  # fmt: skip
    assert orphans == []
    assert rows(db_file, "SELECT count(*) FROM runs WHERE status = 'running'")[0][0] == 0


def test_a_crawl_over_its_time_limit_is_stopped_and_recorded(
    sources: Path, tmp_path: Path, services: list[Service]
) -> None:
    db_file = tmp_path / "arsip.db"
    service = Service(db_file, sources, "--source", "nawacita", "--every", "1", "--time-limit", "2",
                      "--kill-after", "1", "--retries", "0", "-s", "DOWNLOAD_DELAY=1", "-s", "AUTOTHROTTLE_ENABLED=False")  # fmt: skip
    services.append(service)
    wait_for(lambda: rows(db_file, "SELECT id FROM runs WHERE id = 1 AND status = 'failed'"), 30, service)
    assert service.process.poll() is None
    assert service.stop() == 0, service.output
    started, finished, reason = rows(db_file, "SELECT started_at, finished_at, exit_reason FROM runs WHERE id = 1")[0]
    assert reason.startswith("stopped: over the time limit of 2 s")
    took = (datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()
    assert 2 <= took < 2 + 1 + 3  # the limit, the kill-after, a little slack


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_second_service_on_the_database_is_refused_and_takes_over_from_a_killed_one(
    sources: Path, tmp_path: Path, services: list[Service]
) -> None:
    db_file = tmp_path / "arsip.db"
    args = ("--source", "klikjatim", "--every", "600", "--lease", "300")
    first = Service(db_file, sources, *args)
    services.append(first)
    first.wait_started()

    second = Service(db_file, sources, *args)
    services.append(second)
    assert second.process.wait(timeout=30) == 1
    assert "another scheduler service is running on this database" in second.output
    assert f"pid {first.process.pid}" in second.output
    assert "Traceback" not in second.output

    # kill -9 leaves the lease (valid 300 s more) and runs marked running; on this host a dead holder is known dead.
    first.kill()
    host = socket.gethostname()
    with sqlite3.connect(db_file) as connection:
        for pid in (_dead_pid(), os.getpid()):  # a crawl that is gone, and one that is alive (this test)
            connection.execute(
                "INSERT INTO runs (started_at, status, sources, pages_fetched, articles_new, articles_duplicate,"
                " not_relevant, failed, trigger, pid, host) VALUES ('2026-01-01 00:00:00', 'running', 'klikjatim',"
                " 0, 0, 0, 0, 0, 'manual', ?, ?)",
                (pid, host),
            )
    third = Service(db_file, sources, *args)
    services.append(third)
    third.wait_started()
    (holder,) = rows(db_file, "SELECT pid FROM crawl_locks WHERE name = 'scheduler'")[0]
    assert holder == third.process.pid
    states = rows(db_file, "SELECT pid, status, exit_reason FROM runs ORDER BY id")
    assert states[0][1:] == ("failed", f"its crawl process (pid {states[0][0]} on {host}) is gone")
    assert states[1] == (os.getpid(), "running", None)
    assert third.stop() == 0
    assert rows(db_file, "SELECT count(*) FROM crawl_locks")[0][0] == 0


def _leases(db_file: Path) -> dict[str, datetime]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session as DbSession

    from storage.models import CrawlLock

    engine = open_archive(f"sqlite:///{db_file}")
    try:
        with DbSession(engine) as db:
            return {lock.name: lock.expires_at.replace(tzinfo=UTC) for lock in db.scalars(select(CrawlLock))}
    finally:
        engine.dispose()


def test_leases_are_renewed_through_a_grace_period_longer_than_the_lease(
    sources: Path, tmp_path: Path, services: list[Service]
) -> None:
    """While running crawls finish after SIGTERM, a manual crawl of their source must still be refused."""
    db_file = tmp_path / "arsip.db"
    service = Service(db_file, sources, "--source", "nawacita", "--every", "600", "--lease", "2", "--grace", "30",
                      "-s", "DOWNLOAD_DELAY=1", "-s", "AUTOTHROTTLE_ENABLED=False")  # fmt: skip
    services.append(service)
    # --every fires first after 600 s: start the crawl now through the job store.
    service.wait_started()
    with open_jobs(open_archive(f"sqlite:///{db_file}")) as scheduler:
        scheduler.modify_job("crawl:nawacita", jobstore="default", next_run_time=datetime.now(UTC))
    wait_for(lambda: rows(db_file, "SELECT id FROM runs WHERE status = 'running' AND pid IS NOT NULL"), 30, service)
    service.process.send_signal(signal.SIGTERM)
    time.sleep(5)  # more than two leases into the grace period
    assert rows(db_file, "SELECT count(*) FROM runs WHERE status = 'running'")[0][0] == 1, service.output
    leases = _leases(db_file)
    now = datetime.now(UTC)
    assert set(leases) == {"scheduler", "source:nawacita"}
    assert all(expires > now for expires in leases.values()), (leases, now)
    assert service.stop() == 0, service.output  # a second signal skips the rest of the grace
    assert rows(db_file, "SELECT count(*) FROM crawl_locks")[0][0] == 0


def test_a_crawl_starting_while_the_service_stops_is_stopped_at_once(
    sources: Path, tmp_path: Path
) -> None:
    """A crawl whose job passed its check just before the stop began must not run on through the grace period."""
    from crawler.sources import load_sources
    from scheduler.service import Service as Scheduler
    from scheduler.service import ServiceOptions
    from storage.db import session
    from storage.runs import get_run, start_run

    url = f"sqlite:///{tmp_path / 'arsip.db'}"
    options = ServiceOptions(db_url=url, sources_file=sources, grace=60, kill_after=5,
                             overrides={"DOWNLOAD_DELAY": "1", "AUTOTHROTTLE_ENABLED": "False"})  # fmt: skip
    service = Scheduler(options)
    service.sources = load_sources(sources)
    service.engine = open_archive(url)
    service.children["nawacita"] = None  # crawl() registered its placeholder ...
    service._stop()  # ... and then the stop began (no scheduler yet: only the flag)
    started = time.monotonic()
    with session(service.engine) as db:
        run_id = start_run(db, ["nawacita"], trigger="scheduled", host=service.me.host, instance=service.me.id)
        service._run_child(db, "nawacita", run_id)
        run = get_run(db, run_id)
        assert run is not None
        assert (run.status, run.exit_reason) == ("failed", "stopped: the scheduler service was shutting down")
    assert time.monotonic() - started < 5 + 10  # kill-after and start-up, not a whole crawl at 1 page/s
    service.engine.dispose()


def test_the_heartbeat_closes_runs_of_dead_processes_but_not_its_own(tmp_path: Path) -> None:
    """A manual crawl killed while the service runs is closed without waiting for the next service start."""
    from scheduler.service import Service as Scheduler
    from scheduler.service import ServiceOptions
    from storage.db import session
    from storage.runs import acquire_lock

    db_file = tmp_path / "arsip.db"
    url = f"sqlite:///{db_file}"
    service = Scheduler(ServiceOptions(db_url=url, dead_run_check=0))
    service.engine = open_archive(url)
    host = socket.gethostname()
    with sqlite3.connect(db_file) as connection:
        insert = ("INSERT INTO runs (started_at, status, sources, pages_fetched, articles_new, articles_duplicate,"
                  " not_relevant, failed, trigger, pid, host, instance) VALUES ('2026-01-01 00:00:00', 'running',"
                  " 'klikjatim', 0, 0, 0, 0, 0, ?, ?, ?, ?)")  # fmt: skip
        connection.execute(insert, ("manual", _dead_pid(), host, None))  # a killed manual crawl
        connection.execute(insert, ("scheduled", _dead_pid(), host, service.me.id))  # this service's own
    with session(service.engine) as db:
        acquire_lock(db, "scheduler", service.me, service.lease, lambda lock: False)
    service._heartbeat()
    states = rows(db_file, "SELECT trigger, status FROM runs ORDER BY id")
    assert states == [("manual", "failed"), ("scheduled", "running")]
    service.engine.dispose()
