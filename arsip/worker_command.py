"""`arsip crawler --redis URL`: a long-lived crawler worker taking the crawls a distributed scheduler enqueues."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from arsip.options import DbOption, SourcesOption, err_console


def crawler(
    redis: Annotated[
        str,
        typer.Option("--redis", envvar="ARSIP_REDIS_URL", help="The Redis the scheduler enqueues crawls in (redis://host:6379/0)."),
    ],
    db: DbOption = None,
    sources: SourcesOption = None,
    setting: Annotated[
        list[str] | None, typer.Option("-s", "--set", help="A Scrapy setting for every crawl, as `arsip crawl -s`.")
    ] = None,
    poll: Annotated[float, typer.Option(min=0.1, help="Look for an open crawl every N seconds while idle.")] = 2.0,
    time_limit: Annotated[float, typer.Option(min=1, help="Stop a crawl process that runs longer (seconds).")] = 3 * 3600,
    retry_after: Annotated[float, typer.Option(min=0, help="Take a crawl whose process failed again after N seconds.")] = 30,
    max_crawls: Annotated[int | None, typer.Option(min=1, help="Exit after this many crawls (default: run until stopped).")] = None,
) -> None:
    """Run a crawler worker: take the crawls `arsip schedule run --redis` enqueues, until SIGTERM or Ctrl-C.

    Start one on each crawler machine; workers on one crawl share its queue (each page fetched once),
    and each records its part as a run in the archive.
    Example: arsip crawler --redis redis://10.0.0.5:6379/0 --db postgresql+psycopg://arsip@10.0.0.5/arsip
    """
    from arsip.schedule_command import _overrides
    from scheduler.distributed import Worker, WorkerOptions
    from storage.db import database_url

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    options = WorkerOptions(
        db_url=database_url(db),
        redis_url=redis,
        sources_file=sources,
        overrides=_overrides(setting),
        poll=poll,
        time_limit=time_limit,
        retry_after=retry_after,
    )
    count = Worker(options).run(max_crawls)
    err_console.print(f"Crawler stopped after {count} crawl(s).")
