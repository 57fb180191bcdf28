"""End to end: `arsip crawl` of the offline portals (plus one dead portal), twice, then search and export.

Each test runs on SQLite and on PostgreSQL (when ARSIP_TEST_POSTGRES is set: the two crawls
into one emptied database); the many-case search tests run on SQLite only, one case of each
search runs on both.

The truth is the simulator's manifest (`arsip.simulator.articles()`), written by hand with
the articles: which pages are relevant, their regions and dates, which are syndicated copies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from conftest import FAST, crawl_archive, query, run_arsip, simulator_log
from conftest_storage import BACKENDS

from arsip.simulator import SimArticle, articles, faults, sources_toml
from crawler.urls import normalize_url
from storage.regions import get_region, provinces

NOT_FETCHABLE = {"http500", "robots_disallowed"}
EXPORT_FIELDS = [
    "id", "url", "source", "title", "published", "author", "region_code", "region",
    "province", "text", "cluster_id", "duplicate_of", "fetched_at",
]  # fmt: skip


@dataclass
class Crawl:
    db: str
    portals: dict[str, str]
    first: CompletedProcess[str]
    second: CompletedProcess[str]
    first_requests: dict[str, list[str]]
    second_requests: dict[str, list[str]]

    def url(self, article: SimArticle) -> str:
        return normalize_url(self.portals[article.portal].rstrip("/") + article.path)

    def rows(self, sql: str, **params: object) -> list[tuple]:
        return query(self.db, sql, **params)


SQLITE_ONLY = pytest.mark.parametrize("crawl", ["sqlite"], indirect=True)


@pytest.fixture(scope="module", params=BACKENDS)
def crawl(
    request: pytest.FixtureRequest, portals: dict[str, str], dead_portal_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    folder = tmp_path_factory.mktemp("e2e")
    sources = folder / "sources.toml"
    sources.write_text(
        sources_toml(portals)
        + f'\n[[source]]\nname = "mati"\nurl = "{dead_portal_url}"\nregion = "Jawa Timur"\n',
        "utf-8",
    )
    db = crawl_archive(request.param, folder)
    runs = []
    for _ in range(2):
        for base in portals.values():
            simulator_log(base, "reset")
        result = run_arsip("crawl", "--sources", str(sources), "--db", db, *FAST)
        runs.append((result, {name: simulator_log(base, "requests") for name, base in portals.items()}))
    (first, first_requests), (second, second_requests) = runs
    return Crawl(db, portals, first, second, first_requests, second_requests)


def expected_archived() -> list[SimArticle]:
    return [a for a in articles() if a.relevant and a.fault not in NOT_FETCHABLE]


def search_urls(crawl: Crawl, *options: str) -> set[str]:
    result = run_arsip("search", "--db", crawl.db, "--json", "--all-copies", "--limit", "1000", *options)
    assert result.returncode == 0, result.stderr
    return {json.loads(line)["url"] for line in result.stdout.splitlines()}


def test_crawl_succeeds_and_reports_counts(crawl: Crawl) -> None:
    assert crawl.first.returncode == 0, crawl.first.stderr
    assert "Traceback" not in crawl.first.stderr
    assert "articles new" in crawl.first.stdout


def test_every_relevant_article_archived_once(crawl: Crawl) -> None:
    archived = [url for (url,) in crawl.rows("SELECT url FROM articles")]
    expected = sorted(crawl.url(a) for a in expected_archived())
    assert sorted(archived) == expected


def test_no_not_relevant_page_archived_but_each_remembered_with_reason(crawl: Crawl) -> None:
    skipped = dict(crawl.rows("SELECT url, reason FROM skipped_pages WHERE outcome = 'not_relevant'"))
    for article in articles():
        if not article.relevant and article.fault not in NOT_FETCHABLE:
            assert crawl.url(article) in skipped, article.path
            assert skipped[crawl.url(article)]
    archived = {url for (url,) in crawl.rows("SELECT url FROM articles")}
    assert archived.isdisjoint(crawl.url(a) for a in articles() if not a.relevant)


def test_syndicated_copy_points_to_the_first_and_keeps_its_source(crawl: Crawl) -> None:
    stories: dict[str, list[SimArticle]] = {}
    for article in expected_archived():
        if article.story:
            stories.setdefault(article.story, []).append(article)
    assert any(len(copies) > 1 for copies in stories.values())
    for copies in stories.values():
        rows = [
            crawl.rows("SELECT id, source, duplicate_of, cluster_id FROM articles WHERE url = :u", u=crawl.url(a))[0]
            for a in copies
        ]
        firsts = [r for r in rows if r[2] is None]
        assert len(firsts) == 1
        assert {r[1] for r in rows} == {a.portal for a in copies}
        for row in rows:
            assert row[3] == firsts[0][0]
            assert row[2] in (None, firsts[0][0])


def test_articles_keep_title_and_every_paragraph(crawl: Crawl) -> None:
    for article in expected_archived():
        title, text = crawl.rows("SELECT title, text FROM articles WHERE url = :u", u=crawl.url(article))[0]
        assert title == article.title
        for paragraph in article.paragraphs:
            assert paragraph in text, (article.path, paragraph[:60])


def test_robots_disallowed_article_is_never_fetched(crawl: Crawl) -> None:
    forbidden = [a for a in articles() if a.fault == "robots_disallowed"]
    assert forbidden
    for article in forbidden:
        assert article.path not in crawl.first_requests[article.portal]
        # The second crawl asks for the first one's failed pages (a robots refusal is one) at
        # its start, while robots.txt is still downloading: they must wait for it all the same.
        assert article.path not in crawl.second_requests[article.portal]


def test_http_500_page_is_recorded_as_failed(crawl: Crawl) -> None:
    broken = [a for a in articles() if a.fault == "http500"]
    assert broken
    failed = dict(crawl.rows("SELECT url, reason FROM skipped_pages WHERE outcome = 'failed'"))
    for article in broken:
        assert failed[crawl.url(article)] == "HTTP 500"
    assert crawl.url(broken[0]) in crawl.first.stderr


def test_dead_portal_is_reported_and_the_others_are_crawled(crawl: Crawl) -> None:
    assert "source mati" in crawl.first.stderr
    (status, errors) = crawl.rows("SELECT status, errors FROM runs ORDER BY id LIMIT 1")[0]
    assert status == "finished"
    assert "source mati" in errors


def test_second_crawl_fetches_no_article_page_again(crawl: Crawl) -> None:
    assert crawl.second.returncode == 0, crawl.second.stderr
    retried = {a.path for a in articles() if a.fault == "http500"}  # failures are retried on purpose
    for article in articles():
        if article.path not in retried:
            assert article.path not in crawl.second_requests[article.portal], article.path
    for fault in faults():
        if fault.kind == "redirect":  # the old URL of an archived article
            assert fault.path not in crawl.second_requests[fault.portal]
    for portal, paths in crawl.second_requests.items():
        deeper = [p for p in paths if "page=2" in p or "/page/2/" in p]
        assert not deeper, (portal, deeper)  # only the first listing page: nothing new on it
    assert sum(len(r) for r in crawl.second_requests.values()) < sum(len(r) for r in crawl.first_requests.values())
    new = crawl.rows("SELECT articles_new FROM runs ORDER BY id DESC LIMIT 1")[0][0]
    assert new == 0


def test_search_by_region_on_each_backend(crawl: Crawl) -> None:
    expected = {crawl.url(a) for a in expected_archived() if a.region_code in {"35.14", "35.75"}}
    assert expected
    assert search_urls(crawl, "--region", "Pasuruan") == expected


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("region", "codes"),
    [
        ("Gresik", {"35.25"}),
        ("35.25", {"35.25"}),
        ("Kota Surabaya", {"35.78"}),
        ("Kota Malang", {"35.73"}),
        ("Kota Pasuruan", {"35.75"}),
        ("Kabupaten Pasuruan", {"35.14"}),
        ("Pasuruan", {"35.14", "35.75"}),
    ],
)
def test_search_by_region_finds_exactly_the_articles_of_that_region(
    crawl: Crawl, region: str, codes: set[str]
) -> None:
    expected = {crawl.url(a) for a in expected_archived() if a.region_code in codes}
    assert expected
    assert search_urls(crawl, "--region", region) == expected


def test_search_by_province_finds_its_regencies_and_province_only_articles(crawl: Crawl) -> None:
    # An article that names no place gets its source's region, "Jawa Timur" (code 35).
    east_java = {crawl.url(a) for a in expected_archived() if (a.region_code or "35").startswith("35")}
    central_java = {crawl.url(a) for a in expected_archived() if (a.region_code or "").startswith("33.")}
    assert east_java and central_java
    assert search_urls(crawl, "--region", "Jawa Timur") == east_java
    assert search_urls(crawl, "--province", "Jatim") == east_java
    assert search_urls(crawl, "--province", "Jawa Tengah") == central_java


def test_search_by_day_on_each_backend(crawl: Crawl) -> None:
    # A day is a Jakarta day (the manifest's dates are in WIB; PostgreSQL stores them in UTC).
    day = "2021-12-15"
    expected = {crawl.url(a) for a in expected_archived() if a.published.strftime("%Y-%m-%d") == day}
    assert expected
    assert search_urls(crawl, "--since", day, "--until", day) == expected


@SQLITE_ONLY
@pytest.mark.parametrize(("since", "until"), [("2024-10", "2024-10"), ("2024", "2024"), ("2021-12-15", "2021-12-15")])
def test_search_by_date_finds_exactly_the_articles_of_that_period(crawl: Crawl, since: str, until: str) -> None:
    def within(article: SimArticle) -> bool:
        day = article.published.strftime("%Y-%m-%d")
        return day[: len(since)] >= since and day[: len(until)] <= until

    expected = {crawl.url(a) for a in expected_archived() if within(a)}
    assert expected
    assert search_urls(crawl, "--since", since, "--until", until) == expected


def test_search_by_words(crawl: Crawl) -> None:
    expected = {
        crawl.url(a)
        for a in expected_archived()
        if "paritrana" in (a.title + " " + " ".join(a.paragraphs)).lower()
    }
    assert expected
    assert search_urls(crawl, "Paritrana") == expected


def test_export_carries_every_field(crawl: Crawl, tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    result = run_arsip("export", "--db", crawl.db, "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == len(expected_archived())
    by_url = {row["url"]: row for row in rows}
    for article in expected_archived():
        row = by_url[crawl.url(article)]
        assert list(row) == EXPORT_FIELDS
        assert row["source"] == article.portal
        assert row["title"] == article.title
        assert datetime.fromisoformat(row["published"]) == article.published
        assert row["region_code"] == (article.region_code or "35")
        assert row["province"] == provinces()[row["region_code"][:2]]
        region = get_region(row["region_code"])
        assert row["region"] == (region.name if region else None)
        assert article.paragraphs[0] in row["text"]
        assert datetime.fromisoformat(row["fetched_at"]).tzinfo is not None


def test_runs_lists_both_crawls_newest_first(crawl: Crawl) -> None:
    result = run_arsip("runs", "--db", crawl.db)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line.strip()[:1].isdigit()]
    assert [row[0] for row in rows] == ["2", "1"]
    assert all(row[3] == "finished" for row in rows)
    first_new = int(rows[1][5])
    assert first_new == len({a.story or a.path for a in expected_archived()})  # copies count as duplicates
    assert int(rows[0][5]) == 0
