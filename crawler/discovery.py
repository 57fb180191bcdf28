"""Finding article URLs: robots.txt, feeds, sitemaps and listing pages, as plain functions.

The spider fetches; these parse. Each takes a body and the URL it came from and returns
absolute URLs, so they can be tested on saved files. XML is parsed with entity resolution
and network access off (feeds and sitemaps are untrusted input).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import lxml.etree
import tldextract
from parsel import Selector
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

# Guessed locations tried for a source that gives only its home page.
GUESSED_FEEDS = ("feed/",)
GUESSED_SITEMAPS = ("sitemap.xml", "sitemap_index.xml")

_FEED_TYPES = ("application/rss+xml", "application/atom+xml")
_NOT_ARTICLE = re.compile(
    r"/(tag|tags|topik|topic|category|kategori|kanal|author|penulis|page|search|cari|feed|rss|"
    r"wp-admin|wp-content|wp-json|wp-login|indeks|amp|login|register|about|tentang|"
    r"kontak|contact|redaksi|pedoman|privacy|sitemap)(/|$|\?|\.)",
    re.IGNORECASE,
)
_FILE = re.compile(r"\.(jpe?g|png|gif|webp|svg|pdf|zip|mp4|mp3|xml|gz|css|js)$", re.IGNORECASE)
_NEXT_TEXT = re.compile(r"^\s*(next|berikutnya|selanjutnya|lanjut|older posts|»|›|>>)\s*[»›>]*\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Listing:
    articles: tuple[str, ...]
    next_page: str | None


# The public suffix list bundled with tldextract (a Scrapy dependency); never fetched.
_DOMAINS = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def site_of(url: str) -> str:
    """The site a URL belongs to: its registrable domain, so that `madura.jatimtimes.com` and
    `jatimtimes.com` are one site; an IP address or localhost with its port (one per portal)."""
    parts = urlsplit(url)
    domain = _DOMAINS(parts.hostname or "").top_domain_under_public_suffix
    return domain or f"{parts.hostname}:{parts.port or ''}"


def looks_like_article(url: str, site_url: str) -> bool:
    """Whether a link on a listing page is worth fetching as an article.

    News CMSs give articles long slugs (`/bpjs-ketenagakerjaan-gresik-gelar-rapat/`) or
    numeric ids (`/baca/326029/...`); section, tag, author and paging URLs are neither.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or site_of(url) != site_of(site_url):
        return False
    path = parts.path
    if _NOT_ARTICLE.search(path) or _FILE.search(path):
        return False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    slug = max(segments, key=len)
    return slug.count("-") >= 3 or (any(s.isdigit() and len(s) >= 4 for s in segments) and "-" in slug)


def sitemaps_in_robots(body: bytes, url: str) -> list[str]:
    """`Sitemap:` lines of a robots.txt, made absolute."""
    return [urljoin(url, u) for u in sitemap_urls_from_robots(body, base_url=url)]


def parse_sitemap(body: bytes, url: str, *, max_size: int) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs) of a sitemap or sitemap index, gzip or not, newest first.

    A body that is not a sitemap, a broken gzip, or one that inflates past `max_size`
    (a gzip bomb) gives nothing. Entries are ordered by `<lastmod>`, newest first (undated
    ones after, in document order), so a crawl that takes only part of a big sitemap takes
    the news.
    """
    try:
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body, max_size=max_size)
        sitemap = Sitemap(without_doctype(body))
        entries = list(sitemap)
    except (lxml.etree.XMLSyntaxError, StopIteration, ValueError, OSError, EOFError):
        return [], []
    entries.sort(key=_newest_first)  # stable: undated entries keep the document's order
    locs = [urljoin(url, e["loc"]) for e in entries if e.get("loc")]
    if sitemap.type == "sitemapindex":
        return locs, []
    if sitemap.type == "urlset":
        return [], locs
    return [], []


def _newest_first(entry: dict[str, str]) -> tuple[int, float]:
    try:
        when = datetime.fromisoformat((entry.get("lastmod") or "").strip())
    except ValueError:
        return (1, 0.0)
    return (0, -(when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp())


def xml_problem(body: bytes) -> str:
    """Why a feed or sitemap body gave no URLs, for the run's failures: 'empty body', 'root <html>'…"""
    if not body.strip():
        return "empty body"
    if body[:2] == b"\x1f\x8b":
        return "gzip that is broken or inflates past DOWNLOAD_MAXSIZE"
    try:
        root = lxml.etree.fromstring(body, parser=_XML)
    except lxml.etree.XMLSyntaxError as error:
        return f"not XML ({error})"
    if root is None:
        return "not XML"
    return f"no entries under root <{lxml.etree.QName(root).localname}>"


_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", re.DOTALL | re.IGNORECASE)


def without_doctype(body: bytes) -> bytes:
    """The XML without its DOCTYPE: no feed or sitemap needs one, and its entity definitions
    are how hostile XML attacks (billion laughs, external entities). Undefined references
    left behind are dropped by the recovering parser, so the rest of the document still reads.
    """
    head = body[:65536]
    match = _DOCTYPE.search(head)
    return body if match is None else body[: match.start()] + body[match.end():]


_XML = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, remove_comments=True, huge_tree=False
)


def parse_feed(body: bytes, url: str) -> list[str]:
    """Item links of an RSS 2.0, RSS 1.0 or Atom feed."""
    try:
        root = lxml.etree.fromstring(without_doctype(body), parser=_XML)
    except lxml.etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    links: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = lxml.etree.QName(element).localname
        parent = element.getparent()
        in_item = parent is not None and lxml.etree.QName(parent).localname in ("item", "entry")
        if tag != "link" or not in_item:
            continue
        href = element.get("href")
        if href is not None:  # Atom
            if element.get("rel", "alternate") == "alternate":
                links.append(urljoin(url, href.strip()))
        elif element.text and element.text.strip():  # RSS
            links.append(urljoin(url, element.text.strip()))
    return list(dict.fromkeys(links))


def feeds_in_page(html: str, url: str) -> list[str]:
    """Feeds a page announces with `<link rel="alternate" type="application/rss+xml">`."""
    page = Selector(text=html)
    hrefs = [
        link.attrib.get("href", "")
        for link in page.css("link[rel~=alternate]")
        if link.attrib.get("type", "").lower() in _FEED_TYPES
    ]
    return [urljoin(page_base(page, url), h.strip()) for h in hrefs if h.strip()]


def parse_listing(html: str, url: str) -> Listing:
    """Article links of a listing, tag or search page, and its next page if it has one."""
    page = Selector(text=html)
    base = page_base(page, url)
    articles = [
        link
        for href in page.css("a::attr(href)").getall()
        if looks_like_article(link := urljoin(base, href.strip()), url)
    ]
    return Listing(tuple(dict.fromkeys(a.split("#")[0] for a in articles)), _next_page(page, base, url))


def _next_page(page: Selector, base: str, url: str) -> str | None:
    candidates = page.css("link[rel~=next]::attr(href), a[rel~=next]::attr(href)").getall()
    for anchor in page.css("a[href]"):
        text = " ".join(anchor.css("::text").getall())
        classes = anchor.attrib.get("class", "")
        if _NEXT_TEXT.match(text) or re.search(r"\bnext\b", classes):
            candidates.append(anchor.attrib["href"])
    for href in candidates:
        target = urljoin(base, href.strip())
        if site_of(target) == site_of(url) and target.split("#")[0] != url.split("#")[0]:
            return target
    return None


def page_base(page: Selector, url: str) -> str:
    """The URL relative links resolve from: `<base href>` when the page sets one."""
    base = page.css("base::attr(href)").get()
    return urljoin(url, base.strip()) if base else url
