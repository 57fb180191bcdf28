"""Faults switched on per path while the simulator runs: a hostile web, at the socket level.

A test asks a running portal to misbehave on one path (exact, with or without query; or a
prefix for the traps that invent endless URLs), then crawls it:

    sim.set_fault("realita", "/baca-berita/71215/...", "reset")           # same process
    set_fault_http(base, "/baca-berita/71215/...", "reset")               # the subprocess fixture
    clear_faults_http(base)

Network kinds: timeout, reset, drip, status (a burst of 429/5xx, then the page).
Content kinds: truncated, huge, gzip_bomb, binary, charset, empty, redirect, calendar,
pagination, big_sitemap, nested_sitemap, feed (malformed / hostile XML), sitemap (hostile XML).
An unresolvable host needs no server: a source under `.invalid` (RFC 2606) never resolves.
Each served request counts (`hits`), so a status burst can end after K requests.
"""

from __future__ import annotations

import json
import random
import select
import socket
import struct
import threading
import time
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

CANARY = "/__canary__"  # an external entity points here: a request to it means the XML parser fetched it

# kind -> (parameter -> default). Unknown kinds and parameters are refused when the fault is set.
KINDS: dict[str, dict[str, Any]] = {
    "timeout": {"seconds": 60.0},  # accept, read the request, never answer (until the client gives up)
    "reset": {"after_bytes": 0},  # send this many bytes of the real answer, then RST (SO_LINGER 0)
    "drip": {"interval": 0.2, "chunk": 1},  # the real page, `chunk` bytes every `interval` seconds
    "status": {"status": 503, "times": 2, "retry_after": None},  # first `times` requests answer `status`
    "truncated": {"fraction": 0.5},  # Content-Length of the whole page, a fraction of it sent, closed
    "huge": {"size": 20 * 1024 * 1024, "declare_length": True},  # a page of `size` bytes, streamed
    "gzip_bomb": {"size": 2 * 1024**3},  # Content-Encoding: gzip, ~1/1000 compressed, `size` inflated
    "binary": {"size": 65536, "seed": 7},  # random bytes, NULs included, as text/html
    "charset": {"actual": "windows-1252", "declared": "utf-8"},  # the page encoded one way, declared another
    "empty": {},  # 200 with 0 bytes
    "redirect": {"to": "/", "status": 301},  # Location: `to` (two of these make a loop)
    "calendar": {"start": "2024/01", "links": 3},  # prefix: /P/YYYY/MM/ -> previous month, forever
    "pagination": {"links": 3, "repeat": False},  # ?page=N -> ?page=N+1 forever, fake or repeated links
    "big_sitemap": {"urls": 50_000, "real": []},  # a urlset of `urls` entries: `real` paths first
    "nested_sitemap": {"real": []},  # prefix: /P/1.xml -> index of /P/2.xml (+ urlset of `real`) -> ...
    "feed": {"variant": "unclosed", "real": []},  # unclosed | bad_dates | wrong_root | xxe | laughs
    "sitemap": {"variant": "xxe", "real": []},  # xxe | laughs
}
PREFIX_KINDS = frozenset({"calendar", "nested_sitemap"})
FEED_VARIANTS = ("unclosed", "bad_dates", "wrong_root", "xxe", "laughs")


@dataclass
class Fault:
    """One misbehaving path and how often it has been hit."""

    path: str
    kind: str
    params: dict[str, Any]
    hits: int = 0
    served_at: list[float] = field(default_factory=list)  # time.monotonic() of each hit

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "hits": self.hits, "served_at": list(self.served_at),
                **self.params}


def make_fault(path: str, kind: str, **params: Any) -> Fault:
    """A validated fault: the kind must exist and every parameter must be one it takes."""
    if kind not in KINDS:
        raise ValueError(f"simulator fault: unknown kind {kind!r}; known: {', '.join(KINDS)}")
    if not path.startswith("/"):
        raise ValueError(f"simulator fault: path must start with '/', got {path!r}")
    unknown = sorted(set(params) - set(KINDS[kind]))
    if unknown:
        raise ValueError(f"simulator fault {kind}: unknown parameter(s) {', '.join(unknown)}; "
                         f"it takes {', '.join(KINDS[kind]) or 'none'}")
    if kind in ("feed", "sitemap") and params.get("variant", KINDS[kind]["variant"]) not in FEED_VARIANTS:
        raise ValueError(f"simulator fault {kind}: variant must be one of {', '.join(FEED_VARIANTS)}")
    return Fault(path, kind, {**KINDS[kind], **params})


class FaultTable:
    """The faults of one portal, shared by its handler threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: dict[str, Fault] = {}

    def set(self, fault: Fault) -> None:
        with self._lock:
            self._faults[fault.path] = fault

    def clear(self, path: str | None = None) -> None:
        with self._lock:
            if path is None:
                self._faults.clear()
            else:
                self._faults.pop(path, None)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.as_dict() for f in self._faults.values()]

    def hit(self, path: str) -> tuple[Fault, int] | None:
        """The fault for a request path (exact, then without query, then a trap prefix), counted."""
        with self._lock:
            bare = urlsplit(path).path
            fault = self._faults.get(path) or self._faults.get(bare)
            if fault is None:
                prefixed = [f for f in self._faults.values() if f.kind in PREFIX_KINDS and bare.startswith(f.path)]
                fault = max(prefixed, key=lambda f: len(f.path), default=None)
            if fault is None:
                return None
            fault.hits += 1
            fault.served_at.append(time.monotonic())
            return fault, fault.hits


# -- serving -----------------------------------------------------------------------------


class Page(Protocol):
    """What a fault needs of the portal's normal answer (portals.Response)."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...]


@dataclass
class Context:
    """A request under a fault: the handler (its socket), the hit number and the normal answer."""

    handler: BaseHTTPRequestHandler
    fault: Fault
    hit: int
    normal: Callable[[], Page]
    base: str  # "http://127.0.0.1:PORT/"
    with_body: bool = True
    params: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.params = self.fault.params

    def url(self, path: str) -> str:
        return self.base.rstrip("/") + path


def serve(ctx: Context) -> None:
    """Answer one request the way its fault says."""
    ctx.handler.close_connection = True  # a faulty answer never leaves a reusable connection behind
    try:
        _SERVERS[ctx.fault.kind](ctx)
    except OSError:
        pass  # the client gave up (timeout, size limit): exactly what the fault provokes


def _head(ctx: Context, status: int, content_type: str, headers: dict[str, str]) -> None:
    h = ctx.handler
    h.send_response(status)
    h.send_header("Content-Type", content_type)
    for name, value in headers.items():
        h.send_header(name, value)
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.flush()


def _answer(ctx: Context, status: int, content_type: str, body: bytes, **headers: str) -> None:
    _head(ctx, status, content_type, {"Content-Length": str(len(body)), **headers})
    if ctx.with_body:
        ctx.handler.wfile.write(body)


def _raw(page: Page) -> bytes:
    lines = [f"HTTP/1.1 {page.status} X", f"Content-Type: {page.content_type}",
             f"Content-Length: {len(page.body)}", *(f"{k}: {v}" for k, v in page.headers), "", ""]
    return "\r\n".join(lines).encode("latin-1") + page.body


def _timeout(ctx: Context) -> None:
    sock = ctx.handler.connection
    end = time.monotonic() + float(ctx.params["seconds"])
    while time.monotonic() < end:  # hold the connection open, silent, until the client hangs up
        readable, _, _ = select.select([sock], [], [], 0.2)
        if readable and not sock.recv(1024, socket.MSG_PEEK):
            return


def _reset(ctx: Context) -> None:
    sock = ctx.handler.connection
    first = int(ctx.params["after_bytes"])
    if first:
        sock.sendall(_raw(ctx.normal())[:first])
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()  # with linger 0: RST instead of FIN


def _drip(ctx: Context) -> None:
    page = ctx.normal()
    _head(ctx, page.status, page.content_type, {"Content-Length": str(len(page.body))})
    step, interval = max(1, int(ctx.params["chunk"])), float(ctx.params["interval"])
    for i in range(0, len(page.body) if ctx.with_body else 0, step):
        ctx.handler.wfile.write(page.body[i:i + step])
        time.sleep(interval)


def _status(ctx: Context) -> None:
    if ctx.hit > int(ctx.params["times"]):
        page = ctx.normal()
        _answer(ctx, page.status, page.content_type, page.body, **dict(page.headers))
        return
    status = int(ctx.params["status"])
    headers = {} if ctx.params["retry_after"] is None else {"Retry-After": str(ctx.params["retry_after"])}
    body = f"<html><body><h1>{status}</h1><p>Coba lagi nanti.</p></body></html>".encode()
    _answer(ctx, status, "text/html; charset=UTF-8", body, **headers)


def _truncated(ctx: Context) -> None:
    page = ctx.normal()
    sent = int(len(page.body) * float(ctx.params["fraction"]))
    _head(ctx, page.status, page.content_type, {"Content-Length": str(len(page.body))})
    if ctx.with_body:
        ctx.handler.wfile.write(page.body[:sent])


def _huge(ctx: Context) -> None:
    size = int(ctx.params["size"])
    head = b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Besar</title></head><body>"
    filler = b"<p>" + b"Paragraf pengisi halaman yang sangat panjang sekali. " * 20 + b"</p>\n"
    headers = {"Content-Length": str(size)} if ctx.params["declare_length"] else {}
    _head(ctx, 200, "text/html; charset=UTF-8", headers)
    if not ctx.with_body:
        return
    ctx.handler.wfile.write(head)
    left = size - len(head)
    block = filler * (65536 // len(filler))
    while left > 0:
        ctx.handler.wfile.write(block[:left])
        left -= len(block)


@lru_cache(maxsize=2)
def gzip_bomb(size: int) -> bytes:
    """A valid gzip stream of `size` spaces, about size/1000 bytes; built once per size.

    Every MiB of input is deflated after a full flush, so its compressed bytes repeat and
    are computed only once; the CRC is the one real pass over the data.
    """
    mib = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(mib) + comp.flush(zlib.Z_FULL_FLUSH)
    repeat = comp.compress(mib) + comp.flush(zlib.Z_FULL_FLUSH)
    count, rest = divmod(size, 1 << 20)
    tail = comp.compress(mib[:rest]) + comp.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(mib, crc)
    crc = zlib.crc32(mib[:rest], crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    body = first + repeat * (count - 1) if count else b""
    return header + body + tail + struct.pack("<II", crc, size & 0xFFFFFFFF)


def _gzip_bomb(ctx: Context) -> None:
    body = gzip_bomb(int(ctx.params["size"]))
    _answer(ctx, 200, "text/html; charset=UTF-8", body, **{"Content-Encoding": "gzip"})


def _binary(ctx: Context) -> None:
    body = random.Random(int(ctx.params["seed"])).randbytes(int(ctx.params["size"]))
    _answer(ctx, 200, "text/html; charset=UTF-8", body)


def _charset(ctx: Context) -> None:
    page = ctx.normal()
    actual, declared = str(ctx.params["actual"]), str(ctx.params["declared"])
    served = page.content_type.rpartition("charset=")[2].strip() or "utf-8"
    text = page.body.decode(served)
    for spelled in ("utf-8", "UTF-8", "windows-1252"):
        text = text.replace(f"charset={spelled}", f"charset={declared}").replace(
            f'charset="{spelled}"', f'charset="{declared}"')
    body = text.encode(actual, "xmlcharrefreplace")
    _answer(ctx, page.status, f"text/html; charset={declared}", body)


def _empty(ctx: Context) -> None:
    _answer(ctx, 200, "text/html; charset=UTF-8", b"")


def _redirect(ctx: Context) -> None:
    _answer(ctx, int(ctx.params["status"]), "text/html; charset=UTF-8", b"", Location=ctx.url(str(ctx.params["to"])))


def _listing_html(title: str, links: list[str], next_url: str) -> bytes:
    items = "\n".join(f'<li><a href="{u}">{title}: berita nomor {i}</a></li>' for i, u in enumerate(links, 1))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<link rel='next' href='{next_url}'></head><body><h1>{title}</h1><ul>{items}</ul>"
            f"<a rel='next' class='next' href='{next_url}'>Berikutnya &raquo;</a></body></html>").encode()


def _fake_article_path(stem: str, n: int) -> str:
    return f"{stem}/berita-palsu-jebakan-nomor-{n}-untuk-perayap/"


def _calendar(ctx: Context) -> None:
    prefix = ctx.fault.path.rstrip("/")
    rest = urlsplit(ctx.handler.path).path[len(prefix):].strip("/").split("/")
    if len(rest) != 2 or not all(p.isdigit() for p in rest):  # a (fake) article under the calendar
        _answer(ctx, 404, "text/html; charset=UTF-8", b"<html><body><h1>404</h1></body></html>")
        return
    year, month = int(rest[0]), int(rest[1])
    prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
    stem = f"{prefix}/{year:04d}/{month:02d}/15"
    links = [ctx.url(_fake_article_path(stem, n)) for n in range(1, int(ctx.params["links"]) + 1)]
    next_url = ctx.url(f"{prefix}/{prev_year:04d}/{prev_month:02d}/")
    _answer(ctx, 200, "text/html; charset=UTF-8", _listing_html(f"Arsip {year}-{month:02d}", links, next_url))


def _pagination(ctx: Context) -> None:
    parts = urlsplit(ctx.handler.path)
    page = int((parse_qs(parts.query).get("page") or ["1"])[0] or 1)
    count = int(ctx.params["links"])
    numbers = range(1, count + 1) if ctx.params["repeat"] else range(page * count, page * count + count)
    links = [ctx.url(_fake_article_path(parts.path.rstrip("/"), n)) for n in numbers]
    next_url = ctx.url(f"{parts.path}?page={page + 1}")
    _answer(ctx, 200, "text/html; charset=UTF-8", _listing_html(f"Halaman {page}", links, next_url))


def _urlset(rows: list[tuple[str, str]], doctype: str = "") -> bytes:
    body = "".join(f"<url><loc>{loc}</loc><lastmod>{mod}</lastmod></url>\n" for loc, mod in rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n').encode()


def _big_sitemap(ctx: Context) -> None:
    real = [(ctx.url(p), "2026-01-31T10:00:00+07:00") for p in ctx.params["real"]]
    fakes = [(ctx.url(f"/arsip-lama/{n}/berita-lama-nomor-{n}-dari-sitemap-besar"), f"2019-{n % 12 + 1:02d}-01")
             for n in range(int(ctx.params["urls"]) - len(real))]
    _answer(ctx, 200, "application/xml; charset=UTF-8", _urlset(real + fakes))


def _nested_sitemap(ctx: Context) -> None:
    prefix = ctx.fault.path.rstrip("/")
    name = urlsplit(ctx.handler.path).path[len(prefix):].strip("/")
    if name == "urls.xml":
        _answer(ctx, 200, "application/xml; charset=UTF-8",
                _urlset([(ctx.url(p), "2026-01-31") for p in ctx.params["real"]]))
        return
    level = int(name.removesuffix(".xml")) if name.removesuffix(".xml").isdigit() else 1
    children = [ctx.url(f"{prefix}/{level + 1}.xml"), ctx.url(f"{prefix}/urls.xml")]
    rows = "".join(f"<sitemap><loc>{u}</loc><lastmod>2026-01-31</lastmod></sitemap>\n" for u in children)
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">\n{rows}</sitemapindex>\n').encode()
    _answer(ctx, 200, "application/xml; charset=UTF-8", body)


LAUGHS = "".join(
    ['<!ENTITY lol "lol">']
    + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
)


def _doctype(ctx: Context, root: str, variant: str) -> str:
    if variant == "xxe":
        return (f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
                f'<!ENTITY net SYSTEM "{ctx.url(CANARY)}">]>\n')
    if variant == "laughs":
        return f"<!DOCTYPE {root} [{LAUGHS}]>\n"
    return ""


def _feed(ctx: Context) -> None:
    variant = str(ctx.params["variant"])
    links = [ctx.url(p) for p in ctx.params["real"]]
    poison = {"xxe": "&xxe;&net;", "laughs": "&lol9;"}.get(variant, "")
    dates = ["kemarin sore", "2024-13-45T99:99:99", "Sun, 32 Foo 2024 25:61:00 +9999"]
    items = [f"<item><title>Berita {i} {poison}</title><link>{u}</link>"
             f"<pubDate>{dates[i % 3] if variant == 'bad_dates' else 'Mon, 01 Jan 2024 10:00:00 +0700'}</pubDate>"
             f"<description>{poison or 'ringkasan'}</description></item>" for i, u in enumerate(links)]
    if variant == "xxe":  # a link made only of the entities: resolved, it would carry /etc/passwd
        items.append("<item><title>x</title><link>&xxe;</link></item>")
    root = "html" if variant == "wrong_root" else "rss"
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n{_doctype(ctx, root, variant)}'
    if variant == "wrong_root":
        body += f"<html><body><channel>{''.join(items)}</channel></body></html>"
    else:
        body += f'<rss version="2.0"><channel><title>Umpan {poison}</title>{"".join(items)}'
        body += "<item><title>Terpotong <b>tanpa penutup" if variant == "unclosed" else "</channel></rss>"
    _answer(ctx, 200, "application/rss+xml; charset=UTF-8", body.encode())


def _sitemap(ctx: Context) -> None:
    variant = str(ctx.params["variant"])
    rows = [(ctx.url(p), "2026-01-31") for p in ctx.params["real"]]
    body = _urlset(rows, _doctype(ctx, "urlset", variant)).decode()
    poison = {"xxe": "<url><loc>&xxe;</loc></url><url><loc>&net;</loc></url>",
              "laughs": "<url><loc>http://x/&lol9;</loc></url>"}.get(variant, "")
    body = body.replace("</urlset>", poison + "</urlset>")
    _answer(ctx, 200, "application/xml; charset=UTF-8", body.encode())


_SERVERS: dict[str, Callable[[Context], None]] = {
    "timeout": _timeout, "reset": _reset, "drip": _drip, "status": _status, "truncated": _truncated,
    "huge": _huge, "gzip_bomb": _gzip_bomb, "binary": _binary, "charset": _charset, "empty": _empty,
    "redirect": _redirect, "calendar": _calendar, "pagination": _pagination, "big_sitemap": _big_sitemap,
    "nested_sitemap": _nested_sitemap, "feed": _feed, "sitemap": _sitemap,
}
assert set(_SERVERS) == set(KINDS)


# -- the HTTP control, for a simulator in another process ------------------------------------


def _control(base: str, method: str, payload: dict[str, Any] | None = None) -> Any:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(base.rstrip("/") + "/__simulator/faults", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def set_fault_http(base: str, path: str, kind: str, **params: Any) -> None:
    """Switch a fault on at a portal running elsewhere (`POST /__simulator/faults`)."""
    _control(base, "POST", {"path": path, "kind": kind, **params})


def clear_faults_http(base: str, path: str | None = None) -> None:
    """Switch one path's fault, or all of them, off (`DELETE /__simulator/faults`)."""
    _control(base, "DELETE", {"path": path} if path else {})


def faults_http(base: str) -> list[dict[str, Any]]:
    """The faults switched on at a portal, with how often each was hit."""
    return list(_control(base, "GET"))
