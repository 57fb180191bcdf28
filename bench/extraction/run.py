"""Extraction quality and cost: arsip against plain trafilatura on the same gold pages.

    python bench/extraction/run.py            # every page once (well under a minute)
    python bench/extraction/run.py --repeat 5 # cost measured over 5 runs per page
    python bench/extraction/run.py --show     # also list each leaked and lost line

Per page group (simulator portals with site rules; national and English pages without):
token precision / recall / F1 of arsip, of trafilatura with default settings and of
trafilatura with favor_precision=True; paragraphs leaked (a line of output that is no gold
paragraph) and lost (a gold paragraph missing from the output); arsip's title, date and
region accuracy; and cost per page as a ratio to plain trafilatura (default), timed in the
same run.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import trafilatura  # noqa: E402

from bench.extraction.corpus import GROUPS, GoldPage, pages  # noqa: E402
from crawler.sources import load_sources  # noqa: E402
from crawler.text import extract  # noqa: E402

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(unicodedata.normalize("NFC", text).casefold()))


def norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).replace("\xa0", " ").split())


@dataclass
class Score:
    overlap: int = 0
    predicted: int = 0
    gold: int = 0
    leaked: int = 0
    lost: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    def add(self, page: GoldPage, text: str, seconds: float) -> None:
        predicted, gold = tokens(text), tokens("\n".join(page.paragraphs))
        self.overlap += sum((predicted & gold).values())
        self.predicted += sum(predicted.values())
        self.gold += sum(gold.values())
        self.seconds += seconds
        lines = [norm(line) for line in text.splitlines() if line.strip()]
        wanted = {norm(p) for p in page.paragraphs}
        for line in lines:
            if line not in wanted:
                self.leaked += 1
                self.examples.append(f"  leaked {page.name}: {line[:100]}")
        for paragraph in wanted - set(lines):
            self.lost += 1
            self.examples.append(f"  lost   {page.name}: {paragraph[:100]}")

    @property
    def precision(self) -> float:
        return self.overlap / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.overlap / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def timed(fn, repeat: int):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    return result, (time.perf_counter() - start) / repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per page for the cost figures")
    parser.add_argument("--show", action="store_true", help="list every leaked and lost line")
    args = parser.parse_args()

    sources = load_sources()
    all_pages = pages()
    # Warm up lazy imports and per-language data (htmldate, dateparser's "id" and "en"
    # tables) on every page, so costs are a crawler's steady state, not first-call loading.
    for page in all_pages:
        extract(page.html, page.url, fetched_at=page.fetched_at)
        trafilatura.extract(page.html, url=page.url)

    header = f"{'group':<9} {'extractor':<24} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'leaked':>6} {'lost':>5} {'ms/page':>8} {'cost':>5}"
    print(header)
    print("-" * len(header))
    meta_lines = []
    for group in GROUPS:
        group_pages = [p for p in all_pages if p.group == group]
        if not group_pages:
            continue
        scores = {"arsip": Score(), "trafilatura default": Score(), "trafilatura precision": Score()}
        right = Counter()
        for page in group_pages:
            rules = sources[page.source].rules if page.source else None
            found, seconds = timed(lambda: extract(page.html, page.url, fallback_region=page.fallback_region,
                                                   fetched_at=page.fetched_at, rules=rules), args.repeat)
            scores["arsip"].add(page, found.text, seconds)
            text, seconds = timed(lambda: trafilatura.extract(page.html, url=page.url) or "", args.repeat)
            scores["trafilatura default"].add(page, text, seconds)
            text, seconds = timed(lambda: trafilatura.extract(page.html, url=page.url, favor_precision=True) or "",
                                  args.repeat)
            scores["trafilatura precision"].add(page, text, seconds)
            right["title"] += found.title == page.gold["title"]
            right["date"] += found.published == page.published
            right["region"] += found.region_code == page.gold["region_code"]
            right["regions"] += set(page.gold.get("regions", ())) <= set(found.regions)
            right["relevant"] += found.relevant is page.gold.get("relevant")
            if args.show:
                for what, ok in (("title", found.title == page.gold["title"]),
                                 ("relevant", found.relevant is page.gold.get("relevant")),
                                 ("date", found.published == page.published),
                                 ("region", found.region_code == page.gold["region_code"])):
                    if not ok:
                        scores["arsip"].examples.append(f"  wrong {what} {page.name}: {getattr(found, {'date': 'published', 'region': 'region_code', 'relevant': 'reason'}.get(what, what))}")
        base = scores["trafilatura default"].seconds or 1e-9
        for name, s in scores.items():
            print(f"{group:<9} {name:<24} {len(group_pages):>5} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
                  f"{s.leaked:>6} {s.lost:>5} {1000 * s.seconds / len(group_pages):>8.1f} {s.seconds / base:>5.2f}")
        n = len(group_pages)
        meta_lines.append(f"{group:<9} titles {right['title']}/{n} ({right['title'] / n:.0%})  "
                          f"dates {right['date']}/{n} ({right['date'] / n:.0%})  "
                          f"regions {right['region']}/{n} ({right['region'] / n:.0%})  "
                          f"other regions named {right['regions']}/{n}  relevance {right['relevant']}/{n}")
        if args.show and scores["arsip"].examples:
            print("\n".join(scores["arsip"].examples))
    print()
    print("arsip metadata accuracy")
    print("\n".join(meta_lines))
    print("\ncost = seconds per page / trafilatura default's, same run; leaked/lost count lines against gold paragraphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
