"""jatimtimes.com: a custom CMS. Absolute links, JSON-LD, dates as "30 - Oct - 2024, 03:34",
"Baca Juga :" lines, a "Baca Selengkapnya" button, a "Topik" list, then an SEO blurb and
SEO link lists that have nothing to do with the article."""

from __future__ import annotations

from arsip.simulator.model import SimArticle
from arsip.simulator.themes.common import (
    MONTH_ABBR, ArticleView, Listing, Site, alternate_link, description, esc, news_jsonld,
    og_tags, paragraphs_html,
)

MENU = ("Peristiwa", "Pemerintahan", "Ekonomi", "Kesehatan")

SEO_BLURB = (
    "Jawa Timur merupakan salah satu provinsi dengan pertumbuhan ekonomi yang cukup pesat di Indonesia. "
    "Sektor industri, perdagangan, dan pariwisata menjadi pilar utama perekonomian Jatim. Pembangunan "
    "infrastruktur juga terus dilakukan untuk mendukung pertumbuhan ekonomi dan meningkatkan kesejahteraan masyarakat."
)
SEO_LINKS = (
    ("cara menyimpan tomat", "/seo/cara-menyimpan-tomat"),
    ("memilih model baju kerja wanita", "/seo/model-baju-kerja-wanita"),
    ("harga gabah shio 2025", "/seo/harga-gabah-2025"),
    ("Tips Memilih Bralette", "/seo/tips-memilih-bralette"),
)


def author_path(name: str | None) -> str:
    """Reporter profile pages."""
    return "/penulis/" + (name or "redaksi").lower().replace(" ", "-")


def category_path(name: str) -> str:
    """Kanal pages."""
    return "/kanal/" + name.lower()


def _date(a: SimArticle) -> str:
    d = a.published
    return f"{d.day:02d} - {MONTH_ABBR[d.month - 1]} - {d.year}, {d:%H:%M}"


def _shell(site: Site, *, title: str, desc: str, path: str, main: str, head: str = "",
           kind: str = "website") -> str:
    nav = "\n".join(f'<a class="nav-link" href="{site.href(category_path(m))}">{m}</a>' for m in MENU)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<title>{esc(title)}</title>
<meta name="description" content="{esc(desc)}">
<meta name="robots" content="index,follow">
<meta name="googlebot-news" content="index,follow">
<link rel="canonical" href="{esc(site.url(path))}">
{og_tags(site, title, desc, path, kind)}
{alternate_link(site)}
<link rel="stylesheet" href="{site.href('/assets/v2/css/main.css')}">
{head}
</head>
<body>
<header class="header"><div class="container">
  <a class="navbar-brand" href="{site.href('/')}"><img src="{site.href('/assets/v2/img/logo-jatimtimes.png')}" alt="JatimTIMES"></a>
  <nav class="nav nav-main"><a class="nav-link" href="{site.href('/')}">Home</a>
{nav}
  </nav>
</div></header>
<div class="container main">
{main}
</div>
<footer class="footer"><div class="container">
  <div class="footer-nav"><a href="{site.href('/redaksi')}">Redaksi</a> <a href="{site.href('/pedoman-media-siber')}">Pedoman Media Siber</a></div>
  <p class="copyright">&copy; 2026 JatimTIMES.com. Hak Cipta Dilindungi Undang-Undang.</p>
</div></footer>
<script src="{site.href('/assets/v2/js/main.js')}"></script>
</body>
</html>
"""


def _item(site: Site, a: SimArticle) -> str:
    return (f'<div class="news-item"><a href="{esc(site.link(a))}" class="news-title">{esc(a.title)}</a>'
            f'<div class="news-date">{_date(a)}</div></div>')


def render_article(site: Site, view: ArticleView) -> str:
    a = view.article
    inserts = {}
    inserts[2] = ('<div class="inarticle-parallax"><div class="parallax-label">Scroll untuk baca artikel</div>'
                  '<div id="div-gpt-ad-parallax"></div></div>')
    for n, rel in zip((1, 5), view.related):
        inserts[n] = (f'<div class="baca-juga"><span>Baca Juga : </span><a href="{esc(site.link(rel))}">'
                      f'{esc(rel.title)}</a></div>')
    topik = ", ".join(
        f'<a href="{site.href(t)}">{esc(n)}</a>'
        for n, t in (("Peristiwa", category_path("Peristiwa")), ("BPJS Ketenagakerjaan", site.tag_path),
                     (a.category, category_path(a.category))))
    seo = "\n".join(f'<li><a href="{site.href(p)}">{esc(t)}</a></li>' for t, p in SEO_LINKS)
    byline = ""
    if a.author:
        byline = f'<div class="news-author">Penulis : <a href="{site.href(author_path(a.author))}">{esc(a.author)}</a> | Editor : Yunan Helmy</div>'
    popular = "\n".join(_item(site, s) for s in view.sidebar)
    main = f"""<div class="row">
<div class="col-md-8">
<article class="news-detail">
  <h1 class="news-detail-title">{esc(a.title)}</h1>
  <div class="news-detail-date">{_date(a)}</div>
  {byline}
  <figure class="news-detail-img"><img src="{site.href('/images/uploads/' + a.path.split('/')[2] + '.jpg')}" alt="{esc(a.title)}">
    <figcaption>{esc(a.caption or '')}</figcaption></figure>
  <div class="news-detail-text">
{paragraphs_html(a.served_paragraphs, inserts)}
  </div>
  <div class="read-more"><button class="btn btn-readmore" type="button">Baca Selengkapnya</button></div>
  <div class="news-topik"><h4>Topik</h4>{topik},</div>
  <div class="share-box">Bagikan: <a href="https://wa.me/?text={esc(site.url(a.path))}">WhatsApp</a> <a href="https://www.facebook.com/sharer/sharer.php?u={esc(site.url(a.path))}">Facebook</a></div>
  <div class="news-related"><h4>Berita Lainnya</h4>
{chr(10).join(_item(site, r) for r in view.related)}
  </div>
</article>
<div class="seo-box"><p>{SEO_BLURB}</p><ul class="seo-links">
{seo}
</ul>
<p>Cincin anniversary bukan sekadar perhiasan - ia adalah simbol yang menceritakan perjalanan cinta yang telah dilalui bersama.</p></div>
</div>
<div class="col-md-4"><div class="terpopuler"><h3>Terpopuler</h3>
{popular}
</div></div>
</div>"""
    return _shell(site, title=f"{a.title} - JatimTIMES", desc=description(a), path=a.path, main=main,
                  head=news_jsonld(site, a, "JatimTIMES.com"), kind="article")


def render_listing(site: Site, listing: Listing) -> str:
    nav = []
    if listing.prev_path:
        nav.append(f'<a class="page-link" href="{esc(site.href(listing.prev_path))}">Prev</a>')
    nav.append(f'<span class="page-link active">{listing.page}</span>')
    if listing.next_path:
        nav.append(f'<a class="page-link pagination-next" href="{esc(site.href(listing.next_path))}">Next</a>')
    items = "\n".join(_item(site, a) for a in listing.items)
    main = f"""<h1 class="page-title">{esc(listing.heading)}</h1>
<div class="news-list">
{items}
</div>
<nav class="pagination">{' '.join(nav)}</nav>"""
    return _shell(site, title=f"{listing.heading} - JatimTIMES", desc=listing.heading, path=listing.path, main=main)


def render_home(site: Site, items: tuple[SimArticle, ...]) -> str:
    main = f"""<h2 class="section-title">Berita Terkini</h2>
<div class="news-list">
{chr(10).join(_item(site, a) for a in items)}
</div>
<p><a href="{site.href(site.tag_path)}">Topik BPJS Ketenagakerjaan</a></p>"""
    return _shell(site, title="JatimTIMES - Berita Jawa Timur Terkini dan Terpercaya",
                  desc="Berita terkini Jawa Timur, Malang Raya, Blitar, dan sekitarnya.", path="/", main=main)


def render_message(site: Site, title: str, paragraphs: tuple[str, ...], path: str) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    main = f'<h1 class="page-title">{esc(title)}</h1>\n{body}'
    return _shell(site, title=f"{title} - JatimTIMES", desc=title, path=path, main=main)
