"""How the command shows articles in the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from storage.search import ArticleRow


def articles_table(title: str, rows: Sequence[ArticleRow]) -> Table:
    """One line per article: date (Jakarta), region, source, title."""
    table = Table(title=title)
    for column in ("id", "published", "region", "source", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        published = row.to_dict()["published"]
        table.add_row(
            str(row.id),
            str(published)[:10] if published else "",
            row.region or row.province or "",
            row.source,
            row.title or "",
        )
    return table
