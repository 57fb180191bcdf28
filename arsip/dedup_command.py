"""`arsip dedup`: story clusters of the archive; `--rebuild` recomputes them from the texts."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from arsip.options import DbOption, console, err_console


def dedup(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute every story cluster and the near-duplicate index.")
    ] = False,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.05,
            max=1.0,
            help="Similarity (estimated Jaccard of word 3-shingles) a copy needs to join a story [default: 0.45].",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Show how many stories and copies the archive holds; --rebuild recomputes the clusters.

    Rebuild after changing the threshold or upgrading arsip, while no crawl writes to the archive.

    Example: arsip dedup --rebuild --db sqlite:///arsip.db
    """
    from storage.db import database_url, open_archive, session
    from storage.dedup import DEFAULTS, DedupOptions, cluster_counts, rebuild as run_rebuild

    if threshold is not None and not rebuild:
        raise typer.BadParameter("--threshold only applies with --rebuild", param_hint="--threshold")
    options = DedupOptions(threshold=threshold) if threshold is not None else DEFAULTS
    engine = open_archive(database_url(db), create=False)
    try:
        with session(engine) as db_session:
            if not rebuild:
                counts = cluster_counts(db_session)
                console.print(
                    f"{counts.articles} articles: {counts.clusters} stories, {counts.copies} copies. "
                    "Run `arsip dedup --rebuild` to recompute the clusters."
                )
                return
            columns = (TextColumn("Clustering"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, console=err_console, transient=True) as progress:
                task = progress.add_task("dedup", total=None)
                summary = run_rebuild(
                    db_session,
                    options=options,
                    progress=lambda done, total: progress.update(task, completed=done, total=total),
                )
    finally:
        engine.dispose()
    table = Table(title=f"Story clusters (threshold {options.threshold:g})")
    table.add_column("")
    table.add_column("before", justify="right")
    table.add_column("after", justify="right")
    table.add_row("articles", str(summary.before.articles), str(summary.after.articles))
    table.add_row("stories", str(summary.before.clusters), str(summary.after.clusters))
    table.add_row("copies", str(summary.before.copies), str(summary.after.copies))
    console.print(table)
