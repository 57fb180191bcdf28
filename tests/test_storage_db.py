"""storage/db.py: opening, creating and upgrading the archive; models match migrations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Engine, Integer, MetaData, inspect, text

import storage.db
from storage.db import current_revision, database_url, head_revision, include_name, open_archive, session, upgrade
from storage.errors import DatabaseError, SchemaOutOfDate
from storage.models import Base

from conftest_storage import POSTGRES_URL, fresh_postgres, archive_url, db, engine  # noqa: F401  (fixtures)

TABLES = {"articles", "raw_pages", "skipped_pages", "runs"}

HEAD = head_revision()

# A migration newer than this arsip's, for testing an archive left one revision behind.
MIGRATION_NEXT = f'''"""Index runs by status."""
from alembic import op

revision = "9999"
down_revision = "{HEAD}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_runs_status", "runs", ["status"])


def downgrade() -> None:
    op.drop_index("ix_runs_status", "runs")
'''


def _diff(engine: Engine, metadata: MetaData) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name, "compare_type": True})
        return compare_metadata(context, metadata)


def test_database_url_prefers_argument_then_env_then_local_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARSIP_DB", "postgresql+psycopg://u@h/env")
    assert database_url("sqlite:///given.db") == "sqlite:///given.db"
    assert database_url(None) == "postgresql+psycopg://u@h/env"
    monkeypatch.delenv("ARSIP_DB")
    assert database_url() == "sqlite:///arsip.db"


def test_new_database_is_migrated_to_head(archive_url: str) -> None:
    engine = open_archive(archive_url)
    try:
        assert TABLES <= set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            assert current_revision(connection) == HEAD
    finally:
        engine.dispose()


def test_reopening_keeps_the_data(archive_url: str) -> None:
    engine = open_archive(archive_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO runs (started_at, status, sources, pages_fetched, articles_new, articles_duplicate,"
                 " not_relevant, failed) VALUES ('2024-01-01 00:00:00', 'running', 'x', 0, 0, 0, 0, 0)")
        )
    engine.dispose()
    engine = open_archive(archive_url, create=False)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT sources FROM runs")).scalar_one() == "x"
    finally:
        engine.dispose()


def test_models_match_migrations(engine: Engine) -> None:
    assert _diff(engine, Base.metadata) == []


def test_model_drift_is_detected(engine: Engine) -> None:
    drifted = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(drifted)
    drifted.tables["articles"].append_column(Column("word_count", Integer))
    assert any("word_count" in repr(change) for change in _diff(engine, drifted))


def test_sqlite_archive_has_fts_and_pragmas(engine: Engine) -> None:
    names = set(inspect(engine).get_table_names())
    if engine.dialect.name != "sqlite":
        assert "articles_fts" not in names
        return
    assert "articles_fts" in names
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_old_revision_asks_for_upgrade_then_upgrades(
    archive_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_archive(archive_url).dispose()  # an archive at this arsip's head
    newer = tmp_path / "migrations"
    shutil.copytree(storage.db.MIGRATIONS, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "9999_index_runs_status.py").write_text(MIGRATION_NEXT)
    monkeypatch.setattr(storage.db, "MIGRATIONS", newer)  # this "arsip" writes 9999

    with pytest.raises(SchemaOutOfDate, match=rf"revision {HEAD}.*needs 9999.*run `arsip db upgrade`"):
        open_archive(archive_url)

    assert upgrade(archive_url) == HEAD
    engine = open_archive(archive_url)
    try:
        with engine.connect() as connection:
            assert current_revision(connection) == "9999"
        assert "ix_runs_status" in {ix["name"] for ix in inspect(engine).get_indexes("runs")}
    finally:
        engine.dispose()


def test_archive_from_a_newer_arsip_is_refused(engine: Engine, archive_url: str) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    with pytest.raises(DatabaseError, match="newer arsip"):
        open_archive(archive_url)


def test_upgrade_of_a_new_database_reports_none(archive_url: str) -> None:
    assert upgrade(archive_url) is None
    assert upgrade(archive_url) == HEAD


def test_missing_file_without_create(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.db"
    with pytest.raises(DatabaseError, match=r"no archive at .*nowhere\.db: run `arsip crawl` first"):
        open_archive(f"sqlite:///{path}", create=False)
    assert not path.exists()


if POSTGRES_URL:  # SQLite's case is test_missing_file_without_create

    def test_empty_postgres_without_create() -> None:
        url = fresh_postgres(POSTGRES_URL)
        with pytest.raises(DatabaseError, match="no archive at .*run `arsip crawl` first"):
            open_archive(url, create=False)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", r"bad database URL 'not a url'.*sqlite:///arsip\.db"),
        ("nosuchdb://host/db", r"unknown database driver in 'nosuchdb://host/db'"),
        ("sqlite:////no/such/dir/arsip.db", r"directory /no/such/dir does not exist"),
        (
            "postgresql+psycopg://arsip:s3cret@127.0.0.1:1/arsip",
            r"cannot use the archive at postgresql\+psycopg://arsip:\*\*\*@127\.0\.0\.1:1/arsip: .*server is running",
        ),
    ],
)
def test_bad_database_urls_name_the_url_and_remedy(url: str, expected: str) -> None:
    with pytest.raises(DatabaseError, match=expected) as caught:
        open_archive(url)
    assert "s3cret" not in str(caught.value)


def test_foreign_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseError, match="arsip did not make"):
        open_archive(f"sqlite:///{path}")


def test_session_keeps_values_after_commit(engine: Engine) -> None:
    with session(engine) as s:
        assert s.bind is engine
        assert s.expire_on_commit is False
