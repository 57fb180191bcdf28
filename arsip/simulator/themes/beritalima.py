"""beritalima.com: WordPress with Yoast SEO. Absolute links, JSON-LD, share buttons
("Whatsapp"), the photo caption, "Pos terkait", a "Tinggalkan Balasan" comment form,
dates as "12 Oktober 2017"."""

from __future__ import annotations

from arsip.simulator.model import SimArticle
from arsip.simulator.themes.common import (
    ArticleView, Listing, Site, alternate_link, description, esc, news_jsonld, og_tags,
    paragraphs_html, tanggal_pendek,
)

MENU = ("Jatim", "Nasional", "Ekonomi", "Olahraga")


def author_path(name: str | None) -> str:
    """WordPress author archive."""
    return f"/author/{(name or 'admin').lower()}/"


def category_path(name: str) -> str:
    """WordPress category archive."""
    return f"/category/{name.lower()}/"


def _shell(site: Site, *, title: str, desc: str, path: str, main: str, head: str = "",
           kind: str = "website", body_class: str = "home blog") -> str:
    nav = "\n".join(
        f'<li class="menu-item menu-item-type-taxonomy"><a href="{site.href(category_path(m))}">{m}</a></li>'
        for m in MENU)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<!-- This site is optimized with the Yoast SEO plugin v22.3 - https://yoast.com/wordpress/plugins/seo/ -->
<title>{esc(title)}</title>
<meta name="description" content="{esc(desc)}" />
<link rel="canonical" href="{esc(site.url(path))}" />
{og_tags(site, title, desc, path, kind)}
{head}
<!-- / Yoast SEO plugin. -->
{alternate_link(site)}
<link rel='stylesheet' id='newsup-style-css' href='{site.href("/wp-content/themes/newsup/style.css")}?ver=6.4.3' media='all' />
</head>
<body class="{body_class}">
<div id="page" class="site">
<header class="mg-headwidget">
  <div class="mg-head-detail"><ul class="info-left"><li>Kamis, 20 November 2026</li></ul></div>
  <div class="navbar-header"><a href="{site.href('/')}" class="navbar-brand">beritalima.com</a><p class="site-description">beritalima.com</p></div>
  <nav class="navbar navbar-expand-lg"><ul id="menu-primary" class="nav navbar-nav">
    <li class="menu-item"><a href="{site.href('/')}">Beranda</a></li>
{nav}
  </ul></nav>
</header>
<div id="content" class="container-fluid">
{main}
</div>
<footer class="footer"><div class="mg-footer-bottom-area">
  <div class="site-info">beritalima.com &mdash; Berita Lima Benua</div>
  <ul class="footer-menu"><li><a href="{site.href('/redaksi/')}">Redaksi</a></li><li><a href="{site.href('/pedoman-media-siber/')}">Pedoman Media Siber</a></li></ul>
  <p class="mb-0">Copyright &copy; 2026 beritalima.com | All Rights Reserved</p>
</div></footer>
</div>
<script src='{site.href("/wp-includes/js/comment-reply.min.js")}?ver=6.4.3' id='comment-reply-js' async></script>
</body>
</html>
"""


def _post(site: Site, a: SimArticle) -> str:
    return f"""<article class="d-md-flex mg-posts-sec-post"><div class="mg-sec-top-post">
  <h4 class="entry-title title"><a href="{esc(site.link(a))}">{esc(a.title)}</a></h4>
  <div class="mg-blog-meta"><span class="mg-blog-date"><i class="fas fa-clock"></i> {tanggal_pendek(a.published)}</span> <a class="auth" href="{site.href(author_path(a.author))}">{esc(a.author or 'admin')}</a></div>
</div></article>"""


def _widget(site: Site, items: tuple[SimArticle, ...]) -> str:
    rows = "\n".join(f'<li><a href="{esc(site.link(a))}">{esc(a.title)}</a></li>' for a in items)
    return f"""<aside class="col-md-4 sidebar-right"><div id="sidebar-right" class="mg-sidebar">
<div id="recent-posts-2" class="mg-widget widget_recent_entries"><div class="mg-wid-title"><h6 class="wtitle">Pos-pos Terbaru</h6></div><ul>
{rows}
</ul></div>
<div class="mg-widget widget_text"><div class="textwidget">beritalima.com</div></div>
</div></aside>"""


def render_article(site: Site, view: ArticleView) -> str:
    a = view.article
    head = "\n".join((
        f'<meta property="article:published_time" content="{a.published.isoformat()}" />',
        f'<meta property="article:modified_time" content="{a.published.isoformat()}" />',
        f'<meta name="author" content="{esc(a.author or "admin")}" />',
        news_jsonld(site, a, "beritalima.com"),
    ))
    url = esc(site.url(a.path))
    related = "\n".join(_post(site, r) for r in view.related)
    main = f"""<div class="row">
<div class="col-md-8">
<div class="mg-blog-post-box">
  <div class="mg-header">
    <div class="mg-blog-category"><a class="newsup-categories category-color-1" href="{site.href(category_path(a.category))}">{esc(a.category)}</a></div>
    <h1 class="title single"><a title="Permalink to: {esc(a.title)}">{esc(a.title)}</a></h1>
    <div class="media mg-info-author-block"><div class="media-body">
      <h4 class="media-heading"><span>Oleh</span> <a href="{site.href(author_path(a.author))}">{esc(a.author or 'admin')}</a></h4>
      <span class="mg-blog-date"><i class="fas fa-clock"></i> <time datetime="{a.published.isoformat()}">{tanggal_pendek(a.published)}</time></span>
    </div></div>
  </div>
  <div class="post-share"><div class="post-share-icons cf">
    <a class="link facebook" href="https://www.facebook.com/sharer.php?u={url}" target="_blank"><i class="fab fa-facebook"></i></a>
    <a class="link whatsapp" href="https://api.whatsapp.com/send?text={url}" target="_blank">&bull; Whatsapp</a>
    <a class="link x-twitter" href="https://twitter.com/share?url={url}" target="_blank"><i class="fa-brands fa-x-twitter"></i></a>
  </div></div>
  <article class="small single">
    <figure id="attachment_1" class="wp-caption aligncenter"><img decoding="async" src="{site.href('/wp-content/uploads/foto.jpg')}" alt="" width="640" height="427" /><figcaption class="wp-caption-text">{esc(a.caption or '')}</figcaption></figure>
{paragraphs_html(a.served_paragraphs)}
<p><strong>Dapatkan update berita pilihan dan breaking news setiap hari dari beritalima.com. Mari bergabung di Saluran WhatsApp beritalima.com, caranya klik tautan di bawah ini.</strong></p>
    <div class="clearfix mb-3"></div>
    <p class="post-sign">beritalima.com</p>
    <div class="tags"><a href="{site.href(site.tag_path)}" rel="tag">BPJS Ketenagakerjaan</a></div>
  </article>
</div>
<div class="mg-featured-slider p-3 mb-4"><div class="mg-sec-title"><h4 class="related-title">Pos terkait</h4></div>
{related}
</div>
<div id="comments" class="comments-area mg-card-box padding-20 mb-md-0 mb-4">
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Tinggalkan Balasan</h3>
    <form action="{site.href('/wp-comments-post.php')}" method="post" id="commentform" class="comment-form" novalidate>
      <p class="comment-notes"><span id="email-notes">Alamat email Anda tidak akan dipublikasikan.</span> <span class="required-field-message">Ruas yang wajib ditandai <span class="required">*</span></span></p>
      <p class="comment-form-comment"><label for="comment">Komentar <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
      <p class="comment-form-author"><label for="author">Nama <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" required /></p>
      <p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Kirim Komentar" /></p>
    </form>
  </div>
</div>
</div>
{_widget(site, view.sidebar)}
</div>"""
    return _shell(site, title=f"{a.title} - beritalima.com", desc=description(a), path=a.path, main=main,
                  head=head, kind="article", body_class="post-template-default single single-post")


def render_listing(site: Site, listing: Listing) -> str:
    head = ""
    nav = []
    if listing.prev_path:
        head += f'<link rel="prev" href="{esc(site.url(listing.prev_path))}" />\n'
        nav.append(f'<a class="prev page-numbers" href="{esc(site.href(listing.prev_path))}">&laquo; Sebelumnya</a>')
    nav.append(f'<span aria-current="page" class="page-numbers current">{listing.page}</span>')
    if listing.next_path:
        head += f'<link rel="next" href="{esc(site.url(listing.next_path))}" />\n'
        nav.append(f'<a class="next page-numbers" href="{esc(site.href(listing.next_path))}">Berikutnya &raquo;</a>')
    posts = "\n".join(_post(site, a) for a in listing.items)
    main = f"""<div class="row"><div class="col-md-8">
<div class="mg-breadcrumb-box"><h1 class="title">Tag: <span>{esc(listing.heading)}</span></h1></div>
{posts}
<nav class="navigation pagination" aria-label="Pos"><div class="nav-links">{' '.join(nav)}</div></nav>
</div></div>"""
    return _shell(site, title=f"{listing.heading} Arsip - beritalima.com", desc=listing.heading,
                  path=listing.path, main=main, head=head, body_class="archive tag")


def render_home(site: Site, items: tuple[SimArticle, ...]) -> str:
    posts = "\n".join(_post(site, a) for a in items)
    main = f'<div class="row"><div class="col-md-8">{posts}</div></div>'
    return _shell(site, title="beritalima.com - Berita Lima Benua", desc="beritalima.com, berita terkini Jawa Timur dan nasional.",
                  path="/", main=main)


def render_message(site: Site, title: str, paragraphs: tuple[str, ...], path: str) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    main = f'<div class="row"><div class="col-md-8"><h1 class="title">{esc(title)}</h1>\n{body}</div></div>'
    return _shell(site, title=f"{title} - beritalima.com", desc=title, path=path, main=main, body_class="page")
