"""Process faults (issue 7): kill -9 while a crawl writes, the archive's disk full, the archive
held by a long reader or a long writer.

Real `python -m arsip crawl` processes against the portal simulator, a real SQLite file, and
for the full disk a real tmpfs the test mounts (that needs root, as CI has: without it the test
fails and says so; a skipped fault test would prove nothing). After every fault the archive
passes SQLite's integrity check, holds no half-written article (each has its raw page, its
dedup signature and bands, its full-text entry), keeps everything archived before the fault,
and a re-run archives exactly what the simulator's manifest says (`arsip.simulator.articles()`).

Each test prints its row of the fault table (run pytest with -s to see them).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FAST, ROOT, run_arsip

from arsip.simulator import articles, sources_toml
from crawler.urls import normalize_url
from storage.db import open_archive
from storage.errors import DatabaseError

NOT_FETCHABLE = {"http500", "robots_disallowed"}


# -- the archive, read with the sqlite3 module (not arsip's code) ---------------------------------


def expected_urls(portals: dict[str, str]) -> set[str]:
    """What a complete crawl archives: the manifest's relevant articles a crawler can fetch."""
    return {
        normalize_url(portals[a.portal].rstrip("/") + a.path)
        for a in articles()
        if a.relevant and a.fault not in NOT_FETCHABLE
    }


def rows(db_file: Path, sql: str, *args: object) -> list[tuple]:
    connection = sqlite3.connect(db_file, timeout=10)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def archived(db_file: Path) -> set[str]:
    return {url for (url,) in rows(db_file, "SELECT url FROM articles")}


# Each query counts rows that a crash between two statements of one article's write would leave.
HALF_WRITTEN = {
    "article without raw page": "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM raw_pages r WHERE r.article_id = a.id)",
    "article without dedup signature": "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM dedup_signatures s WHERE s.article_id = a.id)",
    "article without dedup bands": "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM dedup_bands b WHERE b.article_id = a.id)",
    "article without full-text entry": "SELECT count(*) FROM articles WHERE id NOT IN (SELECT doc FROM temp.fts_docs)",
    "full-text entry without article": "SELECT count(DISTINCT doc) FROM temp.fts_docs WHERE doc NOT IN (SELECT id FROM articles)",
    "raw page without article": "SELECT count(*) FROM raw_pages WHERE article_id NOT IN (SELECT id FROM articles)",
    "dedup rows without article": "SELECT (SELECT count(*) FROM dedup_signatures WHERE article_id NOT IN (SELECT id FROM articles))"
    " + (SELECT count(*) FROM dedup_bands WHERE article_id NOT IN (SELECT id FROM articles))",
    "article outside a story": "SELECT count(*) FROM articles WHERE cluster_id IS NULL OR cluster_id NOT IN (SELECT id FROM articles)"
    " OR (duplicate_of IS NOT NULL AND duplicate_of NOT IN (SELECT id FROM articles))",
    "archived page still marked failed": "SELECT count(*) FROM skipped_pages WHERE outcome = 'failed' AND url IN (SELECT url FROM articles)",
    "ended run without an end time": "SELECT count(*) FROM runs WHERE status != 'running' AND finished_at IS NULL",
    "running run no crawl can close": "SELECT count(*) FROM runs WHERE status = 'running' AND (pid IS NULL OR host IS NULL)",
}  # fmt: skip


def check_archive(db_file: Path) -> dict[str, int]:
    """Fails unless SQLite finds the file sound; returns the half-written rows found, by kind."""
    connection = sqlite3.connect(db_file, timeout=10)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        connection.execute("CREATE VIRTUAL TABLE temp.fts_docs USING fts5vocab(main, articles_fts, instance)")
        return {name: connection.execute(sql).fetchone()[0] for name, sql in HALF_WRITTEN.items()}
    finally:
        connection.close()


def wal_tail(db_file: Path) -> tuple[int, int]:
    """(frames in the WAL, frames after its last commit): the latter are a transaction cut off mid-write.

    Read from the file's bytes before anything opens it (opening recovers the WAL). Format:
    https://www.sqlite.org/fileformat2.html#walformat (32-byte header, 24-byte frame headers).
    """
    wal = db_file.with_name(db_file.name + "-wal")
    if not wal.exists() or wal.stat().st_size < 32:
        return 0, 0
    data = wal.read_bytes()
    page_size, salts = struct.unpack(">I", data[8:12])[0], data[16:24]
    frames = after_commit = 0
    offset = 32
    while offset + 24 + page_size <= len(data) and data[offset + 8 : offset + 16] == salts:
        frames += 1
        commit_size = struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        after_commit = 0 if commit_size else after_commit + 1
        offset += 24 + page_size
    return frames, after_commit


def count_articles(db_file: Path) -> int:
    """Articles committed so far (-1: the crawl has not made the archive yet)."""
    try:
        return rows(db_file, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.Error:
        return -1


# -- crawl processes ---------------------------------------------------------------------------


@dataclass
class Site:
    sources: Path
    expected: set[str]


@pytest.fixture(scope="module")
def site(portals: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Site:
    sources = tmp_path_factory.mktemp("faults_process") / "sources.toml"
    sources.write_text(sources_toml(portals), "utf-8")
    return Site(sources, expected_urls(portals))


# Extraction in the crawl process: the same write path, two processes fewer on a busy machine.
LIGHT = [*FAST, "-s", "ARSIP_EXTRACT_WORKERS=0"]


def crawl(site: Site, db: str, settings: list[str] = LIGHT) -> subprocess.CompletedProcess[str]:
    return run_arsip("crawl", "--sources", str(site.sources), "--db", db, *settings)


def new_archive(db: str) -> None:
    """An empty archive at the current schema, as `arsip crawl` would make it."""
    open_archive(db).dispose()


# A crawl whose article writes spread over a few seconds, in small batches: many commits to kill around.
# One extraction worker: the kill must still leave no orphan of the pool behind.
PACED = [*FAST, "-s", "CONCURRENT_REQUESTS=2", "-s", "DOWNLOAD_DELAY=0.04", "-s", "ARSIP_WRITE_BATCH_SECONDS=0.2",
         "-s", "ARSIP_EXTRACT_WORKERS=1"]  # fmt: skip


def start_crawl(site: Site, db: str, log: Path, settings: list[str] = FAST) -> subprocess.Popen[bytes]:
    """`arsip crawl` in its own process group (so that a test can find every process it started)."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "arsip", "crawl", "--sources", str(site.sources), "--db", db, *settings],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "200"},
            start_new_session=True,
        )


def wait_for_articles(process: subprocess.Popen[bytes], db_file: Path, at_least: int, log: Path) -> int:
    """Poll the archive until it holds `at_least` articles; fails if the crawl ends first."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (count := count_articles(db_file)) >= at_least:
            return count
        if process.poll() is not None:
            pytest.fail(f"the crawl ended (status {process.returncode}) before {at_least} articles:\n{log.read_text()}")
        time.sleep(0.005)
    pytest.fail(f"no {at_least} articles after 120 s")


def wait_for_run(process: subprocess.Popen[bytes], db_file: Path, log: Path) -> None:
    """Poll until the crawl has recorded its run (it has opened the archive and begun)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if rows(db_file, "SELECT count(*) FROM runs")[0][0]:
                return
        except sqlite3.Error:
            pass
        if process.poll() is not None:
            pytest.fail(f"the crawl ended (status {process.returncode}) before recording its run:\n{log.read_text()}")
        time.sleep(0.005)
    pytest.fail("no run recorded after 120 s")


def wait_for_wal_write(process: subprocess.Popen[bytes], db_file: Path, log: Path) -> int:
    """Poll until the WAL changes while the articles do not (yet): most likely a batch being written."""
    wal = db_file.with_name(db_file.name + "-wal")
    count, mtime = count_articles(db_file), wal.stat().st_mtime_ns
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if wal.stat().st_mtime_ns != mtime:
            if count_articles(db_file) == count:
                return count
            count, mtime = count_articles(db_file), wal.stat().st_mtime_ns
        if process.poll() is not None:
            pytest.fail(f"the crawl ended (status {process.returncode}) before writing:\n{log.read_text()}")
        time.sleep(0.001)
    pytest.fail("the WAL did not change for 120 s")


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def kill_9(process: subprocess.Popen[bytes]) -> tuple[int, list[int]]:
    """SIGKILL the crawl process alone (as the OOM killer does); returns (children it had, survivors 5 s later).

    Its extraction workers must notice and end; the whole group is killed afterwards either way.
    """
    children = [pid for pid in group_members(process.pid) if pid != process.pid]
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 5
    while (survivors := group_members(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return len(children), survivors


def report(row: dict[str, object]) -> None:
    print("\nFAULT TABLE ROW: " + " | ".join(f"{k}: {v}" for k, v in row.items()))


# -- kill -9 -----------------------------------------------------------------------------------


def test_kill_9_while_writing_loses_nothing_and_the_next_crawl_completes(site: Site, tmp_path: Path) -> None:
    db_file = tmp_path / "arsip.db"
    db = f"sqlite:///{db_file}"
    killed = []
    # Three kill points: just after the crawl's first commit; while the WAL is being written (a
    # commit in progress, or just done); once half of what was left is archived.
    for moment in ("after the first commit", "while the WAL changes", "half-way"):
        log = tmp_path / f"crawl-{len(killed)}.log"
        start = max(count_articles(db_file), 0)
        process = start_crawl(site, db, log, PACED)
        seen = wait_for_articles(process, db_file, start + 1, log)
        if moment == "while the WAL changes":
            seen = wait_for_wal_write(process, db_file, log)
        elif moment == "half-way":
            seen = wait_for_articles(process, db_file, start + (len(site.expected) - start) // 2, log)
        before = archived(db_file)
        children, survivors = kill_9(process)
        frames, cut_off = wal_tail(db_file)
        assert not survivors, f"processes of the killed crawl still run: {survivors}"
        half = check_archive(db_file)
        assert sum(half.values()) == 0, half
        after = archived(db_file)
        assert before <= after, f"lost after kill -9: {sorted(before - after)}"
        assert after <= site.expected
        (status, pid) = rows(db_file, "SELECT status, pid FROM runs ORDER BY id DESC LIMIT 1")[0]
        assert (status, pid) == ("running", process.pid)
        killed.append(process.pid)
        report({
            "fault": f"kill -9 {moment}", "articles before the crawl": start, "seen at the kill": seen,
            "after": len(after), "WAL frames": frames, "frames cut off mid-commit": cut_off,
            "child processes": children, "survivors": len(survivors), "half-written": sum(half.values()),
        })  # fmt: skip

    assert len(archived(db_file)) < len(site.expected), "the kills came too late to leave the re-run any work"

    # `arsip runs` now: each crawl closed the run of the one killed before it; the last is still "running".
    shown = run_arsip("runs", "--db", db)
    assert shown.returncode == 0, shown.stderr
    status = {int(line.split()[0]): line.split()[3] for line in shown.stdout.splitlines() if line.strip()[:1].isdigit()}
    assert status == {1: "failed", 2: "failed", 3: "running"}, shown.stdout
    assert "run 1 failed after" in shown.stdout and f"its crawl process (pid {killed[0]} on" in shown.stdout
    assert f"run 3 is not running: its crawl process (pid {killed[2]} on" in shown.stdout

    # A run whose process lives is never closed, whatever its age: only a provably dead one.
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        connection = sqlite3.connect(db_file)
        with connection:
            connection.execute(
                "INSERT INTO runs (started_at, status, sources, pages_fetched, articles_new, articles_duplicate,"
                " not_relevant, failed, trigger, pid, host) VALUES ('2026-01-01 00:00:00.000000', 'running', 'x',"
                " 0, 0, 0, 0, 0, 'manual', ?, ?)",
                (live.pid, socket.gethostname()),
            )
        connection.close()
        again = crawl(site, db)
        assert rows(db_file, "SELECT status FROM runs WHERE pid = ?", live.pid) == [("running",)]
    finally:
        live.kill()
        live.wait()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Traceback" not in again.stderr
    assert sum(check_archive(db_file).values()) == 0
    assert archived(db_file) == site.expected
    closed = rows(db_file, "SELECT pid, status, exit_reason FROM runs WHERE pid IN (?, ?, ?) ORDER BY id", *killed)
    assert len(closed) == 3
    for pid, status, reason in closed:
        assert status == "failed"
        assert reason == f"its crawl process (pid {pid} on {socket.gethostname()}) is gone"
    report({"fault": "kill -9 x3, then a re-run", "archived": len(archived(db_file)), "expected": len(site.expected),
            "killed runs closed": len(closed), "exit": again.returncode})  # fmt: skip


def test_the_busy_timeout_comes_from_the_url_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    engine = open_archive(f"sqlite:///{tmp_path / 'arsip.db'}?timeout=2.5")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500
    finally:
        engine.dispose()
    with pytest.raises(DatabaseError, match=r"timeout='soon'.*\?timeout=60"):
        open_archive(f"sqlite:///{tmp_path / 'arsip.db'}?timeout=soon")


# -- disk full ---------------------------------------------------------------------------------

SMALL_DISK = "4m"  # the tmpfs; a ballast file then leaves FREE_FOR_THE_CRAWL of it
FREE_FOR_THE_CRAWL = 300 * 1024  # a fraction of what a crawl of the simulator writes (0.8-1.7 MB of WAL, by batch sizes)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of SMALL_DISK mounted for the test (root only), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.fail(
            "the disk-full test mounts a small tmpfs, which needs root (CI runs as root): "
            "run this test as root, e.g. in the CI container"
        )
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK}", "tmpfs", str(mount)], capture_output=True, text=True, check=False
    )
    if made.returncode:
        pytest.fail(f"could not mount a tmpfs at {mount}: {made.stderr.strip()} (needs root with CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave: int) -> Path:
    """A ballast file that leaves `leave` bytes free on the folder's filesystem."""
    ballast = folder / "ballast"
    ballast.write_bytes(b"\0" * (shutil.disk_usage(folder).free - leave))
    return ballast


def test_disk_full_stops_the_crawl_cleanly_and_a_rerun_after_freeing_space_completes(
    site: Site, small_disk: Path
) -> None:
    db_file = small_disk / "arsip.db"
    db = f"sqlite:///{db_file}"
    new_archive(db)
    ballast = fill(small_disk, FREE_FOR_THE_CRAWL)
    first = crawl(site, db)
    output = first.stdout + first.stderr
    assert "disk is full" in output, f"the disk did not fill ({FREE_FOR_THE_CRAWL} bytes free too many?):\n{output}"
    assert first.returncode == 1, output
    assert "Traceback" not in output
    assert str(db_file) in output and "free space" in output  # names the archive and the remedy
    half = check_archive(db_file)
    assert sum(half.values()) == 0, half
    kept = archived(db_file)
    assert kept < site.expected
    not_stored = {
        line.split(": ", 1)[1].split(": the archive's disk is full", 1)[0]
        for line in output.splitlines()
        if line.startswith("failed: ") and "disk is full" in line
    }
    assert not_stored and not_stored.isdisjoint(kept)
    run = rows(db_file, "SELECT status, exit_reason, errors FROM runs")
    # The end of the run is written when the disk still takes it; else it stays running for the next crawl to close.
    assert len(run) == 1 and run[0][0] in ("failed", "running"), run
    if run[0][0] == "failed":
        assert run[0][1] == "archive_disk_full" and "disk is full" in run[0][2]
    files = {p.name: p.stat().st_size for p in small_disk.iterdir() if p != ballast}

    ballast.unlink()  # space freed, as the message asks
    again = crawl(site, db)
    assert again.returncode == 0, again.stdout + again.stderr
    assert sum(check_archive(db_file).values()) == 0
    assert kept <= archived(db_file) == site.expected
    assert rows(db_file, "SELECT status FROM runs ORDER BY id") == [("failed",), ("finished",)]
    report({
        "fault": f"disk full ({FREE_FOR_THE_CRAWL // 1024} KB free)", "archived before": len(kept),
        "pages not stored": len(not_stored), "exit": first.returncode, "run": run[0][0], "files": files,
        "half-written": sum(half.values()), "re-run archived": len(archived(db_file)), "expected": len(site.expected),
    })  # fmt: skip


# -- the archive held by another process ----------------------------------------------------------

# Holds a read transaction until its stdin closes; prints the articles it saw at the start and at the end.
READER = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
print(c.execute("SELECT count(*) FROM articles").fetchone()[0], flush=True)
sys.stdin.read()
print(c.execute("SELECT count(*) FROM articles").fetchone()[0], flush=True)
"""
HOLD = 6  # seconds the writer holds the lock: longer than the crawl takes to fetch and extract its articles
# Holds SQLite's write lock for argv[2] seconds, then gives it up without writing.
WRITER = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")
"""


def test_a_long_writer_fails_pages_with_the_reason_and_a_rerun_under_a_long_reader_completes_them(
    site: Site, tmp_path: Path
) -> None:
    db_file = tmp_path / "arsip.db"
    db = f"sqlite:///{db_file}?timeout=1"
    log = tmp_path / "crawl.log"
    new_archive(db)
    process = start_crawl(site, db, log, LIGHT)
    wait_for_run(process, db_file, log)  # the crawl has begun: its articles come in the next seconds
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_file), str(HOLD)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
    before = archived(db_file)
    assert process.wait(timeout=120) == 0, log.read_text()
    writer.wait(timeout=30)
    output = log.read_text()
    assert "Traceback" not in output
    locked = {
        line.split(": ", 1)[1].split(": database is locked", 1)[0]
        for line in output.splitlines()
        if line.startswith("failed: ") and "database is locked" in line
    }
    assert locked, output
    assert "timeout" in output and "fuser" in output  # the remedy
    kept = archived(db_file)
    assert before <= kept and locked.isdisjoint(kept)
    assert sum(check_archive(db_file).values()) == 0
    (status, reason, failed, errors) = rows(db_file, "SELECT status, exit_reason, failed, errors FROM runs")[0]
    assert status == "failed" and reason.startswith("archive_locked: ") and failed >= len(locked)
    assert all(url in errors for url in locked)
    missed = site.expected - kept
    assert missed  # the lock did cost articles, which the next crawl must complete

    # The re-run, while another process holds a read transaction open all along: in WAL mode a
    # reader never blocks the writer (with a 1 s busy timeout, any wait for it would fail pages).
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db_file)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout is not None and reader.stdin is not None
    try:
        assert reader.stdout.readline().strip() == str(len(kept))
        again = crawl(site, db)
        wal = db_file.with_name("arsip.db-wal").stat().st_size
        reader.stdin.close()
        assert reader.stdout.readline().strip() == str(len(kept))  # its snapshot was held through the whole crawl
    finally:
        reader.kill()
        reader.wait()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "locked" not in again.stdout + again.stderr
    assert archived(db_file) == site.expected
    assert sum(check_archive(db_file).values()) == 0
    busy, _, _ = rows(db_file, "PRAGMA wal_checkpoint(TRUNCATE)")[0]  # the reader gone, the WAL is folded in
    assert busy == 0
    report({"fault": "long reader through the re-run", "articles written meanwhile": len(site.expected) - len(kept),
            "failed": 0, "WAL size at the end": wal})  # fmt: skip
    report({"fault": f"long writer (BEGIN IMMEDIATE {HOLD} s, busy timeout 1 s)", "pages failed": len(locked),
            "articles missed": len(missed), "re-run archived": len(archived(db_file)), "expected": len(site.expected)})  # fmt: skip
