"""Serving the portals: one ThreadingHTTPServer per portal on its own port, in daemon threads.

Each portal gets its own port so that robots.txt, /feed/ and /sitemap.xml sit at its root,
as on the real site. Pages are rendered once at start; a request is a table lookup.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from arsip.simulator.faults import Context, FaultTable, make_fault, serve
from arsip.simulator.model import PORTALS, SimArticle
from arsip.simulator.portals import SPECS, Response, build, not_found, site_for

CONTROL = "/__simulator/"


class _RequestLog:
    """Paths (with query) one portal served since start or the last reset."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: list[str] = []

    def add(self, path: str) -> None:
        with self._lock:
            self._paths.append(path)

    def snapshot(self) -> list[str]:
        with self._lock:
            return list(self._paths)

    def clear(self) -> None:
        with self._lock:
            self._paths.clear()


class _PortalHandler(BaseHTTPRequestHandler):
    """Answers from the portal's route table; class attributes are set per portal."""

    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    timeout = 30  # idle keep-alive connections end instead of holding a thread forever
    routes: dict[str, Response] = {}
    missing: Response
    log: _RequestLog
    faults: FaultTable
    wordpress: bool = False
    base: str = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Quiet: the simulator runs inside tests and `arsip demo`."""

    def _lookup(self) -> Response:
        path = self.path
        if path in self.routes:
            return self.routes[path]
        bare = urlsplit(path).path
        if bare in self.routes:  # unknown query parameters (utm_*, ...) are ignored, as CMSs do
            return self.routes[bare]
        if self.wordpress and not bare.endswith("/") and bare + "/" in self.routes:
            return Response(301, "text/html; charset=UTF-8", b"", headers=(("Location", self.base.rstrip("/") + bare + "/"),))
        return self.missing

    def _send(self, response: Response, with_body: bool) -> None:
        if response.delay:
            time.sleep(response.delay)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(response.body)

    def _control(self, method: str, payload: bytes = b"") -> None:
        name = self.path[len(CONTROL):]
        if name == "faults":
            self._control_faults(method, payload)
        elif method == "GET" and name == "requests":
            body = json.dumps(self.log.snapshot()).encode()
            self._send(Response(200, "application/json", body), True)
        elif method == "POST" and name == "reset":
            self.log.clear()
            self._send(Response(200, "application/json", b'{"ok": true}'), True)
        else:
            self._send(Response(405, "text/plain", b"use GET /__simulator/requests, POST /__simulator/reset "
                                b"or GET/POST/DELETE /__simulator/faults\n"), True)

    def _control_faults(self, method: str, payload: bytes) -> None:
        """GET lists the faults; POST {"path", "kind", ...params} sets one; DELETE {"path"?} clears."""
        try:
            data = json.loads(payload or b"{}")
            if method == "POST":
                self.faults.set(make_fault(**data))
            elif method == "DELETE":
                self.faults.clear(data.get("path"))
        except (ValueError, TypeError) as error:
            self._send(Response(400, "text/plain", f"{error}\n".encode()), True)
            return
        self._send(Response(200, "application/json", json.dumps(self.faults.snapshot()).encode()), True)

    def _answer(self, with_body: bool) -> None:
        """The page, or what a fault switched on for this path makes of it."""
        hit = self.faults.hit(self.path)
        if hit is None:
            self._send(self._lookup(), with_body)
            return
        fault, n = hit
        serve(Context(self, fault, n, self._lookup, self.base, with_body))

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path.startswith(CONTROL):
            self._control("GET")
            return
        self.log.add(self.path)
        self._answer(True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.log.add(self.path)
        self._answer(False)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        if self.path.startswith(CONTROL):
            self._control("POST", payload)
            return
        self.log.add(self.path)
        self._send(Response(405, "text/plain", b"Method Not Allowed\n"), True)

    def do_DELETE(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        if self.path.startswith(CONTROL):
            self._control("DELETE", payload)
            return
        self.log.add(self.path)
        self._send(Response(405, "text/plain", b"Method Not Allowed\n"), True)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up or resets (as the faults provoke) is not an error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Simulator:
    """The five portals, running. Use as a context manager, or call stop()."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.urls: dict[str, str] = {}
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self._logs: dict[str, _RequestLog] = {}
        self._faults: dict[str, FaultTable] = {}
        try:
            for portal in PORTALS:
                self._serve(portal, host)
        except BaseException:
            self.stop()
            raise

    def _serve(self, portal: str, host: str) -> None:
        log = _RequestLog()
        faults = FaultTable()
        handler = type(f"{portal.title()}Handler", (_PortalHandler,), {"log": log, "faults": faults})
        server = _Server((host, 0), handler)
        url_host = f"[{host}]" if ":" in host else host
        base = f"http://{url_host}:{server.server_address[1]}/"
        spec = SPECS[portal]
        handler.routes = build(portal, base)
        handler.missing = not_found(spec, site_for(spec, base), "/404")
        handler.wordpress = spec.wordpress
        handler.base = base
        thread = threading.Thread(target=server.serve_forever, name=f"sim-{portal}", daemon=True)
        thread.start()
        self.urls[portal] = base
        self._logs[portal] = log
        self._faults[portal] = faults
        self._servers.append(server)
        self._threads.append(thread)

    def url_for(self, article: SimArticle) -> str:
        """The absolute URL of an article on its running portal."""
        return self.urls[article.portal].rstrip("/") + article.path

    def requests(self, portal: str) -> list[str]:
        """Paths (with query) the portal served since start or the last reset()."""
        if portal not in self._logs:
            raise KeyError(f"simulator: unknown portal {portal!r}; known: {', '.join(PORTALS)}")
        return self._logs[portal].snapshot()

    def set_fault(self, portal: str, path: str, kind: str, **params: Any) -> None:
        """Make `path` of `portal` misbehave (see arsip.simulator.faults.KINDS) until cleared."""
        if portal not in self._faults:
            raise KeyError(f"simulator: unknown portal {portal!r}; known: {', '.join(PORTALS)}")
        self._faults[portal].set(make_fault(path, kind, **params))

    def clear_faults(self, portal: str | None = None, path: str | None = None) -> None:
        """Switch faults off: one path's, one portal's, or every portal's."""
        for name, table in self._faults.items():
            if portal is None or name == portal:
                table.clear(path)

    def faults(self, portal: str) -> list[dict[str, Any]]:
        """The faults switched on at `portal`, with how often each was hit."""
        return self._faults[portal].snapshot()

    def reset(self) -> None:
        """Forget every portal's request log."""
        for log in self._logs.values():
            log.clear()

    def stop(self) -> None:
        """Stop serving and free the ports. Safe to call twice."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> Simulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(host: str = "127.0.0.1") -> Simulator:
    """Start the five portals on `host`, each on a free port."""
    return Simulator(host)
