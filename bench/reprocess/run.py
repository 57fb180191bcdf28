"""Re-extraction speed: `arsip reprocess --jobs N` against plain trafilatura over the same stored pages.

Builds a SQLite archive of N stored pages straight through storage (no crawl): the article
pages of a generated bulk portal (arsip.simulator.bulk, all about BPJS Ketenagakerjaan, some
syndicated copies), each stored with its raw page and the text the generator wrote, so a
re-extraction finds real differences (captions, signatures, whitespace) to write back. Then,
each in its own process:

  baseline   trafilatura.extract over every stored page, one process (pages read and
             decompressed from the archive the same way)
  arsip      `python -m arsip reprocess --jobs N` over the whole archive (extraction with site
             rules, dates, regions, relevance, comparison, writes, dedup re-check)

and prints docs/s of each, the ratio (target: arsip >= 1.7 x the baseline), and peak memory
(main process RSS; the process tree's summed RSS and PSS, workers included).

    python -m bench.reprocess.run                          # 300 pages, about a minute
    python -m bench.reprocess.run --articles 50000         # the issue's size (most of an hour)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from bench.crawl.run import Sampler, load_average

ROOT = Path(__file__).resolve().parents[2]
BASE = "http://127.0.0.1:8080/"  # the URL the stored pages claim; nothing is fetched
SPEEDUP_TARGET = 1.7
RSS_TARGET_MIB = 400.0
BUILD_BATCH = 200


def _new_articles(n: int, start: int, stop: int) -> list[object]:
    """Articles start..stop-1 of the bulk portal, ready to store (in a worker process)."""
    from dataclasses import replace

    from storage import archive
    from storage.archive import NewArticle

    portal = _portal(n)
    out: list[object] = []
    for i in range(start, stop):
        a = portal.article(i)
        article = NewArticle(
            url=portal.url(i), canonical_url=portal.url(i), source="bulk", title=a.title,
            published=a.published, author=a.author, region_code=a.region.code, regions=(a.region.code,),
            text="\n\n".join(portal.paragraphs(i)), relevance_score=1.0, relevance_reason="bench",
            html=portal.respond(a.path).body, content_type="text/html; charset=UTF-8", encoding="utf-8",
            http_status=200, fetched_at=datetime(2026, 11, 2, tzinfo=UTC) + timedelta(seconds=i),
        )  # fmt: skip
        if hasattr(archive, "prepare"):  # fingerprint and compress here, not in the writing process
            article = replace(article, prepared=archive.prepare(article.text, article.html))
        out.append(article)
    return out


_PORTALS: dict[int, object] = {}


def _portal(n: int):  # type: ignore[no-untyped-def]
    from arsip.simulator.bulk import BulkConfig, BulkPortal

    if n not in _PORTALS:
        _PORTALS[n] = BulkPortal(BulkConfig(articles=n, relevant_fraction=1.0), BASE)
    return _PORTALS[n]


def _bounded(pool: ProcessPoolExecutor, workers: int, n: int, starts: list[int]) -> Iterator[list[object]]:
    """Batches in order, at most two per worker in flight (pool.map would hold them all)."""
    pending: deque[Future[list[object]]] = deque()
    for start in starts:
        pending.append(pool.submit(_new_articles, n, start, min(start + BUILD_BATCH, n)))
        if len(pending) >= 2 * workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def build(path: Path, n: int, sources_file: Path) -> dict[str, int]:
    """An archive of `n` stored pages of the bulk portal, written through storage.archive.

    Pages are rendered (and, where storage offers it, fingerprinted) in worker processes;
    this process only writes, in batches of BUILD_BATCH.
    """
    from arsip.simulator.bulk import sources_toml
    from storage import archive
    from storage.db import open_archive, session

    def write(db: object, batch: list[object]) -> list[object]:
        if hasattr(archive, "add_articles"):  # one transaction per batch, where storage offers it
            return archive.add_articles(db, batch)  # type: ignore[arg-type]
        return [archive.add_article(db, a) for a in batch]  # type: ignore[arg-type]

    sources_file.write_text(sources_toml(BASE, "bulk"), encoding="utf-8")
    engine = open_archive(f"sqlite:///{path}")
    outcomes: dict[str, int] = {}
    columns = (TextColumn("building the archive"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    starts = list(range(0, n, BUILD_BATCH))
    workers = os.cpu_count() or 1
    with (
        Progress(*columns, transient=True) as progress,
        session(engine) as db,
        ProcessPoolExecutor(max_workers=workers) as pool,
    ):
        task = progress.add_task("build", total=n)
        for batch in _bounded(pool, workers, n, starts):
            for added in write(db, batch):
                outcome = str(getattr(added, "outcome", "?"))
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
            progress.advance(task, len(batch))
    engine.dispose()
    return outcomes


def baseline(path: str) -> None:
    """In a fresh process: plain trafilatura over every stored page; prints JSON figures."""
    import trafilatura

    from storage.db import open_archive, session
    from storage.raw import iter_raw_pages

    engine = open_archive(f"sqlite:///{path}", create=False)
    pages = chars = 0
    start = time.perf_counter()
    with session(engine) as db:
        for page in iter_raw_pages(db, batch_size=200):
            chars += len(trafilatura.extract(page.html, url=page.url) or "")
            pages += 1
    print(json.dumps({"pages": pages, "chars": chars, "seconds": time.perf_counter() - start}))


def measure(command: list[str], folder: Path, name: str) -> dict[str, object]:
    """Run `command` to its end, sampling the memory of its process tree."""
    out_path, err_path = folder / f"{name}.out", folder / f"{name}.err"
    with out_path.open("w") as out, err_path.open("w") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = Sampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.halt.set()
        sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = " | ".join(err_path.read_text(errors="replace").strip().splitlines()[-5:])
        raise SystemExit(f"bench/reprocess: {name} failed with status {code}: {tail}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peaks": sampler.peaks,
            "stdout": out_path.read_text(errors="replace")}


def _examined(report: str) -> int:
    match = re.search(r"examined\s*\S\s*(\d+)", report)
    return int(match.group(1)) if match else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="stored pages (default 300; the issue's: 50000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="arsip reprocess --jobs (default: the CPUs)")
    parser.add_argument("--keep", help="keep the archive and logs in this folder")
    parser.add_argument("--baseline", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        baseline(args.baseline)
        return
    print(f"bench/reprocess started {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, load average {load_average()}, "
          f"{os.cpu_count()} CPUs; {args.articles} pages, --jobs {args.jobs}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-reprocess-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db, sources = folder / "archive.db", folder / "sources.toml"
        db.unlink(missing_ok=True)
        start = time.perf_counter()
        outcomes = build(db, args.articles, sources)
        print(f"  built {args.articles} stored pages in {time.perf_counter() - start:.0f} s ({outcomes}), "
              f"{db.stat().st_size / 2**20:.0f} MiB", flush=True)
        print("  baseline: plain trafilatura, one process ...", flush=True)
        base = measure([sys.executable, "-m", "bench.reprocess.run", "--baseline", str(db)], folder, "baseline")
        figures = json.loads(str(base["stdout"]).strip().splitlines()[-1])
        print(f"  arsip reprocess --jobs {args.jobs} ...", flush=True)
        ours = measure([sys.executable, "-m", "arsip", "reprocess", "--db", f"sqlite:///{db}", "--sources",
                        str(sources), "--jobs", str(args.jobs)], folder, "reprocess")  # fmt: skip
    examined = _examined(str(ours["stdout"]))
    rows = (("plain trafilatura (1 process)", figures["pages"], base), (f"arsip reprocess --jobs {args.jobs}", examined, ours))
    print()
    print(f"{'run':<32} {'docs':>6} {'wall s':>7} {'docs/s':>7} {'CPU ms/doc':>10} {'main RSS':>8} {'tree RSS':>8} "
          f"{'tree PSS':>8} {'procs':>5}")
    rates = []
    for label, docs, m in rows:
        p = m["peaks"]
        rate = docs / m["seconds"]  # type: ignore[operator]
        rates.append(rate)
        print(f"{label:<32} {docs:>6} {m['seconds']:>7.1f} {rate:>7.1f} {m['cpu'] * 1000 / max(docs, 1):>10.1f} "  # type: ignore[operator]
              f"{p.main_rss / 1024:>8.0f} {p.tree_rss / 1024:>8.0f} {p.tree_pss / 1024:>8.0f} {p.processes:>5}")  # type: ignore[attr-defined]
    print(f"{'':<32} {'':>6} {'':>7} {'':>7} {'':>10} {'MiB':>8} {'MiB':>8} {'MiB':>8}")
    ratio = rates[1] / rates[0] if rates[0] else 0.0
    print()
    complete = examined == args.articles == figures["pages"]
    if not complete:
        print(f"VOID: reprocess examined {examined}, the baseline {figures['pages']}, of {args.articles} stored pages")
    changed = re.search(r"changed\s*\S\s*(\d+)", str(ours["stdout"]))
    print(f"arsip reprocess changed {changed.group(1) if changed else '?'} of {examined} articles")
    print(f"{'PASS' if ratio >= SPEEDUP_TARGET and complete else 'MISS'}  arsip reprocess >= {SPEEDUP_TARGET} x plain "
          f"trafilatura: {ratio:.2f} x")
    pss = ours["peaks"].tree_pss / 1024  # type: ignore[attr-defined]
    print(f"{'PASS' if pss <= RSS_TARGET_MIB else 'MISS'}  reprocess peak memory <= {RSS_TARGET_MIB:.0f} MB (tree PSS): "
          f"{pss:.0f} MiB")
    print(f"\nbench/reprocess ended {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, load average {load_average()} "
          "(the machine is shared: figures are noisy; CPU ms/doc is the steadier figure)")


if __name__ == "__main__":
    main()
