"""klikjatim.com: a custom CMS. Absolute links, JSON-LD, avatar byline, caption shown twice,
"Baca juga:" between paragraphs, an empty "Editor :" line, dates as 18/12/2024 14:05 WIB."""

from __future__ import annotations

from arsip.simulator.model import SimArticle
from arsip.simulator.themes.common import (
    ArticleView, Listing, Site, alternate_link, description, esc, news_jsonld, og_tags,
    paragraphs_html,
)

MENU = ("Gresik", "Lamongan", "Sidoarjo", "Mojokerto", "Kediri")


def _date(a: SimArticle) -> str:
    return a.published.strftime("%d/%m/%Y %H:%M WIB")


def _shell(site: Site, *, title: str, desc: str, path: str, main: str, head: str = "",
           kind: str = "website") -> str:
    nav = "\n".join(
        f'<li><a href="{site.href("/kanal/" + m.lower())}">{m}</a></li>' for m in MENU)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<meta name="description" content="{esc(desc)}">
<link rel="canonical" href="{esc(site.url(path))}">
{og_tags(site, title, desc, path, kind)}
{alternate_link(site)}
<link rel="stylesheet" href="{site.href('/assets/css/style.min.css')}?v=3.4.1">
<link rel="icon" href="{site.href('/favicon.ico')}">
{head}
</head>
<body class="klik">
<div class="ads ads-skyscraper left">klikjatim.com skyscraper</div>
<div class="ads ads-skyscraper right">klikjatim.com skyscraper</div>
<header class="site-header">
  <div class="topbar"><span class="today">Jawa Timur Terkini</span>
    <a href="{site.href('/redaksi')}">Redaksi</a> | <a href="{site.href('/pedoman-media-siber')}">Pedoman Media Siber</a></div>
  <a class="logo" href="{site.href('/')}"><img src="{site.href('/assets/img/logo.png')}" alt="Klikjatim.com"></a>
  <nav class="main-nav"><ul>
    <li><a href="{site.href('/')}">Home</a></li>
{nav}
    <li><a href="{site.href(site.tag_path)}">#BPJSKetenagakerjaan</a></li>
  </ul></nav>
</header>
<main class="container">
{main}
</main>
<footer class="site-footer">
  <ul class="footer-links">
    <li><a href="{site.href('/redaksi')}">Redaksi</a></li>
    <li><a href="{site.href('/pedoman-media-siber')}">Pedoman Media Siber</a></li>
  </ul>
  <p>Copyright &copy; 2026 KLIKJATIM.Com. All Rights Reserved.</p>
</footer>
<script src="{site.href('/assets/js/app.min.js')}"></script>
</body>
</html>
"""


def _card(site: Site, a: SimArticle) -> str:
    return (f'<div class="news-card"><a href="{esc(site.link(a))}"><h3>{esc(a.title)}</h3></a>'
            f'<span class="kanal">{esc(a.category)}</span> <span class="date">{_date(a)}</span></div>')


def _sidebar(site: Site, items: tuple[SimArticle, ...]) -> str:
    rows = "\n".join(
        f'<li><span class="num">{i}</span><a href="{esc(site.link(a))}">{esc(a.title)}</a></li>'
        for i, a in enumerate(items, 1))
    return f'<aside class="sidebar"><h4 class="widget-title">Terpopuler</h4><ol class="popular">\n{rows}\n</ol></aside>'


def render_article(site: Site, view: ArticleView) -> str:
    a = view.article
    inserts = {}
    for n, rel in zip((3, 6), view.related):
        inserts[n] = (f'<p class="baca-juga"><strong>Baca juga:</strong> '
                      f'<a href="{esc(site.link(rel))}">{esc(rel.title)}</a></p>')
    caption = esc(a.caption or a.title)
    main = f"""<div class="row">
<article class="detail">
  <div class="breadcrumb"><a href="{site.href('/')}">Home</a> / <a href="{site.href('/kanal/' + a.category.lower())}">{esc(a.category)}</a></div>
  <h1 class="detail-title">{esc(a.title)}</h1>
  <div class="detail-meta">
    <span class="author"><img class="avatar" src="{site.href('/assets/img/avatar.png')}" alt="avatar"> {esc(a.author or 'Redaksi')}</span>
    <span class="date">{_date(a)}</span>
  </div>
  <div class="share"><ul>
    <li><a class="wa" href="https://api.whatsapp.com/send?text={esc(site.url(a.path))}">WhatsApp</a></li>
    <li><a class="fb" href="https://www.facebook.com/sharer/sharer.php?u={esc(site.url(a.path))}">Facebook</a></li>
    <li><button class="copy-url" data-url="{esc(site.url(a.path))}">Salin</button><span class="toast">URL berhasil dicopy</span></li>
  </ul></div>
  <figure class="detail-image">
    <img src="{site.href('/assets/img/berita/' + a.path.rsplit('/', 1)[-1] + '.jpg')}" alt="{caption}" title="{caption}">
    <div class="img-alt">{caption}</div>
    <figcaption>{caption}</figcaption>
  </figure>
  <div class="detail-content" itemprop="articleBody">
{paragraphs_html(a.served_paragraphs, inserts)}
<p><strong>Ikuti berita terkini KLIKJATIM.Com di Google News dan saluran WhatsApp Channel kami.</strong></p>
  </div>
  <div class="editor">Editor : </div>
  <div class="tags"><span>Tag:</span> <a href="{site.href(site.tag_path)}">BPJS Ketenagakerjaan</a> <a href="{site.href('/kanal/' + a.category.lower())}">{esc(a.category)}</a></div>
  <section class="related"><h4>Berita Terkait</h4>
{chr(10).join(_card(site, r) for r in view.related)}
  </section>
</article>
{_sidebar(site, view.sidebar)}
</div>"""
    return _shell(site, title=f"{a.title} - Klikjatim.com", desc=description(a), path=a.path,
                  main=main, head=news_jsonld(site, a, "Klikjatim.com"), kind="article")


def render_listing(site: Site, listing: Listing) -> str:
    nav = ""
    if listing.prev_path:
        nav += f'<a class="prev" href="{esc(listing.prev_path)}">&laquo; Sebelumnya</a> '
    if listing.next_path:
        nav += f'<a class="next" href="{esc(listing.next_path)}">Berikutnya &raquo;</a>'
    cards = "\n".join(_card(site, a) for a in listing.items)
    main = f"""<section class="index">
<h1 class="index-title">{esc(listing.heading)}</h1>
{cards}
<div class="pagination"><span class="current">Halaman {listing.page}</span> {nav}</div>
</section>"""
    title = f"{listing.heading} - Klikjatim.com"
    return _shell(site, title=title, desc=f"Berita terbaru {listing.heading}", path=listing.path, main=main)


def render_home(site: Site, items: tuple[SimArticle, ...]) -> str:
    cards = "\n".join(_card(site, a) for a in items)
    main = f'<section class="headline"><h2>Berita Terkini</h2>\n{cards}\n</section>'
    return _shell(site, title="Klikjatim.com - Berita Jawa Timur Terkini",
                  desc="Portal berita Jawa Timur: Gresik, Lamongan, Sidoarjo dan sekitarnya.",
                  path="/", main=main)


def category_path(name: str) -> str:
    """Where a kanal (section) page lives."""
    return "/kanal/" + name.lower()


def render_message(site: Site, title: str, paragraphs: tuple[str, ...], path: str) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    main = f'<section class="page"><h1>{esc(title)}</h1>\n{body}\n<p><a href="{site.href("/")}">Kembali ke beranda</a></p></section>'
    return _shell(site, title=f"{title} - Klikjatim.com", desc=title, path=path, main=main)
