"""The generated bulk portal the speed benchmarks crawl: complete discovery, real pages, the truth it claims."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest

from arsip.simulator.bulk import BulkConfig, BulkPortal
from crawler.text import extract

ROOT = Path(__file__).resolve().parent.parent
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARTICLES = 2100  # three child sitemaps: 1,000 + 1,000 + 100
RELEVANT = 0.25


@pytest.fixture(scope="module")
def bulk() -> Iterator[dict[str, object]]:
    """`python -m arsip.simulator.bulk` as a benchmark starts it: the JSON line it prints."""
    process = subprocess.Popen(
        [sys.executable, "-m", "arsip.simulator.bulk", "--articles", str(ARTICLES), "--relevant", str(RELEVANT)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line, f"the bulk portal exited with status {process.wait()}"
        yield json.loads(line)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def locs(body: bytes) -> list[str]:
    return [e.text or "" for e in ElementTree.fromstring(body).iter(f"{SITEMAP_NS}loc")]


def test_sitemap_index_lists_every_article_once_in_children_of_at_most_1000(bulk: dict[str, object]) -> None:
    base = str(bulk["bulk"])
    status, robots = get(base + "robots.txt")
    assert status == 200
    index_url = re.search(r"^Sitemap: (\S+)$", robots.decode(), re.MULTILINE).group(1)  # type: ignore[union-attr]
    children = locs(get(index_url)[1])
    assert len(children) == 3
    urls: list[str] = []
    for child in children:
        status, body = get(child)
        assert status == 200
        listed = locs(body)
        assert 0 < len(listed) <= 1000
        urls += listed
    assert len(urls) == len(set(urls)) == ARTICLES
    assert all(u.startswith(base) for u in urls)
    assert bulk["articles"] == ARTICLES


def test_relevant_share_is_as_configured(bulk: dict[str, object]) -> None:
    assert abs(int(bulk["relevant"]) - ARTICLES * RELEVANT) <= 1  # type: ignore[call-overload]
    assert int(bulk["relevant"]) + int(bulk["not_relevant"]) == ARTICLES  # type: ignore[call-overload]
    assert int(bulk["syndicated"]) > 0  # type: ignore[call-overload]


def test_article_pages_weigh_like_real_ones_and_extract_as_the_truth_says(bulk: dict[str, object]) -> None:
    base = str(bulk["bulk"])
    portal = BulkPortal(BulkConfig(articles=ARTICLES, relevant_fraction=RELEVANT), base)
    urllib.request.urlopen(urllib.request.Request(base + "__bulk/reset", method="POST"), timeout=10).read()
    sample = [0, 1, 2, 3, 4, 5, 6, 7, 1500, ARTICLES - 1]
    seen = {True: 0, False: 0}
    for i in sample:
        article = portal.article(i)
        status, body = get(base + article.path.lstrip("/"))
        assert status == 200
        assert 30_000 <= len(body) <= 90_000, f"article {i} weighs {len(body)} bytes"
        page = lxml.html.fromstring(body)
        assert page.findtext(".//title") == f"{article.title} - beritalima.com"
        assert len(page.xpath("//a[@href]")) > 80  # menus, sidebars, related headlines
        result = extract(body, base + article.path.lstrip("/"))
        assert result.relevant is article.relevant, f"article {i}: {article.title!r}"
        assert result.region_code == article.region.code
        seen[article.relevant] += 1
    assert seen[True] and seen[False]
    stats = json.loads(get(base + "__bulk/stats")[1])
    assert stats["distinct_articles"] == len(sample)
    assert get(base + "2020/01/01/tidak-ada-artikel-seperti-ini-99/")[0] == 404


def test_same_seed_same_portal_other_seed_other_portal() -> None:
    config = BulkConfig(articles=300)
    first, second = BulkPortal(config), BulkPortal(config)
    other = BulkPortal(BulkConfig(articles=300, seed=2))
    for i in (0, 17, 299):
        assert first.respond(first.article(i).path).body == second.respond(second.article(i).path).body
    assert [a.title for a in first.articles()] != [a.title for a in other.articles()]


def test_syndicated_copies_repeat_an_older_relevant_article_under_their_own_url() -> None:
    portal = BulkPortal(BulkConfig(articles=600, syndicated_fraction=0.3))
    copies = [a for a in portal.articles() if a.copy_of is not None]
    assert copies
    for copy in copies[:5]:
        original = portal.article(copy.copy_of)  # type: ignore[arg-type]
        assert original.relevant and original.copy_of is None and original.published < copy.published
        body, source = set(portal.paragraphs(copy.index)[1:]), set(portal.paragraphs(original.index)[1:])
        assert body < source and len(source - body) == 1  # one paragraph cut, the rest word for word


def test_tag_listing_pages_through_the_relevant_articles() -> None:
    portal = BulkPortal(BulkConfig(articles=100, per_page=10))
    relevant = [a for a in portal.articles() if a.relevant]
    page = lxml.html.fromstring(portal.respond("/tag/bpjs-ketenagakerjaan/page/2/").body)
    links = {a.get("href") for a in page.xpath("//h4/a")}
    assert {portal.url(a.index) for a in relevant[10:20]} <= links
    assert page.xpath("//link[@rel='next']") and page.xpath("//link[@rel='prev']")
