"""The project is a plain Scrapy project too: `scrapy list` and `scrapy crawl news` from its root."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from arsip.simulator import articles, faults, sources_toml
from conftest import FAST, ROOT
from crawler.urls import normalize_url


def scrapy(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_scrapy_list_names_the_news_spider() -> None:
    result = scrapy("list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["news"]


def test_scrapy_crawl_news_for_one_source(portals: dict[str, str], tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(portals), "utf-8")
    db_file = tmp_path / "arsip.db"
    result = scrapy(
        "crawl", "news", "-a", "source=beritalima", *FAST,
        env={"ARSIP_SOURCES": str(sources), "ARSIP_DB": f"sqlite:///{db_file}"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Telnet console listening" not in result.stderr
    assert "RemoteControl" not in result.stderr
    with sqlite3.connect(db_file) as connection:
        archived = {url for (url,) in connection.execute("SELECT url FROM articles")}
        sources_seen = {s for (s,) in connection.execute("SELECT DISTINCT source FROM articles")}
        runs = connection.execute("SELECT status, sources FROM runs").fetchall()
    base = portals["beritalima"].rstrip("/")
    expected = {
        normalize_url(base + a.path)
        for a in articles()
        if a.portal == "beritalima" and a.relevant and a.fault not in ("http500", "robots_disallowed")
    }
    assert archived == expected
    assert sources_seen == {"beritalima"}
    assert runs == [("finished", "beritalima")]


def test_start_is_async_and_start_requests_is_not_used() -> None:
    import inspect

    from crawler.spiders.news import NewsSpider

    assert inspect.isasyncgenfunction(NewsSpider.start)
    assert "start_requests" not in NewsSpider.__dict__


def test_an_old_url_redirecting_to_an_archived_article_is_remembered(portals: dict[str, str], tmp_path: Path) -> None:
    """beritalima's sitemap links an article by its new URL, its feed by the old one (a 301).

    When the new URL is archived first, the old one's redirect stops at SkipKnownMiddleware;
    the old URL must still be remembered, or every later crawl would request it again.
    """
    (fault,) = [f for f in faults() if f.portal == "beritalima" and f.kind == "redirect"]
    base = portals["beritalima"].rstrip("/")
    db_file = tmp_path / "arsip.db"
    env = {"ARSIP_DB": f"sqlite:///{db_file}"}
    for field, path in (("sitemaps", "/sitemap_index.xml"), ("feeds", "/feed/")):
        sources = tmp_path / f"{field}.toml"
        sources.write_text(f'[[source]]\nname = "beritalima"\nurl = "{base}/"\n{field} = ["{base}{path}"]\n', "utf-8")
        result = scrapy("crawl", "news", "-a", "source=beritalima", *FAST, env={**env, "ARSIP_SOURCES": str(sources)})
        assert result.returncode == 0, result.stderr
    with sqlite3.connect(db_file) as connection:
        archived = {url for (url,) in connection.execute("SELECT url FROM articles")}
        skipped = dict(connection.execute("SELECT url, outcome FROM skipped_pages"))
    assert normalize_url(base + fault.target) in archived  # archived by the first (sitemap) crawl
    assert skipped.get(normalize_url(base + fault.path)) == "redirected"
