"""Shared fixtures: the portal simulator in its own process, and running the `arsip` command."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The simulator is on this machine: crawl it without politeness delays.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]


@pytest.fixture(scope="session")
def portals() -> Iterator[dict[str, str]]:
    """The offline portals, served by `python -m arsip.simulator` on 127.0.0.1: name -> base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "arsip.simulator"], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the portal simulator exited with status {process.wait()}")
        yield json.loads(line)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def dead_portal_url() -> str:
    """The URL of a portal that is down: a port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def simulator_log(base: str, action: str) -> list[str]:
    """The paths a simulator portal served ("requests"), or forget them ("reset")."""
    import urllib.request

    if action == "reset":
        urllib.request.urlopen(urllib.request.Request(base + "__simulator/reset", method="POST"), timeout=10)
        return []
    with urllib.request.urlopen(base + "__simulator/requests", timeout=10) as response:
        return json.load(response)


def crawl_archive(backend: str, folder: Path) -> str:
    """The URL of an empty archive for a crawl test: a SQLite file in `folder`, or the PostgreSQL
    test database (ARSIP_TEST_POSTGRES) emptied; `backend` is a conftest_storage.BACKENDS id."""
    from conftest_storage import POSTGRES_URL, fresh_postgres

    if backend == "postgresql":
        return fresh_postgres(POSTGRES_URL)
    return f"sqlite:///{folder / 'arsip.db'}"


def query(db: str, sql: str, **params: object) -> list[tuple]:
    """Rows of one SQL statement (named :params) on the archive at `db`, on either backend."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(db, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def fault_run(portals: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One crawl of the simulator with every network and content fault on, and its re-run (tests/fault_crawl.py)."""
    from fault_crawl import crawl_with_faults

    yield from crawl_with_faults(portals, tmp_path_factory)


def run_arsip(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command in its own process, as a user would (a crawl needs a fresh reactor)."""
    return subprocess.run(
        [sys.executable, "-m", "arsip", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        timeout=600,
    )


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis (Debian's redis-server) of this test session only, on a free port of 127.0.0.1."""
    import shutil
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed: apt-get install redis-server (the shared-frontier tests need it)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        else:
            raise RuntimeError(f"redis-server did not listen on port {port}")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
