"""Clean article text: trafilatura finds the article, then line rules remove what it keeps.

The cascade, each step a function over plain data:

0. the source's `SiteRules` (crawler/text/rules.py), when it has any: its `prune`
   selectors drop elements first; its `body` container, when found, gives the
   paragraphs directly (block by block), and trafilatura is not needed;
1. `prune_tree`: drop elements that are never article text (captions, share
   widgets, tag lists, comment forms), and everything after an end-of-article
   marker such as "Baca Selengkapnya" or "Topik" (SEO link farms follow those).
2. trafilatura with `favor_precision=True, include_comments=False`: it keeps
   the article paragraphs and drops most navigation.
3. `clean_lines`: rules as data for the portal furniture trafilatura still
   keeps ("Baca juga: …", "Editor :", share prompts, photo captions, the title
   repeated, trailing reporter initials such as "(qom)").

Paragraphs are joined by one blank line. Everything removed is reported, each line
prefixed with the rule's name ("baca-juga: Baca Juga: …"), so a person can check a
portal's rules (`arsip sources test`).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement

from crawler.text.rules import NO_RULES, SiteRules, compile_line_pattern, select

# --- rules as data ---------------------------------------------------------

# Elements never holding article text. trafilatura removes most, not all. Matched in one
# pass over the tree (nine XPath passes cost 4 ms a page): by tag, by id, by class.
PRUNE_TAGS: frozenset[str] = frozenset({"figcaption", "form"})
PRUNE_IDS: frozenset[str] = frozenset({"comments", "respond"})
PRUNE_CLASS = re.compile(
    r"photo-caption|img-caption|caption-text"  # photo credits and captions (wp-caption-text too)
    r"|share|sharing|social|related|terkait|comment-respond|td-a-rec"
    r"|newsletter|disclaimer"  # sign-ups, reader surveys, comment disclaimers
    r"|(?:^|\s)(?:ads|iklan|banner)"  # ad slots: a class token starting so (not "heads", "uploads")
)
PRUNE_DATA_TESTIDS: frozenset[str] = frozenset({"promo-box"})


def _furniture(element: HtmlElement) -> bool:
    return (
        element.tag in PRUNE_TAGS
        or element.get("id") in PRUNE_IDS
        or PRUNE_CLASS.search(element.get("class") or "") is not None
        or element.get("data-testid") in PRUNE_DATA_TESTIDS
    )


# A block whose whole text is one of these ends the article: what follows is
# tags, related links, comments or SEO filler.
END_MARKERS: frozenset[str] = frozenset(
    {
        "baca selengkapnya",
        "topik",
        "tags",
        "tag",
        "berita terbaru",
        "berita terkait",
        "artikel terkait",
        "pos terkait",
        "leave a reply",
        "tinggalkan balasan",
        "tinggalkan komentar",
    }
)
# Only text after this many characters of paragraphs counts as "after the article",
# so a "Topik" menu item in the header cannot wipe the page.
END_MARKER_MIN_CHARS = 300
_MARKER_MAX_RAW_CHARS = 200  # the longest marker with any spacing and bullets around it is far shorter

# Whole lines dropped (case-insensitive, bullets and spacing normalised).
DROP_EXACT: frozenset[str] = frozenset(
    {
        "url berhasil dicopy",
        "link berhasil disalin",
        "whatsapp",
        "facebook",
        "twitter",
        "telegram",
        "bagikan",
        "share",
        "salin link",
        "copy link",
        "top banner",
        "advertisement",
        "iklan",
        "scroll to continue with content",
        "berita terbaru",
        "berita terkait",
        "pos terkait",
        "topik",
        "baca selengkapnya",
        "leave a reply",
        "tinggalkan balasan",
        "please enter your comment!",
        "please enter your name here",
        "you have entered an incorrect email address!",
        "please enter your email address here",
    }
)

# Lines matching one of these are dropped; each named for the furniture it is.
DROP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("baca-juga", r"^(?:baca|simak|lihat|klik)\s+(?:juga|pula|selengkapnya)\b\s*[:：\-–»>]"),
        # "Baca juga Judul Berita Lain" without a colon: a headline, no sentence break inside
        ("baca-juga", r"^(?:baca|simak|lihat)\s+(?:juga|pula)\b(?!.*[.!?]\s+\S).{0,200}$"),
        ("credit-line", r"^(?:editor|reporter|penulis|pewarta|sumber|redaktur|wartawan|penyunting|kontributor|"
                        r"fotografer|foto|video|grafis)\s*:.{0,80}$"),
        ("credit-line", r"^(?:\(|\[)?(?:editor|reporter|penulis|pewarta)\s*:.{0,60}(?:\)|\])?$"),
        ("photo-caption", r"^(?:teks\s+foto|keterangan\s+foto|ket\.?\s*foto|foto|caption|ilustrasi)\s*:"),
        ("photo-credit", r"\((?:dok|foto|ist|istimewa|doc)\b[^)]{0,60}\)\.?$"),
        ("comment-form", r"^alamat email anda tidak akan dipublikasikan"),
        ("comment-form", r"^(?:ruas|kolom) yang wajib ditandai"),
        ("scroll-prompt", r"^scroll\s+(?:untuk|ke\s+bawah\s+untuk)\s+(?:baca|membaca|melanjutkan)"),
        ("scroll-prompt", r"^scroll\s+to\s+continue"),
        # "Ikuti berita terkini X di Google News": an invitation to follow the site, not a sentence of the story
        ("promo", r"^(?:ikuti|follow|gabung|bergabung|dapatkan|simak)\b.{0,60}\b(?:berita|update|info|informasi|artikel|"
                  r"news)\b.{0,140}\b(?:google\s+news|"
                  r"(?:saluran|channel)\s+whatsapp|whatsapp\s+(?:channel|saluran)|telegram|newsletter|"
                  r"instagram|tiktok|youtube)\b"),
        ("promo", r"^(?:download|unduh)\s+(?:aplikasi|apps?)\s+\S+\s+(?:di|untuk|via|sekarang)\b.{0,80}$"),
        ("promo", r"^(?:berlangganan|subscribe)\b.{0,40}newsletter"),
        ("promo", r"^(?:sign\s+up\s+here|subscribe\s+now|sign\s+up\s+for\s+our\s+newsletters?)\b.{0,120}$"),
        ("disclaimer", r"^disclaimer\s*:"),
        # English wire credits and cross-links
        ("read-also", r"^(?:read\s+also|also\s+read|see\s+also|read\s+more|related)\s*:"),
        # Tempo's "Pilihan Editor: <headline>" cross-link, a line of its own
        ("baca-juga", r"^pilihan\s+editor\s*:.{0,200}$"),
        ("credit-line", r"^(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.{0,160}$"),
        ("bare-domain", r"^[\w-]+(?:\.[\w-]+)+$"),
        ("initials", r"^[\(\[]\s*[A-Za-z]{1,10}(?:\s*/\s*[A-Za-z]{1,10}){0,3}\s*[\)\]]$"),
    )
)

# Reporter initials closing the last paragraph: "… ujar Najmi. (qom)".
TRAILING_INITIALS = re.compile(
    r"(?<=[.!?\"”’'])\s*(?:\(\s*[A-Za-z]{1,12}(?:\s*/\s*[A-Za-z]{1,12}){0,3}\s*\)"
    r"|\[\s*[A-Za-z]{1,12}(?:\s*/\s*[A-Za-z]{1,12}){0,3}\s*\])\s*$"
)

# Leading or trailing lines this short without sentence punctuation are furniture
# (author boxes, labels), not paragraphs.
EDGE_LINE_MAX_CHARS = 60
_SENTENCE_END = re.compile(r"[.!?\"”’:)]$")

_BULLETS = re.compile(r"^[\s•·▪●◦\-–—|»>]+")


def normalize_line(line: str) -> str:
    """One spelling of a line for comparison: NFC, single spaces, no leading bullets."""
    line = unicodedata.normalize("NFC", line).replace("\xa0", " ")
    return re.sub(r"\s+", " ", _BULLETS.sub("", line)).strip()


def _key(line: str) -> str:
    return normalize_line(line).casefold().rstrip(" .:")


SNIPPET_CHARS = 100


def snippet(text: str) -> str:
    """A removed block as one short line for the report."""
    line = " ".join(text.split())
    return line if len(line) <= SNIPPET_CHARS else line[: SNIPPET_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Body:
    """Clean text and what was removed to get it ("rule: text", in page order)."""

    text: str
    removed: tuple[str, ...]


def _drop(element: HtmlElement, rule: str, removed: list[str]) -> None:
    if element.getparent() is None or element.tag in ("body", "html"):
        return
    if element.getroottree().getroot().tag != "html":
        return  # inside an element dropped already
    if text := element.text_content().strip():
        removed.append(f"{rule}: {snippet(text)}")
    element.drop_tree()


def prune_tree(
    tree: HtmlElement, rules: SiteRules = NO_RULES, removed: list[str] | None = None, *, in_place: bool = False
) -> HtmlElement:
    """The tree without furniture elements and without what follows an end marker.

    A copy unless `in_place` (the caller is done with the original: copying a page
    costs as much as trafilatura's own pass). The site's own `prune` selectors go
    first, then the general ones; each dropped element's text goes to `removed`.
    """
    removed = [] if removed is None else removed
    tree = tree if in_place else copy.deepcopy(tree)
    for selector in rules.prune:
        for element in select(selector, tree):
            _drop(element, "site-prune", removed)
    for element in [e for e in tree.iter() if isinstance(e.tag, str) and _furniture(e)]:
        _drop(element, "prune", removed)
    _cut_after_end_marker(tree, removed)
    return tree


def _cut_after_end_marker(tree: HtmlElement, removed: list[str]) -> None:
    seen = 0
    for element in tree.iter("p", "div", "h2", "h3", "h4", "h5", "span", "a", "section", "li"):
        if element.tag != "p" and (len(element) > 2 or seen < END_MARKER_MIN_CHARS):
            continue  # a marker is a label, not a container; and nothing ends before the article
        raw = element.text_content()
        if seen >= END_MARKER_MIN_CHARS and len(raw) > _MARKER_MAX_RAW_CHARS:
            continue  # too long to be a marker, and `seen` has done its work: skip normalising it
        text = " ".join(raw.split()).lstrip("•·▪●◦-–—|»> ").casefold().rstrip(" .:")  # _key, less NFC: 5x faster
        if element.tag == "p" and text not in END_MARKERS:
            seen += len(text)
        elif text in END_MARKERS and seen >= END_MARKER_MIN_CHARS:
            node = element
            while node is not None and node.tag not in ("body", "html"):
                for sibling in list(node.itersiblings()):
                    _drop(sibling, "after-end-marker", removed)
                node = node.getparent()
            _drop(element, "end-marker", removed)
            return


# trafilatura's own extractor alone ("fast") is trusted when it finds at least this much
# text; below it, the readability/justext comparison runs as well. The comparison costs
# about a third of trafilatura's time and only matters when the main pass finds little.
FAST_MIN_CHARS = 400


def trafilatura_text(tree: HtmlElement, url: str | None = None) -> str:
    """The article text as trafilatura sees it, one paragraph per line ("" if none)."""
    options = dict(url=url, include_comments=False, include_tables=False, include_images=False,
                   favor_precision=True, deduplicate=False)
    # trafilatura works on its own copy of a tree it is given, so both passes see the same page
    text = trafilatura.extract(tree, fast=True, **options) or ""
    if len(text) >= FAST_MIN_CHARS:
        return text
    return trafilatura.extract(tree, **options) or ""


# Blocks of a known article container, read in order; nested blocks are read once.
_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td"})
_SKIP = frozenset({"script", "style", "noscript", "iframe", "svg", "button", "select", "textarea", "template"})


_CONTAINERS = frozenset({"div", "section", "article", "figure", "header", "footer", "aside", "ul", "ol", "table"})


def container_lines(container: HtmlElement) -> list[str]:
    """The text of a known article container, one line per block (<p>, <li>, a <br><br> run).

    Walks the tree with its own stack, not by recursion: a template that never closes its
    <div>s nests a page thousands deep, past Python's recursion limit.
    """
    lines: list[str] = []
    buffer: list[str] = [container.text or ""]

    def flush() -> None:
        if text := " ".join("".join(buffer).split()):
            lines.append(text)
        buffer.clear()

    # ("node", element): read it; ("close", element): its children are done, so its tail comes next.
    stack: list[tuple[str, HtmlElement]] = [("node", child) for child in reversed(container)]
    while stack:
        action, child = stack.pop()
        tag = child.tag if isinstance(child.tag, str) else ""
        if action == "close":
            if tag in _CONTAINERS:
                flush()
            buffer.append(child.tail or "")
            continue
        if tag in _SKIP or not tag:
            buffer.append(child.tail or "")
        elif tag == "br":
            flush()
            buffer.append(child.tail or "")
        elif tag in _BLOCKS:
            flush()
            buffer.append(child.text_content())
            flush()
            buffer.append(child.tail or "")
        else:
            if tag in _CONTAINERS:
                flush()
            buffer.append(child.text or "")
            stack.append(("close", child))
            stack.extend(("node", grandchild) for grandchild in reversed(child))
    flush()
    return lines


def find_container(tree: HtmlElement, rules: SiteRules) -> HtmlElement | None:
    """The site's article container, when its rules name one and the page has it."""
    if not rules.body:
        return None
    found = select(rules.body, tree)
    return found[0] if found else None


def drop_reason(
    line: str, repeated: frozenset[str] = frozenset(), site_patterns: Sequence[re.Pattern[str]] = ()
) -> str | None:
    """The name of the rule that makes a line not article text, or None when it is text."""
    normal = normalize_line(line)
    key = _key(normal)
    if not key:
        return "empty"
    if key in DROP_EXACT:
        return "furniture"
    if key in repeated:
        return "repeated"
    for pattern in site_patterns:
        if pattern.search(normal):
            return "site-line"
    for name, pattern in DROP_PATTERNS:
        if pattern.search(normal):
            return name
    return None


def clean_lines(lines: Iterable[str], repeated: Iterable[str] = (), rules: SiteRules = NO_RULES) -> list[str]:
    """Article paragraphs from trafilatura's lines, furniture removed."""
    return _clean_lines(lines, repeated, rules, [])


def _clean_lines(lines: Iterable[str], repeated: Iterable[str], rules: SiteRules, removed: list[str]) -> list[str]:
    repeated_keys = frozenset(_key(r) for r in repeated if r and len(_key(r)) > 10)
    site_patterns = [compile_line_pattern(p) for p in rules.drop_lines]
    kept: list[str] = []
    seen: set[str] = set()
    lines = [normalize_line(raw) for raw in lines]
    for index, line in enumerate(lines):
        if kept and _key(line) in END_MARKERS:
            removed += [f"end-marker: {snippet(rest)}" for rest in lines[index:] if rest]
            break
        if (reason := drop_reason(line, repeated_keys, site_patterns)) is not None:
            if reason != "empty":
                removed.append(f"{reason}: {snippet(line)}")
            continue
        if _key(line) in seen:
            removed.append(f"duplicate: {snippet(line)}")
            continue
        seen.add(_key(line))
        kept.append(line)
    start, end = _edges(kept)
    removed += [f"edge: {snippet(line)}" for line in (*kept[:start], *kept[end:])]
    kept = kept[start:end]
    if kept and (match := TRAILING_INITIALS.search(kept[-1])):
        removed.append(f"initials: {match.group().strip()}")
        kept[-1] = kept[-1][: match.start()].rstrip()
    return [line for line in kept if line]


def _is_furniture_edge(line: str) -> bool:
    return len(line) <= EDGE_LINE_MAX_CHARS and not _SENTENCE_END.search(line)


def _edges(lines: list[str]) -> tuple[int, int]:
    """Bounds of the lines left after trimming short label lines at both ends."""
    start, end = 0, len(lines)
    while start < end and _is_furniture_edge(lines[start]):
        start += 1
    while end > start and _is_furniture_edge(lines[end - 1]):
        end -= 1
    return start, end


def page_captions(tree: HtmlElement) -> list[str]:
    """Photo captions and image descriptions, which portals often repeat as body lines."""
    found = [e.text_content() for e in tree.xpath("//figcaption | //*[contains(@class, 'caption')]")]
    found += [a for a in tree.xpath("//img/@alt | //img/@title") if isinstance(a, str)]
    return [normalize_line(c) for c in found if c and c.strip()]


def clean_body(
    tree: HtmlElement,
    url: str | None = None,
    repeated: Sequence[str] = (),
    rules: SiteRules = NO_RULES,
    *,
    in_place: bool = False,
) -> Body:
    """Clean article text (paragraphs separated by one blank line; "" when none) and what was removed.

    `repeated` lists lines that are not article text when they recur in the body,
    such as the title; the page's own photo captions are added here. With
    `in_place`, the tree is pruned as it is, not copied (see `prune_tree`).
    """
    removed: list[str] = []
    captions = page_captions(tree)
    pruned = prune_tree(tree, rules, removed, in_place=in_place)
    container = find_container(pruned, rules)
    if container is not None:
        lines = container_lines(container)
    else:
        lines = trafilatura_text(pruned, url).splitlines()
    paragraphs = _clean_lines(lines, [*repeated, *captions], rules, removed)
    return Body("\n\n".join(paragraphs), tuple(removed))


def extract_body(
    tree: HtmlElement, url: str | None = None, repeated: Sequence[str] = (), rules: SiteRules = NO_RULES
) -> str:
    """Clean article text only (see `clean_body`)."""
    return clean_body(tree, url, repeated, rules).text
