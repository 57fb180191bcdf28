"""The shared frontier (crawler/frontier.py): `arsip crawl --redis` in several processes at once.

The truth is the simulator: its manifest says which articles are relevant, and each portal
logs every request it served (`GET /__simulator/requests`), so "fetched once" is counted at
the server, not believed from the crawler.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import redis
import scrapy
from conftest import FAST, ROOT, crawl_archive, query, simulator_log
from conftest_storage import BACKENDS
from scrapy_redis.queue import PriorityQueue

from arsip.simulator import SimArticle, articles, sources_toml
from crawler.frontier import FifoPriorityQueue, fingerprint
from crawler.urls import normalize_url

NOT_FETCHABLE = {"http500", "robots_disallowed"}
RETRY_TIMES = 2  # crawler/settings.py: a page answering 500 is asked 1 + 2 times
# Fast heartbeats: a killed crawler is noticed within 6 s (a loaded machine may starve a live one for seconds).
SHARED = [*FAST, "-s", "ARSIP_REDIS_HEARTBEAT=1", "-s", "ARSIP_REDIS_PEER_TTL=6"]


def reset(portals: dict[str, str]) -> None:
    for base in portals.values():
        simulator_log(base, "reset")


def served(portals: dict[str, str]) -> Counter[str]:
    """How often each page was requested, as "portal path", robots.txt left out (each crawler reads it)."""
    counts: Counter[str] = Counter()
    for name, base in portals.items():
        counts.update(f"{name} {path}" for path in simulator_log(base, "requests") if path != "/robots.txt")
    return counts


# Crawls slow enough to outlast a second process's start (a quiet machine crawls the simulator in 2 s).
SLOW = ["-s", "DOWNLOAD_DELAY=0.25", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False"]


def start_crawl(sources: Path, db: str, redis_url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "arsip", "crawl", "--sources", str(sources), "--db", db, "--redis", redis_url, *SHARED, *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


def finish(process: subprocess.Popen[str], timeout: float = 90) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def expected_urls(portals: dict[str, str]) -> list[str]:
    return sorted(url_of(portals, a) for a in articles() if a.relevant and a.fault not in NOT_FETCHABLE)


def url_of(portals: dict[str, str], article: SimArticle) -> str:
    return normalize_url(portals[article.portal].rstrip("/") + article.path)


@pytest.fixture
def sources(portals: dict[str, str], tmp_path: Path) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(sources_toml(portals), "utf-8")
    return path


@pytest.fixture
def server(redis_url: str) -> redis.Redis:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    return client


# -- the queue ------------------------------------------------------------------------------


def test_queue_pops_by_priority_then_first_in_first_out(server: redis.Redis) -> None:
    spider = scrapy.Spider(name="news")
    queue = FifoPriorityQueue(server, spider, "t:requests")
    pushed = [scrapy.Request(f"http://portal.test/tag/bpjs/page/{n}/") for n in range(1, 21)]
    urgent = scrapy.Request("http://portal.test/feed/", priority=5)
    for request in pushed[:10]:
        queue.push(request)
    queue.push(urgent)
    for request in pushed[10:]:
        queue.push(request)
    popped = [queue.pop() for _ in range(21)]
    assert [r.url for r in popped] == [urgent.url] + [r.url for r in pushed]
    assert queue.pop() is None


def test_scrapy_redis_priority_queue_loses_arrival_order(server: redis.Redis) -> None:
    """The evidence for FifoPriorityQueue: scrapy-redis 0.9.1 orders equal priorities by pickled bytes."""
    spider = scrapy.Spider(name="news")
    queue = PriorityQueue(server, spider, "t:plain")
    pushed = [f"http://portal.test/berita/{slug}/" for slug in ("zona", "upah", "klaim", "iuran")]
    for url in pushed:
        queue.push(scrapy.Request(url))
    popped = [queue.pop().url for _ in pushed]
    assert sorted(popped) == sorted(pushed)
    assert popped[0] != pushed[0] and popped != pushed  # "zona" came first and does not leave first


def test_fingerprint_is_the_duplicate_filters() -> None:
    from scrapy_redis.dupefilter import RFPDupeFilter

    request = scrapy.Request("http://portal.test/a/?b=2&a=1")
    assert fingerprint("GET", "http://portal.test/a/?a=1&b=2") == RFPDupeFilter.request_fingerprint(None, request)  # type: ignore[arg-type]


# -- two crawlers at once -------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_crawlers_fetch_each_page_once_and_archive_each_article_once(
    backend: str, portals: dict[str, str], sources: Path, server: redis.Redis, redis_url: str, tmp_path: Path
) -> None:
    db = crawl_archive(backend, tmp_path)
    run_arsip_db_upgrade(db)
    reset(portals)
    first, second = start_crawl(sources, db, redis_url, *SLOW), start_crawl(sources, db, redis_url, *SLOW)
    results = [finish(first), finish(second)]
    for code, out, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    counts = served(portals)
    retried = {f"{a.portal} {a.path}" for a in articles() if a.fault == "http500"}
    twice = {page: n for page, n in counts.items() if n != (1 + RETRY_TIMES if page in retried else 1)}
    assert counts and not twice
    # Discovery pages too: each feed, sitemap and listing page was read by one crawler only.
    assert any("/feed" in page for page in counts) and any("sitemap" in page for page in counts)
    archived = [url for (url,) in query(db, "SELECT url FROM articles")]
    assert sorted(archived) == expected_urls(portals)
    runs = query(db, "SELECT pages_fetched, status FROM runs ORDER BY id")
    assert len(runs) == 2 and all(status == "finished" for _, status in runs)
    assert all(pages > 0 for pages, _ in runs), runs  # both did work
    # The crawl ended: its queue and filter are gone, the next crawl starts afresh.
    assert not server.keys("arsip:crawl:*")
    assert not server.keys("arsip:current:*")


def run_arsip_db_upgrade(db: str) -> None:
    """Make the archive before the crawlers start, as an operator does (`arsip db upgrade`)."""
    from storage.db import open_archive

    open_archive(db).dispose()


def wait_until(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_a_killed_crawlers_requests_are_taken_over_by_the_other(
    portals: dict[str, str], sources: Path, server: redis.Redis, redis_url: str, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'arsip.db'}"
    run_arsip_db_upgrade(db)
    reset(portals)
    victim = start_crawl(sources, db, redis_url, *SLOW)
    survivor = start_crawl(sources, db, redis_url, *SLOW, "-s", "LOG_LEVEL=WARNING")
    wait_until(lambda: sum(served(portals).values()) >= 15)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    code, _, err = finish(survivor)
    assert code == 0, err
    assert "request(s) it had in flight queued again" in err
    # No re-run: the survivor alone completed the crawl, the dead one's popped requests included.
    archived = [url for (url,) in query(db, "SELECT url FROM articles")]
    assert sorted(archived) == expected_urls(portals)
    assert not server.keys("arsip:crawl:*")


def test_when_every_crawler_dies_a_new_crawl_carries_the_queue_over(
    portals: dict[str, str], sources: Path, server: redis.Redis, redis_url: str, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'arsip.db'}"
    run_arsip_db_upgrade(db)
    reset(portals)
    crawlers = [start_crawl(sources, db, redis_url, *SLOW) for _ in range(2)]

    def queued() -> int:
        return sum(server.zcard(k) for k in server.keys("arsip:crawl:*:requests"))

    def in_flight() -> int:
        return sum(server.hlen(k) for k in server.keys("arsip:crawl:*:inflight:*"))

    wait_until(lambda: queued() >= 5)
    for process in crawlers:
        process.send_signal(signal.SIGKILL)
        process.wait()
    left = queued() + in_flight()
    killed_crawl = server.get(next(iter(server.keys("arsip:last:*")))).decode()
    time.sleep(6.5)  # their heartbeats expire: the crawl has no live crawler
    reset(portals)
    code, _, err = finish(start_crawl(sources, db, redis_url, "-s", "LOG_LEVEL=INFO"))
    assert code == 0, err
    assert f"{left} request(s) left by crawl {killed_crawl} carried over" in err
    counts = served(portals)
    retried = {f"{a.portal} {a.path}" for a in articles() if a.fault == "http500"}
    assert not {page: n for page, n in counts.items() if n > 1 and page not in retried}  # carried over once, not twice
    archived = [url for (url,) in query(db, "SELECT url FROM articles")]
    assert sorted(archived) == expected_urls(portals)
