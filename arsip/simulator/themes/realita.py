"""realita.co: an older custom CMS. Relative links (root-relative, "../" between articles,
"?page=2" for pagination), "Baca Juga:" lines, "Editor : Redaksi", a "Berita Terbaru" list,
a "Boks Redaksi" staff block, dates as "Rabu (15/12/2021) - 16:48 WIB". No JSON-LD."""

from __future__ import annotations

import posixpath

from arsip.simulator.model import SimArticle
from arsip.simulator.themes.common import (
    HARI, ArticleView, Listing, Site, alternate_link, description, esc, og_tags, paragraphs_html,
)

MENU = ("Pemerintahan", "Ekonomi", "Kesehatan", "Olahraga")

STAFF = (
    ("Pemimpin Redaksi", "Darmaji"),
    ("Redaktur Pelaksana", "Rina Kusuma"),
    ("Reporter", "Endra Kusuma, Hanif Ramadhan, Agus Salim"),
    ("Alamat Redaksi", "Jl. Raya Kendangsari Blok M No. 12, Surabaya"),
)


def category_path(name: str) -> str:
    """Section pages of this CMS."""
    return "/kategori/" + name.lower()


def _date(a: SimArticle) -> str:
    d = a.published
    return f"{HARI[d.weekday()]} ({d.day:02d}/{d.month:02d}/{d.year}) - {d:%H:%M} WIB"


def _rel(from_path: str, to_path: str) -> str:
    """A document-relative link such as ../72004/slug, as this CMS writes between articles."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path))


def _query_href(path: str) -> str:
    """Pagination links are written as bare queries (?page=2) against the current path."""
    return "?" + path.split("?", 1)[1] if "?" in path else path


def _shell(site: Site, *, title: str, desc: str, path: str, main: str, head: str = "",
           kind: str = "website") -> str:
    nav = " | ".join(f'<a href="{site.href(category_path(m))}">{m}</a>' for m in MENU)
    staff = "\n".join(f"<tr><td>{esc(k)}</td><td>: {esc(v)}</td></tr>" for k, v in STAFF)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(title)}</title>
<meta name="description" content="{esc(desc)}">
<meta name="keywords" content="berita, jawa timur, surabaya, realita">
<link rel="canonical" href="{esc(site.url(path))}">
{og_tags(site, title, desc, path, kind)}
{alternate_link(site)}
<link href="/css/realita.css" rel="stylesheet" type="text/css">
{head}
</head>
<body>
<div id="wrapper">
<div id="header"><a href="/"><img src="/images/logo-realita.gif" alt="REALITA - Lugas dan Tegas" border="0"></a>
<div class="menu"><a href="/">Home</a> | {nav} | <a href="/indeks">Indeks Berita</a></div></div>
{main}
<div id="footer">
<div class="boks-redaksi"><h4>Boks Redaksi</h4><table>{staff}</table></div>
<p><a href="/redaksi">Redaksi</a> - <a href="/pedoman-media-siber">Pedoman Media Siber</a> - <a href="/indeks">Indeks</a></p>
<p>Copyright &copy; 2014-2026 Realita.co - Lugas dan Tegas. All rights reserved.</p>
</div>
</div>
</body>
</html>
"""


def _list(site: Site, items: tuple[SimArticle, ...], from_path: str | None = None) -> str:
    rows = []
    for a in items:
        href = _rel(from_path, a.path) if from_path else site.link(a)
        rows.append(f'<li><a href="{esc(href)}">{esc(a.title)}</a> <span class="tgl">{_date(a)}</span></li>')
    return "<ul>\n" + "\n".join(rows) + "\n</ul>"


def render_article(site: Site, view: ArticleView) -> str:
    a = view.article
    inserts = {}
    for n, rel in zip((1, 4, 7), view.related):
        inserts[n] = f'<p class="bacajuga">Baca Juga: <a href="{esc(_rel(a.path, rel.path))}">{esc(rel.title)}</a></p>'
    author = f'<div class="penulis">Reporter : {esc(a.author)}</div>' if a.author else ""
    main = f"""<div id="konten">
<div id="content" class="kiri">
<div class="path"><a href="/">Home</a> &raquo; <a href="{category_path(a.category)}">{esc(a.category)}</a></div>
<h1 class="judul">{esc(a.title)}</h1>
<div class="tanggal">{_date(a)}</div>
{author}
<div class="share">Bagikan: <a href="https://www.facebook.com/sharer.php?u={esc(site.url(a.path))}">Facebook</a> <a href="https://twitter.com/share?url={esc(site.url(a.path))}">Twitter</a> <a href="whatsapp://send?text={esc(site.url(a.path))}">WhatsApp</a></div>
<div class="foto"><img src="/images/berita/{a.path.rsplit('/', 2)[-2]}.jpg" width="640" alt="{esc(a.title)}"></div>
<div class="isi">
{paragraphs_html(a.served_paragraphs, inserts)}
<p class="video-terkait">Lihat juga video: <a href="/video">Detik-detik Banjir Bandang Terjang Kota Batu</a></p>
</div>
<div class="editor">Editor : Redaksi</div>
<div class="berita-terbaru"><h3>Berita Terbaru</h3>
{_list(site, view.related, from_path=a.path)}
</div>
</div>
<div id="kanan"><div class="populer"><h3>Terpopuler</h3>
{_list(site, view.sidebar, from_path=a.path)}
</div></div>
</div>"""
    return _shell(site, title=f"{a.title} - Realita", desc=description(a), path=a.path, main=main, kind="article")


def render_listing(site: Site, listing: Listing) -> str:
    head = ""
    nav = []
    if listing.prev_path:
        nav.append(f'<a href="{esc(_query_href(listing.prev_path))}" rel="prev">&lsaquo; Prev</a>')
    nav.append(f"<b>{listing.page}</b>")
    if listing.next_path:
        head = f'<link rel="next" href="{esc(site.url(listing.next_path))}">'
        nav.append(f'<a href="{esc(_query_href(listing.next_path))}" rel="next">Next &rsaquo;</a>')
    main = f"""<div id="content"><h1 class="judul-kanal">{esc(listing.heading)}</h1>
<div class="indeks">{_list(site, listing.items)}</div>
<div class="paging">{' '.join(nav)}</div></div>"""
    return _shell(site, title=f"{listing.heading} - Realita", desc=listing.heading, path=listing.path,
                  main=main, head=head)


def render_home(site: Site, items: tuple[SimArticle, ...]) -> str:
    main = f"""<div id="content"><h2>Berita Terbaru</h2>{_list(site, items)}
<p><a href="{site.href(site.tag_path)}">Topik: BPJS Ketenagakerjaan</a></p></div>"""
    return _shell(site, title="Realita - Lugas dan Tegas", desc="Realita.co, berita Surabaya dan Jawa Timur.",
                  path="/", main=main)


def render_message(site: Site, title: str, paragraphs: tuple[str, ...], path: str) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    main = f'<div id="content"><h1 class="judul">{esc(title)}</h1>\n{body}</div>'
    return _shell(site, title=f"{title} - Realita", desc=title, path=path, main=main)
