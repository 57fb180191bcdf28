"""Helpers every theme shares: escaping, Indonesian dates, links, and the view objects."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from arsip.simulator.model import SimArticle

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def esc(text: str) -> str:
    """HTML-escape text and attribute values."""
    return escape(text, quote=True)


def tanggal(d: datetime) -> str:
    """'Rabu, 18 Desember 2024'."""
    return f"{HARI[d.weekday()]}, {d.day} {BULAN[d.month - 1]} {d.year}"


def tanggal_pendek(d: datetime) -> str:
    """'18 Desember 2024'."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Site:
    """One running portal: who it pretends to be, and how its pages spell links."""

    portal: str
    name: str  # "Klikjatim.com"
    domain: str  # "klikjatim.com"
    base: str  # "http://127.0.0.1:PORT/"
    absolute: bool  # absolute links (http://127.0.0.1:PORT/x) or root-relative (/x)
    tag_path: str  # the BPJS Ketenagakerjaan tag listing
    feed_path: str | None = None  # advertised with <link rel=alternate>
    feed_type: str = "application/rss+xml"
    aliases: dict[str, str] = field(default_factory=dict)  # article path -> path it is linked by

    def url(self, path: str) -> str:
        """Absolute URL of a path (canonical, og:url, feeds)."""
        return self.base.rstrip("/") + path

    def href(self, path: str) -> str:
        """A link as this portal writes it."""
        return self.url(path) if self.absolute else path

    def link(self, article: SimArticle) -> str:
        """The link this portal uses for an article (an old URL when it has one)."""
        return self.href(self.aliases.get(article.path, article.path))


@dataclass(frozen=True)
class ArticleView:
    """An article page: the article and the other headlines around it."""

    article: SimArticle
    related: tuple[SimArticle, ...]  # "Baca juga" / "Pos terkait" / "Berita Terbaru"
    sidebar: tuple[SimArticle, ...]  # "Terpopuler" box


@dataclass(frozen=True)
class Listing:
    """One page of a paginated listing."""

    heading: str
    path: str  # canonical path of this page
    items: tuple[SimArticle, ...]
    page: int
    next_path: str | None  # href as the theme should write it (already relative/absolute)
    prev_path: str | None


def description(article: SimArticle) -> str:
    """Meta description: the lead, cut at a word like CMSs do."""
    lead = article.paragraphs[0]
    return lead if len(lead) <= 160 else lead[:157].rsplit(" ", 1)[0] + "..."


def paragraphs_html(paragraphs: tuple[str, ...], inserts: dict[int, str] | None = None) -> str:
    """<p> per paragraph, with boilerplate blocks inserted after the given paragraph indexes."""
    out: list[str] = []
    for i, text in enumerate(paragraphs):
        out.append(f"<p>{esc(text)}</p>")
        if inserts and i in inserts:
            out.append(inserts[i])
    return "\n".join(out)


def news_jsonld(site: Site, article: SimArticle, publisher: str) -> str:
    """A schema.org NewsArticle block as Yoast/custom CMSs emit it."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": site.url(article.path)},
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "dateModified": article.published.isoformat(),
        "author": {"@type": "Person", "name": article.author or "Redaksi"},
        "publisher": {"@type": "Organization", "name": publisher,
                      "logo": {"@type": "ImageObject", "url": site.url("/assets/img/logo.png")}},
        "image": [site.url("/assets/img/og-default.jpg")],
        "description": description(article),
    }
    body = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">{body}</script>'


def og_tags(site: Site, title: str, desc: str, path: str, kind: str = "article") -> str:
    """Open Graph and Twitter card tags."""
    return "\n".join((
        '<meta property="og:locale" content="id_ID">',
        f'<meta property="og:type" content="{kind}">',
        f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:description" content="{esc(desc)}">',
        f'<meta property="og:url" content="{esc(site.url(path))}">',
        f'<meta property="og:site_name" content="{esc(site.name)}">',
        f'<meta property="og:image" content="{esc(site.url("/assets/img/og-default.jpg"))}">',
        '<meta name="twitter:card" content="summary_large_image">',
    ))


def alternate_link(site: Site) -> str:
    """<link rel=alternate> to the portal's feed, when it has one."""
    if not site.feed_path:
        return ""
    return (f'<link rel="alternate" type="{site.feed_type}" title="{esc(site.name)} &raquo; Feed" '
            f'href="{esc(site.url(site.feed_path))}">')
