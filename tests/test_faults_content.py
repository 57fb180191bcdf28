"""Content faults: truncated, huge, gzip bombs, binary, wrong charsets, empty bodies, redirect loops,
calendar and pagination traps, a 50,000-URL sitemap, nested sitemap indexes, malformed feeds,
billion laughs and external entities.

The crawl is the shared one of tests/fault_crawl.py (every fault at once, then a re-run with
the article faults switched off); each test here checks one fault. Expected values come from
the simulator's manifest and from what the simulator served, never from arsip's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fault_crawl import (
    BIG_SITEMAP,
    BINARY,
    CALENDAR,
    CP1252_AS_UTF8,
    DEEP_BINARY,
    DEEP_EMPTY,
    EMPTY,
    FEEDS,
    GZIP_BOMB,
    HUGE,
    LISTING_MAX_PAGES,
    LOOP,
    LOOP_B,
    NESTED_SITEMAP,
    PAGINATION_FAKE,
    PAGINATION_REPEAT,
    SITEMAP_BOMB,
    SITEMAP_LAUGHS,
    SITEMAP_MAX_DEPTH,
    SITEMAP_MAX_NEW,
    SITEMAP_XXE,
    TRUNCATED,
    UTF8_AS_CP1252,
    FaultRun,
    Faulty,
    expected_urls,
    half_written,
)

from arsip.simulator import articles
from arsip.simulator.faults import CANARY
from crawler.urls import normalize_url

# Memory a crawl may use beyond a clean crawl of one portal: a 16 MB DOWNLOAD_MAXSIZE body and
# the parse of a 50,000-URL sitemap fit; a 20 MB page read whole, or a 2 GiB gzip bomb inflated, do not.
MEMORY_MARGIN_MB = 150


def manifest(fault: Faulty):
    (article,) = [a for a in articles() if a.portal == fault.portal and a.path == fault.path]
    return article


def served(fault_run: FaultRun, portal: str, prefix: str) -> list[str]:
    return [p for p in fault_run.served_faulty[portal] if p.startswith(prefix)]


@pytest.mark.parametrize(("fault", "reason"), [
    (TRUNCATED, "truncated response"),
    (HUGE, "too large"),
    (GZIP_BOMB, "too large (gzip body inflates past DOWNLOAD_MAXSIZE)"),
    (BINARY, "no text found: input is not HTML"),
    (EMPTY, "no text found: empty"),
    (DEEP_EMPTY, "no text found: empty"),  # linked only from page 2 of a listing
    (DEEP_BINARY, "no text found: input is not HTML"),  # idem
    (LOOP, "redirect loop"),
])
def test_a_broken_page_is_recorded_failed_with_a_reason_then_archived_by_the_rerun(
    fault_run: FaultRun, fault: Faulty, reason: str
) -> None:
    url = fault_run.url(fault)
    assert url not in fault_run.after_faulty  # never a half page: a truncated body is not archived
    outcome, recorded = fault_run.skipped_faulty[url]
    assert outcome == "failed"
    assert recorded.startswith(reason), recorded
    assert url in fault_run.after_rerun
    assert manifest(fault).paragraphs[1] in fault_run.text(url)


def test_a_redirect_loop_ends_after_one_round(fault_run: FaultRun) -> None:
    assert fault_run.hit(LOOP)["hits"] <= 2
    assert fault_run.hit(LOOP_B)["hits"] <= 2
    _, reason = fault_run.skipped_faulty[fault_run.url(LOOP)]
    assert LOOP_B.path in reason  # the chain is named: A → B → A


def test_memory_stays_bounded_with_a_20_mb_page_and_gzip_bombs(fault_run: FaultRun) -> None:
    assert fault_run.hit(HUGE)["hits"] >= 1 and fault_run.hit(GZIP_BOMB)["hits"] >= 1
    assert fault_run.hit(SITEMAP_BOMB)["hits"] >= 1 and fault_run.hit(BIG_SITEMAP)["hits"] == 1
    assert fault_run.faulty.peak_rss_mb < fault_run.before_crawl.peak_rss_mb + MEMORY_MARGIN_MB, (
        fault_run.faulty.peak_rss_mb, fault_run.before_crawl.peak_rss_mb)


def test_a_gzip_bomb_sitemap_is_reported_for_its_source(fault_run: FaultRun) -> None:
    url = fault_run.url(SITEMAP_BOMB)
    assert f"source beritalima: {url}: too large (gzip body inflates past DOWNLOAD_MAXSIZE)" in fault_run.errors_faulty


@pytest.mark.parametrize("fault", [CP1252_AS_UTF8, UTF8_AS_CP1252], ids=["cp1252-as-utf8", "utf8-as-cp1252"])
def test_a_wrong_charset_declaration_still_gives_the_right_text(fault_run: FaultRun, fault: Faulty) -> None:
    article = manifest(fault)
    special = [p for p in article.paragraphs if any(ord(c) > 127 for c in p)]
    assert special, "the article needs characters that differ between the two encodings"
    text = fault_run.text(fault_run.url(fault))
    assert "\ufffd" not in text and "â€" not in text and "Ã" not in text
    for paragraph in special:
        assert paragraph in text


@pytest.mark.parametrize(("fault", "month_page"), [
    (CALENDAR, lambda p: p.count("/") == 4),  # /arsip/YYYY/MM/
    (PAGINATION_FAKE, lambda p: "berita-palsu" not in p),
    (PAGINATION_REPEAT, lambda p: "berita-palsu" not in p),
], ids=["calendar", "pagination-fake-links", "pagination-repeated-links"])
def test_a_trap_is_followed_only_as_deep_as_the_listing_bound(fault_run: FaultRun, fault: Faulty, month_page) -> None:
    paths = served(fault_run, "nawacita", fault.path)
    pages = [p for p in paths if month_page(p)]
    assert 1 <= len(pages) <= LISTING_MAX_PAGES
    per_page = int(fault.params["links"])
    assert len(paths) <= LISTING_MAX_PAGES * (1 + per_page)  # pages and their (fake) articles, nothing more


def test_fake_trap_links_are_recorded_as_failed(fault_run: FaultRun) -> None:
    base = fault_run.portals["nawacita"].rstrip("/")
    fakes = {u: r for u, r in fault_run.skipped_faulty.items() if u.startswith(base) and "berita-palsu" in u}
    assert fakes and all(r == ("failed", "HTTP 404") for r in fakes.values())


def test_a_50000_url_sitemap_is_taken_newest_first_and_bounded(fault_run: FaultRun) -> None:
    real = [fault_run.portals["nawacita"].rstrip("/") + p for p in BIG_SITEMAP.params["real"]]
    fetched = served(fault_run, "nawacita", "/arsip-lama/")  # the 49,995 old URLs
    assert len(fetched) == SITEMAP_MAX_NEW - len(real)  # one request each: 404 is not retried
    for url in real:  # newest first: every real article was asked for in the first crawl
        key = url.removeprefix("http://").split("/", 1)[1]
        assert "/" + key in fault_run.served_faulty["nawacita"]


def test_nested_sitemap_indexes_stop_at_the_depth_bound(fault_run: FaultRun) -> None:
    indexes = [p for p in served(fault_run, "nawacita", NESTED_SITEMAP.path) if p != "/peta/urls.xml"]
    assert len(indexes) == SITEMAP_MAX_DEPTH + 1  # the given index and 3 nested levels
    assert "nested deeper than ARSIP_SITEMAP_MAX_DEPTH (3)" in fault_run.errors_faulty
    (real,) = NESTED_SITEMAP.params["real"]
    assert normalize_url(fault_run.portals["nawacita"].rstrip("/") + real) in fault_run.after_faulty


def _read(fault_run: FaultRun, portal: str, path: str) -> bool:
    """Whether the crawl took a link: the portal was asked for the page."""
    return path in fault_run.served_faulty[portal]


@pytest.mark.parametrize("variant", list(FEEDS))
def test_a_malformed_or_hostile_feed_still_gives_its_links(fault_run: FaultRun, variant: str) -> None:
    fault = FEEDS[variant]
    assert fault_run.hit(fault)["hits"] == 1
    for path in fault.params["real"]:
        assert _read(fault_run, "klikjatim", path), (variant, path)


@pytest.mark.parametrize("fault", [SITEMAP_XXE, SITEMAP_LAUGHS], ids=["xxe", "billion-laughs"])
def test_a_hostile_sitemap_still_gives_its_links(fault_run: FaultRun, fault: Faulty) -> None:
    assert fault_run.hit(fault)["hits"] == 1
    for path in fault.params["real"]:
        assert _read(fault_run, "nawacita", path), path


def test_external_entities_are_never_fetched_nor_read(fault_run: FaultRun) -> None:
    for portal in ("klikjatim", "nawacita"):
        assert CANARY not in fault_run.served_faulty[portal]
    passwd = [line for line in Path("/etc/passwd").read_text().splitlines() if line.startswith("root:")]
    assert passwd
    archive = fault_run.archive_bytes()
    assert passwd[0].encode() not in archive and b"/bin/bash" not in archive and b"lollollol" not in archive


def test_no_half_written_rows_and_no_crash(fault_run: FaultRun) -> None:
    assert fault_run.half_written_faulty == [] and half_written(fault_run.db_file) == []
    assert fault_run.faulty.returncode == 0 and fault_run.rerun.returncode == 0


def test_the_rerun_completes_the_archive(fault_run: FaultRun) -> None:
    assert set(fault_run.after_rerun) == expected_urls(fault_run.portals)
