"""storage/runs.py: the crawl history."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from storage.runs import finish_run, recent_runs, start_run
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
