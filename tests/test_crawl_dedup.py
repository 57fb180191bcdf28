"""End to end: syndicated copies crawled from the offline portals join one story, across two crawls.

The first crawl reads only realita and nawacita; the second reads every portal, so the other
portals' copies of a story arrive a crawl later and must join the story the first crawl began.
jatimtimes also links some articles from /terpopuler at AMP and utm-tagged URLs: one article,
several URLs, archived once. The truth is the manifest's `SimArticle.story`.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from arsip.simulator import SimArticle, articles, sources_toml
from conftest import FAST, run_arsip
from crawler.urls import normalize_url
from storage.db import open_archive, session
from storage.export import iter_export
from storage.filters import Filters

NOT_FETCHABLE = {"http500", "robots_disallowed"}
FIRST_CRAWL = ("realita", "nawacita")


@dataclass
class Archive:
    db_file: Path
    portals: dict[str, str]
    crawls: list[CompletedProcess[str]]

    @property
    def db(self) -> str:
        return f"sqlite:///{self.db_file}"

    def url(self, article: SimArticle) -> str:
        return normalize_url(self.portals[article.portal].rstrip("/") + article.path)

    def rows(self, sql: str, *args: object) -> list[tuple]:
        with sqlite3.connect(self.db_file) as connection:
            return connection.execute(sql, args).fetchall()

    def story_row(self, article: SimArticle) -> tuple[int, int, int | None]:
        """(id, cluster_id, duplicate_of) of an archived article."""
        return self.rows("SELECT id, cluster_id, duplicate_of FROM articles WHERE url = ?", self.url(article))[0]


@pytest.fixture(scope="module")
def archive(portals: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Archive:
    folder = tmp_path_factory.mktemp("dedup")
    jatimtimes = portals["jatimtimes"].rstrip("/")
    toml = sources_toml(portals).replace(
        f'listings = ["{jatimtimes}/tag/bpjs-ketenagakerjaan"]',
        f'listings = ["{jatimtimes}/tag/bpjs-ketenagakerjaan", "{jatimtimes}/terpopuler"]',
    )
    assert "/terpopuler" in toml
    sources = folder / "sources.toml"
    sources.write_text(toml, "utf-8")
    db_file = folder / "arsip.db"
    common = ("--sources", str(sources), "--db", f"sqlite:///{db_file}", *FAST)
    first_sources = [arg for name in FIRST_CRAWL for arg in ("--source", name)]
    crawls = [run_arsip("crawl", *first_sources, *common), run_arsip("crawl", *common)]
    for crawl in crawls:
        assert crawl.returncode == 0, crawl.stderr
    return Archive(db_file, portals, crawls)


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


def test_dedup_rebuild_recomputes_the_same_stories(archive: Archive, tmp_path: Path) -> None:
    copy = tmp_path / "rebuild.db"
    shutil.copy(archive.db_file, copy)
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
