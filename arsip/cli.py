"""The `arsip` command: parses options, calls one library function, reports.

Errors raised on purpose by the packages (CrawlerError, SchedulerError, StorageError) are
caught once, in ArsipGroup (arsip/options.py), and shown as one line on stderr with exit
status 1; a traceback means a bug.
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from arsip.options import (
    ArsipGroup,
    DbOption,
    ProvinceOption,
    RegionOption,
    SinceOption,
    SourceFilter,
    SourcesOption,
    UntilOption,
    console,
    err_console,
    filters_from_options,
)
from arsip.views import print_crawl_summary

app = typer.Typer(
    cls=ArsipGroup,
    help="arsip: a clean, deduplicated, searchable archive of regional news about BPJS Ketenagakerjaan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
db_app = typer.Typer(cls=ArsipGroup, help="Manage the archive database.", no_args_is_help=True)
app.add_typer(db_app, name="db")

def main() -> None:
    app()


def _parse_overrides(pairs: list[str] | None) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="'-s'")
        if name.strip() in ("ARSIP_DB", "ARSIP_SOURCES"):
            raise typer.BadParameter(f"use --{name.strip()[6:].lower()} instead of -s {name.strip()}", param_hint="'-s'")
        overrides[name.strip()] = value
    return overrides


@app.command()
def crawl(
    sources: SourcesOption = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Crawl only this source (repeatable).")
    ] = None,
    db: DbOption = None,
    setting: Annotated[
        list[str] | None,
        typer.Option("-s", "--set", help="Set a Scrapy setting for this crawl, as `scrapy crawl -s`."),
    ] = None,
    redis: Annotated[
        str | None,
        typer.Option(
            "--redis", envvar="ARSIP_REDIS_URL",
            help="Share the crawl with the other crawlers of these sources through this Redis (redis://host:6379/0).",
        ),
    ] = None,
) -> None:
    """Crawl the sources once and archive what is new.

    With --redis, start it on several machines at once: they share one queue, each page is fetched once.
    Example: arsip crawl --source beritalima -s DOWNLOAD_DELAY=2
    """
    from arsip.progress import PROGRESS_EXTENSION
    from crawler.sources import load_sources, select_sources
    from scheduler.launch import run_crawl
    from scheduler.locks import holding_sources
    from storage.db import database_url, open_archive

    overrides = {"LOG_LEVEL": "ERROR", **_parse_overrides(setting)}
    url = database_url(db)
    names = tuple(s.name for s in select_sources(load_sources(sources), tuple(source or ())))
    # A shared crawl is coordinated by its frontier: the one-crawl-per-source lease would refuse the second crawler.
    with nullcontext() if redis else holding_sources(open_archive(url), names):
        result = run_crawl(url, sources, names, overrides, PROGRESS_EXTENSION, redis_url=redis)
    print_crawl_summary(result, console, err_console)
    if result.finish_reason not in ("finished", "closespider_timeout", "closespider_itemcount"):
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str | None, typer.Argument(help="Words to find in title and text.")] = None,
    region: RegionOption = None,
    province: ProvinceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceFilter = None,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="At most this many results.")] = 20,
    all_copies: Annotated[
        bool, typer.Option("--all-copies", help="Every archived copy instead of one row per story.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines with the export's fields.")] = False,
    db: DbOption = None,
) -> None:
    """Search the archive by words, region and date: one row per story, with the portals that carried it.

    Example: arsip search "klaim JHT" --region Gresik --since 2024
    """
    from arsip.views import hits_table
    from storage.db import database_url, open_archive
    from storage.search import find

    filters = filters_from_options(query, region, province, since, until, source, unique=False)
    engine = open_archive(database_url(db), create=False)
    with Session(engine) as session:
        hits = find(session, filters, limit=limit, all_copies=all_copies).hits
    if as_json:
        for hit in hits:
            sys.stdout.write(json.dumps(hit.article.to_dict(), ensure_ascii=False) + "\n")
        return
    noun = "article(s)" if all_copies else "story(ies)"
    console.print(hits_table(f"{len(hits)} {noun}", hits))


@app.command()
def export(
    query: Annotated[str | None, typer.Argument(help="Words to find in title and text.")] = None,
    region: RegionOption = None,
    province: ProvinceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceFilter = None,
    unique: Annotated[bool, typer.Option("--unique", help="One row per story.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Write here instead of standard output.")] = None,
    db: DbOption = None,
) -> None:
    """Export articles, one per line, streaming.

    Example: arsip export --region "Jawa Timur" --since 2024 --out bpjs.jsonl
    """
    from storage.db import database_url, open_archive
    from storage.export import iter_export, write_csv, write_jsonl

    if fmt not in ("jsonl", "csv"):
        raise typer.BadParameter(f"{fmt!r}: choose jsonl or csv", param_hint="'--format'")
    filters = filters_from_options(query, region, province, since, until, source, unique)
    engine = open_archive(database_url(db), create=False)
    write = write_jsonl if fmt == "jsonl" else write_csv
    with Session(engine) as session:
        if out is None:
            write(iter_export(session, filters), sys.stdout)
            return
        try:
            fh = out.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise typer.BadParameter(f"cannot write {out}: {exc.strerror}", param_hint="'--out'") from exc
        with fh:
            count = write(iter_export(session, filters), fh)
    err_console.print(f"Exported {count} article(s) to {out}")


@app.command()
def extract(
    input_dir: Annotated[Path, typer.Option("--in", help="Folder of *.html pages (and an optional urls.tsv).")],
    output_dir: Annotated[Path, typer.Option("--out", help="Folder for <stem>.txt and <stem>.json.")],
) -> None:
    """Extract clean text and metadata from saved pages; no network, no database.

    Example: arsip extract --in pages/ --out clean/
    """
    from arsip.extract_dir import extract_dir

    extract_dir(input_dir, output_dir, console=err_console)


@app.command()
def demo(
    folder: Annotated[Path, typer.Option("--dir", help="Where to put the demo archive.")] = Path("arsip-demo"),
) -> None:
    """Serve the bundled offline portals, crawl them into a fresh archive, and show it."""
    from arsip.demo import holds_other_archive, run_demo

    if folder.exists() and not folder.is_dir():
        raise typer.BadParameter(f"{folder} exists and is not a folder", param_hint="'--dir'")
    if holds_other_archive(folder):
        raise typer.BadParameter(
            f"{folder / 'arsip.db'} is an archive the demo did not make; choose another folder",
            param_hint="'--dir'",
        )
    run_demo(folder, console)


@app.command()
def runs(
    limit: Annotated[int, typer.Option(min=1, help="Show this many recent runs.")] = 20,
    source: Annotated[str | None, typer.Option("--source", help="Only runs of this source.")] = None,
    db: DbOption = None,
) -> None:
    """Show the crawl history: pages fetched; articles new, duplicate, not relevant (irrel), failed.

    Also what started it (by: manual, sched(uled), retry) and, below, why each failed run ended.
    Example: arsip runs --source beritalima --limit 50
    """
    from crawler.extensions import gone_crawl
    from storage.db import database_url, open_archive
    from storage.runs import recent_runs

    engine = open_archive(database_url(db), create=False)
    with Session(engine) as session:
        history = recent_runs(session, limit=limit, source=source)
    table = Table(title="Crawl runs", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("id", no_wrap=True)
    table.add_column("started (UTC)", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for column in ("pages", "new", "dup", "irrel", "fail"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("by", no_wrap=True)
    table.add_column("sources")
    for run in history:
        table.add_row(
            str(run.id),
            run.started_at.strftime("%Y-%m-%d %H:%M"),
            run.status,
            str(run.pages_fetched),
            str(run.articles_new),
            str(run.articles_duplicate),
            str(run.not_relevant),
            str(run.failed),
            {"scheduled": "sched"}.get(run.trigger, run.trigger),
            run.sources,
        )
    console.print(table)
    for run in history:
        if run.status == "failed" and run.exit_reason:
            took = f" after {(run.finished_at - run.started_at).total_seconds():.0f} s" if run.finished_at else ""
            console.print(f"run {run.id} failed{took}: {escape(run.exit_reason)}", highlight=False, soft_wrap=True)
        elif run.status == "running" and (gone := gone_crawl(run)):
            console.print(f"run {run.id} is not running: {gone}; the next crawl closes it as failed", highlight=False, soft_wrap=True)


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Bring an archive made by an older arsip up to date."""
    from storage.db import database_url, upgrade

    url = database_url(db)
    before = upgrade(url)
    console.print(f"Archive {url} is up to date (was at {before or 'no schema'}).")
    if before == "0001":  # 0002 added the near-duplicate index, empty for the articles already there
        console.print("Run `arsip dedup --rebuild` once, so that new copies are matched with the articles archived before.")


# Commands that live in their own modules (one module per command or command group).
from arsip.dedup_command import dedup  # noqa: E402
from arsip.reprocess_command import reprocess  # noqa: E402
from arsip.schedule_command import schedule_app, status  # noqa: E402
from arsip.serve_command import serve  # noqa: E402
from arsip.sources_command import sources_app  # noqa: E402

app.command()(reprocess)
app.command()(dedup)
app.command()(serve)
app.command()(status)
app.add_typer(sources_app, name="sources")
app.add_typer(schedule_app, name="schedule")
from arsip.worker_command import crawler  # noqa: E402

app.command()(crawler)
