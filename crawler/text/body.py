"""Clean article text: trafilatura finds the article, then line rules remove what it keeps.

The cascade, each step a function over plain data:

1. `prune_tree`: drop elements that are never article text (captions, share
   widgets, tag lists, comment forms), and everything after an end-of-article
   marker such as "Baca Selengkapnya" or "Topik" (SEO link farms follow those).
2. trafilatura with `favor_precision=True, include_comments=False`: it keeps
   the article paragraphs and drops most navigation.
3. `clean_lines`: rules as data for the portal furniture trafilatura still
   keeps ("Baca juga: …", "Editor :", share prompts, photo captions, the title
   repeated, trailing reporter initials such as "(qom)").

Paragraphs are joined by one blank line.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Sequence

import trafilatura
from lxml.html import HtmlElement

# --- rules as data ---------------------------------------------------------

# Elements never holding article text. trafilatura removes most, not all.
PRUNE_XPATHS: tuple[str, ...] = (
    "//figcaption",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption-text ')]",
    "//*[contains(@class, 'photo-caption') or contains(@class, 'img-caption') or contains(@class, 'caption-text')]",
    "//*[contains(@class, 'share') or contains(@class, 'sharing') or contains(@class, 'social')]",
    "//*[contains(@class, 'related') or contains(@class, 'terkait')]",
    "//*[@id='comments' or @id='respond' or contains(@class, 'comment-respond')]",
    # ad slots: class tokens starting "ads", "iklan", "banner" (not "heads", "uploads")
    "//*[contains(concat(' ', normalize-space(@class)), ' ads') or contains(concat(' ', normalize-space(@class)), ' iklan')"
    " or contains(concat(' ', normalize-space(@class)), ' banner') or contains(@class, 'td-a-rec')]",
    "//form",
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

# Lines matching one of these are dropped; each with the furniture it names.
DROP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("read-also link", r"^(?:baca|simak|lihat)\s+(?:juga|pula)\b\s*[:：\-–]?"),
        ("credit line", r"^(?:editor|reporter|penulis|pewarta|sumber|redaktur|wartawan|penyunting)\s*:.{0,80}$"),
        ("photo caption", r"^(?:teks\s+foto|keterangan\s+foto|foto|caption)\s*:"),
        ("photo credit caption", r"\((?:dok|foto|ist|istimewa)\b[^)]{0,60}\)\.?$"),
        ("comment form", r"^alamat email anda tidak akan dipublikasikan"),
        ("bare domain", r"^[\w-]+(?:\.[\w-]+)+$"),
        ("initials only", r"^\(\s*[A-Za-z]{1,10}(?:/[A-Za-z]{1,10})?\s*\)$"),
    )
)

# Reporter initials closing the last paragraph: "… ujar Najmi. (qom)".
TRAILING_INITIALS = re.compile(r"(?<=[.!?\"”’'])\s*\(\s*[A-Za-z]{1,12}(?:/[A-Za-z]{1,12})?\s*\)\s*$")

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


def prune_tree(tree: HtmlElement) -> HtmlElement:
    """A copy of the tree without furniture elements and without what follows an end marker."""
    tree = copy.deepcopy(tree)
    for xpath in PRUNE_XPATHS:
        for element in tree.xpath(xpath):
            if element.getparent() is not None and element.tag not in ("body", "html"):
                element.drop_tree()
    _cut_after_end_marker(tree)
    return tree


def _cut_after_end_marker(tree: HtmlElement) -> None:
    seen = 0
    for element in tree.iter("p", "div", "h2", "h3", "h4", "h5", "span", "a", "section", "li"):
        text = _key(element.text_content())
        if element.tag == "p" and text not in END_MARKERS:
            seen += len(text)
        elif text in END_MARKERS and seen >= END_MARKER_MIN_CHARS:
            node = element
            while node is not None and node.tag not in ("body", "html"):
                for sibling in list(node.itersiblings()):
                    sibling.drop_tree()
                node = node.getparent()
            element.drop_tree()
            return


def trafilatura_text(tree: HtmlElement, url: str | None = None) -> str:
    """The article text as trafilatura sees it, one paragraph per line ("" if none)."""
    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
    )
    return text or ""


def drop_reason(line: str, repeated: frozenset[str] = frozenset()) -> str | None:
    """Why a line is not article text, or None when it is."""
    normal = normalize_line(line)
    key = _key(normal)
    if not key:
        return "empty"
    if key in DROP_EXACT:
        return "portal furniture"
    if key in repeated:
        return "title or caption repeated"
    for name, pattern in DROP_PATTERNS:
        if pattern.search(normal):
            return name
    return None


def clean_lines(lines: Iterable[str], repeated: Iterable[str] = ()) -> list[str]:
    """Article paragraphs from trafilatura's lines, furniture removed."""
    repeated_keys = frozenset(_key(r) for r in repeated if r and len(_key(r)) > 10)
    kept: list[str] = []
    seen: set[str] = set()
    for raw in lines:
        line = normalize_line(raw)
        if kept and _key(line) in END_MARKERS:
            break
        if drop_reason(line, repeated_keys) is not None:
            continue
        if _key(line) in seen:
            continue
        seen.add(_key(line))
        kept.append(line)
    kept = _trim_edges(kept)
    if kept:
        kept[-1] = TRAILING_INITIALS.sub("", kept[-1]).rstrip()
    return [line for line in kept if line]


def _is_furniture_edge(line: str) -> bool:
    return len(line) <= EDGE_LINE_MAX_CHARS and not _SENTENCE_END.search(line)


def _trim_edges(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and _is_furniture_edge(lines[start]):
        start += 1
    while end > start and _is_furniture_edge(lines[end - 1]):
        end -= 1
    return lines[start:end]


def page_captions(tree: HtmlElement) -> list[str]:
    """Photo captions and image descriptions, which portals often repeat as body lines."""
    found = [e.text_content() for e in tree.xpath("//figcaption | //*[contains(@class, 'caption')]")]
    found += [a for a in tree.xpath("//img/@alt | //img/@title") if isinstance(a, str)]
    return [normalize_line(c) for c in found if c and c.strip()]


def extract_body(tree: HtmlElement, url: str | None = None, repeated: Sequence[str] = ()) -> str:
    """Clean article text, paragraphs separated by one blank line; "" when none found.

    `repeated` lists lines that are not article text when they recur in the body,
    such as the title; the page's own photo captions are added here.
    """
    captions = page_captions(tree)
    text = trafilatura_text(prune_tree(tree), url)
    paragraphs = clean_lines(text.splitlines(), [*repeated, *captions])
    return "\n\n".join(paragraphs)
