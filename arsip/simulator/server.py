"""Serving the portals: one ThreadingHTTPServer per portal on its own port, in daemon threads.

Each portal gets its own port so that robots.txt, /feed/ and /sitemap.xml sit at its root,
as on the real site. Pages are rendered once at start; a request is a table lookup.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from arsip.simulator.model import PORTALS, SimArticle
from arsip.simulator.portals import Response, SPECS, build, not_found, site_for

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

    def _control(self, method: str) -> None:
        name = self.path[len(CONTROL):]
        if method == "GET" and name == "requests":
            body = json.dumps(self.log.snapshot()).encode()
            self._send(Response(200, "application/json", body), True)
        elif method == "POST" and name == "reset":
            self.log.clear()
            self._send(Response(200, "application/json", b'{"ok": true}'), True)
        else:
            self._send(Response(405, "text/plain", b"use GET /__simulator/requests or POST /__simulator/reset\n"), True)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path.startswith(CONTROL):
            self._control("GET")
            return
        self.log.add(self.path)
        self._send(self._lookup(), True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.log.add(self.path)
        self._send(self._lookup(), False)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path.startswith(CONTROL):
            self._control("POST")
            return
        self.log.add(self.path)
        self._send(Response(405, "text/plain", b"Method Not Allowed\n"), True)


class Simulator:
    """The five portals, running. Use as a context manager, or call stop()."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.urls: dict[str, str] = {}
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self._logs: dict[str, _RequestLog] = {}
        try:
            for portal in PORTALS:
                self._serve(portal, host)
        except BaseException:
            self.stop()
            raise

    def _serve(self, portal: str, host: str) -> None:
        log = _RequestLog()
        handler = type(f"{portal.title()}Handler", (_PortalHandler,), {"log": log})
        server = ThreadingHTTPServer((host, 0), handler)
        server.daemon_threads = True
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
