"""What each portal serves at which path: its discovery surfaces, its pages and its faults.

`build(portal, base)` renders every page of one portal once, into a path -> Response table;
the server only looks paths up. The per-portal choices (feed kind, sitemap kind, robots,
pagination style, faults) sit in SPECS so the variety across portals is visible in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import ModuleType

from arsip.simulator import feeds
from arsip.simulator.content import beritalima as beritalima_data
from arsip.simulator.content import portal_articles
from arsip.simulator.model import SimArticle, SimFault
from arsip.simulator.themes import beritalima, jatimtimes, klikjatim, nawacita, realita
from arsip.simulator.themes.common import ArticleView, Listing, Site, esc

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"

# Text that would have followed the last paragraph of the truncated article; it is never served.
TRUNCATION_TAIL = "Selain JHT, BP Jamsostek Kediri juga membayarkan klaim Jaminan Pensiun kepada 1.204 peserta."


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds to sleep before answering (the slow endpoint)


@dataclass(frozen=True)
class Spec:
    """How one portal is built and how it can be discovered."""

    name: str
    site_name: str
    domain: str
    theme: ModuleType
    absolute: bool
    tag_path: str
    wordpress: bool  # pagination as /page/N/ (else ?page=N), trailing-slash redirects
    per_page: int
    feed: tuple[str, str] | None  # ("rss" | "atom", path)
    sitemap: tuple[str, str] | None  # ("index" | "news" | "gzip" | "plain", path)
    robots: str  # robots.txt body; "{base}" is replaced by the portal's URL
    static: tuple[str, ...]  # paths of static pages (redaksi, ...)
    slow_paths: frozenset[str] = frozenset()
    aliases: dict[str, str] = field(default_factory=dict)  # article path -> old path that 301s to it


_STATIC_CUSTOM = ("/redaksi", "/pedoman-media-siber")
_STATIC_WP = ("/redaksi/", "/pedoman-media-siber/")

SPECS: dict[str, Spec] = {
    "klikjatim": Spec(
        name="klikjatim", site_name="Klikjatim.com", domain="klikjatim.com", theme=klikjatim,
        absolute=True, tag_path="/tag/bpjs-ketenagakerjaan", wordpress=False, per_page=2,
        feed=("atom", "/feed/atom.xml"), sitemap=("news", "/sitemap-news.xml"),
        robots="User-agent: *\nDisallow: /search\nDisallow: /api/\n\nSitemap: {base}sitemap-news.xml\n",
        static=_STATIC_CUSTOM,
    ),
    "nawacita": Spec(
        name="nawacita", site_name="Nawacita", domain="nawacita.co", theme=nawacita,
        absolute=False, tag_path="/tag/bpjs-ketenagakerjaan/", wordpress=True, per_page=3,
        feed=("rss", "/feed/"), sitemap=("plain", "/sitemap.xml"),
        robots="User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: {base}sitemap.xml\n",
        static=_STATIC_WP,
    ),
    "realita": Spec(
        name="realita", site_name="Realita", domain="realita.co", theme=realita,
        absolute=False, tag_path="/tag/bpjs-ketenagakerjaan", wordpress=False, per_page=3,
        feed=None, sitemap=("plain", "/sitemap.xml"),
        robots="User-agent: *\nDisallow: /baca-berita/preview/\nDisallow: /cari\n\nUser-agent: GPTBot\nDisallow: /\n",
        static=_STATIC_CUSTOM + ("/indeks",),
    ),
    "jatimtimes": Spec(
        name="jatimtimes", site_name="JatimTIMES", domain="jatimtimes.com", theme=jatimtimes,
        absolute=True, tag_path="/tag/bpjs-ketenagakerjaan", wordpress=False, per_page=2,
        feed=None, sitemap=("gzip", "/sitemap.xml.gz"),
        robots="User-agent: *\nDisallow: /admin/\nDisallow: /search/\nSitemap: {base}sitemap.xml.gz\n",
        static=_STATIC_CUSTOM + tuple(p for _, p in jatimtimes.SEO_LINKS),
        slow_paths=frozenset({"/tag/bpjs-ketenagakerjaan?page=2"}),
    ),
    "beritalima": Spec(
        name="beritalima", site_name="beritalima.com", domain="beritalima.com", theme=beritalima,
        absolute=True, tag_path="/tag/bpjs-ketenagakerjaan/", wordpress=True, per_page=3,
        feed=("rss", "/feed/"), sitemap=("index", "/sitemap_index.xml"),
        robots="User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: {base}sitemap_index.xml\n",
        static=_STATIC_WP,
        aliases={"/jamsostek-untuk-petani-tembakau-jember-dibiayai-dbhcht/": beritalima_data.OLD_JEMBER_PATH},
    ),
}

STATIC_TEXT = (
    "Halaman ini memuat informasi redaksi, alamat kantor, dan pedoman pemberitaan media siber.",
    "Untuk hak jawab dan koreksi, silakan hubungi redaksi melalui surat elektronik.",
)
NOT_FOUND_TEXT = (
    "Maaf, halaman yang Anda cari tidak ditemukan atau sudah dipindahkan.",
    "Silakan kembali ke beranda atau gunakan menu untuk membaca berita terbaru.",
)


def page_path(spec: Spec, page: int) -> str:
    """Path of page N of the tag listing, in the portal's pagination style."""
    if page == 1:
        return spec.tag_path
    return f"{spec.tag_path}page/{page}/" if spec.wordpress else f"{spec.tag_path}?page={page}"


def site_for(spec: Spec, base: str) -> Site:
    """The theme-facing description of a portal running at `base`."""
    feed_type = "application/atom+xml" if spec.feed and spec.feed[0] == "atom" else "application/rss+xml"
    return Site(portal=spec.name, name=spec.site_name, domain=spec.domain, base=base, absolute=spec.absolute,
                tag_path=spec.tag_path, feed_path=spec.feed[1] if spec.feed else None, feed_type=feed_type,
                aliases=dict(spec.aliases))


def visible(portal: str) -> tuple[SimArticle, ...]:
    """Articles linked from home, feeds, sitemaps and sidebars (everything but listing-only ones)."""
    return tuple(a for a in portal_articles(portal) if not a.listing_only)


def tagged(portal: str) -> tuple[SimArticle, ...]:
    """Articles on the BPJS Ketenagakerjaan tag listing, newest first."""
    return tuple(a for a in portal_articles(portal) if a.tagged)


def listing_pages(spec: Spec) -> list[tuple[str, tuple[SimArticle, ...]]]:
    """(path, items) of every page of the tag listing."""
    items = tagged(spec.name)
    chunks = [items[i:i + spec.per_page] for i in range(0, len(items), spec.per_page)]
    return [(page_path(spec, n), chunk) for n, chunk in enumerate(chunks, 1)]


def view_for(article: SimArticle) -> ArticleView:
    """Related headlines (nearest in time) and a sidebar (relevant ones first) around an article."""
    others = [a for a in visible(article.portal) if a.path != article.path]
    related = sorted(others, key=lambda a: abs((a.published - article.published).total_seconds()))[:3]
    sidebar = sorted(others, key=lambda a: (not a.relevant, -a.published.timestamp()))[:5]
    return ArticleView(article=article, related=tuple(related), sidebar=tuple(sidebar))


def faults(portal: str) -> tuple[SimFault, ...]:
    """Every deliberate defect of one portal."""
    spec = SPECS[portal]
    out = [SimFault(portal, a.path, a.fault) for a in portal_articles(portal)
           if a.fault and a.fault != "redirected"]
    out += [SimFault(portal, old, "redirect", target=new) for new, old in spec.aliases.items()]
    out += [SimFault(portal, p, "slow") for p in sorted(spec.slow_paths)]
    return tuple(out)


def _html(text: str, status: int = 200) -> Response:
    return Response(status, HTML, text.encode("utf-8"))


def _article_response(spec: Spec, site: Site, article: SimArticle) -> Response:
    theme = spec.theme
    if article.fault == "http500":
        body = ("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Kesalahan Basis Data</title></head>"
                "<body id=\"error-page\"><div class=\"wp-die-message\"><h1>Error establishing a database connection</h1>"
                "</div></body></html>")
        return _html(body, 500)
    if article.fault == "truncated":
        full = theme.render_article(site, view_for(
            replace(article, paragraphs=article.paragraphs + (TRUNCATION_TAIL,))))
        cut = full.index("<p>" + esc(TRUNCATION_TAIL)) + len("<p>")
        return _html(full[:cut])
    page = theme.render_article(site, view_for(article))
    if article.fault == "windows1252":
        page = page.replace("charset=utf-8", "charset=windows-1252")
        return Response(200, "text/html; charset=windows-1252", page.encode("cp1252", "xmlcharrefreplace"))
    return _html(page)


def not_found(spec: Spec, site: Site, path: str) -> Response:
    """The portal's own 404 page."""
    return _html(spec.theme.render_message(site, "Halaman Tidak Ditemukan (404)", NOT_FOUND_TEXT, path), 404)


def build(portal: str, base: str) -> dict[str, Response]:
    """Every page of one portal running at `base` ("http://127.0.0.1:PORT/"), keyed by path (+query)."""
    spec = SPECS[portal]
    site = site_for(spec, base)
    theme = spec.theme
    shown = visible(portal)
    routes: dict[str, Response] = {}

    routes["/"] = _html(theme.render_home(site, shown[:10]))
    routes["/robots.txt"] = Response(200, "text/plain; charset=UTF-8", spec.robots.replace("{base}", base).encode())

    if spec.feed:
        kind, path = spec.feed
        if kind == "rss":
            routes[path] = Response(200, "application/rss+xml; charset=UTF-8", feeds.rss(site, shown[:10], path).encode())
        else:
            routes[path] = Response(200, "application/atom+xml; charset=utf-8", feeds.atom(site, shown[:10], path).encode())

    if spec.sitemap:
        kind, path = spec.sitemap
        if kind == "index":
            routes[path] = Response(200, XML, feeds.sitemap_index(site, (
                ("/post-sitemap.xml", shown[0].published), ("/page-sitemap.xml", shown[0].published))).encode())
            routes["/post-sitemap.xml"] = Response(200, XML, feeds.urlset(site, shown).encode())
            routes["/page-sitemap.xml"] = Response(200, XML, feeds.urlset(site, (), ("/",) + spec.static).encode())
        elif kind == "news":
            routes[path] = Response(200, XML, feeds.news_sitemap(site, shown).encode())
        elif kind == "gzip":
            routes[path] = Response(200, "application/x-gzip", feeds.gzipped(feeds.urlset(site, shown, ("/",))))
        else:
            routes[path] = Response(200, XML, feeds.urlset(site, shown, ("/",)).encode())

    pages = listing_pages(spec)
    for n, (path, items) in enumerate(pages, 1):
        listing = Listing(heading="BPJS Ketenagakerjaan", path=path, items=items, page=n,
                          next_path=pages[n][0] if n < len(pages) else None,
                          prev_path=pages[n - 2][0] if n > 1 else None)
        html = theme.render_listing(site, listing)
        routes[path] = Response(200, HTML, html.encode(), delay=1.0 if path in spec.slow_paths else 0.0)

    categories = set(theme.MENU) | {a.category for a in shown}
    for name in sorted(categories):
        path = theme.category_path(name)
        items = tuple(a for a in shown if a.category == name)
        routes[path] = _html(theme.render_listing(site, Listing(name, path, items, 1, None, None)))
    author_path = getattr(theme, "author_path", None)
    if author_path:
        for path in sorted({author_path(a.author) for a in shown}):
            items = tuple(a for a in shown if author_path(a.author) == path)
            routes[path] = _html(theme.render_listing(site, Listing(items[0].author or "Redaksi", path, items, 1, None, None)))
    if "/indeks" in spec.static:
        routes["/indeks"] = _html(theme.render_listing(site, Listing("Indeks Berita", "/indeks", shown, 1, None, None)))

    for path in spec.static:
        if path not in routes:
            title = path.strip("/").rsplit("/", 1)[-1].replace("-", " ").title()
            routes[path] = _html(theme.render_message(site, title, STATIC_TEXT, path))

    for article in portal_articles(portal):
        routes[article.path] = _article_response(spec, site, article)
    if portal == "jatimtimes":  # one article at several URLs: AMP pages, and /terpopuler linking them
        popular = tuple(a for a in shown if a.relevant and not a.fault)[:3]
        variants: list[SimArticle] = []
        for article in popular:
            routes[article.path + "/amp"] = routes[article.path]
            variants += [replace(article, path=article.path + "/amp"),
                         replace(article, path=article.path + "?utm_source=terpopuler&utm_medium=web")]
        routes["/terpopuler"] = _html(theme.render_listing(
            site, Listing("Terpopuler", "/terpopuler", tuple(variants), 1, None, None)))
    for new, old in spec.aliases.items():
        routes[old] = Response(301, HTML, b"", headers=(("Location", site.url(new)),))
    return routes
