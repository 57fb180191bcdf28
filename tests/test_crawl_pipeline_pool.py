"""The crawl pipeline of issue 8: extraction in worker processes, batched archive writes,
the seen-state in the archive.

Storage tests run on SQLite and PostgreSQL (ARSIP_TEST_POSTGRES); crawl tests run the real
`python -m arsip crawl` against the portal simulator. The truth is the simulator's manifest.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from conftest import FAST, ROOT, crawl_archive, query, simulator_log
from conftest_storage import BACKENDS, archive_url, db, engine, make_article  # noqa: F401  (fixtures)
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from arsip.simulator import articles, sources_toml
from arsip.simulator.bulk import BulkConfig, BulkServer
from arsip.simulator.bulk import sources_toml as bulk_sources_toml
from crawler.extract_pool import (
    ExtractPool,
    PageFailed,
    PageJob,
    PageResult,
    process_page,
)
from crawler.urls import normalize_url
from storage.archive import (
    MAX_BAND_LOCKS,
    Added,
    Skip,
    add_articles,
    record_skip,
    record_skips,
    url_states,
)
from storage.db import open_archive
from storage.models import Article, DedupBand, DedupSignature, RawPage, SkippedPage

NOT_FETCHABLE = {"http500", "robots_disallowed"}
SITEMAPPED = ("beritalima", "realita", "jatimtimes")
PAGES = ROOT / "tests" / "pages"

STORY = (
    "BPJS Ketenagakerjaan Cabang Banyuwangi menyerahkan santunan jaminan kematian kepada ahli waris "
    "seorang nelayan di Kecamatan Muncar pada Selasa pagi. Kepala cabang menyampaikan bahwa nelayan "
    "tersebut terdaftar sebagai peserta bukan penerima upah sejak awal tahun dan rutin membayar iuran. "
    "Santunan diserahkan langsung di rumah duka disaksikan perangkat desa dan pengurus kelompok nelayan. "
    "Pemerintah kabupaten mendorong seluruh nelayan mendaftarkan diri agar keluarga terlindungi bila "
    "terjadi risiko kecelakaan kerja maupun kematian saat melaut."
)
# The same story as another portal ran it: a dateline added, the last sentence cut.
NEAR_COPY = "BANYUWANGI - " + STORY.rsplit(". ", 1)[0] + "."
OTHER = (
    "Kantor Cabang Tuban membuka layanan klaim jaminan hari tua di pusat perbelanjaan selama akhir "
    "pekan untuk memudahkan pekerja yang tidak sempat datang pada hari kerja."
)


# --- storage: add_articles ------------------------------------------------------------------------


def test_a_batch_with_two_copies_of_one_story_makes_one_story(db: Session) -> None:
    results = add_articles(
        db,
        [
            make_article(url="https://jatimtimes.example/1", source="jatimtimes", text=STORY),
            make_article(url="https://tuban.example/2", source="tuban", text=OTHER),
            make_article(url="https://realita.example/3", source="realita", text=NEAR_COPY),
            make_article(url="https://nawacita.example/4", source="nawacita", text="  " + STORY.replace(". ", ".\n")),
        ],
    )
    first, other, near, exact = results
    assert [r.outcome for r in results] == ["new", "new", "duplicate", "duplicate"]
    assert near.duplicate_of == first.article_id and exact.duplicate_of == first.article_id
    clusters = dict(db.execute(select(Article.url, Article.cluster_id)).all())
    assert clusters == {
        "https://jatimtimes.example/1": first.article_id,
        "https://tuban.example/2": other.article_id,
        "https://realita.example/3": first.article_id,
        "https://nawacita.example/4": first.article_id,
    }
    assert db.scalar(select(func.count()).select_from(RawPage)) == 4


def test_a_big_batch_locks_every_writer_out_and_still_joins_copies(db: Session) -> None:
    # 12 unrelated articles hold more LSH bands than MAX_BAND_LOCKS: the batch takes dedup's exclusive lock.
    unrelated = [make_article(url=f"https://a.example/{n}", text=" ".join(f"kata{n}x{i}" for i in range(60)))
                 for n in range(12)]  # fmt: skip
    assert 12 * 32 > MAX_BAND_LOCKS
    results = add_articles(db, [*unrelated, make_article(url="https://b.example/copy", text=unrelated[3].text)])
    assert [r.outcome for r in results] == ["new"] * 12 + ["duplicate"]
    assert results[-1].duplicate_of == results[3].article_id


def test_an_article_the_database_refuses_rolls_back_alone(db: Session) -> None:
    # raw_pages.http_status is NOT NULL: the article row is written, then its raw page is refused.
    bad = make_article(url="https://a.example/bad", text=OTHER, http_status=None)
    results = add_articles(
        db, [make_article(url="https://a.example/1", text=STORY), bad, make_article(url="https://a.example/3")]
    )
    assert [r.outcome for r in results] == ["new", "failed", "new"]
    assert results[1].article_id is None and "http_status" in (results[1].error or "")
    assert set(db.scalars(select(Article.url))) == {"https://a.example/1", "https://a.example/3"}
    ids = set(db.scalars(select(Article.id)))
    assert set(db.scalars(select(RawPage.article_id))) == ids
    assert set(db.scalars(select(DedupSignature.article_id))) == ids  # nothing of the bad one indexed
    assert set(db.scalars(select(DedupBand.article_id).distinct())) == ids


def test_a_url_archived_earlier_in_the_batch_is_known(db: Session) -> None:
    first, amp = add_articles(
        db,
        [
            make_article(url="https://a.example/x", canonical_url="https://a.example/x"),
            make_article(url="https://a.example/x?amp=1", canonical_url="https://a.example/x", text=OTHER),
        ],
    )
    assert amp == Added("known", first.article_id, None)
    assert db.scalar(select(func.count()).select_from(Article)) == 1


def test_skips_upsert_in_one_batch_and_count_attempts(db: Session) -> None:
    record_skip(db, "https://a.example/t", "klikjatim", "failed", "timeout")
    errors = record_skips(
        db,
        [
            Skip("https://a.example/t", "klikjatim", "failed", "HTTP 503"),
            Skip("https://a.example/lomba", "klikjatim", "not_relevant", "no keyword", 0.1),
        ],
    )
    assert errors == [None, None]
    rows = {r.url: (r.outcome, r.reason, r.attempts) for r in db.scalars(select(SkippedPage))}
    assert rows == {
        "https://a.example/t": ("failed", "HTTP 503", 2),
        "https://a.example/lomba": ("not_relevant", "no keyword", 1),
    }


def test_a_skip_the_database_refuses_does_not_take_the_others(db: Session) -> None:
    # A NUL character: PostgreSQL refuses it in text; SQLite stores it. Either way the others are kept.
    errors = record_skips(
        db,
        [Skip("https://a.example/1", "klikjatim", "failed", "timeout"),
         Skip("https://a.example/2", "klikjatim", "failed", "bad\x00reason"),
         Skip("https://a.example/3", "klikjatim", "not_relevant", "no keyword")],
    )  # fmt: skip
    stored = set(db.scalars(select(SkippedPage.url)))
    assert {"https://a.example/1", "https://a.example/3"} <= stored
    assert (errors[1] is None) == ("https://a.example/2" in stored)
    assert errors[0] is None and errors[2] is None


def test_url_states_come_from_the_archive_in_a_few_queries(db: Session, engine: Engine) -> None:
    crawl_start = datetime.now(UTC)
    before = crawl_start - timedelta(days=1)
    add_articles(db, [make_article(url="https://a.example/old", text=STORY, fetched_at=before)])
    add_articles(db, [make_article(url="https://a.example/now", text=OTHER, fetched_at=crawl_start)])
    record_skip(db, "https://a.example/failed-now", "klikjatim", "failed", "HTTP 500")
    record_skip(db, "https://a.example/lomba-now", "klikjatim", "not_relevant", "no keyword")
    record_skip(db, "https://a.example/failed-twice", "klikjatim", "failed", "HTTP 500")
    db.execute(text("UPDATE skipped_pages SET seen_at = :t WHERE url LIKE '%twice'"), {"t": before.isoformat(" ")})
    db.commit()
    record_skip(db, "https://a.example/failed-twice", "klikjatim", "failed", "HTTP 500")  # again, this crawl
    unseen = [f"https://a.example/new/{n}" for n in range(1200)]
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    states = url_states(
        db,
        ["https://a.example/old", "https://a.example/now", "https://a.example/failed-now",
         "https://a.example/lomba-now", "https://a.example/failed-twice", *unseen],
        max_failures=3, since=crawl_start,
    )  # fmt: skip
    assert len(statements) <= 6  # 1205 URLs: 3 chunks of 500, two queries each
    summary = {url: (s.status, s.fresh) for url, s in states.items() if "/new/" not in url}
    assert summary == {
        "https://a.example/old": ("known", False),  # archived by an earlier crawl
        "https://a.example/now": ("known", True),  # archived by this one: still news to pagination
        "https://a.example/failed-now": ("retry", True),
        "https://a.example/lomba-now": ("known", True),
        "https://a.example/failed-twice": ("retry", False),  # first failed in an earlier crawl
    }
    assert {(s.status, s.fresh) for url, s in states.items() if "/new/" in url} == {("new", True)}


# --- the extraction pool --------------------------------------------------------------------------


def _job(name: str) -> PageJob:
    return PageJob(
        url=f"https://{name.replace('.html', '/')}",
        body=(PAGES / name).read_bytes(),
        fallback_region="35",
        fetched_at=datetime(2024, 10, 30, tzinfo=UTC),
        relevance_threshold=0.5,
        rules=None,
    )


def _same(a: object, b: PageResult) -> bool:
    """Equal results (a signature is a numpy array: compared as one)."""
    assert isinstance(a, PageResult)
    if a.extraction != b.extraction or (a.prepared is None) != (b.prepared is None):
        return False
    if a.prepared is None or b.prepared is None:
        return True
    fa, fb = a.prepared.fingerprint, b.prepared.fingerprint
    return (
        np.array_equal(fa.signature, fb.signature)
        and (fa.bands, fa.figures) == (fb.bands, fb.figures)
        and (a.prepared.content_hash, a.prepared.compressed_html) == (b.prepared.content_hash, b.prepared.compressed_html)
    )


def test_pool_gives_what_extraction_in_process_gives_and_survives_a_killed_worker() -> None:
    names = sorted(str(p.relative_to(PAGES)) for p in PAGES.glob("*/*.html"))[:4]
    assert len(names) == 4

    async def scenario() -> tuple[list[object], list[object], int, list[int], list[int]]:
        pool = ExtractPool(1)
        pool.start()
        try:
            first = [await pool.run(_job(name)) for name in names[:2]]  # also waits for the worker to start
            before = pool.worker_pids()
            runs = [asyncio.ensure_future(pool.run(_job(name))) for name in names]
            while _state(before[0]) != "R":  # the worker is extracting the first page
                await asyncio.sleep(0)
            os.kill(before[0], signal.SIGKILL)
            outcomes = await asyncio.gather(*runs, return_exceptions=True)
            again = [await pool.run(_job(name)) for name in names]  # a new pool took over
            return first, [*outcomes, *again], pool.restarts, before, pool.worker_pids()
        finally:
            pool.shutdown()

    first, outcomes, restarts, before, after = asyncio.run(scenario())
    inline = {name: process_page(_job(name)) for name in names}
    assert all(_same(r, inline[n]) for r, n in zip(first, names[:2], strict=True))
    during, again = outcomes[:4], outcomes[4:]
    died = [o for o in during if isinstance(o, PageFailed)]
    assert died and all("worker died" in o.reason for o in died)  # the page it ran, and the one queued
    assert all(_same(o, inline[n]) for o, n in zip(during, names) if not isinstance(o, PageFailed))
    assert all(_same(r, inline[n]) for r, n in zip(again, names, strict=True))
    assert restarts == 1 and set(before).isdisjoint(after)
    for pid in before + after:
        assert _gone(pid)


# --- crawls -------------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _children(pid: int) -> dict[int, str]:
    """Child processes of `pid`: pid -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return found


def _workers(pid: int) -> dict[int, str]:
    return {p: cmd for p, cmd in _children(pid).items() if "spawn_main" in cmd}


def _state(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


_STARTED: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _no_crawl_left_behind() -> Iterator[None]:
    """A failed test must not leave its crawl running."""
    yield
    while _STARTED:
        crawl = _STARTED.pop()
        if crawl.poll() is None:
            crawl.kill()
            crawl.wait()


def _wchan(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "wchan").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def _gone(pid: int, within: float = 10) -> bool:
    """The process ended (a moment after its parent, for the multiprocessing resource tracker)."""
    deadline = time.monotonic() + within
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def _start_crawl(sources: Path, db_url: str, folder: Path, *options: str) -> subprocess.Popen[bytes]:
    _STARTED.append(crawl := subprocess.Popen(
        [sys.executable, "-m", "arsip", "crawl", "--sources", str(sources), "--db", db_url, *options],
        cwd=ROOT,
        stdout=open(folder / "stdout", "wb"),  # noqa: SIM115 - the crawl's, closed when it ends
        stderr=open(folder / "stderr", "wb"),  # noqa: SIM115
        env={**os.environ, "COLUMNS": "200"},
    ))
    return crawl


def _expected(portals: dict[str, str], portal: str | None = None) -> set[str]:
    return {
        normalize_url(portals[a.portal].rstrip("/") + a.path)
        for a in articles()
        if a.relevant and a.fault not in NOT_FETCHABLE and portal in (None, a.portal)
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_killed_worker_loses_no_page(backend: str, portals: dict[str, str], tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(portals), "utf-8")
    db_url = crawl_archive(backend, tmp_path)
    open_archive(db_url).dispose()  # migrated before the crawl, so the test can watch it
    for base in portals.values():
        simulator_log(base, "reset")
    # The portals whose sitemaps list every article: a re-run finds again any page it lost.
    # (klikjatim's news sitemap has only recent articles, nawacita is explored from its home page.)
    chosen = [arg for name in SITEMAPPED for arg in ("--source", name)]
    crawl = _start_crawl(sources, db_url, tmp_path, *chosen, *FAST, "-s", "ARSIP_EXTRACT_WORKERS=1")
    seen: set[int] = set()
    kills, served, lost = 0, 0, set()
    deadline = time.monotonic() + 120
    # Article pages are being served: some are in the pool (extracting or queued for the worker).
    # Kill the worker, until a page is recorded as lost (at most 5 kills, a few pages apart).
    while crawl.poll() is None and not lost and time.monotonic() < deadline:
        workers = _workers(crawl.pid)
        seen.update(workers)
        now_served = _articles_served(portals)
        if workers and now_served >= served + 3 and kills < 5:
            time.sleep(0.02)  # their pages reach the pool
            for pid in workers:
                with contextlib.suppress(ProcessLookupError):  # it may have ended with the crawl meanwhile
                    os.kill(pid, signal.SIGKILL)
            kills += 1
            served = now_served
        lost = {url for (url,) in query(db_url, "SELECT url FROM skipped_pages WHERE reason LIKE '%worker died%'")}
        time.sleep(0.005)
    assert crawl.wait(timeout=120) == 0, (tmp_path / "stderr").read_text()
    stderr = (tmp_path / "stderr").read_text()
    assert kills, "no worker was caught extracting a page"
    assert lost, "the page the worker was extracting is recorded as failed"
    for url in lost:  # named in the run's errors (the page may have been fetched again under another URL)
        assert f"{url}: the extraction worker died" in stderr or f"{url}/: the extraction worker died" in stderr
    archived = {url for (url,) in query(db_url, "SELECT url FROM articles")}
    failed = {url for (url,) in query(db_url, "SELECT url FROM skipped_pages WHERE outcome = 'failed'")}
    expected = set().union(*(_expected(portals, name) for name in SITEMAPPED))
    assert expected <= archived | failed  # nothing lost: archived, or recorded to be retried
    for pid in seen:
        assert _gone(pid), f"worker {pid} outlived the crawl"

    again = subprocess.run(
        [sys.executable, "-m", "arsip", "crawl", "--sources", str(sources), "--db", db_url, *chosen, *FAST],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert {url for (url,) in query(db_url, "SELECT url FROM articles")} == expected
    assert not query(db_url, "SELECT url FROM skipped_pages WHERE reason LIKE '%worker died%'")


def _refuse(db_url: str, url: str) -> str:
    """Make the database itself refuse one article (a trigger / check constraint); returns its message."""
    open_archive(db_url).dispose()
    database = create_engine(db_url, poolclass=NullPool)
    try:
        with database.begin() as connection:
            if database.dialect.name == "sqlite":
                connection.exec_driver_sql(
                    f"CREATE TRIGGER refuse_one BEFORE INSERT ON articles WHEN NEW.url = '{url}' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"
                )
                return "refused by the test trigger"
            connection.exec_driver_sql(f"ALTER TABLE articles ADD CONSTRAINT refuse_one CHECK (url <> '{url}')")
            return "refuse_one"
    finally:
        database.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_article_refused_in_a_batch_fails_alone(backend: str, portals: dict[str, str], tmp_path: Path) -> None:
    portal = "klikjatim"
    expected = _expected(portals, portal)
    assert len(expected) >= 3
    refused = sorted(expected)[1]
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(portals), "utf-8")
    db_url = crawl_archive(backend, tmp_path)
    message = _refuse(db_url, refused)
    # One batch for the whole portal: nothing is written before 5 s or 1,000 pages.
    crawl = _start_crawl(
        sources, db_url, tmp_path, "--source", portal, *FAST,
        "-s", "ARSIP_WRITE_BATCH_SECONDS=5", "-s", "ARSIP_WRITE_BATCH_SIZE=1000",
    )  # fmt: skip
    assert crawl.wait(timeout=180) == 0, (tmp_path / "stderr").read_text()
    assert {url for (url,) in query(db_url, "SELECT url FROM articles")} == expected - {refused}
    failed = dict(query(db_url, "SELECT url, reason FROM skipped_pages WHERE outcome = 'failed'"))
    assert message in failed[refused]
    assert refused in (tmp_path / "stderr").read_text()


def test_sigterm_writes_the_pending_batch_and_leaves_no_worker(portals: dict[str, str], tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(portals), "utf-8")
    db_url = crawl_archive("sqlite", tmp_path)
    for base in portals.values():
        simulator_log(base, "reset")
    # Slow (a page per portal every 0.3 s) and one batch for the first 5 s: it is pending when the crawl
    # is stopped, and must be written, not dropped, while the crawl shuts down.
    crawl = _start_crawl(
        sources, db_url, tmp_path, "-s", "DOWNLOAD_DELAY=0.3", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "ARSIP_WRITE_BATCH_SECONDS=5", "-s", "ARSIP_WRITE_BATCH_SIZE=1000", "-s", "ARSIP_EXTRACT_WORKERS=2",
    )  # fmt: skip
    deadline = time.monotonic() + 120
    seen: dict[int, str] = {}
    while time.monotonic() < deadline and crawl.poll() is None and _articles_served(portals) < 3:
        seen.update(_children(crawl.pid))
        time.sleep(0.1)
    time.sleep(1)  # extracted meanwhile, waiting for their batch
    seen.update(_children(crawl.pid))
    assert crawl.poll() is None, "the crawl ended before it could be stopped"
    assert query(db_url, "SELECT count(*) FROM articles") == [(0,)]
    crawl.send_signal(signal.SIGTERM)
    assert crawl.wait(timeout=60) is not None
    assert len([p for p, cmd in seen.items() if "spawn_main" in cmd]) == 2
    for pid, cmd in seen.items():
        assert _gone(pid), f"{cmd} (pid {pid}) outlived the crawl"
    archived = {url for (url,) in query(db_url, "SELECT url FROM articles")}
    assert archived and archived <= _expected(portals)


def _articles_served(portals: dict[str, str]) -> int:
    paths = {a.path for a in articles()}
    return sum(len(paths.intersection(simulator_log(base, "requests"))) for base in portals.values())


def test_the_child_sitemaps_of_an_index_are_read_one_at_a_time(tmp_path: Path) -> None:
    """What keeps a crawl's memory flat however big the portal: the next child sitemap is asked
    for only once every article request of the ones before has left the queue, so the requests
    of one sitemap wait in memory at a time, not those of the whole portal."""
    concurrency = 8  # requests that may be on their way, not yet served, when a sitemap is asked for
    with BulkServer(BulkConfig(articles=300, per_sitemap=100)) as portal:
        sources = tmp_path / "sources.toml"
        sources.write_text(bulk_sources_toml(portal.url), "utf-8")
        crawl = subprocess.run(
            [sys.executable, "-m", "arsip", "crawl", "--sources", str(sources), "--source", "bulk",
             "--db", f"sqlite:///{tmp_path / 'arsip.db'}", *FAST, "-s", f"CONCURRENT_REQUESTS={concurrency}"],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert crawl.returncode == 0, crawl.stderr
        served = portal.stats.snapshot()
    assert served["distinct_articles"] == 300
    assert [path for path, _ in served["sitemaps"]] == ["/post-sitemap.xml", "/post-sitemap2.xml", "/post-sitemap3.xml"]
    for n, (path, articles_before) in enumerate(served["sitemaps"]):
        assert articles_before >= n * 100 - concurrency, (path, articles_before)
