"""What the `arsip` commands share: the consoles, error handling, the common options, the search filters."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from crawler.errors import CrawlerError
from scheduler.errors import SchedulerError
from storage.errors import QueryError, StorageError
from storage.filters import Filters
from storage.regions import find_province

console = Console()
err_console = Console(stderr=True)


class ArsipGroup(TyperGroup):
    """Turns the packages' own errors into one clear line instead of a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (CrawlerError, SchedulerError, StorageError) as exc:
            err_console.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from exc


DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="ARSIP_DB", help="SQLAlchemy URL of the archive [default: sqlite:///arsip.db]"),
]
SourcesOption = Annotated[
    Path | None,
    typer.Option(
        "--sources", envvar="ARSIP_SOURCES", help="A sources file (TOML) adding to or replacing the built-in sources."
    ),
]
RegionOption = Annotated[
    list[str] | None,
    typer.Option("--region", help="A kabupaten/kota code (35.25), name (Gresik, Kota Pasuruan) or province."),
]
ProvinceOption = Annotated[
    list[str] | None, typer.Option("--province", help="A province name or code (Jawa Timur, 35).")
]
SinceOption = Annotated[str | None, typer.Option("--since", help="From this date: 2024, 2024-10 or 2024-10-30.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to and including this date (same forms).")]
SourceFilter = Annotated[list[str] | None, typer.Option("--source", help="Only articles of this source.")]


def filters_from_options(
    query: str | None,
    region: list[str] | None,
    province: list[str] | None,
    since: str | None,
    until: str | None,
    source: list[str] | None,
    unique: bool,
) -> Filters:
    """The search filters of `arsip search`/`export` (and any command taking the same options)."""
    for name in province or ():
        if find_province(name) is None:
            raise QueryError(f"unknown province {name!r}: give a name such as 'Jawa Timur' or 'Jatim', or a code such as 35")
    return Filters(
        query=query or None,
        regions=tuple(region or ()) + tuple(province or ()),
        since=since,
        until=until,
        sources=tuple(source or ()),
        unique=unique,
    )
