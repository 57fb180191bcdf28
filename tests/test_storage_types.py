"""storage/types.py: datetimes go in aware, are kept in UTC, and come back aware on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from storage.models import Run

from conftest_storage import archive_url, db, engine  # noqa: F401  (fixtures)

WIB = timezone(timedelta(hours=7))


def test_aware_datetime_round_trips_as_utc(db: Session) -> None:
    db.add(Run(started_at=datetime(2024, 10, 30, 7, 0, tzinfo=WIB), sources="x"))
    db.commit()
    db.expunge_all()
    started = db.scalars(select(Run.started_at)).one()
    assert started == datetime(2024, 10, 30, 0, 0, tzinfo=UTC)
    assert started.utcoffset() == timedelta(0)


def test_comparisons_use_the_instant_not_the_wall_clock(db: Session) -> None:
    db.add(Run(started_at=datetime(2024, 10, 30, 23, 30, tzinfo=UTC), sources="late"))
    db.commit()
    # 06:00 on 31 October in Jakarta is 23:00 UTC on the 30th: the run started after it.
    after = db.scalars(select(Run.sources).where(Run.started_at > datetime(2024, 10, 31, 6, 0, tzinfo=WIB)))
    assert after.all() == ["late"]


def test_naive_datetime_is_refused(db: Session) -> None:
    db.add(Run(started_at=datetime(2024, 10, 30, 7, 0), sources="x"))
    with pytest.raises(StatementError, match="naive datetime 2024-10-30T07:00:00"):
        db.commit()
