"""Title, author and canonical URL from the page's markup.

Title: the `<h1>` when the `<title>` or og:title starts with it (then it is the
headline without the site suffix), else og:title / `<title>` with the site
suffix (" - Nawacita", " | KLIKJATIM.Com") cut off.
Author: a person named in a "Reporter :"/"Penulis :" line, JSON-LD or
`<meta name=author>`; a desk name such as "Redaksi" only when no person is named.
Canonical: `<link rel=canonical>`, else og:url, made absolute against the page URL.
Dateline place: where the page says the story was filed when the text itself has no
dateline (English sites put "Jakarta ● Wed, October 30, 2024" above the text).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from crawler.text.dates import date_lines, json_ld
from crawler.text.regions import is_place, place_of_date_line

# --- rules as data ---------------------------------------------------------

TITLE_SEPARATORS = re.compile(r"\s+[-|–—:·•»]\s+")
# A title tail at most this many words long may be a site name.
SUFFIX_MAX_WORDS = 4

CREDIT_LINE = re.compile(r"^\s*(?:Reporter|Penulis|Pewarta|Wartawan|Kontributor)\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE)
_CREDIT_START = re.compile(r"\s*(?:Reporter|Penulis|Pewarta|Wartawan|Kontributor)\s*:", re.IGNORECASE)
# Not people: desks, sites and placeholders.
NOT_A_PERSON = re.compile(r"^(?:redaksi|admin|administrator|editor|tim|team|desk|newsroom|humas)\b|\.(?:com|co|id|net)\b", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Za-z][\w.'’,-]*){0,5}$")


_BYLINE_WORD = re.compile(r"^(?:by|oleh|penulis)\s*:?\s+", re.IGNORECASE)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _clean_name(text: str | None) -> str:
    return _BYLINE_WORD.sub("", _clean(text))


def _site_words(tree: HtmlElement, url: str | None) -> set[str]:
    words = set()
    for name in tree.xpath("//meta[@property='og:site_name']/@content"):
        words.add(re.sub(r"\W+", "", str(name)).lower())
    if url:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:  # "http://[oops": no host to take words from
            host = ""
        labels = [label for label in host.split(".") if label not in ("www", "m", "com", "co", "id", "net", "or", "go")]
        words.update(label.lower() for label in labels)
    return {w for w in words if w}


def strip_site_suffix(title: str, site_words: Collection[str] = ()) -> str:
    """The headline without a trailing " - Site" part."""
    parts = TITLE_SEPARATORS.split(title)
    while len(parts) > 1:
        tail = parts[-1]
        squashed = re.sub(r"\W+", "", tail).lower()
        is_site = any(word and word in squashed for word in site_words) or re.search(r"\.\w{2,3}$", tail)
        if len(tail.split()) <= SUFFIX_MAX_WORDS and is_site:
            title = re.sub(r"\s+[-|–—:·•»]$", "", title[: title.rfind(tail)].rstrip())
            parts = TITLE_SEPARATORS.split(title)
        else:
            break
    return title


def find_title(tree: HtmlElement, url: str | None = None) -> str | None:
    h1 = next((_clean(h.text_content()) for h in tree.xpath("//h1") if _clean(h.text_content())), "")
    candidates = [_clean(str(t)) for t in tree.xpath("//meta[@property='og:title']/@content | //title/text()")]
    candidates = [c for c in candidates if c]
    if h1 and any(c.startswith(h1) for c in candidates):
        return h1
    site = _site_words(tree, url)
    for candidate in candidates:
        if stripped := strip_site_suffix(candidate, site):
            return stripped
    return h1 or None


def _br_lines(element: HtmlElement) -> list[str]:
    """The element's text split where it has `<br>`: "Pewarta: A<br>Editor: B" is two lines."""
    lines, buffer = [], [element.text or ""]
    for child in element.iterdescendants():
        if child.tag == "br":
            lines.append("".join(buffer))
            buffer = []
        elif isinstance(child.tag, str):
            buffer.append(child.text or "")
        buffer.append(child.tail or "")
    lines.append("".join(buffer))
    return [_clean(line) for line in lines if _clean(line)]


def _credit_names(tree: HtmlElement) -> list[str]:
    names = []
    for element in tree.iter("p", "span", "div", "li", "strong", "b"):
        raw = element.text_content()
        if not _CREDIT_START.match(raw):  # the cheap test first: most elements of a page are no credit line
            continue
        text = _clean(raw)
        if len(text) > 160 or not CREDIT_LINE.match(text):
            continue
        line = _br_lines(element)[0] if element.find(".//br") is not None else text
        if len(line) <= 80 and (match := CREDIT_LINE.match(line)):
            names.append(match.group("name"))
    return names


def _json_ld_authors(tree: HtmlElement) -> list[str]:
    names: list[str] = []
    for obj in json_ld(tree):
        author = obj.get("author")
        for item in author if isinstance(author, list) else [author]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.append(item["name"])
            elif isinstance(item, str):
                names.append(item)
        if obj.get("@type") == "Person" and isinstance(obj.get("name"), str):
            names.append(obj["name"])  # type: ignore[arg-type]
    return names


# The cheap test in XPath (a substring, in C), the exact one in Python: a class test with
# concat/normalize-space on every element of the page cost 0.4 ms a page.
_CLASS_WITH_AUTHOR = etree.XPath("//*[contains(@class, 'author')]")


def _author_class(classes: str) -> bool:
    return "author-name" in classes or "author vcard" in classes or "author" in classes.split()


def find_author(tree: HtmlElement) -> str | None:
    """A named person when there is one, else the desk name the page gives."""
    candidates = [
        *_credit_names(tree),
        *_json_ld_authors(tree),
        *(str(a) for a in tree.xpath("//meta[@name='author' or @property='article:author']/@content")),
        *(e.text_content() for e in _CLASS_WITH_AUTHOR(tree) if _author_class(e.get("class", ""))),
    ]
    candidates = [_clean_name(c) for c in candidates if _clean_name(c) and not _clean(c).startswith("http")]
    people = [c for c in candidates if not NOT_A_PERSON.search(c) and _NAME.match(c)]
    if people:
        return people[0]
    return candidates[0] if candidates else None


def find_canonical(tree: HtmlElement, url: str | None = None) -> str | None:
    """An absolute canonical URL, or None when the page gives none usable."""
    for href in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        href = str(href).strip()
        if not href:
            continue
        try:
            absolute = urljoin(url, href) if url else href
            parts = urlsplit(absolute)
            _ = parts.port  # a port out of range is no URL either
        except ValueError:  # "http://[oops": a hostile or broken page's canonical is no canonical
            continue
        if parts.scheme in ("http", "https") and parts.hostname:
            return absolute
    return None


def _ld_places(tree: HtmlElement) -> list[str]:
    places: list[str] = []
    for obj in json_ld(tree):
        for key in ("dateline", "locationCreated", "contentLocation"):
            value = obj.get(key)
            if isinstance(value, dict):
                value = value.get("name")
            if isinstance(value, str) and value.strip():
                places.append(re.split(r"\s*[,(●•|–—-]\s*", value.strip(), maxsplit=1)[0])
    return places


def find_dateline_place(tree: HtmlElement) -> str | None:
    """The known place the page files the story under, outside the text, or None.

    schema.org `dateline`/`locationCreated`/`contentLocation` first, then a date line
    opening with a place ("Jakarta ● Wed, October 30, 2024"). Only names in the
    official region list count, so a section name or an author is never taken.
    """
    for place in _ld_places(tree):
        if is_place(place):
            return place
    for line in date_lines(tree):
        if place := place_of_date_line(line):
            return place
    return None
