"""`arsip demo`: the whole path on the bundled offline portals, with no internet."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from sqlalchemy.orm import Session

from arsip.progress import PROGRESS_EXTENSION
from arsip.simulator import sources_toml, start
from arsip.views import hits_table, print_crawl_summary
from scheduler.launch import run_crawl
from storage.db import open_archive
from storage.filters import Filters
from storage.search import MAX_LIMIT, find

# The simulator runs on this machine: no need to be slow for politeness' sake.
LOCAL_CRAWL = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "LOG_LEVEL": "CRITICAL",  # the summary lists what failed (one page answers HTTP 500 on purpose)
}
DEMO_REGION = "Gresik"
MARKER = ".arsip-demo"  # marks a folder whose archive the demo may replace


def holds_other_archive(folder: Path) -> bool:
    """Whether `folder` has an arsip.db that the demo did not make (and so must not delete)."""
    return (folder / "arsip.db").exists() and not (folder / MARKER).exists()


def run_demo(folder: Path, console: Console) -> None:
    """Crawl the offline portals into `folder/arsip.db` (made anew) and show what was found."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("This folder's archive was made by `arsip demo`, which replaces it.\n")
    db_file = folder / "arsip.db"
    for stale in (db_file, folder / "arsip.db-wal", folder / "arsip.db-shm"):
        stale.unlink(missing_ok=True)
    db_url = f"sqlite:///{db_file.resolve()}"
    simulator = start()
    try:
        sources_file = folder / "demo-sources.toml"
        sources_file.write_text(sources_toml(simulator.urls), "utf-8")
        console.print(f"Serving {len(simulator.urls)} offline portals: " + ", ".join(simulator.urls))
        result = run_crawl(db_url, sources_file, tuple(simulator.urls), LOCAL_CRAWL, PROGRESS_EXTENSION)
    finally:
        simulator.stop()
    print_crawl_summary(result, console, console)
    engine = open_archive(db_url, create=False)
    with Session(engine) as session:
        stories = find(session, Filters(), limit=MAX_LIMIT).hits
        in_region = find(session, Filters(regions=(DEMO_REGION,)), limit=MAX_LIMIT).hits
    articles = sum(len(story.copies) for story in stories)
    title = f"Archived: {len(stories)} stories in {articles} articles (a syndicated story lists every portal)"
    console.print(hits_table(title, stories, snippets=False))
    console.print(hits_table(f"Search by region: {DEMO_REGION} ({len(in_region)} stories)", in_region, snippets=False))
    console.print(
        f"\nThe archive is [bold]{db_file}[/]. Try next:\n"
        f'  arsip search "klaim JHT" --db {db_url}\n'
        f"  arsip search --region 'Kota Pasuruan' --since 2021 --db {db_url}\n"
        f"  arsip export --region 'Jawa Timur' --out bpjs.jsonl --db {db_url}\n"
        f"  arsip runs --db {db_url}\n"
        "  arsip crawl   (the real portals; needs internet)"
    )
