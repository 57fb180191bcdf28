"""Search latency on synthetic archives: keyword + region + date queries, SQLite and PostgreSQL.

    python bench/search/run.py                                   # 100k articles, SQLite (+ PostgreSQL if --pg-url)
    python bench/search/run.py --sizes 100000,1000000 --pg-url postgresql+psycopg://arsip:arsip@127.0.0.1/arsip_bench
    python bench/search/run.py --sizes 1000000 --dir /var/tmp/bench --reuse   # build once, time again later

For each size and backend it builds an archive through the real migrations (bulk inserts, the
full-text index filled in one pass), then times `storage.search.find` (one page of 20 stories
with snippets and the portals of each, what `arsip search` and the API run) for keyword +
region + date queries, by how common the keyword is. Baseline in the same run: the same id
query with a plain JOIN, where SQLite's planner may drive from the region/date indexes and
probe the FTS index per row (the "naive join"); its ratio to the FTS-driven query is printed.
Columns: find = the whole page (ids, rows, snippets, copies); ids = its first queries alone
(ranked inside the full-text index); naive = the plain-JOIN baseline (SQLite only); naive/ids = ratio of medians.
Target: p95 <= 50 ms at 1M articles on SQLite.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rich.console import Console  # noqa: E402
from rich.progress import Progress  # noqa: E402
from rich.table import Table  # noqa: E402
from sqlalchemy import Engine, create_engine, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from storage.db import head_revision, open_archive  # noqa: E402
from storage.models import Article  # noqa: E402
from storage.regions import regions  # noqa: E402
from storage.filters import Filters, search_terms  # noqa: E402
from storage.fulltext import (  # noqa: E402
    FTS, FTS_NAME, FTS_ROWID, _conditions, fts_query, rank_floor, ranked_from_index)
from storage.search import find  # noqa: E402

console = Console(width=150)
SOURCES = ["klikjatim", "nawacita", "realita", "jatimtimes", "beritalima", "suarasurabaya", "jatengpos", "detikjatim"]
FILLER = ("yang dan di ke dari untuk dengan pada dalam ini itu tersebut akan juga telah kepada oleh sebagai bagi "
          "para kami kita mereka tahun bulan hari kerja program layanan peserta pekerja kantor cabang pemerintah "
          "daerah kabupaten kota warga masyarakat perusahaan buruh upah perlindungan sosial jaminan manfaat iuran "
          "data jumlah persen rupiah juta miliar kegiatan acara sosialisasi kerja sama bupati wali gubernur dinas "
          "tenaga desa kecamatan rapat koordinasi target capaian realisasi pelayanan digital aplikasi kartu").split()
# Keywords by how many articles carry them (the share is the chance an article has the word).
KEYWORDS = {"rare": (["tsunami", "vokasi", "nelayan", "ojol"], 0.002),
            "medium": (["klaim", "santunan", "kecelakaan", "pensiun"], 0.03),
            "common": (["jht", "kepesertaan", "bpjamsostek", "jkm"], 0.25)}  # fmt: skip
START = datetime(2019, 1, 1, tzinfo=UTC)
DAYS = 8 * 365


def articles(n: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """n synthetic articles: 60% in Jawa Timur, dated 2019-2026, 10% exact copies on another portal."""
    rng = random.Random(seed)
    codes = [r.code for r in regions()]
    jatim = [c for c in codes if c.startswith("35.")]
    last_text: list[tuple[int, str, str]] = []
    for i in range(1, n + 1):
        if last_text and rng.random() < 0.10:
            first, title, body = rng.choice(last_text)
            cluster, duplicate = first, first
        else:
            words = rng.choices(FILLER, k=60)
            for group, share in KEYWORDS.values():
                for word in group:
                    if rng.random() < share:
                        words.insert(rng.randrange(len(words)), word)
            body = " ".join(words) + "."
            title = " ".join(rng.choices(FILLER, k=7)).capitalize()
            cluster, duplicate = i, None
            last_text = (last_text + [(i, title, body)])[-50:]
        code = rng.choice(jatim) if rng.random() < 0.6 else rng.choice(codes)
        published = START + timedelta(days=rng.randrange(DAYS), seconds=rng.randrange(86400))
        yield dict(id=i, url=f"https://x{i}.example/a/{i}", canonical_url=f"https://x{i}.example/a/{i}",
                   source=rng.choice(SOURCES), title=title, published=published, author=None, region_code=code,
                   regions=code, text=body, content_hash=hashlib.sha256(f"{cluster}".encode()).hexdigest(),
                   relevance_score=1.0, relevance_reason="bench", duplicate_of=duplicate, cluster_id=cluster,
                   fetched_at=published)  # fmt: skip


COLUMNS = ["id", "url", "canonical_url", "source", "title", "published", "author", "region_code", "regions", "text",
           "content_hash", "relevance_score", "relevance_reason", "duplicate_of", "cluster_id", "fetched_at"]


def _migration_sql(name: str, prefix: str) -> str:
    """A statement of migration 0003 (the bench fills the index in one pass, then restores what it dropped)."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "storage" / "migrations" / "versions" / "0003_search.py"
    spec = importlib.util.spec_from_file_location("migration_0003", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return next(sql for sql in getattr(module, name) if sql.strip().startswith(prefix))


def build_sqlite(path: Path, n: int) -> str:
    url = f"sqlite:///{path}"
    open_archive(url).dispose()
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("DROP TRIGGER articles_fts_insert")  # filled in one pass below
    sql = f"INSERT INTO articles ({','.join(COLUMNS)}) VALUES ({','.join('?' * len(COLUMNS))})"
    batch: list[tuple[object, ...]] = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"SQLite: {n:,} articles", total=n)
        for row in articles(n):
            published = row["published"].strftime("%Y-%m-%d %H:%M:%S.%f")  # type: ignore[union-attr]
            batch.append(tuple(published if c in ("published", "fetched_at") else row[c] for c in COLUMNS))
            if len(batch) == 10_000:
                connection.executemany(sql, batch)
                progress.advance(task, len(batch))
                batch.clear()
        connection.executemany(sql, batch)
        connection.commit()
        progress.update(task, description="SQLite: FTS5 index")
        connection.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        connection.execute(_migration_sql("SQLITE_SQL", "CREATE TRIGGER articles_fts_insert"))
        connection.execute("ANALYZE")
        connection.commit()
    connection.close()
    return url


def build_postgres(url: str, n: int) -> str:
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    open_archive(url).dispose()
    engine = create_engine(url, poolclass=NullPool)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("ALTER TABLE articles DISABLE TRIGGER articles_fts_pg_insert")
        cursor.execute("DROP INDEX ix_articles_fts_pg_document")
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(f"PostgreSQL: {n:,} articles", total=n)
            with cursor.copy(f"COPY articles ({','.join(COLUMNS)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for i, row in enumerate(articles(n), 1):
                    copy.write_row([row[c] for c in COLUMNS])
                    if i % 10_000 == 0:
                        progress.advance(task, 10_000)
            progress.update(task, description="PostgreSQL: tsvectors and GIN index")
            cursor.execute(_migration_sql("PG_SQL", "INSERT INTO articles_fts_pg"))
            cursor.execute("CREATE INDEX ix_articles_fts_pg_document ON articles_fts_pg USING gin (document)")
            cursor.execute("ALTER TABLE articles ENABLE TRIGGER articles_fts_pg_insert")
            cursor.execute("SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM articles))")
            raw.commit()
            raw.autocommit = True  # VACUUM: an archive in use has been vacuumed (hint bits, visibility map)
            cursor.execute("VACUUM ANALYZE")
    finally:
        raw.close()
        engine.dispose()
    return url


def _holds(url: str, n: int) -> bool:
    """Whether the archive at `url` exists, is at the current migration, and holds exactly n articles."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return False
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    except Exception:  # noqa: BLE001 - missing tables: not reusable, build it
        return False
    finally:
        engine.dispose()
    return count == n and version == head_revision()


def queries(count: int, seed: int = 11) -> list[tuple[str, Filters]]:
    """(keyword class, filters): a keyword, a regency or a province, and a year or a quarter.
    Rare keywords come with a second word most articles have ("kerja"), as real searches pair a rare
    word with "bpjs" (the synthetic texts never say bpjs: "tsunami bpjs" used to match nothing)."""
    rng = random.Random(seed)
    jatim = [r.short_name for r in regions() if r.province_code == "35" and r.kind == "kabupaten"]
    out = []
    for i in range(count):
        kind = list(KEYWORDS)[i % len(KEYWORDS)]
        word = rng.choice(KEYWORDS[kind][0])
        year = rng.randrange(2019, 2027)
        if rng.random() < 0.5:
            region, since, until = "Jawa Timur", str(year), str(year)
        else:
            month = rng.choice((1, 4, 7, 10))
            region, since, until = rng.choice(jatim), f"{year}-{month:02d}", f"{year}-{month + 2:02d}"
        out.append((kind, Filters(query=f"{word} kerja" if kind == "rare" else word, regions=(region,), since=since,
                                  until=until)))
    return out


def naive_ids(session: Session, filters: Filters) -> list[int]:
    """Baseline: a plain JOIN of FTS5 and articles, ordered by bm25, the planner free to pick the outer loop."""
    statement = (
        select(Article.id).select_from(FTS).join(Article, Article.id == FTS_ROWID)
        .where(FTS_NAME.op("MATCH")(fts_query(search_terms(filters.query))), *_conditions(filters))
        .order_by(text("bm25(articles_fts, 5.0, 1.0, 0.0)")).limit(20)
    )  # fmt: skip
    return list(session.scalars(statement))


def driven_ids(session: Session, filters: Filters) -> list[int]:
    """What find() runs first: the ids of the best matches (63 rows for a page of 20 stories),
    ranked inside the full-text index (its newest MAX_RANKED matches for a broad search)."""
    return [id_ for id_, _ in session.execute(ranked_from_index(session, filters, 63, rank_floor(session, filters)))]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm the cache
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def measure(engine: Engine, label: str, n: int, count: int, table: Table, baseline: bool) -> None:
    cases = queries(count)
    with Session(engine) as session:
        by_kind: dict[str, list[float]] = {}
        naive: dict[str, list[float]] = {}
        driven: dict[str, list[float]] = {}
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(f"{label} {n:,}: queries", total=len(cases))
            for kind, filters in cases:
                by_kind.setdefault(kind, []).extend(timed(lambda: find(session, filters, limit=20), 1))
                driven.setdefault(kind, []).extend(timed(lambda: driven_ids(session, filters), 1))
                if baseline:
                    naive.setdefault(kind, []).extend(timed(lambda: naive_ids(session, filters), 1))
                progress.advance(task)
    everything = [v for values in by_kind.values() for v in values]
    for kind, values in [*by_kind.items(), ("all", everything)]:
        share = KEYWORDS[kind][1] if kind in KEYWORDS else None
        base = naive.get(kind) if kind != "all" else [v for vs in naive.values() for v in vs]
        ids = driven[kind] if kind != "all" else [v for vs in driven.values() for v in vs]
        ratio = f"{statistics.median(base) / statistics.median(ids):.1f}x" if base else "-"
        table.add_row(label, f"{n:,}", kind + (f" ({share:.1%})" if share else ""), str(len(values)),
                      f"{statistics.median(values):.1f}", f"{p95(values):.1f}", f"{max(values):.1f}",
                      f"{statistics.median(ids):.1f}", f"{p95(ids):.1f}",
                      f"{statistics.median(base):.1f}" if base else "-", f"{p95(base):.1f}" if base else "-",
                      ratio)  # fmt: skip


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_export(url: str, n: int) -> None:
    """Stream /api/export.jsonl of the whole archive from a real `arsip serve`; the server's RSS as it goes."""
    import socket
    import subprocess
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    root = Path(__file__).resolve().parents[2]
    server = subprocess.Popen([sys.executable, "-m", "arsip", "serve", "--port", str(port), "--db", url], cwd=root,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=60).close()
                break
            except OSError:
                time.sleep(0.2)
        idle = rss_mb(server.pid)
        samples, lines, start = [], 0, time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/export.jsonl", timeout=600) as response:
            for _ in response:
                lines += 1
                if lines % max(1, n // 20) == 0:
                    samples.append(rss_mb(server.pid))
        took = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    console.print(f"export.jsonl of {lines:,} articles in {took:.0f} s ({lines / took:,.0f}/s); server RSS idle "
                  f"{idle:.0f} MB, while streaming {min(samples):.0f}-{max(samples):.0f} MB "
                  f"(at 5% {samples[0]:.0f} MB, at 100% {samples[-1]:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000", help="comma-separated archive sizes (default 100000)")
    parser.add_argument("--queries", type=int, default=150, help="queries per size and backend")
    parser.add_argument("--pg-url", default=os.environ.get("ARSIP_BENCH_POSTGRES"),
                        help="a PostgreSQL database to fill (its public schema is dropped!); default $ARSIP_BENCH_POSTGRES")
    parser.add_argument("--export", action="store_true",
                        help="also stream /api/export.jsonl of each SQLite archive from `arsip serve` and watch its memory")
    parser.add_argument("--dir", type=Path, default=None, help="where to put the SQLite files (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the archives and reuse them when they already hold the size: SQLite files "
                             "bench-<n>.db in --dir (required), the PostgreSQL database when its article count matches")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    table = Table(title="find(): keyword + region + date, one page of 20 stories with snippets (ms)")
    for column in ("backend", "articles", "keyword (share)", "queries", "find p50", "find p95", "find max",
                   "ids p50", "ids p95", "naive p50", "naive p95", "naive/ids"):
        table.add_column(column, justify="right")
    if args.reuse and args.dir is None:
        parser.error("--reuse needs --dir: the folder where the SQLite archives are kept")
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        folder = args.dir if args.reuse else Path(scratch)
        for n in sizes:
            start = time.perf_counter()
            path = Path(folder) / f"bench-{n}.db"
            if args.reuse and _holds(f"sqlite:///{path}", n):
                url = f"sqlite:///{path}"
                console.print(f"SQLite {n:,}: reusing {path}")
            else:
                path.unlink(missing_ok=True)
                url = build_sqlite(path, n)
                console.print(f"SQLite {n:,}: built in {time.perf_counter() - start:.0f} s")
            engine = open_archive(url, create=False)
            measure(engine, "sqlite", n, args.queries, table, baseline=True)
            engine.dispose()
            if args.export:
                measure_export(url, n)
            if not args.reuse:
                path.unlink()
            if args.pg_url:
                start = time.perf_counter()
                if args.reuse and _holds(args.pg_url, n):
                    console.print(f"PostgreSQL {n:,}: reusing {args.pg_url.rsplit('/', 1)[-1]}")
                else:
                    build_postgres(args.pg_url, n)
                    console.print(f"PostgreSQL {n:,}: built in {time.perf_counter() - start:.0f} s")
                engine = open_archive(args.pg_url, create=False)
                measure(engine, "postgresql", n, args.queries, table, baseline=False)
                engine.dispose()
    console.print(table)
    console.print("Target: p95 <= 50 ms at 1,000,000 articles on SQLite (the 'all' row).")


if __name__ == "__main__":
    main()
