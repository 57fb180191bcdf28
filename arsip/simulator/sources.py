"""A sources file (DESIGN.md format) pointing arsip at the running simulator.

The portals are configured differently on purpose, so a crawl exercises every discovery
path: feeds, sitemaps of each kind, paginated listings, and one portal (nawacita) given
only its home URL, to be discovered through robots.txt, <link rel=alternate>, /feed/ and
/sitemap.xml.
"""

from __future__ import annotations

from arsip.simulator.model import PORTALS
from arsip.simulator.portals import SPECS

URL_ONLY = "nawacita"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _array(items: list[str]) -> str:
    return "[" + ", ".join(_quote(i) for i in items) + "]"


def sources_toml(urls: dict[str, str]) -> str:
    """One [[source]] per portal of `urls` (portal -> "http://127.0.0.1:PORT/")."""
    unknown = sorted(set(urls) - set(PORTALS))
    if unknown:
        raise ValueError(f"sources_toml: unknown portal(s) {', '.join(unknown)}; known: {', '.join(PORTALS)}")
    blocks = ["# Sources for the arsip portal simulator (generated; ports change every run).\n"]
    for portal in PORTALS:
        if portal not in urls:
            continue
        base = urls[portal].rstrip("/") + "/"
        spec = SPECS[portal]
        lines = ["[[source]]", f"name = {_quote(portal)}", f"url = {_quote(base)}"]
        if portal != URL_ONLY:
            if spec.feed:
                lines.append(f"feeds = {_array([base.rstrip('/') + spec.feed[1]])}")
            if spec.sitemap:
                lines.append(f"sitemaps = {_array([base.rstrip('/') + spec.sitemap[1]])}")
            lines.append(f"listings = {_array([base.rstrip('/') + spec.tag_path])}")
        lines.append('region = "Jawa Timur"')
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
