"""A crawl run by hand honours the scheduler's per-source leases: one crawl per source at a time."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import open_archive
from storage.models import CrawlLock, Run
from storage.runs import Holder, acquire_lock

from conftest import FAST, run_arsip


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
