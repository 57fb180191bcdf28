"""A crawl run by hand honours the scheduler's per-source leases: one crawl per source at a time."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import FAST, run_arsip
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import open_archive
from storage.models import CrawlLock, Run
from storage.runs import Holder, acquire_lock


def _sources_file(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nname = "mati"\nurl = "{url}"\nregion = "Gresik"\n', "utf-8")
    return path


def test_manual_crawl_of_a_source_being_crawled_is_refused(tmp_path: Path, dead_portal_url: str) -> None:
    url = f"sqlite:///{tmp_path / 'arsip.db'}"
    engine = open_archive(url)
    # The scheduler service (a live process: this one) is crawling "mati" right now.
    service = Holder(id="service-1", host=socket.gethostname(), pid=os.getpid())
    with Session(engine) as db:
        assert acquire_lock(db, "source:mati", service, timedelta(minutes=5), lambda lock: False) is not None

    result = run_arsip("crawl", "--sources", str(_sources_file(tmp_path, dead_portal_url)), "--source", "mati", "--db", url)

    assert result.returncode == 1
    assert "source 'mati' is being crawled right now by service-1" in result.stderr
    assert "Traceback" not in result.stderr
    with Session(engine) as db:
        assert db.scalar(select(CrawlLock.holder).where(CrawlLock.name == "source:mati")) == "service-1"
        assert db.scalars(select(Run)).all() == []  # no crawl was started
    engine.dispose()


def test_manual_crawl_takes_and_gives_back_the_lease(tmp_path: Path, dead_portal_url: str) -> None:
    url = f"sqlite:///{tmp_path / 'arsip.db'}"
    engine = open_archive(url)
    # A lease left by a crawl that was killed on this host (its pid is gone) does not block.
    now = datetime.now(UTC)
    with Session(engine) as db:
        db.add(CrawlLock(name="source:mati", holder="killed", host=socket.gethostname(), pid=2**22 + 1,
                         acquired_at=now, expires_at=now + timedelta(hours=1)))
        db.commit()

    sources = _sources_file(tmp_path, dead_portal_url)
    result = run_arsip("crawl", "--sources", str(sources), "--source", "mati", "--db", url, *FAST, "-s", "RETRY_ENABLED=False")

    assert "Traceback" not in result.stderr
    with Session(engine) as db:
        runs = db.scalars(select(Run)).all()
        assert [r.sources for r in runs] == ["mati"]  # the crawl ran
        assert db.scalars(select(CrawlLock)).all() == []  # and gave the lease back
    engine.dispose()


def test_manual_crawl_lease_renewal_survives_a_failed_renewal(tmp_path: Path) -> None:
    """One failed renewal (here: the lock table briefly unreachable) must not end the renewals,
    or a long manual crawl loses its lease and the service starts the same source beside it."""
    import sqlite3
    import time

    from scheduler.locks import holding_sources

    db_file = tmp_path / "arsip.db"
    engine = open_archive(f"sqlite:///{db_file}")
    ttl = timedelta(seconds=0.8)  # renewed every 0.2 s
    with holding_sources(engine, ["mati"], ttl=ttl):
        with sqlite3.connect(db_file) as raw:
            raw.execute("ALTER TABLE crawl_locks RENAME TO crawl_locks_away")
        time.sleep(0.5)  # renewals fail meanwhile: no such table
        with sqlite3.connect(db_file) as raw:
            raw.execute("ALTER TABLE crawl_locks_away RENAME TO crawl_locks")
        time.sleep(1.5)  # longer than the lease: only renewals after the failure keep it
        with Session(engine) as db:
            expires = db.scalar(select(CrawlLock.expires_at).where(CrawlLock.name == "source:mati"))
        assert expires is not None
        assert expires.replace(tzinfo=UTC) > datetime.now(UTC)
    engine.dispose()
