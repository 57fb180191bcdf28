"""Benchmark of near-duplicate detection on a synthetic archive growing to --max articles.

    python bench/dedup/run.py                  # 100,000 articles (a few minutes)
    python bench/dedup/run.py --max 10000      # quick look
    python bench/dedup/run.py --max 1000000 --every 100000   # the full size (hours; in the background)
    python bench/dedup/run.py --db postgresql+psycopg://arsip:arsip@127.0.0.1/arsip_bench

The archive is a real arsip archive (migrated; SQLite file by default) and each article goes
through the write path's dedup steps, one transaction each, as `add_article` does them:
fingerprint, lock, exact-hash check with LSH candidate lookup + verification (one query), insert of a
minimal article row, index write, commit. Figures printed at 10k, 100k and 1M articles:
- per-article dedup cost (fingerprint + lookup + index write; mean over the last WINDOW
  articles) as CPU time of this process (on SQLite all of the work; unlike wall time it does
  not count the time other processes on a busy machine take) and as wall time, and the
  whole transaction (with the article row and the commit) as wall time; the ratio to the
  first checkpoint, measured in the same run, shows whether the cost stays flat;
- process RSS (the index lives in the database: it must not grow with the archive);
- pair precision and recall of the clusters against the generator's truth.

The synthetic mix: 10% near copies of an earlier article (5-30% of the words edited: new
dateline/lead, paragraph cut, paragraph added, a sentence rewritten, words substituted;
figures kept), 5% releases from a template with different figures (each its own story),
the rest unrelated articles over a shared topical vocabulary.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from storage import dedup  # noqa: E402
from storage.db import open_archive, session  # noqa: E402
from storage.models import Article  # noqa: E402

ARTICLES = Article.__table__
SELF_CLUSTER = text("UPDATE articles SET cluster_id = id WHERE id = :id")
CHECKPOINTS = (10_000, 100_000, 1_000_000)
WINDOW = 2_000
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
TOPIC = (
    "BPJS Ketenagakerjaan Cabang {city} menyerahkan santunan kepada ahli waris peserta",
    "Kepala BPJS Ketenagakerjaan Cabang {city} mengatakan perlindungan pekerja rentan terus diperluas",
    "program Jaminan Hari Tua Jaminan Kecelakaan Kerja dan Jaminan Kematian",
    "pemerintah daerah menganggarkan iuran peserta melalui APBD",
)
CITIES = "Gresik Sidoarjo Malang Kediri Blitar Jember Banyuwangi Tuban Lamongan Bojonegoro Pasuruan Madiun".split()


def rss_mb() -> float:
    """Resident set size of this process now (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Generator:
    """Articles with known stories; memory bounded (recent articles kept in a ring for copying)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        syllables = [c + v for c in "bcdghjklmnprstwy" for v in "aiueo"] + ["ng", "an", "in", "ra", "ka"]
        words = {"".join(self.rng.choices(syllables, k=self.rng.randint(2, 4))) for _ in range(40_000)}
        self.vocab = sorted(words)
        weights = 1.0 / np.arange(1, len(self.vocab) + 1) ** 0.9  # Zipf-like, as in real text
        self.cumulative = np.cumsum(weights / weights.sum())
        self.np_rng = np.random.default_rng(seed)
        self.recent: deque[tuple[list[str], int]] = deque(maxlen=5_000)
        self.templates: deque[list[str]] = deque(maxlen=300)
        self.stories = 0

    def words(self, n: int) -> list[str]:
        picks = np.searchsorted(self.cumulative, self.np_rng.random(n))
        return [self.vocab[min(i, len(self.vocab) - 1)] for i in picks]

    def figure(self, kind: int | None = None) -> str:
        """A count, rupiah amount, percentage, month or date (`kind` 0-4; random if None)."""
        kind = self.rng.choices(range(5), weights=(30, 20, 20, 15, 15))[0] if kind is None else kind
        if kind == 0:
            return f"{self.rng.randint(1, 99)}.{self.rng.randint(0, 999):03d}"
        if kind == 1:
            return f"Rp{self.rng.randint(1, 999)},{self.rng.randint(1, 9)} miliar"
        if kind == 2:
            return f"{self.rng.randint(1, 99)},{self.rng.randint(1, 9)} persen"
        if kind == 3:
            return f"{MONTHS[self.rng.randrange(12)]} {self.rng.randint(2015, 2026)}"
        return f"{self.rng.randint(1, 28)}/{self.rng.randint(1, 12)}/{self.rng.randint(2015, 2026)}"

    def paragraph(self, figures: bool = True, slot: bool = False) -> str:
        """30-60 words; a topical phrase; figures after a word (or {kind} slots for templates:
        a template keeps each figure's kind, "... persen" stays a percentage)."""
        parts = self.words(self.rng.randint(30, 60))
        if self.rng.random() < 0.5:
            parts.insert(self.rng.randrange(len(parts)), self.rng.choice(TOPIC).format(city=self.rng.choice(CITIES)))
        if figures:
            for _ in range(self.rng.randint(1, 3)):
                kind = self.rng.randrange(5)
                parts.insert(self.rng.randrange(1, len(parts)), f"{{{kind}}}" if slot else self.figure())
        return " ".join(parts)

    def original(self) -> list[str]:
        return [self.paragraph() for _ in range(self.rng.randint(5, 10))]

    def from_template(self) -> list[str]:
        if not self.templates or self.rng.random() < 0.2:
            self.templates.append([self.paragraph(slot=True) for _ in range(self.rng.randint(5, 8))])
        skeleton = self.rng.choice(self.templates)
        return [re.sub(r"\{(\d)\}", lambda slot: self.figure(int(slot.group(1))), p) for p in skeleton]

    def copy(self, source: list[str]) -> list[str]:
        """A syndicated copy: own dateline, then edits until 5-30% of the words changed."""
        paragraphs = [p.split() for p in source]
        total = sum(len(p) for p in paragraphs)
        budget = int(total * self.rng.uniform(0.05, 0.30))
        paragraphs[0] = [self.rng.choice(CITIES).upper() + ",", *self.words(2), "–", *paragraphs[0]]
        while budget > 0:
            op = self.rng.random()
            if op < 0.3 and len(paragraphs) > 3 and budget >= 30:  # cut a paragraph
                cut = paragraphs.pop(self.rng.randrange(1, len(paragraphs)))
                budget -= len(cut)
            elif op < 0.55 and budget >= 30:  # add a paragraph
                added = self.paragraph(figures=False).split()
                paragraphs.insert(self.rng.randrange(1, len(paragraphs) + 1), added)
                budget -= len(added)
            elif op < 0.8:  # rewrite a sentence-sized span
                p = self.rng.choice(paragraphs)
                span = min(self.rng.randint(8, 20), budget, len(p) - 1)
                at = self.rng.randrange(0, len(p) - span)
                if any(any(c.isdigit() for c in w) for w in p[at : at + span]):
                    continue
                p[at : at + span] = self.words(span)
                budget -= span
            else:  # substitute a word
                p = self.rng.choice(paragraphs)
                at = self.rng.randrange(len(p))
                if not any(c.isdigit() for c in p[at]):
                    p[at] = self.words(1)[0]
                    budget -= 1
        return [" ".join(p) for p in paragraphs]

    def next(self) -> tuple[str, int]:
        """(text, story) of the next article."""
        roll = self.rng.random()
        if roll < 0.10 and self.recent:
            source, story = self.rng.choice(self.recent)
            paragraphs = self.copy(source)
        else:
            paragraphs = self.from_template() if roll < 0.15 else self.original()
            story = self.stories
            self.stories += 1
        self.recent.append((paragraphs, story))
        return "\n\n".join(paragraphs), story


@dataclass
class Timings:
    """The last WINDOW articles' costs: dedup CPU and wall time, whole transaction wall time."""

    cpu: deque[float] = field(default_factory=lambda: deque(maxlen=WINDOW))
    wall: deque[float] = field(default_factory=lambda: deque(maxlen=WINDOW))
    total: deque[float] = field(default_factory=lambda: deque(maxlen=WINDOW))

    @staticmethod
    def mean_ms(values: deque[float]) -> float:
        return 1000 * sum(values) / len(values)


def archive_one(db, article_id_hint: int, text_: str, story: int, now: datetime) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """One article through the write path's dedup steps.

    Returns (dedup CPU seconds, dedup wall seconds, whole transaction wall seconds). CPU time
    is this process's: on SQLite all the work, unaffected by other processes on the machine;
    on PostgreSQL the server's share only shows in wall time.
    """
    start, start_cpu = time.perf_counter(), time.process_time()
    fp = dedup.fingerprint(text_)
    dedup.lock(db, fp)
    digest = dedup.content_hash(text_)
    connection = db.connection()
    match = dedup.find_match(db, fp, digest=digest)  # the exact copy and the near ones: one round trip
    cluster = match.cluster_id if match else None
    looked_up, looked_up_cpu = time.perf_counter(), time.process_time()
    url = f"https://bench.example/{article_id_hint}"
    article_id = connection.execute(
        insert(ARTICLES).values(
            url=url, canonical_url=url, source="bench", text="", content_hash=digest, relevance_score=1.0,
            relevance_reason="bench", duplicate_of=cluster, cluster_id=cluster, fetched_at=now, regions="",
            author=str(story),  # the truth, for pair_scores
        ).returning(ARTICLES.c.id)
    ).scalar_one()
    if cluster is None:
        connection.execute(SELF_CLUSTER, {"id": article_id})
    inserted, inserted_cpu = time.perf_counter(), time.process_time()
    dedup.index(db, article_id, fp, fresh=True)
    indexed, indexed_cpu = time.perf_counter(), time.process_time()
    db.commit()
    end = time.perf_counter()
    cpu = (looked_up_cpu - start_cpu) + (indexed_cpu - inserted_cpu)
    return cpu, (looked_up - start) + (indexed - inserted), end - start


def pair_scores(db) -> tuple[float, float, int, int]:  # type: ignore[no-untyped-def]
    """Pair precision and recall of the clusters against the true stories, counted in the database.

    Returns (precision, recall, true pairs, pairs found). The story of each article is kept in
    its `author` column, so this process holds nothing per article (its RSS is the dedup's).
    """

    def pairs(*columns: str) -> int:
        grouped = f"SELECT count(*) AS n FROM articles GROUP BY {', '.join(columns)}"
        return int(db.execute(text(f"SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM ({grouped}) AS g")).scalar())

    true_pairs, found_pairs, both = pairs("author"), pairs("cluster_id"), pairs("author", "cluster_id")
    precision = both / found_pairs if found_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall, true_pairs, found_pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", type=int, default=100_000, help="articles to archive (default 100,000)")
    parser.add_argument("--db", help="SQLAlchemy URL of an EMPTY database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--every", type=int, default=0, help="also print figures every N articles")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="arsip-bench-dedup-")
    url = args.db or f"sqlite:///{folder}/bench.db"
    engine = open_archive(url)
    generator = Generator(args.seed)
    marks = {c for c in CHECKPOINTS if c <= args.max} | {args.max}
    if args.every:
        marks |= set(range(args.every, args.max + 1, args.every))
    now = datetime.now(UTC)
    timings = Timings()
    baseline: float | None = None
    print(f"archive: {url}  bands {dedup.BANDS}x{dedup.ROWS}, {dedup.NUM_PERM} permutations, "
          f"threshold {dedup.DEFAULTS.threshold}")
    print(f"{'articles':>9} {'dedup cpu ms':>12} {'x first':>7} {'dedup wall ms':>13} {'txn wall ms':>11} "
          f"{'RSS MB':>7} {'precision':>9} {'recall':>7}")
    started = time.perf_counter()
    with session(engine) as db:
        for n in range(args.max):
            text_, story = generator.next()
            cpu, wall, total = archive_one(db, n, text_, story, now)
            timings.cpu.append(cpu)
            timings.wall.append(wall)
            timings.total.append(total)
            if n + 1 in marks:
                cost = timings.mean_ms(timings.cpu)
                baseline = baseline or cost
                rss = rss_mb()
                count = n + 1
                precision, recall, true_pairs, found = pair_scores(db)
                print(f"{count:>9,} {cost:>12.3f} {cost / baseline:>7.2f} {timings.mean_ms(timings.wall):>13.3f} "
                      f"{timings.mean_ms(timings.total):>11.3f} {rss:>7.1f} "
                      f"{precision:>9.4f} {recall:>7.4f}   ({true_pairs:,} true pairs, {found:,} found, "
                      f"{time.perf_counter() - started:,.0f} s)", flush=True)
    engine.dispose()
    if not args.db:
        size = sum(f.stat().st_size for f in Path(folder).glob("bench.db*"))
        print(f"database size: {size / 2**20:,.0f} MB ({folder}; delete it when done)")


if __name__ == "__main__":
    main()
