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
