"""Opening the archive: URL, engine, SQLite pragmas, schema revision checks and upgrades.

Sessions: use `session(engine)` (a plain `sqlalchemy.orm.Session` that keeps loaded
values after commit) as a context manager:

    engine = open_archive(database_url(cli_db_option))
    with session(engine) as s:
        add_article(s, article)

The write functions in `storage.archive` commit their own transaction.

SQLite: WAL journal (readers never block the crawl's writer), and a writer waits up to the
busy timeout (30 s; `?timeout=SECONDS` in the URL changes it) for another writer's lock.
`archive_fault` names the conditions a crawl meets on a live archive (disk full, locked)
with what to do about them.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session

from storage.errors import DatabaseError, SchemaOutOfDate

DEFAULT_URL = "sqlite:///arsip.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000

# Where the migration scripts live; a module attribute so tests can point it elsewhere.
MIGRATIONS = Path(str(resources.files("storage").joinpath("migrations")))


def database_url(url: str | None = None) -> str:
    """The archive's URL: the one given (--db), else $ARSIP_DB, else arsip.db in the working directory."""
    return url or os.environ.get("ARSIP_DB") or DEFAULT_URL


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Leave the SQLite full-text index (a virtual table and its shadow tables) out of model/migration diffs."""
    return not (type_ == "table" and name is not None and name.startswith("articles_fts"))


def alembic_config(connection: Connection | None = None, *, url: str | None = None) -> Config:
    """An Alembic config for the package's migrations, without an alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The schema revision this arsip writes."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The schema revision of a database (None: never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def _hide_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except sa_exc.ArgumentError as exc:
        raise DatabaseError(
            f"bad database URL {_hide_password(url)!r}: give a SQLAlchemy URL such as "
            "sqlite:///arsip.db or postgresql+psycopg://user:password@host/dbname (--db or ARSIP_DB)"
        ) from exc


def _sqlite_file(parsed: URL) -> Path | None:
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:") or parsed.query.get("uri"):
        return None
    return Path(database)


def busy_timeout_ms(parsed: URL) -> int:
    """How long a SQLite writer waits for another's lock: the URL's `timeout` (seconds), else 30 s."""
    given = parsed.query.get("timeout")
    if given is None:
        return SQLITE_BUSY_TIMEOUT_MS
    try:
        seconds = float(given if isinstance(given, str) else given[0])
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86_400:
        raise DatabaseError(
            f"timeout={given!r} in the database URL: give the seconds a writer waits for a lock, e.g. ?timeout=60"
        )
    return round(seconds * 1000)


def _sqlite_pragmas(timeout_ms: int) -> Any:
    def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        """WAL lets readers (search, serve) work while a crawl writes; foreign keys are off by default in SQLite."""
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    return _set_sqlite_pragmas


PG_RECONNECT_SECONDS = 60.0  # how long a connected archive waits for its restarting PostgreSQL


def _reconnecting(wait: float) -> Any:
    """A `do_connect` hook: once an engine has connected, a refused connection (the server
    restarting, shutting down, starting up) is tried again for up to `wait` seconds, so a
    crawl waits out a PostgreSQL restart instead of failing every page meanwhile. The first
    connection is never retried: a wrong URL or a server that is down is reported at once."""
    import logging
    import time

    connected = False

    def do_connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        nonlocal connected
        deadline, delay = time.monotonic() + wait, 0.1
        while True:
            try:
                dbapi_connection = dialect.connect(*cargs, **cparams)
            except dialect.loaded_dbapi.OperationalError as exc:
                # Refused, dropped, "shutting down"/"starting up" (57P03) have no SQLSTATE at connect, nor
                # has a changed password, which then fails after `wait`.
                if not connected or getattr(exc, "sqlstate", None) not in (None, "57P03") or time.monotonic() > deadline:
                    raise
                logging.getLogger("arsip.db").warning("PostgreSQL unreachable, retrying in %.1f s: %s", delay, exc)
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
                continue
            connected = True
            return dbapi_connection

    return do_connect


def _engine(url: str, *, create: bool) -> Engine:
    """An engine for `url`, failing early (DatabaseError) on what the user can fix."""
    parsed = _parse(url)
    shown = parsed.render_as_string(hide_password=True)
    path = _sqlite_file(parsed)
    if path is not None:
        busy_timeout_ms(parsed)  # a bad ?timeout= is the user's to fix, before the driver chokes on it
        if not create and not path.exists():
            raise DatabaseError(f"no archive at {path}: run `arsip crawl` first, or give the right --db / ARSIP_DB")
        if not path.parent.is_dir():
            raise DatabaseError(
                f"cannot create the archive {shown}: directory {path.parent} does not exist; create it or pick another --db"
            )
    try:
        # pool_pre_ping: a pooled connection a restarted PostgreSQL cut is replaced, not used (helper G).
        engine = create_engine(parsed, pool_pre_ping=parsed.get_backend_name() == "postgresql")
    except sa_exc.NoSuchModuleError as exc:
        raise DatabaseError(
            f"unknown database driver in {shown!r}: use sqlite:///FILE or postgresql+psycopg://user:password@host/db"
        ) from exc
    except ImportError as exc:
        raise DatabaseError(
            f"the driver for {shown!r} is not installed ({exc.name}): install it, e.g. pip install 'psycopg[binary]'"
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms(parsed)))
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "do_connect", _reconnecting(PG_RECONNECT_SECONDS))
    return engine


def _unreachable(shown: str, exc: sa_exc.DBAPIError) -> DatabaseError:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    return DatabaseError(
        f"cannot use the archive at {shown}: {reason}. Check the --db / ARSIP_DB URL, that the server is "
        "running and the password is right, or that the file's directory is writable"
    )


def _migrate(engine: Engine) -> str | None:
    with engine.begin() as connection:
        before = current_revision(connection)
        command.upgrade(alembic_config(connection), "head")
    return before


def open_archive(url: str, *, create: bool = True) -> Engine:
    """Connect to the archive; a brand-new empty database is migrated to the current schema.

    An archive at an older schema raises SchemaOutOfDate rather than being upgraded behind
    the user's back (upgrades of a big PostgreSQL archive are for the operator to schedule).
    """
    engine = _engine(url, create=create)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        try:
            with engine.connect() as connection:
                current = current_revision(connection)
                has_articles = inspect(connection).has_table("articles")
        except sa_exc.DBAPIError as exc:
            raise _unreachable(shown, exc) from exc
        head = head_revision()
        if current is None:
            if has_articles:
                raise DatabaseError(
                    f"{shown} has an `articles` table that arsip did not make (no alembic_version): "
                    "give another --db"
                )
            if not create:
                raise DatabaseError(f"no archive at {shown}: run `arsip crawl` first, or give the right --db / ARSIP_DB")
            try:
                _migrate(engine)
            except sa_exc.DBAPIError as exc:
                raise _unreachable(shown, exc) from exc
        elif current != head:
            known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
            if current not in known:
                raise DatabaseError(
                    f"the archive at {shown} has schema revision {current}, unknown to this arsip "
                    f"(which writes {head}): it was made by a newer arsip; upgrade arsip"
                )
            raise SchemaOutOfDate(
                f"the archive at {shown} has schema revision {current}, this arsip needs {head}: "
                "run `arsip db upgrade` (back up the database first)"
            )
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade(url: str) -> str | None:
    """Migrate the archive to the current schema; returns the revision it came from (None: it was new)."""
    engine = _engine(url, create=True)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        return _migrate(engine)
    except sa_exc.DBAPIError as exc:
        raise _unreachable(shown, exc) from exc
    finally:
        engine.dispose()


def session(engine: Engine) -> Session:
    """A session on the archive; use it as a context manager (`with session(engine) as s:`)."""
    return Session(engine, expire_on_commit=False)


def read_only(engine: Engine) -> Engine:
    """Make every new connection of `engine` refuse writes (PRAGMA query_only / a read-only
    PostgreSQL session), for `arsip serve`; pooled connections are dropped so that all get it."""

    def _set(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if engine.dialect.name == "sqlite":
                cursor.execute("PRAGMA query_only = ON")
            elif engine.dialect.name == "postgresql":
                cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                dbapi_connection.commit()
        finally:
            cursor.close()

    event.listen(engine, "connect", _set)
    engine.dispose()
    return engine


# Faults of a live archive -----------------------------------------------------------------

FaultKind = Literal["disk_full", "locked"]

_SQLITE_FULL, _SQLITE_BUSY, _SQLITE_LOCKED = 13, 5, 6
_PG_DISK_FULL = "53100"


@dataclass(frozen=True, slots=True)
class ArchiveFault:
    """A write the archive refused for a reason outside arsip: what it is and what to do."""

    kind: FaultKind
    message: str  # names the archive and the remedy; one line


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return seen


_MESSAGES: tuple[tuple[str, FaultKind], ...] = (
    ("database or disk is full", "disk_full"),
    ("no space left on device", "disk_full"),
    ("database is locked", "locked"),
    ("database table is locked", "locked"),
)


def _kind(exc: BaseException | str) -> FaultKind | None:
    if isinstance(exc, str):  # a reason already written down (e.g. Added.error of a batch)
        lowered = exc.lower()
        return next((kind for text, kind in _MESSAGES if text in lowered), None)
    for cause in _causes(exc):
        code = getattr(cause, "sqlite_errorcode", None)
        if code is not None:
            primary = code & 0xFF
            if primary == _SQLITE_FULL:
                return "disk_full"
            if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
                return "locked"
        if getattr(cause, "sqlstate", None) == _PG_DISK_FULL:
            return "disk_full"
        if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
            return "disk_full"
    return None


def _free_space(path: Path) -> str:
    folder = path.parent if path.parent.is_dir() else Path(".")
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return "free space unknown"
    return f"{free / 1024 / 1024:.1f} MB free in {folder}"


def archive_fault(exc: BaseException | str, url: str) -> ArchiveFault | None:
    """What a failed write of the archive at `url` means for the user, or None for anything else.

    `exc` is the exception (SQLAlchemy's, the driver's or an OSError) or its message.

    "disk_full": nothing more can be stored until space is freed (stop the crawl).
    "locked": another process held SQLite's write lock past the busy timeout (this write
    failed; the next ones may succeed).
    """
    kind = _kind(exc)
    if kind is None:
        return None
    parsed = make_url(url)
    path = _sqlite_file(parsed)
    shown = str(path) if path is not None else parsed.render_as_string(hide_password=True)
    if kind == "disk_full":
        where = f" ({_free_space(path)})" if path is not None else ""
        return ArchiveFault(
            kind,
            f"the archive's disk is full: {shown}{where}; free space there or move the archive to a bigger "
            "disk (--db / ARSIP_DB), then run the crawl again: pages not stored are fetched again",
        )
    waited = busy_timeout_ms(parsed) / 1000
    return ArchiveFault(
        kind,
        f"database is locked: another process held the archive {shown} for longer than the busy timeout "
        f"({waited:g} s); end that process's long transaction (`fuser {shown}` names it) or wait longer "
        f"(--db 'sqlite:///{shown}?timeout=120'): the next crawl fetches this page again",
    )
