"""crawler.text.regions: the article's kabupaten/kota as official codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.text.body import extract_body
from crawler.text.page import load_page
from crawler.text.regions import find_dateline, find_regions, place_of_date_line

PAGES = Path(__file__).parent / "pages"
CASES = sorted(p.relative_to(PAGES).with_suffix("").as_posix() for p in PAGES.glob("*/*.html"))


@pytest.mark.parametrize("case", CASES)
def test_page_region(case: str) -> None:
    expected = json.loads((PAGES / f"{case}.expected.json").read_text("utf-8"))
    tree = load_page((PAGES / f"{case}.html").read_bytes()).tree
    assert tree is not None
    found = find_regions(expected["title"], extract_body(tree, None, [expected["title"]]))
    assert found.primary == expected["region_code"]
    assert found.regions[0] == expected["region_code"]
    assert set(expected["regions_include"]) <= set(found.regions)


@pytest.mark.parametrize(
    ("text", "place", "outlet"),
    [
        ("Gresik, Nawacita  – BPJS Ketenagakerjaan Gresik menggelar sosialisasi", "Gresik", "Nawacita"),
        ("PASURUAN (Realita) - BPJS Ketenagakerjaan Cabang Pasuruan", "PASURUAN", "Realita"),
        ("KLIKJATIM.Com | Gresik - BPJS Ketenagakerjaan Kabupaten Gresik", "Gresik", "KLIKJATIM.Com"),
        ("SURABAYA, beritalima.com | Ribuan pekerja", "SURABAYA", "beritalima.com"),
        ("PASURUAN, beritalima.com – Berbagai langkah", "PASURUAN", "beritalima.com"),
        ("JATIMTIMES- BPJS Ketenagakerjaan Cabang Blitar", None, "JATIMTIMES"),
        ("Pemerintah Kabupaten Blitar menggelar rapat.", None, None),
    ],
)
def test_dateline_forms(text: str, place: str | None, outlet: str | None) -> None:
    assert find_dateline(text) == (place, outlet)


def test_dateline_place_is_primary_even_when_others_are_mentioned_more() -> None:
    text = "SURABAYA, beritalima.com | Peserta dari Sidoarjo, Sidoarjo dan Sidoarjo hadir di Kota Surabaya."
    found = find_regions(None, text)
    assert found.primary == "35.78"
    assert found.regions == ("35.78", "35.15")


def test_most_mentioned_region_without_dateline() -> None:
    text = "JATIMTIMES- Pemkab Blitar dan BPJS Ketenagakerjaan Blitar rapat di Malang. Kabupaten Blitar siap."
    assert find_regions(None, text).primary == "35.05"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PASURUAN (Realita) - Pemkot Pasuruan dan Wali Kota Pasuruan meninjau pasar.", "35.75"),
        ("PASURUAN (Realita) - Pemkab Pasuruan dan Bupati Pasuruan meninjau pasar.", "35.14"),
        ("PASURUAN (Realita) - BPJS Ketenagakerjaan Pasuruan menyerahkan santunan.", "35.14"),
        ("PASURUAN (Realita) - Pemerintah Kota dan Kabupaten Pasuruan sepakat.", "35.14"),
        ("Warga Kota Malang dan pekerja di Pemkot Malang menerima kartu peserta.", "35.73"),
        ("Pekerja di Kab. Kediri menerima kartu peserta dari Pemkab Kediri.", "35.06"),
        ("BLITAR, beritalima.com – Wali Kota Blitar menyerahkan kartu peserta.", "35.72"),
    ],
)
def test_kota_versus_kabupaten_evidence(text: str, expected: str) -> None:
    assert find_regions(None, text).primary == expected


def test_plain_name_follows_kota_evidence_when_only_kota_is_named() -> None:
    found = find_regions("BPJS Ketenagakerjaan Malang Bayarkan Santunan", "Penyerahan di Balai Kota Malang oleh Pemkot Malang.")
    assert found.regions == ("35.73",)


def test_province_only_gives_the_province_code() -> None:
    found = find_regions("Kanwil Jatim Gelar Pers Gathering", "Kepesertaan di Jawa Timur naik 20 persen tahun ini.")
    assert found.primary == "35"
    assert found.regions == ()


def test_fallback_region_when_no_place_is_named() -> None:
    text = "Kepesertaan pekerja rentan naik 20 persen tahun ini menurut laporan terbaru."
    assert find_regions(None, text, fallback="35").primary == "35"
    assert find_regions(None, text, fallback="35.25").primary == "35.25"
    assert find_regions(None, text).primary is None


def test_common_word_names_need_a_prefix() -> None:
    assert find_regions(None, "Pekerja tambang batu dan Batu bata diangkut truk.").primary is None
    assert find_regions(None, "Wali Kota Batu meninjau lokasi.").primary == "35.79"


def test_jakarta_administrative_cities_by_their_usual_name() -> None:
    assert find_regions(None, "Kantor BPJS Ketenagakerjaan di Jakarta Selatan diresmikan.").primary == "31.74"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("JAKARTA, Feb 10 (Reuters) - Indonesia will raise the benefit.", "JAKARTA"),
        ("JAKARTA — The government said on Monday.", "JAKARTA"),
        ("TEMPO.CO, Jakarta - BPJS Ketenagakerjaan membayar.", "Jakarta"),
        ("SURYAMALANG.COM, MALANG - Pemkot Malang menanggung iuran.", "MALANG"),
        ("Jakarta, CNN Indonesia -- Kemendes meminta desa.", "Jakarta"),
        ("JATIMTIMES - Pemkab Blitar menggelar FGD.", None),
    ],
)
def test_english_and_national_datelines(text: str, place: str | None) -> None:
    assert find_dateline(text)[0] == place


def test_the_pages_own_dateline_beats_a_city_named_once_in_the_text() -> None:
    text = "Fewer than one in five drivers are insured.\n\nRegions including Surabaya pay contributions."
    assert find_regions("Gig workers left out", text, page_place="Jakarta").primary == "31"
    assert place_of_date_line("Jakarta ● Wed, October 30, 2024") == "Jakarta"
    assert place_of_date_line("Business ● Wed, October 30, 2024") is None
