"""Export: every matching article as a flat record, streamed, as JSON lines or CSV.

Every archived copy of a story is a row, with `cluster_id` (the story: its first article's id)
and `duplicate_of` (that id, on every copy but the first), so a tool can count the portals
that carried a story or take one row per story. `Filters(unique=True)` keeps one row per
story among the matching copies: the story's first article when it matches the filters,
otherwise its earliest matching copy (so `--source nawacita --unique` still shows the stories
nawacita carried second). Rows are read in batches (`yield_per`, a server-side cursor on
PostgreSQL), so memory does not grow with the archive.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from typing import Any, TextIO

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from storage.filters import Filters
from storage.fulltext import filtered
from storage.models import Article
from storage.search import ROW_COLUMNS, ArticleRow, to_row

EXPORT_FIELDS = (
    "id",
    "url",
    "source",
    "title",
    "published",
    "author",
    "region_code",
    "region",
    "province",
    "text",
    "cluster_id",
    "duplicate_of",
    "fetched_at",
)
assert EXPORT_FIELDS == tuple(f.name for f in fields(ArticleRow)), "ArticleRow and EXPORT_FIELDS drifted"


def _one_per_story(session: Session, filters: Filters) -> Select[Any]:
    """ROW_COLUMNS of the first matching copy of each story (its representative when it matches)."""
    story = func.coalesce(Article.cluster_id, Article.id)
    place = (
        func.row_number()
        .over(partition_by=story, order_by=(Article.duplicate_of.is_not(None), Article.id))
        .label("place")
    )
    ranked, _ = filtered(session, replace(filters, unique=False), Article.id.label("id"), place)
    firsts = ranked.subquery()
    return select(*ROW_COLUMNS).where(Article.id.in_(select(firsts.c.id).where(firsts.c.place == 1)))


def iter_export(session: Session, filters: Filters, *, batch_size: int = 500) -> Iterator[dict[str, object]]:
    """Matching articles in id order, as dicts of EXPORT_FIELDS (dates ISO 8601, +07:00)."""
    if filters.unique:
        statement = _one_per_story(session, filters)
    else:
        statement, _ = filtered(session, filters, *ROW_COLUMNS)
    statement = statement.order_by(Article.id).execution_options(yield_per=batch_size)
    for values in session.execute(statement):
        yield to_row(values).to_dict()


def write_jsonl(rows: Iterable[dict[str, object]], out: TextIO) -> int:
    """One JSON object per line (UTF-8 text as is); returns the number of rows."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, object]], out: TextIO) -> int:
    """CSV with a header of EXPORT_FIELDS (empty cell for no value); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count
