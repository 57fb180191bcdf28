"""Export: every matching article as a flat record, streamed, as JSON lines or CSV.

Every archived copy of a story is a row (`duplicate_of` names the first one seen);
`Filters(unique=True)` keeps one per story. Rows are read in batches (`yield_per`,
a server-side cursor on PostgreSQL), so memory does not grow with the archive.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import TextIO

from sqlalchemy.orm import Session

from storage.models import Article
from storage.search import ROW_COLUMNS, ArticleRow, Filters, filtered, to_row

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


def iter_export(session: Session, filters: Filters, *, batch_size: int = 500) -> Iterator[dict[str, object]]:
    """Matching articles in id order, as dicts of EXPORT_FIELDS (dates ISO 8601, +07:00)."""
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
