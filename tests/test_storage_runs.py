"""storage/runs.py: the crawl history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from storage.runs import (
    Holder,
    acquire_lock,
    close_dead_runs,
    close_run,
    finish_run,
    get_lock,
    get_run,
    recent_runs,
    release_lock,
    renew_locks,
    running_runs,
    set_run_process,
    source_health,
    start_run,
)
from storage.models import Run

from conftest_storage import archive_url, db, engine  # noqa: F401  (fixtures)


def test_runs_record_start_and_finish(db: Session) -> None:
    run_id = start_run(db, ["klikjatim", "nawacita"])
    run = db.get(Run, run_id)
    assert run is not None and (run.status, run.sources, run.finished_at) == ("running", "klikjatim nawacita", None)
    finish_run(db, run_id, status="finished", pages_fetched=12, articles_new=3, articles_duplicate=1,
               not_relevant=7, failed=1, errors="https://a.example/x: timeout")
    db.expunge_all()
    run = db.get(Run, run_id)
    assert run is not None
    assert (run.status, run.pages_fetched, run.articles_new, run.articles_duplicate, run.not_relevant, run.failed) == (
        "finished", 12, 3, 1, 7, 1)
    assert run.errors == "https://a.example/x: timeout"
    assert run.finished_at is not None and run.finished_at >= run.started_at
    second = start_run(db, ["beritalima"])
    assert [r.id for r in recent_runs(db)] == [second, run_id]


def test_finish_run_refuses_bad_status_and_unknown_run(db: Session) -> None:
    run_id = start_run(db, ["klikjatim"])
    counts = dict(pages_fetched=0, articles_new=0, articles_duplicate=0, not_relevant=0, failed=0, errors=None)
    with pytest.raises(ValueError, match="'done'"):
        finish_run(db, run_id, status="done", **counts)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no run with id 999"):
        finish_run(db, 999, status="failed", **counts)  # type: ignore[arg-type]


def test_a_run_records_trigger_and_process_and_why_it_ended(db: Session) -> None:
    run_id = start_run(db, ["klikjatim"], trigger="scheduled", host="h1", instance="h1:10:ab")
    set_run_process(db, run_id, 4321, "h1")
    db.expunge_all()
    run = db.get(Run, run_id)
    assert run is not None and (run.trigger, run.pid, run.host, run.instance) == ("scheduled", 4321, "h1", "h1:10:ab")
    with pytest.raises(ValueError, match="'cron'"):
        start_run(db, ["klikjatim"], trigger="cron")
    manual = start_run(db, ["nawacita"])
    assert db.get(Run, manual).trigger == "manual"  # type: ignore[union-attr]


def test_close_run_closes_only_a_run_still_running(db: Session) -> None:
    left_open = start_run(db, ["klikjatim"])
    assert close_run(db, left_open, "the crawl process was killed by SIGKILL", "last words")
    run = get_run(db, left_open)
    assert run is not None
    assert (run.status, run.exit_reason, run.errors) == ("failed", "the crawl process was killed by SIGKILL", "last words")
    assert run.finished_at is not None

    done = start_run(db, ["klikjatim"])
    finish_run(db, done, status="finished", pages_fetched=3, articles_new=1, articles_duplicate=0, not_relevant=2,
               failed=0, errors=None, exit_reason="finished")
    assert not close_run(db, done, "stopped: the scheduler service was shutting down", replace=True)
    assert get_run(db, done).status == "finished"  # type: ignore[union-attr]

    stopped = start_run(db, ["klikjatim"])
    finish_run(db, stopped, status="failed", pages_fetched=3, articles_new=1, articles_duplicate=0, not_relevant=2,
               failed=0, errors=None, exit_reason="shutdown")
    assert not close_run(db, stopped, "stopped: over the time limit of 60 s", replace=True)
    assert get_run(db, stopped).exit_reason == "stopped: over the time limit of 60 s (crawl: shutdown)"  # type: ignore[union-attr]


def test_close_dead_runs_asks_about_each_running_run(db: Session) -> None:
    dead = start_run(db, ["a"], pid=1, host="h")
    alive = start_run(db, ["b"], pid=2, host="h")
    closed = close_dead_runs(db, lambda run: "gone" if run.pid == 1 else None)
    assert closed == [dead]
    assert [r.id for r in running_runs(db)] == [alive]


def _ended(db: Session, source: str, status: str, new: int) -> None:
    run_id = start_run(db, [source])
    finish_run(db, run_id, status=status, pages_fetched=1, articles_new=new, articles_duplicate=0, not_relevant=0,
               failed=0, errors=None)


def test_source_health_counts_the_failure_streak_and_when_something_new_came(db: Session) -> None:
    assert source_health(db, "klikjatim").last is None
    _ended(db, "klikjatim", "finished", 2)
    _ended(db, "klikjatim-baru", "failed", 0)  # another source whose name starts alike
    _ended(db, "klikjatim", "failed", 0)
    _ended(db, "klikjatim", "failed", 0)
    start_run(db, ["nawacita", "klikjatim"])  # a manual crawl of several sources, still running
    health = source_health(db, "klikjatim")
    assert health.failures_in_a_row == 2 and health.running
    assert health.last is not None and health.last.status == "failed"
    first_new = recent_runs(db, 10, source="klikjatim")[-1]
    assert health.last_new_at == first_new.started_at == health.first_run_at
    assert [r.sources for r in recent_runs(db, 10, source="klikjatim")] == [
        "nawacita klikjatim", "klikjatim", "klikjatim", "klikjatim"]  # fmt: skip
    _ended(db, "klikjatim", "finished", 0)
    assert source_health(db, "klikjatim").failures_in_a_row == 0


ALICE = Holder("h1:100:aa", "h1", 100)
BOB = Holder("h2:200:bb", "h2", 200)
MINUTE = timedelta(minutes=1)


def test_a_lock_has_one_holder_until_released(db: Session) -> None:
    never_dead = lambda lock: False  # noqa: E731
    assert acquire_lock(db, "source:klikjatim", ALICE, MINUTE, never_dead) is not None
    assert acquire_lock(db, "source:klikjatim", BOB, MINUTE, never_dead) is None
    assert acquire_lock(db, "source:klikjatim", ALICE, MINUTE, never_dead) is None  # not twice by one holder
    assert acquire_lock(db, "source:nawacita", BOB, MINUTE, never_dead) is not None
    assert not release_lock(db, "source:klikjatim", BOB)  # only the holder releases
    assert release_lock(db, "source:klikjatim", ALICE)
    lock = acquire_lock(db, "source:klikjatim", BOB, MINUTE, never_dead)
    assert lock is not None and (lock.holder, lock.host, lock.pid) == (BOB.id, "h2", 200)


def test_an_expired_or_dead_holders_lock_is_taken_over(db: Session) -> None:
    never_dead = lambda lock: False  # noqa: E731
    assert acquire_lock(db, "scheduler", ALICE, timedelta(seconds=-1), never_dead) is not None  # already expired
    taken = acquire_lock(db, "scheduler", BOB, MINUTE, never_dead)
    assert taken is not None and taken.holder == BOB.id
    assert renew_locks(db, ALICE, MINUTE) == []  # Alice learns she lost it
    assert acquire_lock(db, "scheduler", ALICE, MINUTE, lambda lock: lock.pid == 200) is not None  # Bob died
    lock = get_lock(db, "scheduler")
    assert lock is not None
    before = lock.expires_at
    assert renew_locks(db, ALICE, timedelta(hours=1)) == ["scheduler"]
    lock = get_lock(db, "scheduler")
    assert lock is not None and lock.holder == ALICE.id and lock.expires_at > before + timedelta(minutes=50)
