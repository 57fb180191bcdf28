"""crawler.text.dates: the publication date, exact, in Jakarta time."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from trafilatura.utils import load_html

from crawler.text.dates import find_published, parse_visible_date
from crawler.text.page import load_page

JAKARTA = ZoneInfo("Asia/Jakarta")
PAGES = Path(__file__).parent / "pages"
CASES = sorted(p.relative_to(PAGES).with_suffix("").as_posix() for p in PAGES.glob("*/*.html"))
URLS = dict(line.split("\t") for line in (PAGES / "urls.tsv").read_text("utf-8").splitlines() if line)


@pytest.mark.parametrize("case", CASES)
def test_page_date(case: str) -> None:
    expected = json.loads((PAGES / f"{case}.expected.json").read_text("utf-8"))
    tree = load_page((PAGES / f"{case}.html").read_bytes()).tree
    found = find_published(tree, URLS[case])
    assert found == datetime.fromisoformat(expected["published"])
    assert found is not None and found.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rabu, 18 Desember 2024", datetime(2024, 12, 18, tzinfo=JAKARTA)),
        ("30 - Oct - 2024, 03:34", datetime(2024, 10, 30, 3, 34, tzinfo=JAKARTA)),
        ("Kamis (12/10/2017)", datetime(2017, 10, 12, tzinfo=JAKARTA)),
        ("Rabu (15/12/2021) - 16:48 WIB", datetime(2021, 12, 15, 16, 48, tzinfo=JAKARTA)),
        ("Senin, 6 Nopember 2023", datetime(2023, 11, 6, tzinfo=JAKARTA)),
        ("sampai 31 Agustus 2017", datetime(2017, 8, 31, tzinfo=JAKARTA)),
        ("18/12/2024 14:05 WIB", datetime(2024, 12, 18, 14, 5, tzinfo=JAKARTA)),
        ("Kamis, 16 Desember 2021 - 10:25 WIB", datetime(2021, 12, 16, 10, 25, tzinfo=JAKARTA)),
        ("Kamis, 19 Desember 2024 | 10:12 WIB", datetime(2024, 12, 19, 10, 12, tzinfo=JAKARTA)),
        ("12 Pebruari 2022 pukul 09.30 WITA", datetime(2022, 2, 12, 9, 30, tzinfo=timezone(timedelta(hours=8)))),
        ("1 Mei 2024 08:00 WIT", datetime(2024, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=9)))),
    ],
)
def test_visible_indonesian_forms(text: str, expected: datetime) -> None:
    assert parse_visible_date(text) == expected


@pytest.mark.parametrize("text", ["", "Berita terkini hari ini", "31 Februari 2024", "Nomor 36 Tahun 2021"])
def test_no_date_or_impossible_date(text: str) -> None:
    assert parse_visible_date(text) is None


def _tree(head: str, body: str = "<p>Isi berita.</p>"):
    return load_html(f"<html><head>{head}</head><body>{body}</body></html>")


def test_json_ld_published_wins_over_modified() -> None:
    ld = '{"@type": "NewsArticle", "dateModified": "2024-12-20T08:00:00+07:00", "datePublished": "2024-12-19T10:12:45+07:00"}'
    tree = _tree(f'<script type="application/ld+json">{ld}</script>')
    assert find_published(tree) == datetime(2024, 12, 19, 10, 12, 45, tzinfo=JAKARTA)


def test_meta_time_in_utc_is_the_same_instant_in_jakarta() -> None:
    tree = _tree('<meta property="article:published_time" content="2023-01-12T02:15:31+00:00">')
    found = find_published(tree)
    assert found == datetime(2023, 1, 12, 9, 15, 31, tzinfo=JAKARTA)
    assert found is not None and found.hour == 9


def test_meta_without_zone_is_read_as_jakarta() -> None:
    tree = _tree('<meta name="pubdate" content="2024-03-04T13:40:00">')
    assert find_published(tree) == datetime(2024, 3, 4, 13, 40, tzinfo=JAKARTA)


def test_visible_date_line_when_no_metadata() -> None:
    tree = _tree("", '<div class="date-detail">Rabu, 18 Desember 2024 14:05 WIB</div><p>Isi berita.</p>')
    assert find_published(tree) == datetime(2024, 12, 18, 14, 5, tzinfo=JAKARTA)


def test_body_event_date_is_the_last_resort() -> None:
    tree = _tree("", "<p>Isi berita.</p>")
    text = "PASURUAN, beritalima.com – Acara pers gathering di Tretes, Kamis (12/10/2017)."
    assert find_published(tree, text=text) == datetime(2017, 10, 12, tzinfo=JAKARTA)


def test_dates_after_the_fetch_are_ignored() -> None:
    tree = _tree('<meta property="article:published_time" content="2030-01-01T00:00:00+07:00">', '<span class="date">18/12/2024 14:05 WIB</span>')
    fetched = datetime(2025, 1, 1, tzinfo=JAKARTA)
    assert find_published(tree, fetched_at=fetched) == datetime(2024, 12, 18, 14, 5, tzinfo=JAKARTA)


def test_no_date_anywhere() -> None:
    assert find_published(_tree("")) is None
    assert find_published(None, text="") is None


def test_relative_date_refines_the_day_the_url_gives() -> None:
    from lxml.html import fromstring

    html = "<html><body><h1>Judul</h1><time class='grey'>2 jam yang lalu</time><p>Isi berita.</p></body></html>"
    fetched = datetime(2024, 11, 1, 12, 0, tzinfo=JAKARTA)
    found = find_published(fromstring(html), "https://suryamalang.tribunnews.com/2024/11/01/judul", fetched_at=fetched)
    assert found == datetime(2024, 11, 1, 10, 0, tzinfo=JAKARTA)


def test_english_ordinal_and_month_first_forms() -> None:
    assert parse_visible_date("29th November 2024") == datetime(2024, 11, 29, tzinfo=JAKARTA)
    assert parse_visible_date("November 14, 2024 | 16:45") == datetime(2024, 11, 14, 16, 45, tzinfo=JAKARTA)
