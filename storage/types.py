"""Column types shared by the models.

Datetimes are stored in UTC and always come back timezone-aware, whatever the
database: PostgreSQL keeps `timestamp with time zone`, SQLite has no such type,
so there the value is stored as naive UTC text (which also sorts correctly).
Naive datetimes are refused on the way in: guessing their zone is how archives
end up an hour (or seven) off.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime, stored as UTC (after Warehouse's and Prefect's)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {value!r}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: give it a timezone (e.g. tzinfo=UTC)")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def aware(value: Any) -> datetime | None:
    """A datetime read past the column type, made aware: aggregates (min, max) bypass UTCDateTime on SQLite
    (a naive UTC string comes back)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
