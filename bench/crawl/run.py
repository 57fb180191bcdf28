"""Crawl speed and memory: Scrapy alone, the naive crawl, and arsip's pipeline, on one generated portal.

For each size, a bulk portal (arsip.simulator.bulk, its own process) is crawled three times,
each crawl in its own process, through the portal's sitemap index:

  (a) Scrapy fetching only        bench/crawl/spider.py --mode fetch
  (b) the naive crawl             the same spider calling trafilatura.extract in the callback
  (c) arsip's full pipeline       `python -m arsip crawl` into a fresh SQLite archive

with the same settings (no delay, AutoThrottle off, high concurrency, robots.txt obeyed).
It prints pages/s, the ratios b/a and c/b, and peak memory of each crawl: the main process's
peak RSS, and the peak over the whole process tree (extraction workers included) of the sum
of RSS and of the sum of PSS (RSS counts pages shared between forked workers once per
worker; PSS splits them). The memory targets are read against the tree's PSS.
(c) must archive every relevant article the portal holds, or its figures are void.

    python -m bench.crawl.run                          # 300 articles, about 1 minute
    python -m bench.crawl.run --sizes 5000,50000       # the issue's sizes (tens of minutes)

See bench/crawl/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "bulk"
RSS_TARGET_MIB = 400.0
SPEEDUP_TARGET = 1.6  # (c) pages/s over (b)'s
FLAT_TOLERANCE = 1.15  # "the same at 50,000 as at 5,000": the largest size's peak within 15% of the smallest's


# -- memory of a process tree, from /proc --------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree(root: int) -> list[int]:
    """`root` and all its descendants that are alive now."""
    children = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _kib(path: str, key: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


@dataclass
class Peaks:
    main_rss: int = 0  # KiB
    main_hwm: int = 0  # KiB, the kernel's own high-water mark of the main process
    tree_rss: int = 0
    tree_pss: int = 0
    processes: int = 0


class Sampler(threading.Thread):
    """Samples the process tree every `interval` seconds until stopped; keeps the peaks."""

    def __init__(self, root: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peaks = Peaks()
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(self.interval)

    def sample(self) -> None:
        pids = tree(self.root)
        rss = {pid: _kib(f"/proc/{pid}/status", "VmRSS:") for pid in pids}
        pss = sum(_kib(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in pids)
        p = self.peaks
        p.main_rss = max(p.main_rss, rss.get(self.root, 0))
        p.main_hwm = max(p.main_hwm, _kib(f"/proc/{self.root}/status", "VmHWM:"))
        p.tree_rss = max(p.tree_rss, sum(rss.values()))
        p.tree_pss = max(p.tree_pss, pss)
        p.processes = max(p.processes, sum(1 for v in rss.values() if v))


# -- running one crawl ---------------------------------------------------------------------------------


@dataclass
class Result:
    label: str
    size: int
    seconds: float
    cpu_seconds: float  # user + system of the process and the children it waited for
    pages: int  # distinct article pages the portal served
    window: float  # seconds from the first to the last article page served
    peaks: Peaks
    returncode: int
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def _portal(base: str, what: str, method: str = "GET") -> dict[str, object]:
    request = urllib.request.Request(base + "__bulk/" + what, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def measure(label: str, size: int, command: list[str], base: str, folder: Path) -> Result:
    """Run `command` to its end, sampling its memory; what the portal served tells the pages."""
    _portal(base, "reset", "POST")
    out = (folder / f"{size}-{label[1]}.out").open("w")
    err = (folder / f"{size}-{label[1]}.err").open("w")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    sampler = Sampler(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.halt.set()
    sampler.join()
    out.close()
    err.close()
    stats = _portal(base, "stats")
    window = (stats["last"] - stats["first"]) if stats["first"] else 0.0  # type: ignore[operator]
    result = Result(label, size, seconds, usage.ru_utime + usage.ru_stime, int(stats["distinct_articles"]),  # type: ignore[call-overload]
                    window, sampler.peaks, process.returncode)  # fmt: skip
    if process.returncode != 0:
        tail = (folder / f"{size}-{label[1]}.err").read_text(errors="replace").strip().splitlines()[-5:]
        result.notes.append(f"exit status {process.returncode}: " + " | ".join(tail))
    if result.pages != size:
        result.notes.append(f"fetched {result.pages} of {size} articles")
    return result


def verify_archive(db: Path, expected: dict[str, int]) -> list[str]:
    """What (c) archived against what the portal holds; an empty list when nothing is lost."""
    from sqlalchemy import func, select

    from storage.db import open_archive, session
    from storage.models import Article, SkippedPage

    engine = open_archive(f"sqlite:///{db}", create=False)
    try:
        with session(engine) as s:
            archived = s.scalar(select(func.count()).select_from(Article).where(Article.source == SOURCE)) or 0
            copies = s.scalar(select(func.count()).select_from(Article).where(
                Article.source == SOURCE, Article.duplicate_of.is_not(None))) or 0  # fmt: skip
            skipped = s.scalar(select(func.count()).select_from(SkippedPage).where(
                SkippedPage.source == SOURCE, SkippedPage.outcome == "not_relevant")) or 0  # fmt: skip
    finally:
        engine.dispose()
    problems = []
    if archived != expected["relevant"]:
        problems.append(f"archived {archived} articles, the portal holds {expected['relevant']} relevant ones")
    if skipped != expected["not_relevant"]:
        problems.append(f"recorded {skipped} not-relevant pages, the portal holds {expected['not_relevant']}")
    print(f"    (c) archive check: {archived} archived ({copies} as copies of a story; portal: "
          f"{expected['relevant']} relevant, {expected['syndicated']} syndicated), {skipped} not relevant "
          f"(portal: {expected['not_relevant']}): {'OK' if not problems else 'LOST ARTICLES'}", flush=True)
    return problems


def run_size(size: int, concurrency: int, seed: int, folder: Path, only: str = "abc") -> list[Result]:
    """(a), (b), (c) against one bulk portal of `size` articles."""
    portal = subprocess.Popen(
        [sys.executable, "-m", "arsip.simulator.bulk", "--articles", str(size), "--seed", str(seed)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert portal.stdout is not None
        line = portal.stdout.readline()
        if not line:
            raise SystemExit(f"bench/crawl: the bulk portal of {size} articles did not start (status {portal.wait()})")
        info = json.loads(line)
        base, sitemap = info["bulk"], info["sitemap"]
        settings = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", f"CONCURRENT_REQUESTS={concurrency}",
                    f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}", "ROBOTSTXT_OBEY=True"]  # fmt: skip
        flags = [arg for s in settings for arg in ("-s", s)]
        sources = folder / f"sources-{size}.toml"
        from arsip.simulator.bulk import sources_toml

        sources.write_text(sources_toml(base, SOURCE), encoding="utf-8")
        db = folder / f"archive-{size}.db"
        spider = [sys.executable, "-m", "bench.crawl.spider", sitemap]
        runs = [
            ("(a) scrapy fetch only", [*spider, "--mode", "fetch", *flags]),
            ("(b) naive: trafilatura in callback", [*spider, "--mode", "naive", *flags]),
            ("(c) arsip crawl", [sys.executable, "-m", "arsip", "crawl", "--db", f"sqlite:///{db}",
                                 "--sources", str(sources), "--source", SOURCE, *flags]),
        ]  # fmt: skip
        results = []
        for label, command in runs:
            if label[1] not in only:
                continue
            print(f"  {size} articles: {label} ...", flush=True)
            result = measure(label, size, command, base, folder)
            print(f"    {result.pages} pages in {result.seconds:.1f} s = {result.rate:.1f} pages/s", flush=True)
            if label.startswith("(c)") and result.returncode == 0:
                result.notes += verify_archive(db, info)
            results.append(result)
        return results
    finally:
        portal.terminate()
        portal.wait(timeout=10)


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f}"


def report(results: list[Result]) -> None:
    print()
    header = (f"{'size':>6} {'crawl':<36} {'pages':>6} {'wall s':>7} {'pages/s':>8} {'CPU ms/page':>11} "
              f"{'fetch-window p/s':>16} {'main RSS':>8} {'main HWM':>8} {'tree RSS':>8} {'tree PSS':>8} {'procs':>5}")
    print(header)
    print(f"{'':>6} {'':<36} {'':>6} {'':>7} {'':>8} {'':>11} {'':>16} {'MiB':>8} {'MiB':>8} {'MiB':>8} {'MiB':>8}")
    for r in results:
        window_rate = r.pages / r.window if r.window else 0.0
        p = r.peaks
        print(f"{r.size:>6} {r.label:<36} {r.pages:>6} {r.seconds:>7.1f} {r.rate:>8.1f} "
              f"{r.cpu_seconds * 1000 / max(r.pages, 1):>11.1f} {window_rate:>16.1f} {_mib(p.main_rss):>8} "
              f"{_mib(p.main_hwm):>8} {_mib(p.tree_rss):>8} {_mib(p.tree_pss):>8} {p.processes:>5}")
        for note in r.notes:
            print(f"{'':>6} !! {note}")
    print()
    sizes = sorted({r.size for r in results})
    by = {(r.size, r.label[:3]): r for r in results}
    verdicts = []
    for size in sizes:
        a, b, c = by.get((size, "(a)")), by.get((size, "(b)")), by.get((size, "(c)"))
        void = any(r is not None and r.notes for r in (a, b, c))
        if a and b:
            print(f"{size:>6} articles: b/a = {b.rate / a.rate if a.rate else 0.0:.2f}")
        if b and c:
            cb = c.rate / b.rate if b.rate else 0.0
            print(f"{size:>6} articles: c/b = {cb:.2f}   (CPU per page: c/b = "
                  f"{c.cpu_seconds / max(b.cpu_seconds, 1e-9):.2f})" + ("   VOID: see the notes above" if void else ""))
            verdicts.append((f"(c) >= {SPEEDUP_TARGET} x (b) pages/s at {size}", cb >= SPEEDUP_TARGET and not void,
                             f"{cb:.2f} x"))
        if c is None:
            continue
        verdicts.append((f"(c) peak memory <= {RSS_TARGET_MIB:.0f} MB at {size} (tree PSS)",
                         c.peaks.tree_pss / 1024 <= RSS_TARGET_MIB and not void,
                         f"tree PSS {_mib(c.peaks.tree_pss)} MiB, tree RSS {_mib(c.peaks.tree_rss)} MiB, "
                         f"main RSS {_mib(c.peaks.main_rss)} MiB"))
    measured = [size for size in sizes if (size, "(c)") in by]
    if len(measured) > 1:
        small, large = by[(measured[0], "(c)")], by[(measured[-1], "(c)")]
        growth = large.peaks.tree_pss / max(small.peaks.tree_pss, 1)
        verdicts.append((f"(c) peak memory the same at {measured[-1]} as at {measured[0]} (tree PSS, within "
                         f"{(FLAT_TOLERANCE - 1) * 100:.0f}%)", growth <= FLAT_TOLERANCE and not (small.notes or large.notes),
                         f"{growth:.2f} x (main RSS {large.peaks.main_rss / max(small.peaks.main_rss, 1):.2f} x)"))
    else:
        print("(flat memory across sizes needs (c) at two sizes: --sizes 5000,50000)")
    print()
    for name, ok, detail in verdicts:
        print(f"{'PASS' if ok else 'MISS'}  {name}: {detail}")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` shows them."""
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300", help="article counts, comma-separated (default 300; the issue's: 5000,50000)")
    parser.add_argument("--concurrency", type=int, default=32, help="CONCURRENT_REQUESTS(_PER_DOMAIN) of every crawl")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated portal")
    parser.add_argument("--only", default="abc", help="run only these crawls, e.g. 'c' or 'bc' (default: abc)")
    parser.add_argument("--keep", help="keep the archives, logs and sources files in this folder")
    args = parser.parse_args()
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes: expected numbers separated by commas, got {args.sizes!r}")
    if not args.only or set(args.only) - set("abc"):
        parser.error(f"--only: letters among a, b, c, got {args.only!r}")
    print(f"bench/crawl started {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, load average {load_average()}, "
          f"{os.cpu_count()} CPUs; sizes {sizes}, concurrency {args.concurrency}", flush=True)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n, size in enumerate(sizes, 1):
            results += run_size(size, args.concurrency, args.seed, folder, args.only)
            if n < len(sizes):  # the figures so far, in case a long run is cut short
                print(f"\n--- figures so far ({time.strftime('%H:%M:%S')}, load average {load_average()}) ---")
                report(results)
                print("---\n", flush=True)
    report(results)
    print(f"\nbench/crawl ended {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, load average {load_average()} "
          "(the machine is shared: figures are noisy; CPU ms/page is the steadier figure)")


if __name__ == "__main__":
    main()
