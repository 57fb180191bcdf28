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

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from crawler.extensions import dead_here, pid_alive
from scheduler.errors import SourceBusy
from storage.db import session
from storage.runs import Holder, acquire_lock, get_lock, release_lock, renew_locks

log = logging.getLogger("arsip.scheduler")


def this_process() -> Holder:
    """An id unique to this start of this process (a pid is reused; the random part is not)."""
    host = socket.gethostname()
    pid = os.getpid()
    return Holder(id=f"{host}:{pid}:{secrets.token_hex(4)}", host=host, pid=pid)


# Whether a crawl's process is alive: one definition, next to the run record that stores its pid.
__all__ = ["dead_here", "holding_sources", "pid_alive", "this_process"]


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
        try:
            with session(engine) as db:
                for name in taken:
                    release_lock(db, name, holder)
        except SQLAlchemyError as exc:  # e.g. the disk is full: the crawl's own report says so
            log.warning("could not release the source leases %s (%s): they pass on when this process ends", taken, exc)
