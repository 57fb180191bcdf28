"""End to end: syndicated copies crawled from the offline portals join one story, across two crawls.

The first crawl reads only realita and nawacita; the second reads every portal, so the other
portals' copies of a story arrive a crawl later and must join the story the first crawl began.
jatimtimes also links some articles from /terpopuler at AMP and utm-tagged URLs: one article,
several URLs, archived once. The truth is the manifest's `SimArticle.story`.

The tests run on SQLite and on PostgreSQL (ARSIP_TEST_POSTGRES); `arsip dedup --rebuild` of a
copy of the archive on SQLite only.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FAST, ROOT, crawl_archive, query, run_arsip
from conftest_storage import BACKENDS, archive_url  # noqa: F401 - a fixture
from sqlalchemy import inspect

from arsip.simulator import SimArticle, articles, sources_toml
from crawler.urls import normalize_url
from storage.db import open_archive, session
from storage.export import iter_export
from storage.filters import Filters

NOT_FETCHABLE = {"http500", "robots_disallowed"}
FIRST_CRAWL = ("realita", "nawacita")


@dataclass
class Archive:
    db: str
    portals: dict[str, str]
    crawls: list[subprocess.CompletedProcess[str]]

    def url(self, article: SimArticle) -> str:
        return normalize_url(self.portals[article.portal].rstrip("/") + article.path)

    def rows(self, sql: str, **params: object) -> list[tuple]:
        return query(self.db, sql, **params)

    def story_row(self, article: SimArticle) -> tuple[int, int, int | None]:
        """(id, cluster_id, duplicate_of) of an archived article."""
        return self.rows("SELECT id, cluster_id, duplicate_of FROM articles WHERE url = :u", u=self.url(article))[0]


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request: pytest.FixtureRequest, portals: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Archive:
    folder = tmp_path_factory.mktemp("dedup")
    jatimtimes = portals["jatimtimes"].rstrip("/")
    toml = sources_toml(portals).replace(
        f'listings = ["{jatimtimes}/tag/bpjs-ketenagakerjaan"]',
        f'listings = ["{jatimtimes}/tag/bpjs-ketenagakerjaan", "{jatimtimes}/terpopuler"]',
    )
    assert "/terpopuler" in toml
    sources = folder / "sources.toml"
    sources.write_text(toml, "utf-8")
    db = crawl_archive(request.param, folder)
    common = ("--sources", str(sources), "--db", db, *FAST)
    first_sources = [arg for name in FIRST_CRAWL for arg in ("--source", name)]
    crawls = [run_arsip("crawl", *first_sources, *common), run_arsip("crawl", *common)]
    for crawl in crawls:
        assert crawl.returncode == 0, crawl.stderr
    return Archive(db, portals, crawls)


def archived() -> list[SimArticle]:
    return [a for a in articles() if a.relevant and a.fault not in NOT_FETCHABLE]


def stories() -> dict[str, list[SimArticle]]:
    found: dict[str, list[SimArticle]] = defaultdict(list)
    for article in archived():
        found[article.story or article.portal + article.path].append(article)
    return found


def test_same_story_same_cluster_and_different_stories_apart(archive: Archive) -> None:
    cluster_of = {}
    for key, copies in stories().items():
        clusters = {archive.story_row(a)[1] for a in copies}
        assert len(clusters) == 1, (key, clusters)
        cluster_of[key] = clusters.pop()
    assert len(set(cluster_of.values())) == len(cluster_of)  # no two stories share a cluster
    syndicated = [key for key, copies in stories().items() if len({a.portal for a in copies}) > 1]
    assert len(syndicated) >= 4


def test_copies_of_a_later_crawl_point_to_the_story_the_first_crawl_began(archive: Archive) -> None:
    checked = 0
    for copies in stories().values():
        early = [a for a in copies if a.portal in FIRST_CRAWL]
        late = [a for a in copies if a.portal not in FIRST_CRAWL]
        if not early or not late:
            continue
        (first,) = early  # each of these stories ran once on the first crawl's portals
        first_id, cluster, duplicate_of = archive.story_row(first)
        assert (cluster, duplicate_of) == (first_id, None)
        for article in late:
            assert archive.story_row(article)[1:] == (first_id, first_id), article.path
            checked += 1
    assert checked >= 3


def test_template_release_of_another_month_is_its_own_story(archive: Archive) -> None:
    october, november = (
        next(a for a in archived() if a.portal == "klikjatim" and f"{month}-2024-capai" in a.path)
        for month in ("oktober", "november")
    )
    assert archive.story_row(october)[1] != archive.story_row(november)[1]
    assert archive.story_row(november)[1:] == (archive.story_row(november)[0], None)


def test_article_linked_at_several_urls_is_archived_once(archive: Archive) -> None:
    stored = [url for (url,) in archive.rows("SELECT url FROM articles WHERE source = 'jatimtimes'")]
    expected = sorted(archive.url(a) for a in archived() if a.portal == "jatimtimes")
    assert sorted(stored) == expected
    assert not [url for url in stored if "/amp" in url or "utm_" in url]


def test_second_crawl_counts_copies_as_duplicates(archive: Archive) -> None:
    new, duplicate = archive.rows("SELECT articles_new, articles_duplicate FROM runs ORDER BY id DESC LIMIT 1")[0]
    late = [a for a in archived() if a.portal not in FIRST_CRAWL]
    begun = {a.story for a in archived() if a.portal in FIRST_CRAWL and a.story}
    stories_begun_late = {a.story or a.portal + a.path for a in late if a.story not in begun or not a.story}
    assert new == len(stories_begun_late)
    # "duplicate" in a run also counts pages found already archived (here: the AMP/utm variants).
    assert duplicate >= len(late) - len(stories_begun_late)


def export(archive: Archive, tmp_path: Path, *options: str) -> list[dict[str, object]]:
    out = tmp_path / "export.jsonl"
    result = run_arsip("export", "--db", archive.db, "--out", str(out), *options)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def test_export_carries_every_copy_and_unique_one_per_story(archive: Archive, tmp_path: Path) -> None:
    rows = export(archive, tmp_path)
    assert len(rows) == len(archived())
    portals_of: dict[object, set[object]] = defaultdict(set)
    for row in rows:
        portals_of[row["cluster_id"]].add(row["source"])
        assert row["duplicate_of"] in (None, row["cluster_id"])
    truth = sorted(sorted({a.portal for a in copies}) for copies in stories().values())
    assert sorted(sorted(p) for p in portals_of.values()) == truth  # a tool can count the portals per story
    unique = export(archive, tmp_path, "--unique")
    assert len(unique) == len(stories())
    assert all(row["duplicate_of"] is None for row in unique)
    # Filtered to one portal, unique still gives each story it carried, even as a second copy.
    engine = open_archive(archive.db, create=False)
    try:
        with session(engine) as db:
            beritalima = list(iter_export(db, Filters(unique=True, sources=("beritalima",))))
    finally:
        engine.dispose()
    assert sorted(row["url"] for row in beritalima) == sorted(
        archive.url(a) for a in archived() if a.portal == "beritalima")


@pytest.mark.parametrize("archive", ["sqlite"], indirect=True)
def test_dedup_rebuild_recomputes_the_same_stories(archive: Archive, tmp_path: Path) -> None:
    copy = tmp_path / "rebuild.db"
    shutil.copy(archive.db.removeprefix("sqlite:///"), copy)
    before = sorted(archive.rows("SELECT id, cluster_id, duplicate_of FROM articles"))
    with sqlite3.connect(copy) as connection:  # as an archive clustered by an older arsip would be
        connection.execute("UPDATE articles SET duplicate_of = NULL")
        connection.execute("UPDATE articles SET cluster_id = id")
        connection.execute("DELETE FROM dedup_bands")
        connection.execute("DELETE FROM dedup_signatures")
    result = run_arsip("dedup", "--rebuild", "--db", f"sqlite:///{copy}")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(copy) as connection:
        after = sorted(connection.execute("SELECT id, cluster_id, duplicate_of FROM articles").fetchall())
    assert after == before
    n, stories_n = len(archived()), len(stories())
    table = {line.split()[1]: re.findall(r"\d+", line) for line in result.stdout.splitlines() if line.startswith("│")}
    assert table["stories"] == [str(n), str(stories_n)]  # before: every article its own story
    assert table["copies"] == ["0", str(n - stories_n)]
    shown = run_arsip("dedup", "--db", f"sqlite:///{copy}")
    assert shown.returncode == 0, shown.stderr
    assert f"{n} articles: {stories_n} stories, {n - stories_n} copies" in shown.stdout


# Concurrent writers: several crawlers archive into one database at the same moment.

# Every syndicated story of the manifest has copies on both sides of this split.
SPLIT = (("klikjatim", "realita", "beritalima"), ("nawacita", "jatimtimes"))
# The same sources crawled twice at once, as two crawlers without a shared frontier would: the
# `arsip crawl` lease refuses that, so this crawler goes through scheduler.launch.run_crawl directly.
RUN_CRAWL = (
    "import sys; from pathlib import Path; from scheduler.launch import run_crawl; "
    "result = run_crawl(sys.argv[1], Path(sys.argv[2]), (), dict(a.split('=', 1) for a in sys.argv[3:])); "
    "print(result.finish_reason)"
)


def start_crawl(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
    )


def finish(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    outputs = [p.communicate(timeout=300) for p in processes]
    return [(p.returncode, out, err) for p, (out, err) in zip(processes, outputs, strict=True)]


def assert_one_archive(db: str, portals: dict[str, str], outputs: list[tuple[int, str, str]], runs: int) -> None:
    """What crawls at once must leave: each article once, each story one cluster, every run recorded."""
    for status, out, err in outputs:
        assert status == 0, err
        for symptom in ("Traceback", "IntegrityError", "deadlock", "UniqueViolation"):
            assert symptom not in err and symptom not in out, err
    url = Archive(db, portals, []).url
    stored = [u for (u,) in query(db, "SELECT url FROM articles")]
    assert sorted(stored) == sorted(url(a) for a in archived())
    rows = {u: (i, c, d) for (u, i, c, d) in query(db, "SELECT url, id, cluster_id, duplicate_of FROM articles")}
    for key, copies in stories().items():
        members = [rows[url(a)] for a in copies]
        representatives = [i for (i, c, d) in members if d is None]
        assert len(representatives) == 1, (key, members)
        assert {(c, d) for (i, c, d) in members if d is not None} <= {(representatives[0], representatives[0])}, key
        assert {c for (i, c, d) in members} == {representatives[0]}, (key, members)
    clusters = [c for (c,) in query(db, "SELECT DISTINCT cluster_id FROM articles")]
    assert len(clusters) == len(stories())
    assert query(db, "SELECT count(*) FROM dedup_signatures") == [(len(archived()),)]
    assert query(db, "SELECT status FROM runs") == [("finished",)] * runs
    (last_start, first_end), = query(db, "SELECT max(started_at), min(finished_at) FROM runs")
    assert last_start < first_end  # the crawls did run at the same time
    failed = {u for (u,) in query(db, "SELECT url FROM skipped_pages WHERE outcome = 'failed'")}
    assert {url(a) for a in articles() if a.fault == "http500"} <= failed  # no write failed
    assert failed <= {url(a) for a in articles() if a.fault in NOT_FETCHABLE}


@pytest.mark.parametrize("backend", [p.values[0] for p in BACKENDS])
def test_three_crawlers_at_once(backend: str, portals: dict[str, str], tmp_path: Path) -> None:
    """Two `arsip crawl` of portals that carry copies of the same stories, and a third crawler of
    every portal (racing each of them for the same URLs), all writing at the same moment."""
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(portals), "utf-8")
    db = crawl_archive(backend, tmp_path)
    open_archive(db).dispose()  # the schema is made once, before the crawlers start
    settings = [FAST[i + 1] for i in range(0, len(FAST), 2)] + ["LOG_LEVEL=ERROR"]
    crawls = [
        *(start_crawl("-m", "arsip", "crawl", "--sources", str(sources), "--db", db,
                      *[arg for name in names for arg in ("--source", name)], *FAST)
          for names in SPLIT),
        start_crawl("-c", RUN_CRAWL, db, str(sources), *settings),
    ]
    outputs = finish(crawls)
    assert outputs[2][1].split() == ["finished"]
    assert_one_archive(db, portals, outputs, runs=3)


def test_migrations_make_every_unique_key_the_write_path_relies_on(archive_url: str) -> None:  # noqa: F811
    """Concurrent writers rely on the database, not on their own checks, to refuse a second row:
    articles by url and by canonical_url (INSERT, a race ends in IntegrityError then "known"),
    skipped pages by url (INSERT … ON CONFLICT (url)), one signature and one raw page per
    article, one band row per (band, article), one lease per name."""
    migrated = open_archive(archive_url)
    found = inspect(migrated)

    def keys(table: str) -> set[tuple[str, ...]]:
        unique = {tuple(c["column_names"]) for c in found.get_unique_constraints(table)}
        unique |= {tuple(i["column_names"]) for i in found.get_indexes(table) if i["unique"]}
        return unique | {tuple(found.get_pk_constraint(table)["constrained_columns"])}

    assert {("url",), ("canonical_url",)} <= keys("articles")
    assert ("url",) in keys("skipped_pages")
    assert ("article_id",) in keys("dedup_signatures")
    assert ("article_id",) in keys("raw_pages")
    assert ("band", "article_id") in keys("dedup_bands")
    assert ("name",) in keys("crawl_locks")
    migrated.dispose()
