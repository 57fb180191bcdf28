"""The scheduler across machines (scheduler/distributed.py): the service enqueues, `arsip crawler` takes and records."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from conftest import FAST, ROOT, query

from arsip.simulator import articles, sources_toml
from crawler.frontier import crawl_key
from scheduler.distributed import CrawlJob, enqueue_crawl, open_jobs, pick_job
from storage.db import open_archive


@pytest.fixture
def server(redis_url: str) -> redis.Redis:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    return client


def test_one_open_crawl_per_source(server: redis.Redis) -> None:
    first = enqueue_crawl(server, "klikjatim")
    assert first is not None and first.source == "klikjatim" and first.trigger == "scheduled"
    assert enqueue_crawl(server, "klikjatim") is None  # its last crawl is still open: the slot is skipped
    other = enqueue_crawl(server, "nawacita", trigger="retry")
    assert other is not None
    assert [job.source for job in open_jobs(server)] == ["klikjatim", "nawacita"]
    assert CrawlJob.from_json(first.to_json()) == first


def test_a_worker_takes_the_crawl_with_fewest_crawlers(server: redis.Redis) -> None:
    busy = enqueue_crawl(server, "klikjatim")
    quiet = enqueue_crawl(server, "nawacita")
    assert busy is not None and quiet is not None
    assert pick_job(server) == busy  # equal: the oldest
    server.set(crawl_key("arsip", busy.crawl_id, "peer:host-a:1:ab"), "busy", ex=30)
    assert pick_job(server) == quiet
    assert pick_job(server, skip={quiet.crawl_id}) == busy
    assert pick_job(server, skip={quiet.crawl_id, busy.crawl_id}) is None


def test_the_scheduler_enqueues_a_worker_crawls_and_the_run_is_recorded(
    portals: dict[str, str], redis_url: str, server: redis.Redis, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(portals), "utf-8")
    db = f"sqlite:///{tmp_path / 'arsip.db'}"
    open_archive(db).dispose()  # `arsip db upgrade` first, as in deploy/compose.yaml: two processes never race to migrate
    env = {**os.environ, "COLUMNS": "200"}
    common = ["--db", db, "--sources", str(sources)]
    service = subprocess.Popen(
        [sys.executable, "-m", "arsip", "schedule", "run", *common, "--redis", redis_url, "--source", "klikjatim",
         "--every", "1", "--jitter", "0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        worker = subprocess.run(
            [sys.executable, "-m", "arsip", "crawler", *common, "--redis", redis_url, "--max-crawls", "1", "--poll", "0.2", *FAST],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        service.send_signal(signal.SIGTERM)
        _, service_log = service.communicate(timeout=60)
    assert worker.returncode == 0, worker.stderr
    assert "Crawler stopped after 1 crawl(s)" in worker.stderr
    assert "enqueued for the crawlers" in service_log
    runs = query(db, "SELECT sources, trigger, status, articles_new, host, pid FROM runs")
    assert len(runs) == 1
    sources_run, trigger, status, new, host, pid = runs[0]
    assert (sources_run, trigger, status) == ("klikjatim", "scheduled", "finished")
    expected = [a for a in articles() if a.portal == "klikjatim" and a.relevant and a.fault not in {"http500", "robots_disallowed"}]
    assert new == len(expected) > 0
    assert host and pid
    archived = query(db, "SELECT count(*) FROM articles WHERE source = 'klikjatim'")[0][0]
    assert archived == len(expected)
    # The crawl it ran is closed in Redis: its queue and filter are gone.
    assert not server.keys("arsip:crawl:*:seen")
