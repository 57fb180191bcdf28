"""Who this service is, and whether a process named in a run or a lease is still alive."""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path

from storage.runs import Holder


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
