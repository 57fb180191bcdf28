"""One scheduled crawl in its own process: `python -m scheduler.worker --db URL --source NAME --run-id N`.

The service starts this for every run (Twisted's reactor cannot be restarted inside one
process, and Scrapy's process wants the main thread for its signal handlers). The run row
exists already; the crawl records into it (setting ARSIP_RUN_ID). If the service dies, this
process notices that its parent is gone and stops the crawl the way Ctrl-C would, so no
orphan crawl runs on beside a restarted service.

Exit status: 0 the crawl finished; 1 it ended otherwise (see the run's exit reason);
2 it could not start (bad sources file or database: the message says which).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

PARENT_CHECK_SECONDS = 1.0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scheduler.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--run-id", type=int, required=True)
    parser.add_argument("--sources", type=Path)
    parser.add_argument("-s", "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--redis", help="join the crawl's shared frontier at this Redis URL (crawler/frontier.py)")
    parser.add_argument("--crawl-id", help="with --redis: the crawl to join (scheduler/distributed.py)")
    return parser.parse_args(argv)


def _watch_parent(parent: int) -> None:
    """Stop the crawl (gracefully, then hard) once the service that started it is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(30)
    os._exit(1)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    from crawler.errors import CrawlerError
    from scheduler.launch import run_crawl
    from storage.errors import StorageError

    overrides: dict[str, str | int] = {"LOG_LEVEL": "WARNING"}
    for pair in args.settings:
        name, _, value = pair.partition("=")
        overrides[name] = value
    overrides["ARSIP_RUN_ID"] = args.run_id
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True, name="parent-watch").start()
    try:
        result = run_crawl(args.db, args.sources, (args.source,), overrides, redis_url=args.redis, crawl_id=args.crawl_id)
    except (CrawlerError, StorageError) as exc:
        print(f"source {args.source}: the crawl could not start: {exc}", file=sys.stderr)
        return 2
    print(
        f"source {args.source}: {result.finish_reason}; {result.pages_fetched} page(s), "
        f"{result.articles_new} new, {result.articles_duplicate} duplicate, {result.not_relevant} not relevant, "
        f"{result.failed} failed"
    )
    return 0 if result.finish_reason == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
