"""One faulty crawl of the simulator, shared by tests/test_faults_network.py and tests/test_faults_content.py.

Every fault is switched on at once, each on its own article or discovery surface, so one
`arsip crawl` covers them all (a crawl costs seconds of process start alone on a busy machine):

  before   beritalima archived clean first: "nothing archived before is lost" has something to lose
  faulty   all sources, every fault on (short DOWNLOAD_TIMEOUT, RETRY_TIMES=1)
  rerun    the faults on articles and on beritalima switched off; the hostile discovery surfaces
           (traps, malformed feeds and sitemaps) stay, they are where the articles are linked from

Sources: beritalima, realita, jatimtimes as the simulator describes them; `hilang` under
`.invalid` (RFC 2606: never resolves); `jebakan` (on nawacita's port) made only of traps and
hostile sitemaps; `umpan` (on klikjatim's port) made only of malformed feeds. The truth is the
simulator's manifest (`arsip.simulator.articles()`), never arsip's output.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import FAST, ROOT, simulator_log

from arsip.simulator import articles, sources_toml
from arsip.simulator.faults import clear_faults_http, faults_http, set_fault_http
from crawler.urls import normalize_url

NOT_FETCHABLE = {"http500", "robots_disallowed"}
# A fault costs two tries of at most 2 s; traps and big sitemaps get small bounds so the test is quick.
SETTINGS = ["-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1", "-s", "ARSIP_LISTING_MAX_PAGES=5",
            "-s", "ARSIP_SITEMAP_MAX_NEW=8"]
LISTING_MAX_PAGES = 5
SITEMAP_MAX_NEW = 8
SITEMAP_MAX_DEPTH = 3  # the project's default, not overridden
UNRESOLVABLE = "http://portal-hilang.invalid/"


# -- running and reading a crawl ----------------------------------------------------------------


@dataclass
class Crawl:
    """One `arsip crawl` child: its exit, output and peak resident memory (of it and its children)."""

    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    seconds: float


def run_crawl(sources: Path, db: str, *args: str, timeout: float = 300) -> Crawl:
    """`python -m arsip crawl` in a child process, measured with wait4 (its own ru_maxrss)."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "arsip", "crawl", "--sources", str(sources), "--db", db, *FAST, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
    )
    output: dict[str, str] = {}

    def drain(name: str) -> None:
        stream = getattr(process, name)
        output[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n,)) for n in ("stdout", "stderr")]
    for reader in readers:
        reader.start()
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        watchdog.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    return Crawl(process.returncode, output["stdout"], output["stderr"], usage.ru_maxrss / 1024,
                 time.monotonic() - started)


def manifest_path(prefix: str) -> str:
    """The one manifest article whose path starts with `prefix`."""
    (path,) = [a.path for a in articles() if a.path.startswith(prefix)]
    return path


def article_rows(db_file: Path) -> dict[str, tuple[int, str, int]]:
    """url -> (id, content hash, text length) of every archived article."""
    with sqlite3.connect(db_file) as db:
        return {u: (i, h, n) for i, u, h, n in db.execute("SELECT id, url, content_hash, length(text) FROM articles")}


def half_written(db_file: Path) -> list[str]:
    """Articles missing their raw page or dedup signature, or with no text: must be none."""
    with sqlite3.connect(db_file) as db:
        return [u for (u,) in db.execute(
            "SELECT url FROM articles a WHERE trim(coalesce(text, '')) = '' OR content_hash = ''"
            " OR NOT EXISTS (SELECT 1 FROM raw_pages r WHERE r.article_id = a.id)"
            " OR NOT EXISTS (SELECT 1 FROM dedup_signatures s WHERE s.article_id = a.id)")]


def skipped(db_file: Path) -> dict[str, tuple[str, str]]:
    """url -> (outcome, reason) of every page recorded as not archived."""
    with sqlite3.connect(db_file) as db:
        return {u: (o, r) for u, o, r in db.execute("SELECT url, outcome, reason FROM skipped_pages")}


def last_run_errors(db_file: Path) -> str:
    with sqlite3.connect(db_file) as db:
        (errors,) = db.execute("SELECT coalesce(errors, '') FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    return errors


@dataclass(frozen=True)
class Faulty:
    """A fault switched on for the faulty crawl: where, what, and whether the re-run keeps it."""

    portal: str
    path: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    stays: bool = False  # a hostile discovery surface: still there in the re-run


def _n(prefix: str) -> str:
    return manifest_path(prefix)


# Network faults.
TIMEOUT = Faulty("realita", _n("/baca-berita/71215/"), "timeout")
RESET = Faulty("realita", _n("/baca-berita/72004/"), "reset")
DRIP = Faulty("realita", _n("/baca-berita/119842/"), "drip", {"interval": 0.2})
RATE_LIMITED = Faulty("jatimtimes", _n("/baca/325871/"), "status", {"status": 429, "times": 1, "retry_after": 1})
RATE_LIMITED_LONG = Faulty("jatimtimes", _n("/baca/326912/"), "status",
                           {"status": 429, "times": 99, "retry_after": 3600})
BURST_LONG = Faulty("jatimtimes", _n("/baca/324190/"), "status", {"status": 503, "times": 5})
BURST_SHORT = Faulty("jatimtimes", _n("/baca/288415/"), "status", {"status": 502, "times": 1})
FEED_RESET = Faulty("beritalima", "/feed/", "reset")
LISTING_BURST = Faulty("beritalima", "/tag/bpjs-ketenagakerjaan/", "status", {"status": 503, "times": 99})

# Content faults on articles.
CP1252_AS_UTF8 = Faulty("realita", _n("/baca-berita/70388/"), "charset", {"actual": "windows-1252", "declared": "utf-8"})
UTF8_AS_CP1252 = Faulty("realita", _n("/baca-berita/120377/"), "charset", {"actual": "utf-8", "declared": "windows-1252"})
# On klikjatim articles that only the (hostile, but staying) feeds of `umpan` link, so the re-run finds them again.
EMPTY = Faulty("klikjatim", _n("/read/2024/11/05/"), "empty")
BINARY = Faulty("klikjatim", _n("/read/2025/06/24/"), "binary")
# On articles only page 2+ of a listing links: the re-run asks for failed pages directly, since
# pagination stops at page 1, which shows nothing new by then.
DEEP_EMPTY = Faulty("realita", _n("/baca-berita/56102/"), "empty")
DEEP_BINARY = Faulty("jatimtimes", _n("/baca/218806/"), "binary")
TRUNCATED = Faulty("nawacita", _n("/2023/01/19/"), "truncated")
HUGE = Faulty("nawacita", _n("/2024/10/22/"), "huge", {"declare_length": False})
GZIP_BOMB = Faulty("nawacita", _n("/2025/01/21/"), "gzip_bomb")
LOOP_BACK = "/pindah/2026/01/15/nelayan-muncar/"
LOOP = Faulty("nawacita", _n("/2026/01/15/"), "redirect", {"to": LOOP_BACK})
LOOP_B = Faulty("nawacita", LOOP_BACK, "redirect", {"to": _n("/2026/01/15/")})
SITEMAP_BOMB = Faulty("beritalima", "/sitemap_index.xml", "gzip_bomb")

# Content faults on discovery surfaces (source `jebakan` on nawacita, `umpan` on klikjatim).
# One fake link a page: the run's errors keep only 50 lines (crawler/extensions.py MAX_FAILURES),
# and the trap's 404s must not push the other faults out of them.
CALENDAR = Faulty("nawacita", "/arsip/", "calendar", {"links": 1}, stays=True)
PAGINATION_FAKE = Faulty("nawacita", "/halaman", "pagination", {"links": 1}, stays=True)
PAGINATION_REPEAT = Faulty("nawacita", "/ulang", "pagination", {"links": 2, "repeat": True}, stays=True)
BIG_SITEMAP = Faulty("nawacita", "/sitemap-besar.xml", "big_sitemap", {"real": [
    TRUNCATED.path, HUGE.path, GZIP_BOMB.path, LOOP.path, _n("/2025/11/12/")]}, stays=True)
NESTED_SITEMAP = Faulty("nawacita", "/peta/", "nested_sitemap", {"real": [_n("/2025/01/16/")]}, stays=True)
SITEMAP_XXE = Faulty("nawacita", "/sitemap-xxe.xml", "sitemap", {"variant": "xxe", "real": [_n("/2024/11/05/")]},
                     stays=True)
SITEMAP_LAUGHS = Faulty("nawacita", "/sitemap-laughs.xml", "sitemap",
                        {"variant": "laughs", "real": [_n("/2024/09/20/")]}, stays=True)
_K = [a.path for a in articles() if a.portal == "klikjatim" and a.path != _n("/read/2025/02/10/")]
FEEDS = {variant: Faulty("klikjatim", f"/umpan-{variant}.xml", "feed", {"variant": variant, "real": _K[2 * i:2 * i + 2]},
                         stays=True)
         for i, variant in enumerate(("unclosed", "bad_dates", "wrong_root", "xxe", "laughs"))}

ALL: tuple[Faulty, ...] = (
    TIMEOUT, RESET, DRIP, RATE_LIMITED, RATE_LIMITED_LONG, BURST_LONG, BURST_SHORT, FEED_RESET, LISTING_BURST,
    CP1252_AS_UTF8, UTF8_AS_CP1252, EMPTY, BINARY, DEEP_EMPTY, DEEP_BINARY, TRUNCATED, HUGE, GZIP_BOMB, LOOP, LOOP_B,
    SITEMAP_BOMB,
    CALENDAR, PAGINATION_FAKE, PAGINATION_REPEAT, BIG_SITEMAP, NESTED_SITEMAP, SITEMAP_XXE, SITEMAP_LAUGHS,
    *FEEDS.values(),
)
# Articles the faulty crawl cannot archive (the others are retried within it, or read despite the fault).
LOST_WHILE_FAULTY = (TIMEOUT, RESET, DRIP, BURST_LONG, RATE_LIMITED_LONG, EMPTY, BINARY, DEEP_EMPTY, DEEP_BINARY,
                     TRUNCATED, HUGE, GZIP_BOMB, LOOP)
SOURCES = ("beritalima", "realita", "jatimtimes", "hilang", "jebakan", "umpan")


def _sources_file(portals: dict[str, str]) -> str:
    jebakan, umpan = portals["nawacita"].rstrip("/"), portals["klikjatim"].rstrip("/")
    regular = sources_toml({name: portals[name] for name in ("beritalima", "realita", "jatimtimes")})
    listings = [f"{jebakan}/arsip/2024/01/", f"{jebakan}/halaman", f"{jebakan}/ulang"]
    sitemaps = [f"{jebakan}{f.path}" for f in (BIG_SITEMAP, SITEMAP_XXE, SITEMAP_LAUGHS)] + [f"{jebakan}/peta/1.xml"]
    feeds = [f"{umpan}{f.path}" for f in FEEDS.values()]
    return (regular
            + f'\n[[source]]\nname = "hilang"\nurl = "{UNRESOLVABLE}"\nregion = "Jawa Timur"\n'
            + f'\n[[source]]\nname = "jebakan"\nurl = "{jebakan}/"\nlistings = {json.dumps(listings)}\n'
            f'sitemaps = {json.dumps(sitemaps)}\nregion = "Jawa Timur"\n'
            + f'\n[[source]]\nname = "umpan"\nurl = "{umpan}/"\nfeeds = {json.dumps(feeds)}\nregion = "Jawa Timur"\n')


@dataclass
class FaultRun:
    """What the three crawls did, read from the archive and the simulator right after each."""

    portals: dict[str, str]
    db_file: Path
    before_crawl: Crawl
    before: dict[str, tuple[int, str, int]]  # beritalima, archived clean first
    faulty: Crawl
    after_faulty: dict[str, tuple[int, str, int]]
    half_written_faulty: list[str]
    skipped_faulty: dict[str, tuple[str, str]]
    errors_faulty: str
    hits: dict[tuple[str, str], dict[str, Any]]  # (portal, path) -> the simulator's record of the fault
    served_faulty: dict[str, list[str]]  # portal -> paths served during the faulty crawl
    rerun: Crawl
    after_rerun: dict[str, tuple[int, str, int]]
    skipped_rerun: dict[str, tuple[str, str]]

    def url(self, fault: Faulty) -> str:
        return normalize_url(self.portals[fault.portal].rstrip("/") + fault.path)

    def hit(self, fault: Faulty) -> dict[str, Any]:
        return self.hits[(fault.portal, fault.path)]

    def text(self, url: str) -> str:
        with sqlite3.connect(self.db_file) as db:
            (text,) = db.execute("SELECT text FROM articles WHERE url = ?", (url,)).fetchone()
        return text

    def archive_bytes(self) -> bytes:
        """Every byte of the archive file (and its WAL, if any)."""
        return b"".join(p.read_bytes() for p in self.db_file.parent.glob(self.db_file.name + "*"))


def expected_urls(portals: dict[str, str]) -> set[str]:
    """Every article a perfect crawl of these sources archives (relevant and fetchable)."""
    linked = {(f.portal, p) for f in ALL for p in f.params.get("real", [])}
    return {normalize_url(portals[a.portal].rstrip("/") + a.path) for a in articles()
            if a.relevant and a.fault not in NOT_FETCHABLE
            and (a.portal in ("beritalima", "realita", "jatimtimes") or (a.portal, a.path) in linked)}


def crawl_with_faults(portals: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultRun]:
    """The `fault_run` fixture of tests/conftest.py: before, faulty and re-run crawls."""
    folder = tmp_path_factory.mktemp("faults")
    sources = folder / "sources.toml"
    sources.write_text(_sources_file(portals), "utf-8")
    db_file = folder / "arsip.db"
    db = f"sqlite:///{db_file}"
    names = [arg for name in SOURCES for arg in ("--source", name)]
    for base in portals.values():
        clear_faults_http(base)
    try:
        before_crawl = run_crawl(sources, db, "--source", "beritalima", *SETTINGS)
        assert before_crawl.returncode == 0, before_crawl.stderr
        before = article_rows(db_file)
        for fault in ALL:
            set_fault_http(portals[fault.portal], fault.path, fault.kind, **fault.params)
        for base in portals.values():
            simulator_log(base, "reset")
        faulty = run_crawl(sources, db, *names, *SETTINGS)
        hits = {(name, f["path"]): f for name, base in portals.items() for f in faults_http(base)}
        served = {name: simulator_log(base, "requests") for name, base in portals.items()}
        after_faulty, skipped_faulty = article_rows(db_file), skipped(db_file)
        half, errors = half_written(db_file), last_run_errors(db_file)
        for fault in ALL:
            if not fault.stays:
                clear_faults_http(portals[fault.portal], fault.path)
        rerun = run_crawl(sources, db, *names, *SETTINGS)
        yield FaultRun(portals, db_file, before_crawl, before, faulty, after_faulty, half, skipped_faulty, errors,
                       hits, served, rerun, article_rows(db_file), skipped(db_file))
    finally:
        for base in portals.values():
            clear_faults_http(base)
