"""Re-extraction: does memory stay flat as the archive grows, and what does it cost over `extract` alone?

Builds SQLite archives of N and 4N articles (the saved pages of tests/pages, each under its
own URL, with a stale text so every row changes), then runs `crawler.reprocess.reprocess`
over each in a fresh process and prints, side by side:

- peak memory growth during the run (peak RSS minus RSS before it): the 4N / N ratio should
  stay near 1 (batches, not the archive, are held in memory);
- time per page, against plain `extract` over the same pages in the same process
  (the overhead of reading, comparing and writing).

    python -m bench.reprocess.run            # N = 250 (about 20 s; warm-up caches dominate the memory figure)
    python -m bench.reprocess.run --n 1000   # the full size (about 80 s)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "pages"


def _pages() -> list[tuple[str, str, bytes]]:
    urls = dict(line.split("\t") for line in (PAGES / "urls.tsv").read_text("utf-8").splitlines() if line.strip())
    return [(key.split("/")[0], url.strip(), (PAGES / f"{key}.html").read_bytes()) for key, url in sorted(urls.items())]


def build(path: Path, n: int) -> None:
    from storage.archive import NewArticle, add_article
    from storage.db import open_archive, session

    pages = _pages()
    engine = open_archive(f"sqlite:///{path}")
    with session(engine) as db:
        for i in range(n):
            source, url, html = pages[i % len(pages)]
            text = f"Teks lama nomor {i} yang akan diganti. BPJS Ketenagakerjaan."
            add_article(db, NewArticle(
                url=f"{url}?copy={i}", canonical_url=f"{url}?copy={i}", source=source, title=None,
                published=None, author=None, region_code=None, regions=(), text=text, relevance_score=1.0,
                relevance_reason="bench", html=html, content_type="text/html", encoding="utf-8",
                http_status=200, fetched_at=datetime(2025, 6, 1, tzinfo=UTC),
            ))  # fmt: skip
    engine.dispose()


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def child(path: str) -> None:
    """Run in a fresh process: reprocess the archive, print JSON figures."""
    from crawler.reprocess import reprocess
    from crawler.sources import load_sources
    from crawler.text import extract
    from storage.db import open_archive, session
    from storage.filters import Filters

    sources = load_sources(None)
    pages = _pages()
    start = time.perf_counter()
    for _, url, html in pages * 3:  # warm up the extractor's caches, and the baseline
        extract(html, url)
    extract_per_page = (time.perf_counter() - start) / (len(pages) * 3)
    engine = open_archive(f"sqlite:///{path}", create=False)
    before = _rss_kib()
    start = time.perf_counter()
    with session(engine) as db:
        report = reprocess(db, Filters(), sources)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({
        "examined": report.examined, "changed": report.changed, "seconds": elapsed,
        "per_page": elapsed / max(report.examined, 1), "extract_per_page": extract_per_page,
        "growth_kib": max(peak - before, 0),
    }))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=250, help="articles in the small archive (the large one has 4×)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in (args.n, 4 * args.n):
            path = Path(folder) / f"bench-{n}.db"
            build(path, n)
            out = subprocess.run(
                [sys.executable, "-m", "bench.reprocess.run", "--child", str(path)],
                cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            results[n] = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"{'articles':>9} {'changed':>8} {'seconds':>8} {'ms/page':>8} {'extract ms/page':>16} "
        f"{'overhead':>9} {'mem growth MiB':>15}"
    )
    for n, r in results.items():
        print(
            f"{n:>9} {r['changed']:>8} {r['seconds']:>8.1f} {r['per_page'] * 1000:>8.1f} "
            f"{r['extract_per_page'] * 1000:>16.1f} {r['per_page'] / r['extract_per_page']:>8.2f}× "
            f"{r['growth_kib'] / 1024:>15.1f}"
        )
    small, large = results[args.n], results[4 * args.n]
    ratio = large["growth_kib"] / max(small["growth_kib"], 1)
    print(f"memory growth, {4 * args.n} vs {args.n} articles: {ratio:.2f}× (flat is about 1×; linear would be 4×)")


if __name__ == "__main__":
    main()
