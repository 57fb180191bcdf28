"""Who holds a lease (a service, a crawl), whether it is still alive, and leases for crawls run by hand."""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from scheduler.errors import SourceBusy
from storage.db import session
from storage.runs import Holder, acquire_lock, get_lock, release_lock, renew_locks

log = logging.getLogger("arsip.scheduler")


def this_process() -> Holder:
    """An id unique to this start of this process (a pid is reused; the random part is not)."""
    host = socket.gethostname()
    pid = os.getpid()
    return Holder(id=f"{host}:{pid}:{secrets.token_hex(4)}", host=host, pid=pid)


def pid_alive(pid: int) -> bool:
    """Whether a process of this host runs under `pid` (a zombie counts as dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        state = stat.read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def dead_here(host: str | None, pid: int | None) -> bool:
    """True only when the process is known dead: on this host, and no longer running."""
    return host == socket.gethostname() and pid is not None and not pid_alive(pid)


@contextmanager
def holding_sources(engine: Engine, names: Sequence[str], ttl: timedelta = timedelta(seconds=60)) -> Iterator[None]:
    """Hold the "source:<name>" leases the scheduler service honours, for a crawl run by hand.

    A manual `arsip crawl` of a source the service is crawling right now is refused (one crawl
    per source at a time); the leases are renewed by a thread while the crawl runs, so a long
    crawl keeps them, and a killed one loses them when they expire (at once on this host).
    """
    holder = this_process()
    taken: list[str] = []
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(ttl.total_seconds() / 4):
            try:
                with session(engine) as db:
                    renew_locks(db, holder, ttl)
            except Exception as exc:  # noqa: BLE001 - e.g. SQLite "database is locked": the next turn tries again
                log.warning("could not renew the source leases of this crawl (will retry): %s", exc)

    try:
        with session(engine) as db:
            for name in names:
                if acquire_lock(db, f"source:{name}", holder, ttl, lambda lock: dead_here(lock.host, lock.pid)) is None:
                    held = get_lock(db, f"source:{name}")
                    who = f"{held.holder} (host {held.host}, pid {held.pid})" if held else "another process"
                    raise SourceBusy(
                        f"source {name!r} is being crawled right now by {who}: wait for that crawl to end "
                        f"(`arsip runs --source {name}`), or crawl the other sources with --source"
                    )
                taken.append(f"source:{name}")
        renewer = threading.Thread(target=renew, name="arsip-lease", daemon=True)
        renewer.start()
        try:
            yield
        finally:
            stop.set()
            renewer.join()
    finally:
        with session(engine) as db:
            for name in taken:
                release_lock(db, name, holder)
