"""Fixtures for the storage tests: a fresh, migrated archive per test, on SQLite and on PostgreSQL.

PostgreSQL runs when ARSIP_TEST_POSTGRES holds its URL (e.g.
postgresql+psycopg://arsip:arsip@127.0.0.1:5432/arsip_test); each test drops and recreates
its `public` schema. On CI (CI=true) the variable is required. Test modules import the
fixtures: `from conftest_storage import archive_url, engine, db`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from storage.archive import NewArticle
from storage.db import open_archive, session

POSTGRES_URL = os.environ.get("ARSIP_TEST_POSTGRES", "")
if not POSTGRES_URL and os.environ.get("CI", "").lower() == "true":
    raise RuntimeError(
        "CI=true but ARSIP_TEST_POSTGRES is not set: the storage tests must also run on PostgreSQL; "
        "set it to e.g. postgresql+psycopg://arsip:arsip@127.0.0.1:5432/arsip_test"
    )

BACKENDS = [pytest.param("sqlite", id="sqlite")] + (
    [pytest.param("postgresql", id="postgresql")] if POSTGRES_URL else []
)


def fresh_postgres(url: str) -> str:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=BACKENDS)
def archive_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database (nothing migrated yet)."""
    if request.param == "postgresql":
        return fresh_postgres(POSTGRES_URL)
    return f"sqlite:///{tmp_path / 'arsip.db'}"


@pytest.fixture
def engine(archive_url: str) -> Iterator[Engine]:
    """A migrated archive."""
    engine = open_archive(archive_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    with session(engine) as s:
        yield s


def wib(*args: int) -> datetime:
    """A datetime given in Jakarta time (UTC+7), as an aware UTC datetime."""
    from storage.filters import WIB

    return datetime(*args, tzinfo=WIB).astimezone(UTC)


def make_article(**changes: Any) -> NewArticle:
    """A plausible NewArticle; tests change what they are about."""
    url = changes.pop("url", "https://klikjatim.example/berita/1")
    values: dict[str, Any] = dict(
        url=url,
        canonical_url=changes.pop("canonical_url", url),
        source="klikjatim",
        title="BPJS Ketenagakerjaan Gresik santuni ahli waris pekerja",
        published=wib(2024, 10, 30, 10, 0),
        author="Redaksi",
        region_code="35.25",
        regions=("35.25",),
        text="BPJS Ketenagakerjaan Cabang Gresik menyerahkan santunan JKM Rp42 juta.\n\nPekerja terlindungi.",
        relevance_score=0.9,
        relevance_reason="keyword: BPJS Ketenagakerjaan",
        html="<html><body><p>BPJS Ketenagakerjaan Cabang Gresik …</p></body></html>".encode(),
        content_type="text/html; charset=utf-8",
        encoding="utf-8",
        http_status=200,
        fetched_at=datetime(2024, 10, 30, 5, 0, tzinfo=UTC),
    )
    values.update(changes)
    return NewArticle(**values)
