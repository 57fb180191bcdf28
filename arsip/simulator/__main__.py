"""`python -m arsip.simulator [--host H]`: serve the portals until SIGTERM/SIGINT.

Prints one JSON line {"klikjatim": "http://127.0.0.1:PORT/", ...} once every portal listens,
so a parent process (a test fixture, `arsip demo`) can read the ports.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading

from arsip.simulator.server import start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m arsip.simulator", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    args = parser.parse_args(argv)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with start(args.host) as sim:
        sys.stdout.write(json.dumps(sim.urls) + "\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
