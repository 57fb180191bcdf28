"""nawacita.co: WordPress with the tagDiv "Newspaper" theme. Root-relative links,
td-post-content, "Teks Foto:" captions, "Baca Juga :" lines, a comment form
("Leave a reply" / "Please enter your comment!"), dates as "Rabu, 18 Desember 2024"."""

from __future__ import annotations

import zlib

from arsip.simulator.model import SimArticle
from arsip.simulator.themes.common import (
    ArticleView, Listing, Site, alternate_link, description, esc, og_tags, paragraphs_html,
    tanggal,
)

MENU = ("Ekonomi", "Politik", "Peristiwa", "Nasional")


def author_path(name: str | None) -> str:
    """Every post is filed under the shared newsroom account."""
    return "/author/redaksi/"


def category_path(name: str) -> str:
    """WordPress category archive."""
    return f"/category/{name.lower()}/"


def _shell(site: Site, *, title: str, desc: str, path: str, main: str, head: str = "",
           kind: str = "website", body_class: str = "home") -> str:
    nav = "\n".join(
        f'<li class="menu-item"><a href="{site.href(category_path(m))}">{m}</a></li>' for m in MENU)
    return f"""<!doctype html >
<!--[if IE 8]>    <html class="ie8" lang="en"> <![endif]-->
<html lang="id-ID">
<head>
    <title>{esc(title)}</title>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="description" content="{esc(desc)}" />
<meta name="robots" content="index, follow, max-image-preview:large" />
<link rel="canonical" href="{esc(site.url(path))}" />
{og_tags(site, title, desc, path, kind)}
{head}
{alternate_link(site)}
<link rel='stylesheet' id='td-theme-css' href='{site.href("/wp-content/themes/Newspaper/style.css")}?ver=12.6.1' type='text/css' media='all' />
<script type='text/javascript' src='{site.href("/wp-includes/js/jquery/jquery.min.js")}?ver=3.7.1' id='jquery-core-js'></script>
</head>
<body class="{body_class} td-standard-pack" itemscope="itemscope" itemtype="https://schema.org/WebPage">
<div class="td-scroll-up"><i class="td-icon-menu-up"></i></div>
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-wrap td-header-style-1">
  <div class="td-header-top-menu-full td-container-wrap"><div class="td-header-top-menu">
    <div class="td_data_time">Selasa, 20 Januari 2026</div>
    <ul class="top-header-menu"><li><a href="{site.href('/redaksi/')}">Redaksi</a></li><li><a href="{site.href('/pedoman-media-siber/')}">Pedoman Media Siber</a></li></ul>
  </div></div>
  <div class="td-banner-wrap-full"><div class="td-header-sp-logo"><a class="td-main-logo" href="{site.href('/')}"><img class="td-retina-data" src="{site.href('/wp-content/uploads/2020/01/logo-nawacita.png')}" alt="Nawacita"></a></div>
  <div class="td-header-sp-recs"><div class="td-a-rec td-a-rec-id-header">top banner</div></div></div>
  <div class="td-header-menu-wrap-full"><div id="td-header-menu" role="navigation"><ul id="menu-main" class="sf-menu">
    <li class="menu-item current-menu-item"><a href="{site.href('/')}">Home</a></li>
{nav}
  </ul></div></div>
</div>
{main}
<div class="td-footer-wrapper"><div class="td-container">
  <div class="footer-text-wrap">Nawacita.co &mdash; Berita Politik, Ekonomi, dan Peristiwa Jawa Timur.</div>
  <div class="td-sub-footer-copy">&copy; 2026 Nawacita.co. All rights reserved.</div>
  <ul class="td-subfooter-menu"><li><a href="{site.href('/redaksi/')}">Redaksi</a></li><li><a href="{site.href('/pedoman-media-siber/')}">Pedoman Media Siber</a></li></ul>
</div></div>
</div>
<script type='text/javascript' src='{site.href("/wp-content/themes/Newspaper/js/tagdiv_theme.min.js")}?ver=12.6.1' id='td-site-min-js'></script>
</body>
</html>
"""


def _module(site: Site, a: SimArticle) -> str:
    return f"""<div class="td_module_10 td_module_wrap td-animation-stack">
  <div class="td-module-thumb"><a href="{esc(site.link(a))}" rel="bookmark" class="td-image-wrap" title="{esc(a.title)}"><img width="218" height="150" class="entry-thumb" src="{site.href('/wp-content/uploads/thumb.jpg')}" alt="" title="{esc(a.title)}"/></a></div>
  <div class="item-details"><h3 class="entry-title td-module-title"><a href="{esc(site.link(a))}" rel="bookmark" title="{esc(a.title)}">{esc(a.title)}</a></h3>
  <div class="td-module-meta-info"><span class="td-post-author-name"><a href="{site.href(author_path(a.author))}">{esc(a.author or 'Redaksi')}</a> <span>-</span> </span><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{a.published.isoformat()}">{tanggal(a.published)}</time></span></div>
  </div>
</div>"""


def _sidebar(site: Site, items: tuple[SimArticle, ...]) -> str:
    rows = "\n".join(
        f'<div class="td_module_6 td_module_wrap"><h3 class="entry-title td-module-title"><a href="{esc(site.link(a))}" rel="bookmark" title="{esc(a.title)}">{esc(a.title)}</a></h3>'
        f'<span class="td-post-date">{tanggal(a.published)}</span></div>' for a in items)
    return f"""<div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar">
<div class="td_block_wrap td_block_7"><h4 class="block-title"><span class="td-pulldown-size">Berita Populer</span></h4>
{rows}
</div>
<aside class="td_block_template_1 widget widget_text"><div class="textwidget">Iklan: Hubungi redaksi@nawacita.co</div></aside>
</div></div>"""


def render_article(site: Site, view: ArticleView) -> str:
    a = view.article
    inserts = {}
    for n, rel in zip((2, 5), view.related):
        inserts[n] = (f'<p><strong>Baca Juga : <a href="{esc(site.link(rel))}">{esc(rel.title)}</a></strong></p>')
    cat_href = site.href(category_path(a.category))
    head = "\n".join((
        f'<meta property="article:published_time" content="{a.published.isoformat()}" />',
        f'<meta property="article:modified_time" content="{a.published.isoformat()}" />',
        f'<meta property="article:section" content="{esc(a.category)}" />',
        f'<meta name="author" content="{esc(a.author or "Redaksi")}" />',
    ))
    main = f"""<div class="td-main-content-wrap td-container-wrap"><div class="td-container td-post-template-default">
<div class="td-crumb-container"><div class="entry-crumbs"><span><a title="" class="entry-crumb" href="{site.href('/')}">Home</a></span> <i class="td-icon-right td-bread-sep"></i> <span><a title="Lihat semua pos di {esc(a.category)}" class="entry-crumb" href="{cat_href}">{esc(a.category)}</a></span> <i class="td-icon-right td-bread-sep td-bred-no-url-last"></i> <span class="td-bred-no-url-last">{esc(a.title)}</span></div></div>
<div class="td-pb-row">
<div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">
<article id="post-{zlib.crc32(a.path.encode()) % 90000 + 10000}" class="post type-post status-publish format-standard has-post-thumbnail" itemscope itemtype="https://schema.org/Article">
  <div class="td-post-header">
    <ul class="td-category"><li class="entry-category"><a href="{cat_href}">{esc(a.category)}</a></li></ul>
    <header class="td-post-title">
      <h1 class="entry-title">{esc(a.title)}</h1>
      <div class="td-module-meta-info">
        <div class="td-post-author-name"><div class="td-author-by">Oleh</div> <a href="{site.href(author_path(a.author))}">{esc(a.author or 'Redaksi')}</a><div class="td-author-line"> - </div></div>
        <span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{a.published.isoformat()}">{tanggal(a.published)}</time></span>
        <div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-{len(a.path)}">1{len(a.title)}7</span></div>
      </div>
    </header>
  </div>
  <div class="td-post-sharing-top"><div class="td-post-sharing-visible"><a class="td-social-sharing-button td-social-facebook" href="https://www.facebook.com/sharer.php?u={esc(site.url(a.path))}"><span class="td-social-but-text">Facebook</span></a><a class="td-social-sharing-button td-social-twitter" href="https://twitter.com/intent/tweet?url={esc(site.url(a.path))}"><span class="td-social-but-text">Twitter</span></a><a class="td-social-sharing-button td-social-whatsapp" href="https://api.whatsapp.com/send?text={esc(site.url(a.path))}"><span class="td-social-but-text">WhatsApp</span></a></div></div>
  <div class="td-post-content tagdiv-type">
    <div class="td-post-featured-image"><figure><a href="{site.href('/wp-content/uploads/featured.jpg')}" data-caption="{esc(a.caption or '')}"><img width="696" height="392" class="entry-thumb td-modal-image" src="{site.href('/wp-content/uploads/featured.jpg')}" alt="{esc(a.title)}" title="{esc(a.title)}"/></a><figcaption class="wp-caption-text">{esc(a.caption or '')}</figcaption></figure></div>
<p style="text-align: center;"><em>(Dok/Humas BPJS TK)</em></p>
{paragraphs_html(a.served_paragraphs, inserts)}
<p>Pewarta : {esc(a.author or 'Redaksi')}</p>
  </div>
  <footer>
    <div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>TAGS</span></li><li><a href="{site.href(site.tag_path)}">BPJS Ketenagakerjaan</a></li></ul></div>
    <div class="td-post-sharing-bottom"><a class="td-social-sharing-button td-social-whatsapp" href="https://api.whatsapp.com/send?text={esc(site.url(a.path))}">WhatsApp</a></div>
    <div class="td-block-row td-post-next-prev"></div>
  </footer>
  <div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title"><a class="td-related-left td-cur-simple-item" href="#">ARTIKEL TERKAIT</a><a class="td-related-right" href="#">LEBIH DARI PENULIS</a></h4>
{chr(10).join(_module(site, r) for r in view.related)}
  </div>
</article>
<div class="comments" id="comments">
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Leave a reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
    <form action="{site.href('/wp-comments-post.php')}" method="post" id="commentform" class="comment-form">
      <div class="clearfix"></div>
      <div class="comment-form-input-wrap td-form-comment"><textarea placeholder="Comment:" id="comment" name="comment" cols="45" rows="8" aria-required="true"></textarea><div class="td-warning-comment">Please enter your comment!</div></div>
      <div class="comment-form-input-wrap td-form-author"><input class="" id="author" name="author" placeholder="Name:*" type="text" value="" size="30" aria-required='true' /><div class="td-warning-author">Please enter your name here</div></div>
      <div class="comment-form-input-wrap td-form-email"><input class="" id="email" name="email" placeholder="Email:*" type="text" value="" size="30" aria-required='true' /><div class="td-warning-email-error">You have entered an incorrect email address!</div><div class="td-warning-email">Please enter your email address here</div></div>
      <p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment" /></p>
    </form>
  </div>
</div>
</div></div>
{_sidebar(site, view.sidebar)}
</div></div></div>"""
    return _shell(site, title=f"{a.title} - Nawacita", desc=description(a), path=a.path, main=main,
                  head=head, kind="article", body_class="post-template-default single single-post")


def render_listing(site: Site, listing: Listing) -> str:
    head = ""
    nav = f'<span class="current">{listing.page}</span>'
    if listing.prev_path:
        head += f'<link rel="prev" href="{esc(site.url(listing.prev_path))}" />\n'
        nav = f'<a href="{esc(site.href(listing.prev_path))}" aria-label="prev-page"><i class="td-icon-menu-left"></i></a>' + nav
    if listing.next_path:
        head += f'<link rel="next" href="{esc(site.url(listing.next_path))}" />\n'
        nav += f'<a href="{esc(site.href(listing.next_path))}" aria-label="next-page"><i class="td-icon-menu-right"></i></a>'
    modules = "\n".join(_module(site, a) for a in listing.items)
    main = f"""<div class="td-main-content-wrap td-container-wrap"><div class="td-container">
<div class="td-page-header"><h1 class="entry-title td-page-title"><span>{esc(listing.heading)}</span></h1></div>
<div class="td-pb-row"><div class="td-pb-span8 td-main-content"><div class="td-ss-main-content">
{modules}
<div class="page-nav td-pb-padding-side">{nav}<span class="pages">Page {listing.page}</span></div>
</div></div></div></div></div>"""
    return _shell(site, title=f"{listing.heading} Archives - Nawacita", desc=listing.heading,
                  path=listing.path, main=main, head=head, body_class="archive tag")


def render_home(site: Site, items: tuple[SimArticle, ...]) -> str:
    modules = "\n".join(_module(site, a) for a in items)
    main = f"""<div class="td-main-content-wrap td-container-wrap"><div class="td-container">
<div class="td_block_wrap td_block_big_grid_fl"><h4 class="block-title"><span>Terkini</span></h4>
{modules}
<div class="td-next-prev-wrap"><a href="{site.href(site.tag_path)}">BPJS Ketenagakerjaan</a></div>
</div></div></div>"""
    return _shell(site, title="Nawacita - Berita Jawa Timur Terkini", desc="Nawacita.co menyajikan berita politik, ekonomi, dan peristiwa di Jawa Timur.",
                  path="/", main=main)


def render_message(site: Site, title: str, paragraphs: tuple[str, ...], path: str) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    main = f"""<div class="td-main-content-wrap td-container-wrap"><div class="td-container">
<div class="td-page-header"><h1 class="entry-title td-page-title"><span>{esc(title)}</span></h1></div>
<div class="td-page-content">{body}</div></div></div>"""
    return _shell(site, title=f"{title} - Nawacita", desc=title, path=path, main=main, body_class="page")
