"""`arsip sources list|test`: the known sources, and a trial crawl of one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from arsip.options import SourcesOption, console, err_console

if TYPE_CHECKING:
    from crawler.preview import PreviewPage, PreviewReport

sources_app = typer.Typer(help="The portals arsip knows: list them, or try one.", no_args_is_help=True)


@sources_app.command("list")
def list_sources(sources: SourcesOption = None) -> None:
    """Show the known sources: built-in and from --sources, with how each is discovered and scheduled.

    Example: arsip sources list --sources mine.toml
    """
    from crawler.sources import load_sources

    table = Table(title="Sources", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("name", no_wrap=True)
    table.add_column("url", no_wrap=True)
    table.add_column("feeds / sitemaps / listings", overflow="fold")
    table.add_column("region")
    table.add_column("schedule", no_wrap=True)
    for source in load_sources(sources).values():
        found = [*source.feeds, *source.sitemaps, *source.listings]
        discovery = "\n".join(found) if found else "[dim]discovered from the url[/]"
        region = f"{source.region} ({source.region_code})" if source.region else ""
        table.add_row(source.name, source.url, discovery, region, source.schedule or "[dim]none[/]")
    console.print(table)


@sources_app.command("test")
def test_source(
    name: Annotated[str, typer.Argument(help="The source's name, as in `arsip sources list`.")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="Fetch at most this many articles.")] = 5,
    sources: SourcesOption = None,
    setting: Annotated[
        list[str] | None,
        typer.Option("-s", "--set", help="Set a Scrapy setting for this trial, as `arsip crawl -s`."),
    ] = None,
) -> None:
    """Fetch a source's newest articles and show what arsip makes of them; archives nothing.

    Example: arsip sources test beritalima --limit 3
    """
    from arsip.cli import _parse_overrides
    from crawler.preview import preview_source

    overrides = _parse_overrides(setting)
    with err_console.status(f"Fetching up to {limit} article(s) of {name}…"):
        report = preview_source(name, sources, limit=limit, overrides=overrides)
    _print_report(report)
    if not any(page.extraction.text for page in report.pages):
        raise typer.Exit(1)


def _region(code: str | None) -> str:
    from storage.regions import get_region, provinces

    if not code:
        return "none"
    region = get_region(code)
    name = region.name if region else provinces().get(code, "unknown code")
    return f"{code} {name}"


def _print_page(number: int, page: PreviewPage) -> None:
    from crawler.preview import pruned
    from storage.filters import WIB

    result = page.extraction
    published = result.published.astimezone(WIB).strftime("%Y-%m-%d %H:%M WIB") if result.published else "none found"
    others = [code for code in result.regions if code != result.region_code]
    colour = "green" if result.relevant else "yellow"
    console.rule(f"article {number}", align="left")
    console.print(f"[bold]{escape(result.title or '(no title)')}[/]", highlight=False, soft_wrap=True)
    console.print(escape(page.url), highlight=False, soft_wrap=True)
    console.print(f"date: {published} · author: {escape(result.author or 'none')} · HTTP {page.http_status}")
    console.print(f"region: {_region(result.region_code)}" + (f" (also {', '.join(others)})" if others else ""))
    console.print(f"relevance: [{colour}]{result.relevance_score:.2f} {escape(result.reason)}[/]", soft_wrap=True)
    lines = [line for line in result.text.split("\n\n") if line.strip()]
    if not lines:
        console.print("[red]no text[/]")
    else:
        words = len(result.text.split())
        console.print(f"text: {len(lines)} paragraph(s), {words} words")
        console.print(f"  first: {escape(lines[0])}", soft_wrap=True, highlight=False)
        if len(lines) > 1:
            console.print(f"  last:  {escape(lines[-1])}", soft_wrap=True, highlight=False)
    removed = pruned(result)
    console.print(f"pruned: {len(removed)}" + ("" if removed else " (nothing)"))
    for line in removed:
        console.print(f"  - {escape(line)}", soft_wrap=True, highlight=False)


def _print_report(report: PreviewReport) -> None:
    source = report.source
    console.print(
        f"[bold]{source.name}[/] {escape(source.url)}: {report.pages_fetched} article page(s) fetched; "
        f"read {report.feeds_read} feed(s), {report.sitemaps_read} sitemap(s), {report.listings_read} listing page(s); "
        f"showing the newest {len(report.pages)}",
        highlight=False,
        soft_wrap=True,
    )
    for number, page in enumerate(report.pages, start=1):
        _print_page(number, page)
    real = [p for p in report.problems if not p.guessed]
    if report.problems:
        console.rule("problems", align="left")
    for problem in real:
        console.print(
            f"[red]{problem.stage}:[/] {escape(problem.url)}: {escape(problem.reason)}", highlight=False, soft_wrap=True
        )
    for problem in report.problems:
        if problem.guessed:
            console.print(f"[dim]not present (guessed): {escape(problem.url)}: {escape(problem.reason)}[/]")
    if not report.pages:
        err_console.print(f"[bold red]No article fetched from {source.name}.[/] {_diagnosis(report)}", soft_wrap=True)
    elif report.finish_reason == "closespider_timeout":
        err_console.print(
            "[yellow]The trial stopped at its time limit (-s CLOSESPIDER_TIMEOUT=SECONDS to wait longer).[/]"
        )


def _diagnosis(report: PreviewReport) -> str:
    """Why a source gave nothing, in the user's terms, with the remedy."""
    source = report.source
    if any(p.stage == "discovery" and not p.guessed for p in report.problems) and not (
        report.feeds_read or report.sitemaps_read or report.listings_read
    ):
        return (
            f"Every discovery URL failed (see above): is {source.url} up, "
            "and are its URLs in the sources file right?"
        )
    if not (report.feeds_read or report.sitemaps_read or report.listings_read):
        return (
            f"No feed, sitemap or listing found at {source.url}: give `feeds`, `sitemaps` or `listings` "
            "for it in a sources file (--sources FILE)."
        )
    if any(p.stage == "article" for p in report.problems):
        return "The article pages it found could not be fetched (see above)."
    return (
        "Its feeds, sitemaps and listings list no article URL arsip recognises: "
        "check them, or add a `listings` page."
    )
