"""Fault: the PostgreSQL server restarts while a crawl writes to it (issue 7).

The test runs its OWN PostgreSQL (initdb + pg_ctl in a temporary directory, on a free port; as the
`postgres` user when run as root, as CI does), never the shared server other tests use. A crawl
of the simulator, slowed to one request at a time, writes into it; once it has archived a few
articles the server is restarted (`pg_ctl restart -m fast`: every connection is cut, the server
refuses connections for a moment). The crawl must ride it out, lose nothing archived before,
leave no half-written article, and a second crawl must complete the archive to exactly the
manifest's relevant articles.

To be sure writes are in flight when the server goes, the test first holds the exclusive dedup
lock every archive transaction waits for (storage/dedup.py), waits until the crawl's writer is
blocked on it inside its transaction, and restarts then.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from conftest import FAST, ROOT, query, run_arsip

from arsip.simulator import articles, sources_toml
from crawler.urls import normalize_url
from storage.dedup import PG_LOCK_NAMESPACE


def _pg_bin() -> Path:
    """Where initdb and pg_ctl are: $ARSIP_PG_BIN, else the newest Debian PostgreSQL (not on PATH there)."""
    if given := os.environ.get("ARSIP_PG_BIN"):
        return Path(given)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries: install the postgresql package or set ARSIP_PG_BIN")
    return found[-1].parent


PG_BIN = _pg_bin()
NOT_FETCHABLE = {"http500", "robots_disallowed"}


@dataclass
class Server:
    url: str  # SQLAlchemy URL of the arsip database, as role arsip
    dsn: str  # the same for psycopg
    data: Path
    log: Path
    run: Callable[..., subprocess.CompletedProcess[str]]

    def restart(self) -> None:
        """Restart now, cutting every connection (`-m fast`); returns once it accepts connections again."""
        self.run(PG_BIN / "pg_ctl", "restart", "-D", self.data, "-m", "fast", "-w", "-t", "60", "-l", self.log)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[Server]:
    """A throwaway PostgreSQL cluster for this module: role and database `arsip`, torn down after."""
    as_root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="arsip-pg-"))
    data, log, port = folder / "data", folder / "server.log", _free_port()

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        command = [str(a) for a in args]
        if as_root:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"{' '.join(command)}: {done.stdout}{done.stderr}"
        return done

    if as_root:
        shutil.chown(folder, "postgres", "postgres")
    run(PG_BIN / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off"
    run(PG_BIN / "pg_ctl", "start", "-D", data, "-o", options, "-w", "-t", "60", "-l", log)
    try:
        psql = (PG_BIN / "psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c")
        run(*psql, "CREATE ROLE arsip LOGIN PASSWORD 'arsip'")
        run(*psql, "CREATE DATABASE arsip OWNER arsip")
        dsn = f"postgresql://arsip:arsip@127.0.0.1:{port}/arsip"
        yield Server(dsn.replace("postgresql://", "postgresql+psycopg://"), dsn, data, log, run)
    finally:
        subprocess.run(
            [*(["runuser", "-u", "postgres", "--"] if as_root else []),
             str(PG_BIN / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate", "-w"],
            capture_output=True, timeout=60, check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


def expected_urls(portals: dict[str, str]) -> set[str]:
    return {
        normalize_url(portals[a.portal].rstrip("/") + a.path)
        for a in articles()
        if a.relevant and a.fault not in NOT_FETCHABLE
    }


def count(db: str, sql: str) -> int:
    return int(query(db, sql)[0][0])


# An article is whole when its raw page, its dedup signature and bands, its search row and its story are there.
HALF_WRITTEN = """
SELECT count(*) FROM articles a
WHERE a.cluster_id IS NULL
   OR NOT EXISTS (SELECT 1 FROM raw_pages r WHERE r.article_id = a.id)
   OR NOT EXISTS (SELECT 1 FROM dedup_signatures s WHERE s.article_id = a.id)
   OR NOT EXISTS (SELECT 1 FROM dedup_bands b WHERE b.article_id = a.id)
   OR NOT EXISTS (SELECT 1 FROM articles_fts_pg f WHERE f.article_id = a.id)
   OR (a.duplicate_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = a.duplicate_of))
"""


def test_crawl_rides_out_a_postgresql_restart(own_postgres: Server, portals: dict[str, str], tmp_path: Path) -> None:
    db = own_postgres.url
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(portals), "utf-8")
    expected = expected_urls(portals)
    result = run_arsip("db", "upgrade", "--db", db)
    assert result.returncode == 0, result.stderr
    # Slow: one request at a time, each article written in its own small batch, so writes are
    # in flight all through the crawl and many remain when the server goes away.
    slow = ["-s", "CONCURRENT_REQUESTS=1", "-s", "DOWNLOAD_DELAY=0.15", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "ARSIP_WRITE_BATCH_SECONDS=0.05", "-s", "LOG_LEVEL=ERROR"]
    crawl = subprocess.Popen(
        [sys.executable, "-m", "arsip", "crawl", "--sources", str(sources), "--db", db, *slow],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "200"},
    )
    try:
        deadline = time.monotonic() + 120
        while count(db, "SELECT count(*) FROM articles") < 3:
            assert crawl.poll() is None, crawl.communicate()
            assert time.monotonic() < deadline, "the crawl archived nothing in 120 s"
            time.sleep(0.05)
        blocker = psycopg.connect(own_postgres.dsn, autocommit=True)
        # Held, the lock every article transaction takes first (shared) keeps the writer waiting inside one.
        blocker.execute("SELECT pg_advisory_lock(%s, -1)", (PG_LOCK_NAMESPACE,))
        before = set(query(db, "SELECT id, url, content_hash FROM articles"))
        while not blocker.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").fetchone()[0]:
            assert crawl.poll() is None, crawl.communicate()
            assert time.monotonic() < deadline, "the crawl's writer never waited for the dedup lock"
            time.sleep(0.05)
        own_postgres.restart()  # cuts the writer's transaction (and the blocker's connection)
        blocker.close()
        _, err = crawl.communicate(timeout=300)
    finally:
        if crawl.poll() is None:
            crawl.kill()
    assert len(before) < len(expected)  # the restart came while the crawl still had articles to write
    assert "terminating connection due to administrator command" in own_postgres.log.read_text("utf-8", "replace")

    # The crawl rode it out: it finished, no traceback, and its run is recorded.
    assert crawl.returncode == 0, err
    assert "Traceback" not in err
    assert query(db, "SELECT status FROM runs") == [("finished",)]
    # Nothing archived before is lost; no article is half-written; none is archived twice.
    after = set(query(db, "SELECT id, url, content_hash FROM articles"))
    assert before <= after
    assert count(db, HALF_WRITTEN) == 0
    stored = [url for (url,) in query(db, "SELECT url FROM articles")]
    assert len(stored) == len(set(stored))
    assert set(stored) <= expected
    # A relevant page that is not archived was recorded as failed, to be fetched again.
    failed = {url for (url,) in query(db, "SELECT url FROM skipped_pages WHERE outcome = 'failed'")}
    assert expected - set(stored) <= failed
    # In fact none was: the cut transaction was retried once the server was back; the only failed
    # pages are those that cannot be fetched (HTTP 500, forbidden by robots.txt).
    unfetchable = {normalize_url(portals[a.portal].rstrip("/") + a.path) for a in articles() if a.fault in NOT_FETCHABLE}
    assert failed <= unfetchable
    assert set(stored) == expected

    # A second crawl completes the archive to exactly the manifest's relevant articles.
    again = run_arsip("crawl", "--sources", str(sources), "--db", db, *FAST)
    assert again.returncode == 0, again.stderr
    assert sorted(url for (url,) in query(db, "SELECT url FROM articles")) == sorted(expected)
    assert count(db, HALF_WRITTEN) == 0
    assert set(query(db, "SELECT id, url, content_hash FROM articles")) >= after
    assert query(db, "SELECT status FROM runs ORDER BY id") == [("finished",), ("finished",)]
