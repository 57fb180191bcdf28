"""A big generated WordPress news portal for the speed benchmarks (bench/crawl, bench/reprocess).

`BulkPortal(BulkConfig(articles=50_000))` is N articles on one portal in the beritalima theme
(WordPress + Yoast): a mix of articles about BPJS Ketenagakerjaan and articles that are not,
some syndicated near-copies of an earlier article, regions of Jawa Timur, dates over ten
years. Everything follows from the seed; nothing is held per article, so a page is rendered
when it is asked for (50,000 pre-rendered pages would weigh gigabytes). Pages weigh what a
real news page weighs (about 30-80 KB: inline CSS and scripts, a mega menu, sidebars,
"Berita Lainnya" headlines) because extraction cost grows with the page.

Discovery: robots.txt names /sitemap_index.xml, which lists child sitemaps of at most
`per_sitemap` (1,000, as Yoast does) article URLs; the home page paginates as /page/N/, the
BPJS Ketenagakerjaan tag as /tag/bpjs-ketenagakerjaan/page/N/; /feed/ has the latest ten.

    python -m arsip.simulator.bulk --articles 50000     # prints {"bulk": "http://127.0.0.1:PORT/", ...}

The server counts the article pages it served (GET /__bulk/stats, POST /__bulk/reset), so a
benchmark can check that a crawler fetched every article.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import signal
import sys
import threading
import time
from array import array
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from arsip.simulator import feeds
from arsip.simulator.content import articles as seed_articles
from arsip.simulator.model import WIB, SimArticle
from arsip.simulator.portals import Response
from arsip.simulator.themes import beritalima as theme
from arsip.simulator.themes.common import ArticleView, Listing, Site, esc, tanggal_pendek

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
CONTROL = "/__bulk/"
TAG_PATH = "/tag/bpjs-ketenagakerjaan/"
REGENCIES_CSV = Path(__file__).resolve().parents[2] / "storage" / "data" / "wilayah" / "regencies.csv"
NEWEST = datetime(2026, 11, 1, 9, 0, tzinfo=WIB)  # the newest article; older ones go back ten years
SPAN_DAYS = 3650

# Words that make a sentence about BPJS Ketenagakerjaan (or its programmes); "neutral" sentences,
# the only ones not-relevant articles are made of, contain none of them.
_ABOUT_AGENCY = re.compile(
    r"bpjs|jamsostek|ketenagakerjaan|jaminan|\bj(?:ht|kk|km|kp|p)\b|pensiun|kecelakaan kerja|klaim|iuran|peserta",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class BulkConfig:
    """What the generated portal holds. The same config always gives the same portal."""

    articles: int = 200
    seed: int = 1
    relevant_fraction: float = 0.3  # share of articles about BPJS Ketenagakerjaan (exact to within one)
    syndicated_fraction: float = 0.05  # share of the relevant ones that are near-copies of an earlier one
    per_sitemap: int = 1000  # URLs per child sitemap (Yoast's default)
    per_page: int = 10  # articles per page of the home and tag listings

    def __post_init__(self) -> None:
        if self.articles < 1:
            raise ValueError(f"bulk portal: articles must be at least 1, got {self.articles}")
        for name in ("relevant_fraction", "syndicated_fraction"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"bulk portal: {name} must be between 0 and 1, got {value}")
        if not 1 <= self.per_sitemap <= 50_000:
            raise ValueError(f"bulk portal: per_sitemap must be 1..50000 (the sitemap protocol's limit), got {self.per_sitemap}")


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # "35.25"
    name: str  # "Kabupaten Gresik"
    short: str  # "Gresik"


@dataclass(frozen=True, slots=True)
class BulkArticle:
    """One generated article's facts (cheap to compute; the body is generated separately)."""

    index: int  # 0 is the newest
    path: str
    title: str
    published: datetime
    author: str
    region: Region
    relevant: bool
    copy_of: int | None  # the article whose text this one syndicates, or None
    category: str


# -- material: texts of the hand-written simulator articles, split into sentences -------------------


def _sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if len(s.strip()) > 30]


@cache
def _pools() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(sentences from articles about BPJS Ketenagakerjaan, sentences that never touch the subject).

    Leads are left out: they carry other portals' datelines.
    """
    relevant: list[str] = []
    neutral: list[str] = []
    for article in seed_articles():
        for paragraph in article.paragraphs[1:]:
            for sentence in _sentences(paragraph):
                if article.relevant:
                    relevant.append(sentence)
                if not _ABOUT_AGENCY.search(sentence):
                    neutral.append(sentence)
    return tuple(dict.fromkeys(relevant)), tuple(dict.fromkeys(neutral))


@cache
def _regions() -> tuple[Region, ...]:
    """The regencies and cities of Jawa Timur, with their Kemendagri codes."""
    with REGENCIES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kode_provinsi"] == "35"]
    return tuple(Region(r["kode"], r["nama"], r["nama_pendek"]) for r in rows)


AUTHORS = ("Rohman", "Ganefo", "Yayuk", "Dedy", "Hasan", "Nanang", "Rizal", "Titin", "Bambang", "Lilik")
CATEGORIES = ("Jatim", "Nasional", "Ekonomi", "Olahraga")

RELEVANT_TITLES = (
    "BPJS Ketenagakerjaan {short} Bayarkan Klaim JHT Rp{n} Miliar kepada {m} Peserta",
    "{m} Pekerja Rentan di {name} Kini Terlindungi BPJS Ketenagakerjaan",
    "Pemkab {short} dan BPJS Ketenagakerjaan Teken Kerja Sama Perlindungan Perangkat Desa",
    "BPJS Ketenagakerjaan {short} Sosialisasikan Program JKP kepada {m} Buruh Pabrik",
    "Ahli Waris Nelayan {short} Terima Santunan JKM dari BPJS Ketenagakerjaan",
    "BPJS Ketenagakerjaan Cabang {short} Gelar Layanan Jemput Bola di {n} Kecamatan",
    "Kepesertaan BPJS Ketenagakerjaan di {name} Naik {n} Persen",
    "BPJS Ketenagakerjaan Salurkan Beasiswa untuk {m} Anak Peserta di {short}",
    "Ojol dan Pedagang Pasar {short} Didaftarkan ke BPJS Ketenagakerjaan",
    "DPRD {short} Dorong Perusahaan Patuh Daftarkan Pekerja ke BPJS Ketenagakerjaan",
)
RELEVANT_LEADS = (
    "{CITY}, beritalima.com – BPJS Ketenagakerjaan Cabang {short} mencatat {m} peserta baru sepanjang tahun ini, sebagian besar pekerja bukan penerima upah di {name}.",
    "{CITY}, beritalima.com – Sebanyak {m} pekerja di {name} kini terdaftar sebagai peserta BPJS Ketenagakerjaan setelah iurannya ditanggung pemerintah daerah.",
    "{CITY}, beritalima.com – BPJS Ketenagakerjaan menyerahkan manfaat program kepada {m} peserta dan ahli waris di {name}, dengan nilai total Rp{n} miliar.",
    "{CITY}, beritalima.com – Pemerintah {name} bersama BPJS Ketenagakerjaan memperluas perlindungan jaminan sosial bagi {m} pekerja rentan.",
)
NEUTRAL_TITLES = (
    "Pemkab {short} Gelar Pasar Murah di {n} Kecamatan",
    "Banjir Rendam {m} Rumah Warga di {name}",
    "Festival Kuliner {short} Dikunjungi {m} Wisatawan",
    "Persik dan Persebaya Bermain Imbang di Laga Uji Coba {short}",
    "KPU {short} Tetapkan {m} Pemilih dalam Daftar Pemilih Tetap",
    "Ratusan UMKM {short} Ikuti Pelatihan Pemasaran Digital",
    "Jalan Provinsi di {name} Diperbaiki Sepanjang {n} Kilometer",
    "Harga Cabai di Pasar {short} Naik Jelang Musim Hujan",
)
NEUTRAL_LEADS = (
    "{CITY}, beritalima.com – Pemerintah {name} menggelar kegiatan yang diikuti {m} warga dari {n} kecamatan, Sabtu pagi.",
    "{CITY}, beritalima.com – Ribuan warga {name} memadati pusat kota sejak pagi; panitia mencatat {m} pengunjung hingga siang hari.",
    "{CITY}, beritalima.com – Dinas terkait di {name} menyiapkan {n} titik layanan untuk mengantisipasi lonjakan kebutuhan warga.",
)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:90].rstrip("-")


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Every figure replaced by another of the same length, so articles do not repeat each other."""
    def swap(match: re.Match[str]) -> str:
        digits = len(match.group())
        if digits == 4 and match.group().startswith(("19", "20")):
            return match.group()  # a year
        return str(rng.randint(10 ** (digits - 1) if digits > 1 else 1, 10**digits - 1))

    return _NUMBER.sub(swap, text)


# -- the portal -----------------------------------------------------------------------------------------


class BulkPortal:
    """The generated portal at `base` ("http://127.0.0.1:PORT/"): its articles, truth and pages."""

    def __init__(self, config: BulkConfig = BulkConfig(), base: str = "http://127.0.0.1/") -> None:
        self.config = config
        self.base = base
        self.site = Site(portal="bulk", name="beritalima.com", domain="beritalima.com", base=base, absolute=True,
                         tag_path=TAG_PATH, feed_path="/feed/", feed_type="application/rss+xml")
        self._offset = random.Random(f"bulk-offset/{config.seed}").random()
        self.relevant_indexes = array("l", (i for i in range(config.articles) if self._is_relevant(i)))
        self._chrome = _Chrome(self.site)
        self.article = lru_cache(maxsize=8192)(self._article)

    # truth

    def _is_relevant(self, i: int) -> bool:
        """A low-discrepancy sequence: any run of articles holds the configured share, to within one."""
        return (i * 0.6180339887498949 + self._offset) % 1.0 < self.config.relevant_fraction

    def _rng(self, i: int, what: str) -> random.Random:
        return random.Random(f"bulk/{self.config.seed}/{what}/{i}")

    def _is_copy(self, i: int) -> bool:
        return self._is_relevant(i) and self._rng(i, "copy").random() < self.config.syndicated_fraction

    def _original(self, i: int) -> int | None:
        """The older relevant, non-copy article that article i syndicates (within 40 older articles)."""
        if not self._is_copy(i):
            return None
        for j in range(i + 1, min(i + 41, self.config.articles)):
            if self._is_relevant(j) and not self._is_copy(j):
                return j
        return None

    def _article(self, i: int) -> BulkArticle:
        if not 0 <= i < self.config.articles:
            raise IndexError(f"bulk portal: no article {i} (it has {self.config.articles})")
        rng = self._rng(i, "meta")
        relevant = self._is_relevant(i)
        region = rng.choice(_regions())
        n, m = rng.randint(2, 95), rng.randint(12, 4800)
        title = rng.choice(RELEVANT_TITLES if relevant else NEUTRAL_TITLES).format(
            short=region.short, name=region.name, n=n, m=f"{m:,}".replace(",", "."))
        step = SPAN_DAYS * 86400 / self.config.articles
        published = NEWEST - timedelta(seconds=int(i * step + rng.random() * step * 0.8))
        published = published.replace(second=0)
        copy_of = self._original(i)
        if copy_of is not None:  # a press release run again: its story, region and headline, reworded
            original = self.article(copy_of)
            region, title = original.region, original.title.replace("BPJS Ketenagakerjaan", "BPJAMSOSTEK")
        path = f"/{published:%Y/%m/%d}/{_slug(title)}-{i}/"
        return BulkArticle(index=i, path=path, title=title, published=published, author=rng.choice(AUTHORS),
                           region=region, relevant=relevant, copy_of=copy_of,
                           category="Jatim" if relevant else rng.choice(CATEGORIES))

    def articles(self) -> list[BulkArticle]:
        """Every article, newest first (computes all of them: for tests and small portals)."""
        return [self.article(i) for i in range(self.config.articles)]

    def index_of(self, path: str) -> int | None:
        """The article served at `path`, or None."""
        match = re.fullmatch(r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+-(\d+)/", path)
        if not match or not 0 <= (i := int(match.group(1))) < self.config.articles:
            return None
        return i if self.article(i).path == path else None

    def url(self, i: int) -> str:
        return self.site.url(self.article(i).path)

    def paragraphs(self, i: int) -> tuple[str, ...]:
        """The body of article i; a syndicated copy has its original's, less one paragraph."""
        a = self.article(i)
        source = a.copy_of if a.copy_of is not None else i
        lead_rng = self._rng(source, "lead")  # a copy keeps the release's lead and figures
        n, m = lead_rng.randint(2, 95), f"{lead_rng.randint(12, 4800):,}".replace(",", ".")
        leads = RELEVANT_LEADS if a.relevant else NEUTRAL_LEADS
        lead = lead_rng.choice(leads).format(CITY=a.region.short.upper(), short=a.region.short,
                                             name=a.region.name, n=n, m=m)
        rng = self._rng(source, "body")
        relevant_pool, neutral_pool = _pools()
        pool = relevant_pool if a.relevant else neutral_pool
        body = []
        for _ in range(rng.randint(5, 11)):
            sentences = rng.sample(pool, rng.randint(2, 4))
            body.append(_vary_numbers(" ".join(sentences), rng))
        if a.copy_of is not None:  # a near copy: the same story, one paragraph cut by the editor
            del body[self._rng(i, "cut").randrange(len(body))]
        return (lead, *body)

    def sim_article(self, i: int, *, full: bool = True) -> SimArticle:
        """Article i as the themes take it (`full=False`: headline use, only the lead)."""
        a = self.article(i)
        paragraphs = self.paragraphs(i) if full else (a.title,)
        return SimArticle(portal="bulk", path=a.path, title=a.title, published=a.published, author=a.author,
                          region_code=a.region.code, relevant=a.relevant, story=None, fault=None,
                          paragraphs=paragraphs, category=a.category, tagged=a.relevant,
                          caption=f"Suasana kegiatan di {a.region.name}." if full else None)

    # pages

    def render_article(self, i: int) -> str:
        """The article page: the theme's page, dressed as a production WordPress page is."""
        count = self.config.articles
        near = [j for j in (i - 2, i - 1, i + 1, i + 2, i + 3) if 0 <= j < count and j != i]
        related = tuple(self.sim_article(j, full=False) for j in near[:3])
        sidebar = tuple(self.sim_article(j, full=False) for j in range(min(count, 6)) if j != i)[:5]
        view = ArticleView(article=self.sim_article(i), related=related, sidebar=sidebar)
        page = theme.render_article(self.site, view)
        more_rng = self._rng(i, "more")
        more = [(i + k * 7 + 1) % count for k in range(more_rng.randint(0, 40))]
        popular = [(i * 31 + k * 97) % count for k in range(5)]
        return self._chrome.dress(page, [self.article(j) for j in more if j != i],
                                  [self.article(j) for j in popular if j != i])

    def render_listing(self, indexes: list[int], heading: str, first: str, pattern: str, page: int, last: int) -> str:
        """Page `page` of `last` of a listing whose first page is `first` and later ones `pattern`."""
        def path_of(n: int) -> str:
            return first if n == 1 else pattern.format(n)

        items = tuple(self.sim_article(j, full=False) for j in indexes)
        listing = Listing(heading=heading, path=path_of(page), items=items, page=page,
                          next_path=path_of(page + 1) if page < last else None,
                          prev_path=path_of(page - 1) if page > 1 else None)
        return theme.render_listing(self.site, listing)

    def sitemap_count(self) -> int:
        return math.ceil(self.config.articles / self.config.per_sitemap)

    def sitemap_path(self, n: int) -> str:
        """Yoast's names: /post-sitemap.xml, /post-sitemap2.xml, ..."""
        return "/post-sitemap.xml" if n == 1 else f"/post-sitemap{n}.xml"

    def respond(self, target: str) -> Response:
        """The response to a GET of `target` (path with optional query)."""
        path = urlsplit(target).path
        if (i := self.index_of(path)) is not None:
            return Response(200, HTML, self.render_article(i).encode("utf-8"))
        if path == "/robots.txt":
            body = ("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                    f"Sitemap: {self.site.url('/sitemap_index.xml')}\n")
            return Response(200, "text/plain; charset=UTF-8", body.encode())
        if path == "/sitemap_index.xml":
            children = tuple(
                (self.sitemap_path(n), self.article((n - 1) * self.config.per_sitemap).published)
                for n in range(1, self.sitemap_count() + 1))
            return Response(200, XML, feeds.sitemap_index(self.site, children).encode())
        if match := re.fullmatch(r"/post-sitemap(\d*)\.xml", path):
            n = int(match.group(1) or 1)
            if match.group(1) != "1" and 1 <= n <= self.sitemap_count():
                size = self.config.per_sitemap
                items = [self.article(j) for j in range((n - 1) * size, min(n * size, self.config.articles))]
                rows = "\n".join(f"  <url>\n    <loc>{esc(self.site.url(a.path))}</loc>\n"
                                 f"    <lastmod>{a.published.isoformat()}</lastmod>\n  </url>" for a in items)
                body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + rows + "\n</urlset>\n")
                return Response(200, XML, body.encode())
        if path == "/feed/":
            items = tuple(self.sim_article(j) for j in range(min(10, self.config.articles)))
            return Response(200, "application/rss+xml; charset=UTF-8", feeds.rss(self.site, items, "/feed/").encode())
        if match := re.fullmatch(r"/(?:page/(\d+)/)?", path):
            return self._listing_page(list(range(self.config.articles)), "Berita Terbaru", "/", "/page/{}/",
                                      int(match.group(1) or 1))
        if match := re.fullmatch(re.escape(TAG_PATH) + r"(?:page/(\d+)/)?", path):
            return self._listing_page(self.relevant_indexes, "BPJS Ketenagakerjaan", TAG_PATH,
                                      TAG_PATH + "page/{}/", int(match.group(1) or 1))
        if not path.endswith("/") and self.index_of(path + "/") is not None:  # WordPress adds the slash
            return Response(301, HTML, b"", headers=(("Location", self.site.url(path + "/")),))
        body = theme.render_message(self.site, "Halaman Tidak Ditemukan (404)",
                                    ("Maaf, halaman yang Anda cari tidak ditemukan.",), path)
        return Response(404, HTML, body.encode("utf-8"))

    def _listing_page(self, indexes: list[int] | array, heading: str, first: str, pattern: str, page: int) -> Response:
        size = self.config.per_page
        last = max(1, math.ceil(len(indexes) / size))
        if not 1 <= page <= last:
            return Response(404, HTML, b"<h1>404</h1>")
        chosen = list(indexes[(page - 1) * size: page * size])
        return Response(200, HTML, self.render_listing(chosen, heading, first, pattern, page, last).encode("utf-8"))

    def expected(self) -> dict[str, int]:
        """What a perfect crawl finds: articles, relevant ones, and how many of those are copies."""
        copies = sum(1 for i in self.relevant_indexes if self._original(i) is not None)
        return {"articles": self.config.articles, "relevant": len(self.relevant_indexes),
                "not_relevant": self.config.articles - len(self.relevant_indexes), "syndicated": copies}


# -- what makes a page weigh what a production page weighs ---------------------------------------------


class _Chrome:
    """The heavy parts of a WordPress news page around the theme's markup, built once per portal."""

    COLORS = ("black", "cyan-bluish-gray", "white", "pale-pink", "vivid-red", "luminous-vivid-orange",
              "luminous-vivid-amber", "light-green-cyan", "vivid-green-cyan", "pale-cyan-blue",
              "vivid-cyan-blue", "vivid-purple", "primary", "secondary", "tertiary", "accent")
    SIZES = ("small", "medium", "large", "x-large", "xx-large", "huge")

    def __init__(self, site: Site) -> None:
        self.site = site
        self.head = self._head()
        self.menu = self._menu()
        self.widgets = self._widgets()
        self.footer = self._footer()

    def _head(self) -> str:
        rules = []
        for c in self.COLORS:
            rules.append(f".has-{c}-color{{color: var(--wp--preset--color--{c}) !important;}}")
            rules.append(f".has-{c}-background-color{{background-color: var(--wp--preset--color--{c}) !important;}}")
            rules.append(f".has-{c}-border-color{{border-color: var(--wp--preset--color--{c}) !important;}}")
        for s in self.SIZES:
            rules.append(f".has-{s}-font-size{{font-size: var(--wp--preset--font-size--{s}) !important;}}")
        style = "body{--wp--preset--color--black: #000000;--wp--preset--spacing--20: 0.44rem;}\n" + "\n".join(rules)
        emoji = ("window._wpemojiSettings = {\"baseUrl\":\"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/\","
                 "\"ext\":\".png\",\"svgUrl\":\"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/svg\\/\",\"svgExt\":\".svg\","
                 "\"source\":{\"concatemoji\":\"" + self.site.url("/wp-includes/js/wp-emoji-release.min.js?ver=6.4.3") + "\"}};\n"
                 "!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,timestamp:(new Date).valueOf()};"
                 "sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}function p(e,t,n){e.clearRect(0,0,e.canvas.width,"
                 "e.canvas.height),e.fillText(t,0,0);var t=new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height)"
                 ".data),r=(e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(n,0,0),new Uint32Array(e.getImageData"
                 "(0,0,e.canvas.width,e.canvas.height).data));return t.every(function(e,t){return e===r[t]})}}(window,document);")
        styles = "\n".join(
            f"<link rel='stylesheet' id='{name}-css' href='{self.site.url(f'/wp-content/plugins/{name}/style.min.css')}?ver=6.4.3' media='all' />"
            for name in ("wp-block-library", "classic-theme-styles", "newsup-fonts", "bootstrap", "font-awesome",
                         "swiper", "smartmenus", "newsup-custom", "jetpack-sharing", "elementor-icons"))
        gtag = ("<script async src='https://www.googletagmanager.com/gtag/js?id=G-XXXXXXX'></script>\n"
                "<script>window.dataLayer = window.dataLayer || [];function gtag(){dataLayer.push(arguments);}"
                "gtag('js', new Date());gtag('config', 'G-XXXXXXX');</script>\n"
                "<script async src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0000' crossorigin='anonymous'></script>")
        return (f"<script>{emoji}</script>\n<style id='global-styles-inline-css'>\n{style}\n</style>\n"
                f"{styles}\n{gtag}\n")

    def _menu(self) -> str:
        items = "\n".join(
            f'<li class="menu-item menu-item-type-taxonomy"><a href="{self.site.url("/category/jatim/" + _slug(r.short) + "/")}">{esc(r.short)}</a></li>'
            for r in _regions())
        topics = ("Hukum & Kriminal", "Politik", "Pendidikan", "Kesehatan", "Pariwisata", "Hiburan", "Teknologi",
                  "Otomotif", "Gaya Hidup", "Opini", "Religi", "Internasional")
        extra = "\n".join(
            f'<li class="menu-item"><a href="{self.site.url("/category/" + _slug(t) + "/")}">{esc(t)}</a></li>' for t in topics)
        return (f'<nav class="mg-nav-widget-area-back"><ul id="menu-mega" class="sub-menu mega-menu">\n'
                f'<li class="menu-item menu-item-has-children"><a href="#">Daerah</a><ul class="sub-menu">\n{items}\n</ul></li>\n'
                f'{extra}\n</ul></nav>\n')

    def _widgets(self) -> str:
        tags = ("BPJS Kesehatan", "Pemilu", "Pilkada", "Banjir", "UMKM", "Pendidikan", "Covid-19", "Persebaya",
                "Arema", "Pemprov Jatim", "DPRD Jatim", "Kriminal", "Lalu Lintas", "Cuaca", "Kuliner", "Wisata",
                "Ramadan", "Idul Fitri", "Harga Pangan", "Inflasi", "Pajak", "Polres", "Kodim", "Nelayan",
                "Petani", "Buruh", "UMK", "Investasi", "Ekspor", "Pelabuhan")
        cloud = " ".join(f'<a href="{self.site.url("/tag/" + _slug(t) + "/")}" class="tag-cloud-link" '
                         f'style="font-size: {8 + (len(t) * 7) % 14}pt;" aria-label="{esc(t)} ({len(t) * 13} item)">{esc(t)}</a>'
                         for t in tags)
        ads = "\n".join(f'<div class="mg-widget widget_custom_html"><ins class="adsbygoogle" style="display:block" '
                        f'data-ad-client="ca-pub-0000" data-ad-slot="{1000 + k}" data-ad-format="auto" '
                        f'data-full-width-responsive="true"></ins><script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script></div>'
                        for k in range(4))
        return (f'<div class="mg-widget widget_tag_cloud"><div class="mg-wid-title"><h6 class="wtitle">Tag</h6></div>'
                f'<div class="tagcloud">{cloud}</div></div>\n{ads}\n')

    def _footer(self) -> str:
        links = "\n".join(f'<li><a href="{self.site.url("/" + _slug(t) + "/")}">{esc(t)}</a></li>'
                          for t in ("Tentang Kami", "Redaksi", "Pedoman Media Siber", "Kode Etik", "Kebijakan Privasi",
                                    "Disclaimer", "Kontak", "Karir", "Iklan", "Standar Perlindungan Wartawan"))
        script = ("var newsup_ajax_object = {\"ajax_url\":\"" + self.site.url("/wp-admin/admin-ajax.php") + "\",\"nonce\":\"3f9c2a1b7d\"};\n"
                  "jQuery(document).ready(function($){$('.mg-search-box').on('click',function(){$('.mg-search-box form')"
                  ".toggleClass('open')});var swiper=new Swiper('.featured-slider',{loop:true,autoplay:{delay:5000},"
                  "navigation:{nextEl:'.swiper-button-next',prevEl:'.swiper-button-prev'}});});")
        scripts = "\n".join(f"<script src='{self.site.url(f'/wp-content/themes/newsup/js/{name}.js')}?ver=6.4.3'></script>"
                            for name in ("jquery.min", "jquery-migrate.min", "bootstrap.min", "swiper-bundle.min",
                                         "jquery.smartmenus", "jquery.sticky", "custom", "custom-time"))
        return f'<div class="mg-footer-widget-area"><ul class="footer-links">{links}</ul></div>\n{scripts}\n<script>{script}</script>\n'

    def _headline(self, a: BulkArticle, kind: str) -> str:
        url = esc(self.site.url(a.path))
        return (f'<div class="mg-posts-sec-post {kind}"><div class="mg-post-thumb back-img md" '
                f'style="background-image: url(\'{self.site.url("/wp-content/uploads/" + a.published.strftime("%Y/%m/") + "foto-" + str(a.index) + "-300x200.jpg")}\');">'
                f'<a class="link-div" href="{url}"></a></div><article class="small"><div class="mg-blog-category">'
                f'<a class="newsup-categories category-color-1" href="{self.site.url("/category/" + a.category.lower() + "/")}">{esc(a.category)}</a></div>'
                f'<h4 class="entry-title title"><a href="{url}" title="{esc(a.title)}">{esc(a.title)}</a></h4>'
                f'<div class="mg-blog-meta"><span class="mg-blog-date"><i class="fas fa-clock"></i> {tanggal_pendek(a.published)}</span>'
                f' <a class="auth" href="{self.site.url("/author/" + a.author.lower() + "/")}"><i class="fas fa-user-circle"></i> {esc(a.author)}</a></div>'
                f'</article></div>')

    def dress(self, page: str, more: list[BulkArticle], popular: list[BulkArticle]) -> str:
        """Insert the heavy parts at the places a WordPress theme puts them."""
        more_html = ('<div class="mg-posts-sec mg-posts-modul-6"><div class="mg-sec-title"><h4>Berita Lainnya</h4></div>\n'
                     + "\n".join(self._headline(a, "more") for a in more) + "\n</div>\n")
        popular_html = ('<div class="mg-widget newsup_posts_widget"><div class="mg-wid-title"><h6 class="wtitle">Terpopuler</h6></div>\n'
                        + "\n".join(self._headline(a, "popular") for a in popular) + "\n</div>\n")
        page = page.replace("</head>", self.head + "</head>", 1)
        page = page.replace("</header>", self.menu + "</header>", 1)
        page = page.replace('<div id="comments"', more_html + '<div id="comments"', 1)
        page = page.replace("</div></aside>", popular_html + self.widgets + "</div></aside>", 1)
        return page.replace("</footer>", self.footer + "</footer>", 1)


# -- serving ---------------------------------------------------------------------------------------------


class _Stats:
    """Article pages served since start or the last reset: how many, which, first and last time;
    and each child sitemap served with how many article pages had been served before it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.article_hits = 0
        self.articles: set[int] = set()
        self.first: float | None = None
        self.last: float | None = None
        self.sitemaps: list[tuple[str, int]] = []

    def add(self, index: int | None, path: str) -> None:
        with self.lock:
            self.requests += 1
            if path.startswith("/post-sitemap"):
                self.sitemaps.append((path, self.article_hits))
            if index is None:
                return
            now = time.time()
            self.article_hits += 1
            self.articles.add(index)
            self.first = self.first or now
            self.last = now

    def snapshot(self) -> dict[str, object]:
        with self.lock:
            return {"requests": self.requests, "article_hits": self.article_hits,
                    "distinct_articles": len(self.articles), "first": self.first, "last": self.last,
                    "sitemaps": list(self.sitemaps)}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    timeout = 30
    portal: BulkPortal
    stats: _Stats

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Quiet: benchmarks read figures, not logs."""

    def _send(self, response: Response, with_body: bool = True) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(response.body)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path.startswith(CONTROL):
            if self.path == CONTROL + "stats":
                self._send(Response(200, "application/json", json.dumps(self.stats.snapshot()).encode()))
            else:
                self._send(Response(404, "text/plain", b"GET /__bulk/stats or POST /__bulk/reset\n"))
            return
        response = self.portal.respond(self.path)
        path = urlsplit(self.path).path
        self.stats.add(self.portal.index_of(path) if response.status == 200 else None, path)
        self._send(response)

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(self.portal.respond(self.path), with_body=False)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path == CONTROL + "reset":
            self.stats.reset()
            self._send(Response(200, "application/json", b'{"ok": true}'))
        else:
            self._send(Response(405, "text/plain", b"Method Not Allowed\n"))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # a crawler opens many connections at once


class BulkServer:
    """The bulk portal served on `host` (a free port), in a daemon thread. A context manager."""

    def __init__(self, config: BulkConfig = BulkConfig(), host: str = "127.0.0.1", port: int = 0) -> None:
        self.stats = _Stats()
        handler = type("BulkHandler", (_Handler,), {"stats": self.stats})
        self._server = _Server((host, port), handler)
        url_host = f"[{host}]" if ":" in host else host
        self.url = f"http://{url_host}:{self._server.server_address[1]}/"
        self.portal = handler.portal = BulkPortal(config, self.url)
        self._thread = threading.Thread(target=self._server.serve_forever, name="bulk-portal", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and free the port. Safe to call twice."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self) -> BulkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def sources_toml(url: str, name: str = "bulk") -> str:
    """A sources file entry for the bulk portal: discovery through its sitemap index only."""
    return (f'[[source]]\nname = "{name}"\nurl = "{url}"\nsitemaps = ["{url}sitemap_index.xml"]\n'
            f'region = "Jawa Timur"\n[source.rules]\nbody = "article.single"\n'
            f'prune = ["figure.wp-caption", "p.post-sign", "div.tags"]\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m arsip.simulator.bulk", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=BulkConfig.articles, help="number of articles (default %(default)s)")
    parser.add_argument("--seed", type=int, default=BulkConfig.seed, help="generator seed (default %(default)s)")
    parser.add_argument("--relevant", type=float, default=BulkConfig.relevant_fraction,
                        help="share of articles about BPJS Ketenagakerjaan (default %(default)s)")
    parser.add_argument("--syndicated", type=float, default=BulkConfig.syndicated_fraction,
                        help="share of relevant articles that are near-copies (default %(default)s)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    args = parser.parse_args(argv)
    try:
        config = BulkConfig(articles=args.articles, seed=args.seed, relevant_fraction=args.relevant,
                            syndicated_fraction=args.syndicated)
    except ValueError as exc:
        parser.error(str(exc))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with BulkServer(config, args.host, args.port) as server:
        line = {"bulk": server.url, "sitemap": server.url + "sitemap_index.xml", **server.portal.expected()}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
