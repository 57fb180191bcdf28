"""How the command shows articles in the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from scheduler.launch import CrawlResult
from storage.search import Hit, snippet_parts


def hits_table(title: str, hits: Sequence[Hit], *, snippets: bool = True) -> Table:
    """One line per result: date, region, the portals that carried the story, title and snippet (matches in bold)."""
    table = Table(title=title)
    for column in ("id", "published", "region", "sources", "title"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        row = hit.article
        published = row.to_dict()["published"]
        parts = snippet_parts(hit.snippet) if snippets else []
        snippet = "".join(f"[bold]{escape(t)}[/]" if marked else escape(t) for t, marked in parts)
        title = f"[bold]{escape(row.title or row.url)}[/]\n[dim]{snippet}[/]" if snippet else escape(row.title or "")
        table.add_row(
            str(row.id),
            str(published)[:10] if published else "",
            row.region or row.province or "",
            ", ".join(hit.sources),
            title,
        )
    return table


def print_crawl_summary(result: CrawlResult, console: Console, err_console: Console) -> None:
    """The counts of a crawl, then why each failed page or source failed."""
    console.print(f"Crawled {', '.join(result.sources)}.")
    table = Table(show_header=False)
    table.add_row("pages fetched", str(result.pages_fetched))
    table.add_row("articles new", f"[green]{result.articles_new}[/]")
    table.add_row("articles duplicate", str(result.articles_duplicate))
    table.add_row("not relevant", str(result.not_relevant))
    table.add_row("failed", f"[red]{result.failed}[/]" if result.failed else "0")
    console.print(table)
    for line in result.failures:
        err_console.print(f"[yellow]failed:[/] {escape(line)}", highlight=False, soft_wrap=True)
    if result.run_id is not None:
        console.print(f"Recorded as run {result.run_id} (see `arsip runs`).")
