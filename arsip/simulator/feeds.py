"""Feeds and sitemaps as the real portals' software writes them (RSS 2.0, Atom, sitemaps)."""

from __future__ import annotations

import gzip
from datetime import datetime
from xml.sax.saxutils import escape

from arsip.simulator.model import SimArticle
from arsip.simulator.themes.common import Site, description


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rfc822(d: datetime) -> str:
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{days[d.weekday()]}, {d.day:02d} {months[d.month - 1]} {d.year} {d:%H:%M:%S} {d:%z}"


def rss(site: Site, items: tuple[SimArticle, ...], feed_path: str) -> str:
    """A WordPress-style RSS 2.0 feed with content:encoded."""
    entries = []
    for a in items:
        body = "".join(f"<p>{escape(p)}</p>\n" for p in a.served_paragraphs)
        link = escape(site.url(site.aliases.get(a.path, a.path)))
        entries.append(f"""	<item>
		<title>{escape(a.title)}</title>
		<link>{link}</link>
		<dc:creator>{_cdata(a.author or 'admin')}</dc:creator>
		<pubDate>{_rfc822(a.published)}</pubDate>
		<category>{_cdata(a.category)}</category>
		<guid isPermaLink="false">{link}</guid>
		<description>{_cdata(description(a))}</description>
		<content:encoded>{_cdata(body)}</content:encoded>
	</item>""")
    newest = _rfc822(max(a.published for a in items))
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>{escape(site.name)}</title>
	<atom:link href="{escape(site.url(feed_path))}" rel="self" type="application/rss+xml" />
	<link>{escape(site.url('/'))}</link>
	<description>Berita Jawa Timur Terkini</description>
	<lastBuildDate>{newest}</lastBuildDate>
	<language>id</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.4.3</generator>
{chr(10).join(entries)}
	</channel>
</rss>
"""


def atom(site: Site, items: tuple[SimArticle, ...], feed_path: str) -> str:
    """An Atom 1.0 feed, as klikjatim's custom CMS publishes it."""
    entries = "\n".join(f"""  <entry>
    <title>{escape(a.title)}</title>
    <link rel="alternate" type="text/html" href="{escape(site.url(a.path))}"/>
    <id>{escape(site.url(a.path))}</id>
    <published>{a.published.isoformat()}</published>
    <updated>{a.published.isoformat()}</updated>
    <author><name>{escape(a.author or 'Redaksi')}</name></author>
    <summary type="text">{escape(description(a))}</summary>
  </entry>""" for a in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">
  <title>{escape(site.name)}</title>
  <subtitle>Berita Jawa Timur Terkini</subtitle>
  <link rel="self" type="application/atom+xml" href="{escape(site.url(feed_path))}"/>
  <link rel="alternate" type="text/html" href="{escape(site.url('/'))}"/>
  <id>{escape(site.url('/'))}</id>
  <updated>{max(a.published for a in items).isoformat()}</updated>
{entries}
</feed>
"""


def urlset(site: Site, items: tuple[SimArticle, ...], extra_paths: tuple[str, ...] = ()) -> str:
    """A plain sitemap of article URLs (plus any extra pages, such as the home page)."""
    rows = [f"  <url><loc>{escape(site.url(p))}</loc><changefreq>daily</changefreq></url>" for p in extra_paths]
    rows += [f"  <url>\n    <loc>{escape(site.url(a.path))}</loc>\n    <lastmod>{a.published.isoformat()}</lastmod>\n  </url>"
             for a in items]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(rows) + "\n</urlset>\n")


def news_sitemap(site: Site, items: tuple[SimArticle, ...]) -> str:
    """A Google News sitemap (news:news blocks with publication and title)."""
    rows = "\n".join(f"""  <url>
    <loc>{escape(site.url(a.path))}</loc>
    <news:news>
      <news:publication><news:name>{escape(site.name)}</news:name><news:language>id</news:language></news:publication>
      <news:publication_date>{a.published.isoformat()}</news:publication_date>
      <news:title>{escape(a.title)}</news:title>
    </news:news>
  </url>""" for a in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + rows + "\n</urlset>\n")


def sitemap_index(site: Site, children: tuple[tuple[str, datetime], ...]) -> str:
    """A Yoast-style sitemap index pointing at child sitemaps."""
    rows = "\n".join(
        f"\t<sitemap>\n\t\t<loc>{escape(site.url(path))}</loc>\n\t\t<lastmod>{when.isoformat()}</lastmod>\n\t</sitemap>"
        for path, when in children)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + rows + "\n</sitemapindex>\n")


def gzipped(text: str) -> bytes:
    """Gzip bytes of a sitemap (mtime fixed, so the bytes are the same every run)."""
    return gzip.compress(text.encode("utf-8"), mtime=0)
