"""1 against 2 shared-frontier crawlers: `arsip crawl --redis` processes on one crawl, PostgreSQL archive.

    python -m bench.scaleout.run                       # 300 articles, about a minute
    python -m bench.scaleout.run --articles 3000       # a longer run
    python -m bench.scaleout.run --pg-url postgresql+psycopg://arsip:arsip@127.0.0.1:5432/arsip_t_r

The portal is the generated bulk portal (arsip.simulator.bulk, its own process); Redis is a
private redis-server on a free port (or --redis URL). For each crawler count the archive's
schema is recreated, the portal's counters reset, the crawlers started at once; wall time
runs from the start to the last exit. A plain `arsip crawl` (no Redis) runs first as the
baseline of the frontier's own cost. Printed: pages/s per run, the ratios, and
a correctness line per run (article pages served once each, every relevant article archived once).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=16",
            "CONCURRENT_REQUESTS_PER_DOMAIN=16", "LOG_LEVEL=ERROR"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_redis(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("bench/scaleout: redis-server is not installed (apt-get install redis-server) and no --redis given")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL)  # fmt: skip
    for _ in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.05)
    raise SystemExit("bench/scaleout: redis-server did not start")


def fresh_archive(url: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    from storage.db import open_archive

    open_archive(url).dispose()


def archived(url: str) -> tuple[int, int]:
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection:
        rows, distinct = connection.execute(text("SELECT count(*), count(DISTINCT url) FROM articles")).one()
    engine.dispose()
    return int(rows), int(distinct)


def bulk(base: str, what: str, method: str = "GET") -> dict[str, object]:
    with urllib.request.urlopen(urllib.request.Request(base + "__bulk/" + what, method=method), timeout=30) as response:
        return json.load(response) if method == "GET" else {}


def one_run(crawlers: int, base: str, sources: Path, db: str, redis_url: str | None) -> dict[str, float]:
    """`crawlers` processes at once on one shared crawl; redis_url None: one plain `arsip crawl` (the baseline)."""
    fresh_archive(db)
    bulk(base, "reset", "POST")
    flags = [arg for s in SETTINGS for arg in ("-s", s)]
    command = [sys.executable, "-m", "arsip", "crawl", "--sources", str(sources), "--source", "bulk", "--db", db,
               *(["--redis", redis_url] if redis_url else []), *flags]  # fmt: skip
    started = time.perf_counter()
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for _ in range(crawlers)]  # fmt: skip
    errors = [p.communicate()[1] for p in processes]
    wall = time.perf_counter() - started
    for process, err in zip(processes, errors, strict=True):
        if process.returncode != 0:
            raise SystemExit(f"bench/scaleout: a crawler failed (status {process.returncode}):\n{err[-2000:]}")
    stats = bulk(base, "stats")
    rows, distinct = archived(db)
    return {"crawlers": crawlers, "redis": redis_url is not None, "wall": wall, "hits": float(stats["article_hits"]),  # type: ignore[arg-type]
            "distinct": float(stats["distinct_articles"]), "rows": rows, "distinct_rows": distinct}  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaleout.run", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="articles on the bulk portal (default %(default)s)")
    parser.add_argument("--pg-url", default="postgresql+psycopg://arsip:arsip@127.0.0.1:5432/arsip_t_r",
                        help="a PostgreSQL database the benchmark may empty (default %(default)s)")
    parser.add_argument("--redis", help="a Redis URL (default: a private redis-server on a free port)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="arsip-scaleout-") as tmp:
        folder = Path(tmp)
        redis_process, redis_url = (None, args.redis) if args.redis else start_redis(folder)
        portal = subprocess.Popen([sys.executable, "-m", "arsip.simulator.bulk", "--articles", str(args.articles)],
                                  cwd=ROOT, stdout=subprocess.PIPE, text=True)  # fmt: skip
        try:
            assert portal.stdout is not None
            info = json.loads(portal.stdout.readline())
            from arsip.simulator.bulk import sources_toml

            sources = folder / "sources.toml"
            sources.write_text(sources_toml(info["bulk"], "bulk"), "utf-8")
            results = [one_run(n, info["bulk"], sources, args.pg_url, url) for n, url in ((1, None), (1, redis_url), (2, redis_url))]
        finally:
            portal.terminate()
            portal.wait(timeout=10)
            if redis_process is not None:
                redis_process.terminate()
                redis_process.wait(timeout=10)
    print(f"bulk portal: {args.articles} articles, {info['relevant']} relevant; archive {args.pg_url.rsplit('@', 1)[-1]}")
    print(f"{'crawlers':>14} {'wall s':>8} {'pages':>6} {'pages/s':>8}  correctness")
    ok = True
    for r in results:
        once = r["hits"] == r["distinct"] == args.articles
        stored = r["rows"] == r["distinct_rows"] == info["relevant"]
        ok = ok and once and stored
        label = f"{r['crawlers']}{'' if r['redis'] else ' (no Redis)'}"
        print(f"{label:>14} {r['wall']:>8.1f} {r['hits']:>6.0f} {r['hits'] / r['wall']:>8.1f}  "
              f"article pages served {r['hits']:.0f} for {r['distinct']:.0f} distinct of {args.articles} "
              f"({'each once' if once else 'NOT each once'}); archived {r['rows']} rows, {r['distinct_rows']} URLs "
              f"of {info['relevant']} relevant ({'each once' if stored else 'WRONG'})")  # fmt: skip
    plain, one, two = (r["hits"] / r["wall"] for r in results)
    print(f"ratio 1-proc shared frontier / plain crawl: {one / plain:.2f}  (the frontier's own cost)")
    print(f"ratio 2-proc/1-proc pages/s: {two / one:.2f}  (2 cores shared: about 1 expected; the point is correctness)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
