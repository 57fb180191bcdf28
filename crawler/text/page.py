"""The input gate: bytes or text in, a decoded string and a parsed tree out.

Pages arrive as raw bytes from the crawler or from stored raw pages, in whatever
encoding the portal used. The page's own declaration (BOM, then `<meta charset>`)
wins over guessing, because regional portals still serve windows-1252 pages that
a detector can take for something else; trafilatura's guesser is the fallback.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura.utils import decode_file, load_html

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    """A decoded page; `tree` is None when the input is not HTML at all."""

    html: str
    tree: HtmlElement | None
    encoding: str | None


def decode_html(data: str | bytes) -> tuple[str, str | None]:
    """Text of the page and the encoding used (None when it was already text)."""
    if isinstance(data, str):
        return data, None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    if match := _META_CHARSET.search(data[:4096]):
        declared = match.group(1).decode("ascii", errors="ignore").lower()
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass  # the declaration lies; let the guesser decide
    return decode_file(data), "guessed"


def load_page(data: str | bytes) -> Page:
    """Decode and parse; never raises on junk input (the tree is then None)."""
    html, encoding = decode_html(data or "")
    html = html.replace("\x00", "")
    tree = None
    if html.strip():
        try:
            tree = load_html(html)
        except (TypeError, ValueError):
            tree = None
        if tree is not None and tree.find(".//body") is None and not tree.text_content().strip():
            tree = None
    return Page(html=html, tree=tree, encoding=encoding)
