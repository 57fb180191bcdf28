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
from functools import cache

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# trafilatura's parser settings plus `huge_tree`: without it libxml2 silently drops everything
# nested deeper than 256 elements, and a template that never closes a <div> or <font> per
# sidebar item puts the whole article down there.
_PARSER = HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
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


def parse_html(html: str) -> HtmlElement | None:
    """The page's tree as trafilatura's `load_html` builds it, with no depth limit; None when not HTML."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:
        tree = fromstring(html, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # no <html> at the start and hardly a tree: not a page
    return tree


# Article pages nest 10-30 elements deep. Deeper is a template that never closes a tag
# (a <div> or <font> per sidebar item), and trafilatura's link-density passes cost
# depth x links there: a 3 MB such page took over 10 minutes. Below this depth only
# paragraph-like elements keep their tags (holding their text); the others are unwrapped.
MAX_DEPTH = 48
_KEEP_DEEP = frozenset({"p", "a", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "img", "script", "style", "time", "blockquote"})


def flatten_deep(tree: HtmlElement, max_depth: int = MAX_DEPTH) -> HtmlElement:
    """The tree with what is nested below `max_depth` made flat: paragraph-like elements
    become siblings holding their text, other elements are unwrapped; no text is lost."""
    # The elements at exactly `max_depth`, found by libxml2 (a walk in Python over every
    # element of every page cost 2 ms); their subtrees are disjoint, so each is flattened alone.
    for boundary in _at_depth(max_depth)(tree):
        if len(boundary):
            _flatten_below(boundary)
    return tree


@cache
def _at_depth(depth: int) -> etree.XPath:
    return etree.XPath("/".join(["*"] * depth))


def _flatten_below(boundary: HtmlElement) -> None:
    """One pass over the subtree, so the cost is linear (lxml's drop_tag per element is not)."""
    kept: list[HtmlElement] = []
    texts: list[str] = []  # text of the current gap: the boundary's own text, else the last kept element's tail
    gaps: list[str] = []
    stack: list[tuple[bool, HtmlElement]] = [(False, child) for child in reversed(boundary)]
    texts.append(boundary.text or "")
    while stack:
        closing, element = stack.pop()
        if closing:
            texts.append(element.tail or "")
        elif isinstance(element.tag, str) and element.tag in _KEEP_DEEP:
            gaps.append("".join(texts))
            texts = [element.tail or ""]
            copy = boundary.makeelement(element.tag, dict(element.attrib))
            copy.text = element.text_content()
            kept.append(copy)
        else:
            texts.append(element.text or "" if isinstance(element.tag, str) else "")
            stack.append((True, element))
            stack.extend((False, child) for child in reversed(element))
    gaps.append("".join(texts))
    del boundary[:]
    boundary.text = gaps[0]
    for copy, tail in zip(kept, gaps[1:], strict=True):
        copy.tail = tail
        boundary.append(copy)


def load_page(data: str | bytes) -> Page:
    """Decode and parse; never raises on junk input (the tree is then None)."""
    html, encoding = decode_html(data or "")
    html = html.replace("\x00", "")
    tree = None
    if html.strip():
        try:
            tree = parse_html(html)
        except (TypeError, ValueError, etree.ParserError):
            tree = None
        if tree is not None and tree.find(".//body") is None and not tree.text_content().strip():
            tree = None
        if tree is not None:
            tree = flatten_deep(tree)
    return Page(html=html, tree=tree, encoding=encoding)
