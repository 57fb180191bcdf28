"""A bounded fuzz run of `arsip extract`: mutated real pages must never crash, hang or blow up.

    python bench/fuzz/run.py                    # ~60 s, seed 1
    python bench/fuzz/run.py --seconds 300 --seed 7
    python bench/fuzz/run.py --count 2000       # a fixed number of inputs instead of a time

Seeds are the pages arsip meets: tests/gold and tests/pages, and every response the portal
simulator renders (articles, listings, feeds, sitemaps). Each input is a seed mutated one to
three times: byte flips, truncation, splicing two pages, random tag insertion and deletion,
an encoding swap (with a wrong or a missing charset declaration), NUL bytes, huge repetition,
deep nesting, a bloated attribute. Each goes through `arsip extract`'s own steps in-process
(`extract`, then `metadata`, then both files written as UTF-8); a sample also goes through the
real command (`python -m arsip extract --in DIR --out DIR`) to check its exit status, its
files and that its error messages are clear.

A failure is an exception, a result whose reason says "extraction failed" (extract() turns a
bug into such a reason rather than stop a crawl), or an input over --timeout seconds; each is
saved under --save with its mutation history for reproduction (`python bench/fuzz/run.py
--replay FILE`). Figures: inputs tried, failures, slowest input and the median (ratio to the
unmutated seeds, timed in the same run), peak RSS (ratio to the RSS after the seeds).
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from arsip.extract_dir import metadata
from crawler.text import extract

console = Console(stderr=True)
URL = "https://portal.example/berita/pekerja-rentan-terima-santunan-jkm"


# --- seeds -----------------------------------------------------------------------


def seeds() -> list[tuple[str, bytes]]:
    """(name, bytes) of every real page and every simulator response."""
    from arsip.simulator.portals import SPECS, build

    found = [(p.relative_to(ROOT).as_posix(), p.read_bytes()) for p in sorted((ROOT / "tests").glob("*/*/*.html"))]
    for portal, spec in SPECS.items():
        for path, response in build(portal, f"https://{spec.domain}/").items():
            body = response.body if isinstance(response.body, bytes) else str(response.body).encode()
            found.append((f"simulator/{portal}{path}", body))
    return found


# --- mutators: each takes (rng, data, seeds) and returns new bytes and what it did ----

Mutator = Callable[[random.Random, bytes, list[tuple[str, bytes]]], tuple[bytes, str]]
TAGS = (b"div", b"p", b"span", b"a", b"h1", b"script", b"style", b"table", b"td", b"font", b"form", b"li", b"title", b"meta")
CHARSETS = ("utf-8", "windows-1252", "iso-8859-1", "utf-16", "shift_jis", "koi8-r", "x-bogus", "utf-7")


def flip_bytes(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    out = bytearray(data)
    n = rng.randint(1, 64)
    for _ in range(n if out else 0):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out), f"flip {n} bytes"


def truncate(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    at = rng.randint(0, len(data))
    return data[:at], f"truncate at {at}"


def splice(rng: random.Random, data: bytes, pool: list) -> tuple[bytes, str]:
    name, other = rng.choice(pool)
    a, b = rng.randint(0, len(data)), rng.randint(0, len(other))
    return data[:a] + other[b:], f"splice {name}[{b}:] at {a}"


def insert_tags(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    out = data
    n = rng.randint(1, 30)
    for _ in range(n):
        tag = rng.choice(TAGS)
        piece = rng.choice((b"<" + tag + b">", b"</" + tag + b">", b"<" + tag + b' class="entry-content date">', b"<!--", b"<![CDATA["))
        at = rng.randint(0, len(out))
        out = out[:at] + piece + out[at:]
    return out, f"insert {n} tags"


def delete_tags(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    spans = [m.span() for m in re.finditer(rb"<[^<>]{0,200}>", data)]
    if not spans:
        return data, "delete 0 tags"
    gone = set(rng.sample(range(len(spans)), k=min(len(spans), rng.randint(1, 40))))
    out, last = bytearray(), 0
    for index, (start, end) in enumerate(spans):
        if index in gone:
            out += data[last:start]
            last = end
    return bytes(out + data[last:]), f"delete {len(gone)} tags"


def swap_encoding(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(("windows-1252", "latin-1", "utf-16", "utf-16-be", "shift_jis", "gb18030", "koi8-r", "utf-8-sig"))
    declared = rng.choice(CHARSETS + (None,))
    text = re.sub(r"<meta[^>]*charset[^>]*>", "", text, flags=re.IGNORECASE)
    if declared:
        text = text.replace("<head>", f'<head><meta charset="{declared}">', 1)
    return text.encode(encoding, errors="replace"), f"encode {encoding}, declare {declared}"


def insert_nul(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    out = bytearray(data)
    n = rng.randint(1, 50)
    for _ in range(n):
        out.insert(rng.randint(0, len(out)), 0)
    return bytes(out), f"insert {n} NUL"


def repeat(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    if not data:
        return data, "repeat nothing"
    a = rng.randrange(len(data))
    piece = data[a : a + rng.randint(1, 2_000)]
    times = rng.randint(100, 4_000_000 // max(1, len(piece)))  # up to ~4 MB more
    at = rng.randint(0, len(data))
    return data[:at] + piece * times + data[at:], f"repeat {len(piece)} bytes x{times}"


def nest(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    depth = rng.choice((300, 1_000, 3_000, 20_000))
    tag = rng.choice(TAGS[:4] + (b"font",))
    at = data.find(b"<body")
    at = data.find(b">", at) + 1 if at >= 0 else rng.randint(0, len(data))
    return data[:at] + (b"<" + tag + b">") * depth + data[at:], f"nest {depth} <{tag.decode()}>"


def bloat_attribute(rng: random.Random, data: bytes, _: list) -> tuple[bytes, str]:
    size = rng.choice((10_000, 1_000_000, 5_000_000))
    at = data.find(b"<p")
    at = at + 2 if at >= 0 else 0
    return data[:at] + b' class="' + b"a" * size + b'"' + data[at:], f"attribute of {size} bytes"


MUTATORS: dict[str, Mutator] = {
    "flip": flip_bytes, "truncate": truncate, "splice": splice, "insert-tags": insert_tags,
    "delete-tags": delete_tags, "encoding": swap_encoding, "nul": insert_nul, "repeat": repeat,
    "nest": nest, "attribute": bloat_attribute,
}  # fmt: skip


def mutate(rng: random.Random, pool: list[tuple[str, bytes]], max_bytes: int) -> tuple[bytes, list[str]]:
    name, data = rng.choice(pool)
    history = [f"seed {name}"]
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(list(MUTATORS))
        data, what = MUTATORS[kind](rng, data, pool)
        data = data[:max_bytes]
        history.append(f"{kind}: {what}")
    return data, history


# --- running one input the way `arsip extract` does ------------------------------------


class Hang(BaseException):
    """Raised by the timer; a BaseException, so that extract()'s own `except Exception` lets it through."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def extract_like_cli(data: bytes, out: Path) -> str:
    """arsip/extract_dir.py's per-page steps; returns the failure, or "" when none."""
    result = extract(data, URL)
    (out / "page.txt").write_text(result.text + "\n" if result.text else "", "utf-8")
    (out / "page.json").write_text(json.dumps(metadata(result), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return result.reason if result.reason.startswith("extraction failed") else ""


@dataclass
class Figures:
    tried: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (saved file, what)
    times: list[float] = field(default_factory=list)
    slowest: tuple[float, int, list[str]] = (0.0, 0, [])  # seconds, bytes, history
    by_mutator: Counter[str] = field(default_factory=Counter)
    cli: Counter[str] = field(default_factory=Counter)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def save(folder: Path, index: int, data: bytes, history: list[str], what: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"input-{index:06d}.html"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text("\n".join([what, *history]) + "\n", "utf-8")
    return str(path)


def run_one(data: bytes, out: Path, timeout: float) -> tuple[float, str]:
    """CPU seconds the input took, and its failure ("" when none).

    CPU time, not wall time: on a shared machine a busy neighbour must not make a hang.
    """
    signal.setitimer(signal.ITIMER_VIRTUAL, timeout)
    started = time.process_time()
    try:
        failure = extract_like_cli(data, out)
    except Hang:
        failure = f"hang: over {timeout:.0f} s"
    except Exception as exc:  # noqa: BLE001  the point of the run: any exception is a finding
        failure = f"{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    return time.process_time() - started, failure


# --- the real command -------------------------------------------------------------------


def run_cli(folder: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "arsip", "extract", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def cli_page(data: bytes, work: Path) -> str:
    """One mutated page through `python -m arsip extract`; "" when it exits 0 with both files."""
    pages, clean = work / "in", work / "out"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "page.html").write_bytes(data)
    done = run_cli(work, ["--in", str(pages), "--out", str(clean)])
    if done.returncode != 0 or "Traceback" in done.stderr:
        return f"exit {done.returncode}: {done.stderr.strip()[-500:]}"
    try:
        json.loads((clean / "page.json").read_text("utf-8"))
        (clean / "page.txt").read_text("utf-8")
    except (OSError, ValueError) as exc:
        return f"output unreadable: {exc}"
    return ""


def cli_errors(work: Path) -> list[str]:
    """Bad invocations: each must exit non-zero with a message naming the fault, never a traceback."""
    problems = []
    empty, bad_tsv, good, not_dir = work / "empty", work / "bad-tsv", work / "good", work / "a-file"
    empty.mkdir(parents=True)
    bad_tsv.mkdir(parents=True)
    good.mkdir(parents=True)
    (good / "page.html").write_bytes(b"<html><body><p>x</p></body></html>")
    (bad_tsv / "page.html").write_bytes(b"<html><body><p>x</p></body></html>")
    (bad_tsv / "urls.tsv").write_bytes(b"page\t\xff\xfehttps://x\n")
    not_dir.write_text("x")
    cases = [
        (["--in", str(empty), "--out", str(work / "o1")], "no *.html"),
        (["--in", str(work / "missing"), "--out", str(work / "o2")], "no such folder"),
        (["--in", str(bad_tsv), "--out", str(work / "o3")], "not UTF-8"),
        (["--in", str(good), "--out", str(not_dir)], "not a folder"),
    ]
    for args, wanted in cases:
        done = run_cli(work, args)
        if done.returncode == 0 or "Traceback" in done.stderr or wanted not in " ".join(done.stderr.split()):
            problems.append(f"{args}: exit {done.returncode}, expected {wanted!r} in: {done.stderr.strip()[-300:]}")
    return problems


# --- main -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--count", type=int, help="stop after this many inputs instead")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30, help="CPU seconds one input may take before it counts as a hang")
    parser.add_argument("--max-bytes", type=int, default=8_000_000, help="inputs are cut to this size")
    parser.add_argument("--cli-every", type=int, default=100, help="every Nth input also runs through the real command")
    parser.add_argument("--save", type=Path, default=Path("fuzz-findings"), help="where failing inputs are saved")
    parser.add_argument("--replay", type=Path, help="run one saved input and show the result")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGVTALRM, _alarm)

    with tempfile.TemporaryDirectory(prefix="arsip-fuzz-") as tmp:
        out = Path(tmp)
        if args.replay:
            seconds, failure = run_one(args.replay.read_bytes(), out, args.timeout)
            print(f"{args.replay}: {seconds:.2f} s, {failure or 'no failure'}")
            return 1 if failure else 0
        pool = seeds()
        baseline = [run_one(data, out, args.timeout)[0] for _, data in pool]  # also warms the imports
        baseline_rss = peak_rss_mb()
        rng = random.Random(args.seed)
        figures = Figures()
        budget = args.count or 0
        deadline = time.monotonic() + args.seconds
        columns = (TextColumn("fuzzing"), BarColumn(), TextColumn("{task.completed} inputs"), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("fuzz", total=budget or None)
            while (figures.tried < budget) if budget else (time.monotonic() < deadline):
                data, history = mutate(rng, pool, args.max_bytes)
                seconds, failure = run_one(data, out, args.timeout)
                figures.tried += 1
                figures.times.append(seconds)
                figures.by_mutator.update(h.split(":")[0] for h in history[1:])
                if seconds > figures.slowest[0]:
                    figures.slowest = (seconds, len(data), history)
                if failure:
                    figures.failures.append((save(args.save, figures.tried, data, history, failure), failure))
                    console.print(f"[red]failure[/] {failure} ({' / '.join(history)})")
                if args.cli_every and figures.tried % args.cli_every == 0:
                    cli_failure = cli_page(data, out / f"cli-{figures.tried}")
                    figures.cli["failed" if cli_failure else "ok"] += 1
                    if cli_failure:
                        where = save(args.save, figures.tried, data, history, "cli: " + cli_failure)
                        figures.failures.append((where, "cli: " + cli_failure))
                progress.update(task, advance=1)
        error_problems = cli_errors(out / "errors")

    median = statistics.median(figures.times) if figures.times else 0.0
    base = statistics.median(baseline)
    seconds, size, history = figures.slowest
    print(f"seed {args.seed}: {figures.tried} inputs from {len(pool)} seed pages in {sum(figures.times):.0f} s of extraction")
    print("mutations applied: " + ", ".join(f"{k} {v}" for k, v in sorted(figures.by_mutator.items())))
    print(f"failures (exceptions, 'extraction failed', hangs over {args.timeout:.0f} CPU s): {len(figures.failures)}")
    for where, what in figures.failures[:20]:
        print(f"  {where}: {what[:200]}")
    print(f"CPU time per input: median {median * 1000:.1f} ms ({median / base:.2f}x the unmutated seeds' {base * 1000:.1f} ms)")
    print(f"slowest input: {seconds:.2f} s ({seconds / base:.0f}x the seeds' median), {size:,} bytes: {' / '.join(history)}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB ({peak_rss_mb() / baseline_rss:.2f}x the {baseline_rss:.0f} MB after the seeds)")
    print(f"real command on every {args.cli_every}th input: {figures.cli['ok']} ok, {figures.cli['failed']} failed")
    print(f"real command's error messages: {4 - len(error_problems)}/4 clear" + "".join(f"\n  {p}" for p in error_problems))
    return 1 if figures.failures or error_problems else 0


if __name__ == "__main__":
    sys.exit(main())
