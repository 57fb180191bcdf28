"""The offline portal simulator: it must look like the real web to a crawler, and its
manifest must tell the truth about what it serves."""

from __future__ import annotations

import gzip
import html
import json
import signal
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from arsip.simulator import PORTALS, SimArticle, Simulator, articles, faults, sources_toml, start

SAMPLES = Path("/work/notes/sim_samples")
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_plain = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, follow: bool = True, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers, body; HTTP errors are answers, not exceptions."""
    opener = urllib.request.build_opener() if follow else _plain
    try:
        with opener.open(urllib.request.Request(url, method=method), timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class _Links(HTMLParser):
    """Anchors (href, text, rel) and <link> elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[tuple[str, str, str]] = []
        self.links: list[dict[str, str]] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            self.links.append(a)
        if tag == "a":
            self._open.append([a.get("href", ""), "", a.get("rel", "") + " " + a.get("aria-label", "")])

    def handle_data(self, data: str) -> None:
        for o in self._open:
            o[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, text, rel = self._open.pop()
            self.anchors.append((href, text.strip(), rel.strip()))


def parse_links(body: bytes) -> _Links:
    p = _Links()
    p.feed(body.decode("utf-8", "replace"))
    return p


@pytest.fixture(scope="module")
def sim() -> Simulator:
    with start() as s:
        yield s


def by_portal(portal: str) -> list[SimArticle]:
    return [a for a in articles() if a.portal == portal]


def one(portal: str, **want: object) -> SimArticle:
    found = [a for a in by_portal(portal) if all(getattr(a, k) == v for k, v in want.items())]
    assert len(found) == 1, (portal, want, found)
    return found[0]


# --- the manifest -------------------------------------------------------------------------

def test_manifest_has_enough_relevant_and_irrelevant_articles_on_every_portal() -> None:
    arts = articles()
    assert len(arts) >= 30
    assert sum(a.relevant for a in arts) >= 20
    assert sum(not a.relevant for a in arts) >= 8
    assert set(Counter(a.portal for a in arts)) == set(PORTALS)
    assert len({(a.portal, a.path) for a in arts}) == len(arts)
    for a in arts:
        assert a.published.utcoffset() is not None and a.published.utcoffset().total_seconds() == 7 * 3600
        assert a.paragraphs and all(p == p.strip() and "  " not in p for p in a.paragraphs)
    years = {a.published.year for a in arts}
    assert min(years) <= 2017 and max(years) >= 2026
    assert sum((a.published.year, a.published.month) == (2024, 10) for a in arts) >= 3
    assert {a.region_code for a in arts} >= {"35.25", "35.73", "35.07", "35.14", "35.75", "33.74", "34.04"}


def test_one_story_is_syndicated_verbatim_on_two_portals() -> None:
    stories: dict[str, list[SimArticle]] = {}
    for a in articles():
        if a.story:
            stories.setdefault(a.story, []).append(a)
    copies = stories["sidoarjo-beasiswa-2024"]
    assert len({a.portal for a in copies}) == 2
    assert copies[0].paragraphs == copies[1].paragraphs
    assert copies[0].title != copies[1].title


def test_seed_articles_keep_the_users_text_without_boilerplate() -> None:
    gresik = one("klikjatim", title="BPJS Ketenagakerjaan Gresik Fokus Tingkatkan Perlindungan Pekerja Rentan dalam Rancangan Program Kerja 2025")
    assert "37.984 kasus klaim, dengan total pembayaran mencapai Rp545.196.361.300." in gresik.paragraphs[4]
    assert gresik.paragraphs[-1].endswith("tambah Najmi.")
    assert gresik.served_paragraphs[-1].endswith("tambah Najmi. (qom)")
    pasuruan = one("realita", title="BPJAMSOSTEK Pasuruan Optimalkan Inpres No.2/2021 dan Pergub Jatim No.36/2021")
    assert pasuruan.paragraphs[0].startswith("PASURUAN (Realita) - BPJS Ketenagakerjaan (BPJAMSOSTEK) Cabang Pasuruan")
    assert any("13.738 kasus" in p for p in pasuruan.paragraphs)
    blitar = one("jatimtimes", region_code="35.05")
    assert "26,3% per 15 Oktober 2024" in blitar.paragraphs[2]
    pers = one("beritalima", title="Bersama Pers Perluas Perlindungan Jaminan Sosial Pekerja Jatim")
    assert len(pers.paragraphs) == 12 and pers.served_paragraphs[-1].endswith("16.512 pekerja. (Ganefo)")
    cerme = one("nawacita", region_code="35.25", relevant=True)
    assert cerme.paragraphs[0].startswith("Gresik, Nawacita – BPJS Ketenagakerjaan (BPJAMSOSTEK) Gresik")
    boiler = ("Baca juga", "Baca Juga", "Editor :", "Leave a reply", "Pos terkait", "Tinggalkan Balasan",
              "Berita Terbaru", "Baca Selengkapnya", "skyscraper", "Teks Foto")
    for a in articles():
        for p in a.paragraphs:
            assert not p.startswith(boiler), (a.path, p[:40])


def test_words_like_baca_and_editor_occur_inside_real_sentences() -> None:
    text = " ".join(p for a in articles() for p in a.paragraphs)
    assert "taman baca masyarakat" in text
    assert "editor video lepas" in text


# --- discovery surfaces -------------------------------------------------------------------

def test_robots_txt_on_every_portal(sim: Simulator) -> None:
    for portal, base in sim.urls.items():
        status, headers, body = fetch(base + "robots.txt")
        assert status == 200 and headers["Content-Type"].startswith("text/plain"), portal
        assert b"User-agent: *" in body
    _, _, robots = fetch(sim.urls["beritalima"] + "robots.txt")
    assert f"Sitemap: {sim.urls['beritalima']}sitemap_index.xml".encode() in robots
    assert b"Disallow: /wp-admin/" in robots
    _, _, robots = fetch(sim.urls["realita"] + "robots.txt")
    assert b"Disallow: /baca-berita/preview/" in robots
    trap = one("realita", fault="robots_disallowed")
    assert trap.relevant and trap.path.startswith("/baca-berita/preview/")
    _, _, listing = fetch(sim.urls["realita"] + "tag/bpjs-ketenagakerjaan")
    assert trap.path.encode() in listing  # a crawler sees the link and must leave it alone


def _feed_links(url: str) -> list[str]:
    status, _, body = fetch(url)
    assert status == 200, url
    root = ET.fromstring(body)
    if root.tag == f"{ATOM}feed":
        return [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert root.tag == "rss" and root.get("version") == "2.0"
    return [i.findtext("link") for i in root.iter("item")]


def test_feeds_parse_and_list_articles_that_answer(sim: Simulator) -> None:
    broken = {sim.url_for(a) for a in articles() if a.fault == "http500"}
    for portal, path in (("beritalima", "feed/"), ("nawacita", "feed/"), ("klikjatim", "feed/atom.xml")):
        links = _feed_links(sim.urls[portal] + path)
        assert 4 <= len(links) <= 10, portal
        for link in links:
            assert link.startswith(sim.urls[portal])
            status, _, _ = fetch(link)
            assert status == (500 if link in broken else 200), link
    beritalima_feed = _feed_links(sim.urls["beritalima"] + "feed/")
    assert broken & set(beritalima_feed)
    assert sim.urls["beritalima"] + "2023/09/12/jamsostek-petani-tembakau-jember/" in beritalima_feed


def test_pages_advertise_their_feed_for_url_only_discovery(sim: Simulator) -> None:
    base = sim.urls["nawacita"]
    _, _, home = fetch(base)
    alternates = [l for l in parse_links(home).links if l.get("rel") == "alternate"]
    assert alternates and alternates[0]["type"] == "application/rss+xml"
    assert alternates[0]["href"] == base + "feed/"
    _, _, robots = fetch(base + "robots.txt")
    assert f"Sitemap: {base}sitemap.xml".encode() in robots
    status, _, body = fetch(base + "sitemap.xml")
    locs = {e.text for e in ET.fromstring(body).iter(f"{SM}loc")}
    assert status == 200
    assert {base.rstrip("/") + a.path for a in by_portal("nawacita")} <= locs


def _locs(body: bytes) -> set[str]:
    return {e.text for e in ET.fromstring(body).iter(f"{SM}loc")}


def test_sitemaps_of_every_kind(sim: Simulator) -> None:
    base = sim.urls["beritalima"]
    status, _, index = fetch(base + "sitemap_index.xml")
    root = ET.fromstring(index)
    assert status == 200 and root.tag == f"{SM}sitemapindex"
    assert base + "post-sitemap.xml" in _locs(index)
    _, _, posts = fetch(base + "post-sitemap.xml")
    assert sim.url_for(one("beritalima", title="Bersama Pers Perluas Perlindungan Jaminan Sosial Pekerja Jatim")) in _locs(posts)

    _, _, news = fetch(sim.urls["klikjatim"] + "sitemap-news.xml")
    titles = [e.text for e in ET.fromstring(news).iter(f"{NEWS}title")]
    assert "Banjir Bengawan Jero Rendam 1.214 Rumah di Lamongan" in titles

    status, headers, gz = fetch(sim.urls["jatimtimes"] + "sitemap.xml.gz")
    assert status == 200 and headers["Content-Type"] == "application/x-gzip"
    jt = _locs(gzip.decompress(gz))
    assert sim.url_for(one("jatimtimes", region_code="35.05")) in jt

    status, _, plain = fetch(sim.urls["realita"] + "sitemap.xml")
    assert status == 200 and sim.url_for(one("realita", region_code="35.14")) in _locs(plain)


def _next_page(page_url: str, body: bytes) -> str | None:
    """The 'next' link as a crawler may spot it: rel=next, or its text/label."""
    links = parse_links(body)
    for l in links.links:
        if l.get("rel") == "next":
            return urljoin(page_url, l["href"])
    for href, text, rel in links.anchors:
        if "next" in rel.split() or "next-page" in rel or text.startswith(("Berikutnya", "Next")):
            return urljoin(page_url, href)
    return None


@pytest.mark.parametrize("portal", ["klikjatim", "realita", "jatimtimes", "beritalima", "nawacita"])
def test_listing_pagination_reaches_listing_only_articles(sim: Simulator, portal: str) -> None:
    url: str | None = sim.urls[portal] + "tag/bpjs-ketenagakerjaan" + ("/" if portal in ("beritalima", "nawacita") else "")
    seen_on: dict[str, int] = {}
    page = 0
    while url and page < 10:
        page += 1
        status, _, body = fetch(url)
        assert status == 200, url
        for href, _, _ in parse_links(body).anchors:
            seen_on.setdefault(urljoin(url, href), page)
        url = _next_page(url, body)
    assert page >= 2
    hidden = [a for a in by_portal(portal) if a.listing_only]
    for a in hidden:
        assert seen_on.get(sim.url_for(a), 0) >= 2, a.path
    # ...and those are nowhere in the feed or on the home page
    _, _, home = fetch(sim.urls[portal])
    assert all(a.path.encode() not in home for a in hidden)


# --- faults ---------------------------------------------------------------------------------

def test_fault_http500(sim: Simulator) -> None:
    a = one("beritalima", fault="http500")
    status, _, _ = fetch(sim.url_for(a))
    assert status == 500


def test_fault_redirect_from_old_url(sim: Simulator) -> None:
    (redirect,) = [f for f in faults() if f.kind == "redirect"]
    status, headers, _ = fetch(sim.urls[redirect.portal].rstrip("/") + redirect.path, follow=False)
    assert status == 301
    assert headers["Location"] == sim.urls[redirect.portal].rstrip("/") + redirect.target
    status, _, body = fetch(sim.urls[redirect.portal].rstrip("/") + redirect.path)
    assert status == 200 and b"Petani Tembakau Jember" in body


def test_fault_windows1252_page(sim: Simulator) -> None:
    a = one("realita", fault="windows1252")
    status, headers, body = fetch(sim.url_for(a))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=windows-1252"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("cp1252")
    assert "Jum’at (26/11/2021)" in text and "André Kusuma" in text
    assert 'charset=windows-1252' in text


def test_fault_truncated_page_keeps_title_and_first_paragraphs(sim: Simulator) -> None:
    a = one("klikjatim", fault="truncated")
    status, _, body = fetch(sim.url_for(a))
    text = body.decode("utf-8")
    assert status == 200
    assert f"<title>{html.escape(a.title)} - Klikjatim.com</title>" in text
    assert all(html.escape(p) in text for p in a.paragraphs) and len(a.paragraphs) >= 2
    assert "</html>" not in text and "Copyright" not in text


def test_fault_slow_listing_page(sim: Simulator) -> None:
    (slow,) = [f for f in faults() if f.kind == "slow"]
    t0 = time.monotonic()
    status, _, _ = fetch(sim.urls[slow.portal].rstrip("/") + slow.path)
    assert status == 200 and time.monotonic() - t0 >= 0.95


def test_unknown_path_is_a_real_looking_404(sim: Simulator) -> None:
    for portal, base in sim.urls.items():
        status, headers, body = fetch(base + "berita/tidak-ada-12345")
        assert status == 404 and headers["Content-Type"].startswith("text/html"), portal
        assert b"tidak ditemukan" in body and b"&copy;" in body
        home_links = {base, "/"}
        assert home_links & {href for href, _, _ in parse_links(body).anchors}, portal


def test_manifest_flags_each_fault() -> None:
    kinds = Counter(f.kind for f in faults())
    assert kinds == Counter({"http500": 1, "truncated": 1, "robots_disallowed": 1, "windows1252": 1,
                             "redirect": 1, "slow": 1})


# --- pages ----------------------------------------------------------------------------------

DATE_SHOWN = {
    "klikjatim": ("BPJS Ketenagakerjaan Gresik Fokus", "18/12/2024 14:05 WIB"),
    "nawacita": ("BPJAMSOSTEK Ingatkan", "Kamis, 19 Januari 2023"),
    "realita": ("BPJAMSOSTEK Pasuruan Optimalkan", "Rabu (15/12/2021)"),
    "jatimtimes": ("Tingkatkan Cakupan Kepesertaan", "30 - Oct - 2024, 03:34"),
    "beritalima": ("Bersama Pers Perluas", "12 Oktober 2017"),
}
SITE_TITLE = {"klikjatim": "Klikjatim.com", "nawacita": "Nawacita", "realita": "Realita",
              "jatimtimes": "JatimTIMES", "beritalima": "beritalima.com"}


@pytest.mark.parametrize("portal", PORTALS)
def test_seed_article_page_looks_like_the_portal(sim: Simulator, portal: str) -> None:
    prefix, shown_date = DATE_SHOWN[portal]
    (a,) = [x for x in by_portal(portal) if x.title.startswith(prefix)]
    status, _, body = fetch(sim.url_for(a))
    text = body.decode("utf-8")
    SAMPLES.mkdir(parents=True, exist_ok=True)
    (SAMPLES / f"{portal}.html").write_text(text, encoding="utf-8")
    assert status == 200
    assert f"<title>{html.escape(a.title)} - {SITE_TITLE[portal]}</title>" in text
    assert f'<link rel="canonical" href="{sim.url_for(a)}"' in text
    assert f'<meta property="og:url" content="{sim.url_for(a)}">' in text
    assert shown_date in text
    assert all(html.escape(p) in text for p in a.paragraphs)
    assert "Copyright" in text or "&copy;" in text
    if portal in ("nawacita", "beritalima"):
        assert f'<meta property="article:published_time" content="{a.published.isoformat()}"' in text


def test_each_portal_carries_its_seed_boilerplate(sim: Simulator) -> None:
    expected = {
        "klikjatim": ("URL berhasil dicopy", "Baca juga:", "Editor : ", "klikjatim.com skyscraper"),
        "nawacita": ("Leave a reply", "Please enter your comment!", "Baca Juga :", "td-post-content", "top banner"),
        "realita": ("Baca Juga:", "Editor : Redaksi", "Berita Terbaru", "Boks Redaksi"),
        "jatimtimes": ("Baca Juga : ", "Baca Selengkapnya", "Topik", "cara menyimpan tomat"),
        "beritalima": ("Pos terkait", "Tinggalkan Balasan", "Whatsapp",
                       "Ruas yang wajib ditandai"),
    }
    for portal, markers in expected.items():
        prefix, _ = DATE_SHOWN[portal]
        (a,) = [x for x in by_portal(portal) if x.title.startswith(prefix)]
        text = fetch(sim.url_for(a))[2].decode("utf-8")
        for marker in markers:
            assert marker in text, (portal, marker)
        if a.caption:
            assert html.escape(a.caption) in text, portal
    gresik = one("klikjatim", region_code="35.25", published=by_portal("klikjatim")[0].published)
    page = fetch(sim.url_for(gresik))[2].decode("utf-8")
    assert page.count(html.escape(gresik.caption or "")) >= 2  # klikjatim repeats the caption


def test_irrelevant_articles_still_have_bpjs_tk_headlines_in_the_sidebar(sim: Simulator) -> None:
    checked = 0
    for a in articles():
        if a.relevant or a.fault:
            continue
        assert not any("BPJS Ketenagakerjaan" in p for p in a.paragraphs) or a.portal == "nawacita"
        status, _, body = fetch(sim.url_for(a))
        assert status == 200 and "BPJS Ketenagakerjaan" in body.decode("utf-8"), a.path
        checked += 1
    assert checked >= 8


def test_link_styles_differ_between_portals(sim: Simulator) -> None:
    _, _, kj = fetch(sim.urls["klikjatim"])
    assert f'href="{sim.urls["klikjatim"]}read/'.encode() in kj
    pasuruan = one("realita", title="BPJAMSOSTEK Pasuruan Optimalkan Inpres No.2/2021 dan Pergub Jatim No.36/2021")
    _, _, rl = fetch(sim.url_for(pasuruan))
    assert b'href="../72004/ribuan-pengurus-rw-di-ponorogo-dijamin-bpjs-ketenagakerjaan-tahun-ini"' in rl
    _, _, nw = fetch(sim.urls["nawacita"])
    assert b'href="/2024/10/22/' in nw and b"//127.0.0.1" not in nw.replace(sim.urls["nawacita"].encode(), b"")


# --- control endpoints, sources, process -------------------------------------------------

def test_request_log_records_paths_and_resets(sim: Simulator) -> None:
    base = sim.urls["jatimtimes"]
    assert fetch(base + "__simulator/reset", method="POST")[0] == 200
    fetch(base + "robots.txt")
    fetch(base + "tag/bpjs-ketenagakerjaan?page=1&utm_source=x")
    fetch(base + "nope")
    status, _, body = fetch(base + "__simulator/requests")
    expected = ["/robots.txt", "/tag/bpjs-ketenagakerjaan?page=1&utm_source=x", "/nope"]
    assert status == 200 and json.loads(body) == expected
    assert sim.requests("jatimtimes") == expected
    assert "/nope" not in sim.requests("realita")  # each portal keeps its own log
    sim.reset()
    assert sim.requests("jatimtimes") == [] and json.loads(fetch(base + "__simulator/requests")[2]) == []


def test_sources_toml_configures_every_portal_and_leaves_one_url_only(sim: Simulator) -> None:
    doc = tomllib.loads(sources_toml(sim.urls))
    sources = {s["name"]: s for s in doc["source"]}
    assert list(sources) == list(PORTALS)
    assert set(sources["nawacita"]) == {"name", "url", "region"}
    for name in ("klikjatim", "realita", "jatimtimes", "beritalima"):
        s = sources[name]
        assert s["url"] == sim.urls[name] and s["listings"] and s["sitemaps"]
        for url in s.get("feeds", []) + s["sitemaps"] + s["listings"]:
            assert url.startswith(sim.urls[name]) and fetch(url)[0] == 200
    assert sources["beritalima"]["feeds"] == [sim.urls["beritalima"] + "feed/"]


def test_module_prints_urls_and_exits_cleanly_on_sigterm() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "arsip.simulator"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1])
    try:
        urls = json.loads(proc.stdout.readline())
        assert list(urls) == list(PORTALS)
        assert fetch(urls["klikjatim"] + "robots.txt")[0] == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert proc.stderr.read() == ""  # request logging is off
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
