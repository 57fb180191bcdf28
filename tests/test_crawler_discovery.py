"""Discovery functions on feeds, sitemaps, robots.txt and listing pages as portals serve them."""

import gzip

from crawler.discovery import (
    feeds_in_page,
    looks_like_article,
    parse_feed,
    parse_listing,
    parse_sitemap,
    sitemaps_in_robots,
)

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>beritalima.com</title>
  <link>https://beritalima.com</link>
  <item>
    <title>Bersama Pers Perluas Perlindungan Jaminan Sosial Pekerja Jatim</title>
    <link>https://beritalima.com/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/</link>
    <comments>https://beritalima.com/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/#respond</comments>
    <pubDate>Thu, 12 Oct 2017 09:15:00 +0000</pubDate>
  </item>
  <item>
    <title>Relatif</title>
    <link>/bpjs-ketenagakerjaan-surabaya-bayar-klaim-jht/</link>
  </item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Realita</title>
  <link href="https://realita.co/" rel="alternate"/>
  <link href="https://realita.co/atom.xml" rel="self"/>
  <entry>
    <title>BPJAMSOSTEK Pasuruan Optimalkan Inpres</title>
    <link href="https://realita.co/baca-berita/26511/bpjamsostek-pasuruan-optimalkan-inpres" rel="alternate"/>
    <link href="https://realita.co/amp/26511" rel="amphtml"/>
  </entry>
</feed>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&lol3;&xxe;</title><link>https://x.id/satu-dua-tiga-empat/</link></item></channel></rss>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://nawacita.co/post-sitemap.xml</loc><lastmod>2024-12-20T08:00:00+07:00</lastmod></sitemap>
  <sitemap><loc>https://nawacita.co/post-sitemap2.xml</loc></sitemap>
</sitemapindex>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://jatimtimes.com/baca/326029/20241030/033400/tingkatkan-cakupan-kepesertaan</loc>
    <news:news><news:publication><news:name>JatimTIMES</news:name><news:language>id</news:language></news:publication>
    <news:publication_date>2024-10-30T03:34:00+07:00</news:publication_date><news:title>Tingkatkan Cakupan</news:title></news:news>
  </url>
</urlset>"""

LISTING = """<!DOCTYPE html><html><head><title>BPJS Ketenagakerjaan Archives - Nawacita</title>
<link rel="alternate" type="application/rss+xml" title="Nawacita &raquo; Feed" href="https://nawacita.co/feed/">
<link rel="alternate" type="application/rss+xml" title="Tag feed" href="/tag/bpjs-ketenagakerjaan/feed/">
<link rel="alternate" type="application/json" href="https://nawacita.co/wp-json/wp/v2/tags/12">
</head><body>
<ul class="menu"><li><a href="/">Home</a></li><li><a href="/category/ekonomi/">Ekonomi</a></li></ul>
<div class="td_module_10"><h3 class="entry-title td-module-title">
  <a href="https://nawacita.co/bpjamsostek-ingatkan-pentingnya-jamsostek-bagi-perangkat-desa/" rel="bookmark">BPJAMSOSTEK Ingatkan</a></h3>
  <a href="https://nawacita.co/author/redaksi/">Redaksi</a></div>
<div class="td_module_10"><h3><a href="../../bpjs-ketenagakerjaan-gresik-serbu-perusahaan-tak-patuh/">Relative</a></h3>
  <a href="https://nawacita.co/bpjamsostek-ingatkan-pentingnya-jamsostek-bagi-perangkat-desa/#respond">0 komentar</a></div>
<a href="https://twitter.com/intent/tweet?text=x">Tweet</a>
<a href="https://nawacita.co/wp-content/uploads/2024/12/foto-bpjs-gresik-2024.jpg">foto</a>
<div class="page-nav td-pb-padding-side"><span class="current">1</span><a href="https://nawacita.co/tag/bpjs-ketenagakerjaan/page/2/" class="page">2</a>
<a href="https://nawacita.co/tag/bpjs-ketenagakerjaan/page/2/"><i class="td-icon-menu-right"></i></a></div>
<a href="/tag/bpjs-ketenagakerjaan/page/2/">Berikutnya &raquo;</a>
</body></html>"""

BASE = "https://nawacita.co/tag/bpjs-ketenagakerjaan/"


def test_rss_links_absolute_and_relative() -> None:
    assert parse_feed(RSS, "https://beritalima.com/feed/") == [
        "https://beritalima.com/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/",
        "https://beritalima.com/bpjs-ketenagakerjaan-surabaya-bayar-klaim-jht/",
    ]


def test_atom_takes_alternate_links_of_entries_only() -> None:
    assert parse_feed(ATOM, "https://realita.co/atom.xml") == [
        "https://realita.co/baca-berita/26511/bpjamsostek-pasuruan-optimalkan-inpres"
    ]


def test_feed_entities_are_not_expanded_and_files_not_read() -> None:
    assert parse_feed(BILLION_LAUGHS, "https://x.id/feed/") == ["https://x.id/satu-dua-tiga-empat/"]


def test_broken_feed_gives_no_links() -> None:
    assert parse_feed(b"<html><body>502 Bad Gateway</body></html>", "https://x.id/feed/") == []
    assert parse_feed(b"", "https://x.id/feed/") == []


def test_sitemap_index_and_news_sitemap_and_gzip() -> None:
    assert parse_sitemap(INDEX, "https://nawacita.co/sitemap_index.xml", max_size=10**6) == (
        ["https://nawacita.co/post-sitemap.xml", "https://nawacita.co/post-sitemap2.xml"],
        [],
    )
    expected = ([], ["https://jatimtimes.com/baca/326029/20241030/033400/tingkatkan-cakupan-kepesertaan"])
    assert parse_sitemap(NEWS_SITEMAP, "https://jatimtimes.com/sitemap.xml", max_size=10**6) == expected
    assert parse_sitemap(gzip.compress(NEWS_SITEMAP), "https://jatimtimes.com/s.xml.gz", max_size=10**6) == expected


def test_gzip_bomb_and_broken_gzip_give_nothing() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    assert len(bomb) < 10_000
    assert parse_sitemap(bomb, "https://x.id/sitemap.xml.gz", max_size=1_000_000) == ([], [])
    assert parse_sitemap(b"\x1f\x8b\x08garbage", "https://x.id/sitemap.xml.gz", max_size=1_000_000) == ([], [])


def test_garbage_sitemap_gives_nothing() -> None:
    assert parse_sitemap(b"<html>not found</html>", "https://x.id/sitemap.xml", max_size=10**6) == ([], [])
    assert parse_sitemap(b"", "https://x.id/sitemap.xml", max_size=10**6) == ([], [])


def test_robots_sitemap_lines() -> None:
    robots = b"User-agent: *\nDisallow: /wp-admin/\nSitemap: https://beritalima.com/sitemap_index.xml\nsitemap: /news-sitemap.xml\n"
    assert sitemaps_in_robots(robots, "https://beritalima.com/robots.txt") == [
        "https://beritalima.com/sitemap_index.xml",
        "https://beritalima.com/news-sitemap.xml",
    ]


def test_listing_finds_articles_and_next_page_not_menus_or_files() -> None:
    listing = parse_listing(LISTING, BASE)
    assert listing.articles == (
        "https://nawacita.co/bpjamsostek-ingatkan-pentingnya-jamsostek-bagi-perangkat-desa/",
        "https://nawacita.co/bpjs-ketenagakerjaan-gresik-serbu-perusahaan-tak-patuh/",
    )
    assert listing.next_page == "https://nawacita.co/tag/bpjs-ketenagakerjaan/page/2/"


def test_last_listing_page_has_no_next() -> None:
    page = '<html><body><a href="/satu-dua-tiga-empat-lima/">x</a><a href="/tag/x/page/1/">« Sebelumnya</a></body></html>'
    assert parse_listing(page, "https://x.id/tag/x/page/2/").next_page is None


def test_feeds_announced_in_page() -> None:
    assert feeds_in_page(LISTING, BASE) == [
        "https://nawacita.co/feed/",
        "https://nawacita.co/tag/bpjs-ketenagakerjaan/feed/",
    ]


def test_article_urls_of_the_seed_portals() -> None:
    site = "https://jatimtimes.com/"
    assert looks_like_article("https://madura.jatimtimes.com/baca/3331350404/20260916/044000/tumpukan-sampah", site)
    assert looks_like_article("https://klikjatim.com/read/2024/12/19/113861/bpjs-ketenagakerjaan-gresik", "https://klikjatim.com/")
    assert not looks_like_article("https://jatimtimes.com/tag/bpjs-ketenagakerjaan", site)
    assert not looks_like_article("https://jatimtimes.com/", site)
    assert not looks_like_article("https://kompas.com/read/2024/12/19/113861/bpjs-ketenagakerjaan-gresik", site)
    assert not looks_like_article("mailto:redaksi@jatimtimes.com", site)


def test_site_of_joins_subdomains_and_keeps_local_ports_apart() -> None:
    from crawler.discovery import site_of

    assert site_of("https://madura.jatimtimes.com/baca/1") == site_of("https://www.jatimtimes.com/") == "jatimtimes.com"
    assert site_of("https://jatim.bpjsketenagakerjaan.go.id/x") == "bpjsketenagakerjaan.go.id"
    assert site_of("http://127.0.0.1:5000/") != site_of("http://127.0.0.1:5001/")
