"""Benchmark of the crawl's archive writes: Python CPU per archived article and per skipped page.

    python -m bench.write.run                          # 1,500 articles + 3,500 skips, SQLite (about 30 s)
    python -m bench.write.run --articles 300 --skips 700 --repeat 1    # a quick look
    python -m bench.write.run --db postgresql+psycopg://arsip:arsip@127.0.0.1:5432/arsip_t_w

`arsip crawl` writes from one thread that shares the GIL with Scrapy's reactor, so the figure
that matters is the CPU time of the writing thread (`time.thread_time`), not wall time. Each
repeat builds a fresh archive (a SQLite file in a temporary directory, or the --db PostgreSQL
database with its public schema dropped and recreated) and times, as the crawl's writer does:
`add_articles` of the bulk portal's relevant articles (arsip/simulator/bulk.py: ~400-word texts,
5 % syndicated near-copies; `prepare()` done beforehand, as the crawl's extraction processes do)
in batches of 50, then `record_skips` of its other pages in batches of 50. The median of the
repeats is printed (the machine is shared).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool

from arsip.simulator.bulk import BulkConfig, BulkPortal
from storage.archive import NewArticle, Skip, add_articles, prepare, record_skips
from storage.db import open_archive, session
from storage.models import Article, SkippedPage

BATCH = 50
T = TypeVar("T")


def workload(articles: int, skips: int) -> tuple[list[NewArticle], list[Skip]]:
    """`articles` relevant articles of a bulk portal (prepared) and `skips` of its other pages."""
    config = BulkConfig()
    size = max(articles / config.relevant_fraction, skips / (1 - config.relevant_fraction))
    portal = BulkPortal(replace(config, articles=int(size * 1.05) + 10), base="http://bulk.example/")
    fetched = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    new: list[NewArticle] = []
    skipped: list[Skip] = []
    for i in range(portal.config.articles):
        a = portal.article(i)
        url = portal.url(i)
        if a.relevant and len(new) < articles:
            text = "\n\n".join(portal.paragraphs(i))
            html = portal.render_article(i).encode()
            article = NewArticle(
                url=url, canonical_url=url, source="bulk", title=a.title, published=a.published, author=a.author,
                region_code=a.region.code, regions=(a.region.code,), text=text, relevance_score=0.9,
                relevance_reason="keyword: BPJS Ketenagakerjaan", html=html, content_type="text/html; charset=UTF-8",
                encoding="utf-8", http_status=200, fetched_at=fetched,
            )  # fmt: skip
            new.append(replace(article, prepared=prepare(text, html)))
        elif not a.relevant and len(skipped) < skips:
            if len(skipped) % 20 == 0:
                skipped.append(Skip(url, "bulk", "failed", "HTTP 503 Service Unavailable"))
            else:
                skipped.append(Skip(url, "bulk", "not_relevant", "no keyword about BPJS Ketenagakerjaan", 0.05))
    if len(new) < articles or len(skipped) < skips:
        raise RuntimeError(f"the bulk portal gave {len(new)} articles and {len(skipped)} skips: enlarge it")
    return new, skipped


def fresh_url(db: str | None, workdir: Path, n: int) -> str:
    """A new SQLite file, or the PostgreSQL database `db` emptied (its public schema recreated)."""
    if db is None:
        return f"sqlite:///{workdir / f'arsip-{n}.db'}"
    engine = create_engine(db, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return db


def timed(items: Sequence[T], write: Callable[[Sequence[T]], object]) -> tuple[float, float]:
    """(thread CPU s, wall s) of writing `items` in batches of BATCH."""
    cpu, wall = time.thread_time(), time.perf_counter()
    for start in range(0, len(items), BATCH):
        write(items[start : start + BATCH])
    return time.thread_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--skips", type=int, default=3500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", help="a PostgreSQL URL (its public schema is dropped!); default: a SQLite temp file")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    articles, skips = workload(args.articles, args.skips)
    print(f"workload: {len(articles)} articles, {len(skips)} skips ({time.perf_counter() - started:.1f} s to build)")
    figures: dict[str, list[float]] = {k: [] for k in ("a_cpu", "a_wall", "s_cpu", "s_wall")}
    with tempfile.TemporaryDirectory(prefix="bench-write-") as tmp:
        for n in range(args.repeat):
            engine = open_archive(fresh_url(args.db, Path(tmp), n))
            try:
                with session(engine) as db:
                    a_cpu, a_wall = timed(articles, lambda batch: add_articles(db, batch))
                    s_cpu, s_wall = timed(skips, lambda batch: record_skips(db, batch))
                    stored = db.scalar(select(func.count()).select_from(Article))
                    copies = db.scalar(
                        select(func.count()).select_from(Article).where(Article.duplicate_of.is_not(None))
                    )
                    skipped = db.scalar(select(func.count()).select_from(SkippedPage))
            finally:
                engine.dispose()
            if stored != len(articles) or skipped != len(skips):
                raise RuntimeError(
                    f"stored {stored} articles and {skipped} skips, expected {len(articles)}, {len(skips)}"
                )
            for key, value in zip(figures, (a_cpu, a_wall, s_cpu, s_wall)):
                figures[key].append(value)
            print(
                f"run {n + 1}: articles {a_cpu * 1000 / len(articles):.3f} ms CPU, {a_wall * 1000 / len(articles):.3f} ms wall"
                f" ({copies} copies); skips {s_cpu * 1000 / len(skips):.3f} ms CPU, {s_wall * 1000 / len(skips):.3f} ms wall"
            )
    med = {k: statistics.median(v) for k, v in figures.items()}
    backend = "PostgreSQL" if args.db else "SQLite"
    print(f"median of {args.repeat} ({backend}, batches of {BATCH}, writer-thread CPU / wall):")
    print(
        f"  add_articles  {med['a_cpu'] * 1000 / len(articles):7.3f} ms CPU  {med['a_wall'] * 1000 / len(articles):7.3f} ms wall  per article"
    )
    print(
        f"  record_skips  {med['s_cpu'] * 1000 / len(skips):7.3f} ms CPU  {med['s_wall'] * 1000 / len(skips):7.3f} ms wall  per skip"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
