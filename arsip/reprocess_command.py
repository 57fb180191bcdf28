"""`arsip reprocess`: re-extract stored raw pages with the current extractor, no network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from arsip.options import (
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

if TYPE_CHECKING:
    from crawler.reprocess import ReprocessReport


def reprocess(
    query: Annotated[str | None, typer.Argument(help="Only articles with these words in title or text.")] = None,
    region: RegionOption = None,
    province: ProvinceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceFilter = None,
    sources: SourcesOption = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, max=64, help="Extract in this many processes.")] = 1,
    db: DbOption = None,
) -> None:
    """Re-extract archived articles from their stored pages (no network); update only what changed.

    Takes the filters of `arsip search`; articles now below the relevance threshold are kept and listed.

    Example: arsip reprocess --source realita --since 2024
    """
    from crawler import settings
    from crawler.reprocess import reprocess as run_reprocess
    from crawler.sources import load_sources
    from storage.db import database_url, open_archive, session
    from storage.dedup import DedupOptions
    from storage.reprocess import count_pages

    filters = filters_from_options(query, region, province, since, until, source, unique=False)
    known = load_sources(sources)
    engine = open_archive(database_url(db), create=False)
    try:
        with session(engine) as db_session:
            total = count_pages(db_session, filters)
            columns = (
                TextColumn("Re-extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()
            )  # fmt: skip
            with Progress(*columns, console=err_console, transient=True) as progress:
                task = progress.add_task("reprocess", total=total)
                report = run_reprocess(
                    db_session,
                    filters,
                    known,
                    relevance_threshold=settings.ARSIP_RELEVANCE_THRESHOLD,
                    dedup=DedupOptions(threshold=settings.ARSIP_DEDUP_THRESHOLD),
                    jobs=jobs,
                    progress=lambda done: progress.advance(task, done),
                )
    finally:
        engine.dispose()
    _print_report(report, settings.ARSIP_RELEVANCE_THRESHOLD)


def _print_report(report: ReprocessReport, threshold: float) -> None:
    table = Table(title="Re-extraction", show_header=False)
    table.add_row("examined", str(report.examined))
    table.add_row("changed", f"[green]{report.changed}[/]" if report.changed else "0")
    table.add_row("unchanged", str(report.unchanged))
    table.add_row(f"now below relevance {threshold:g} (kept)", str(report.below_threshold))
    table.add_row("failed to decode or no text (kept)", f"[red]{report.failed}[/]" if report.failed else "0")
    if report.without_source:
        table.add_row("source no longer defined (no rules)", str(report.without_source))
    console.print(table)
    if report.field_changes:
        changed = ", ".join(f"{name} {count}" for name, count in sorted(report.field_changes.items()))
        console.print(f"Columns changed: {changed}")
    if report.missing_sources:
        names = ", ".join(sorted(report.missing_sources))
        err_console.print(
            f"[yellow]note:[/] source(s) {escape(names)} are not in the sources file: their articles were "
            "re-extracted without site rules or fallback region (pass --sources FILE to define them)",
            highlight=False,
            soft_wrap=True,
        )
    for kind, found, total in (
        ("below threshold", report.below, report.below_threshold),
        ("failed", report.failures, report.failed),
    ):
        for finding in found:
            err_console.print(
                f"[yellow]{kind}:[/] #{finding.article_id} {escape(finding.url)}: {escape(finding.detail)}",
                highlight=False,
                soft_wrap=True,
            )
        if total > len(found):
            err_console.print(f"[yellow]{kind}:[/] … and {total - len(found)} more", highlight=False)
