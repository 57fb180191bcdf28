"""crawler.text.extract: one call, every field, and no exception on bad input."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path

import pytest

from crawler.text import Extraction, extract

PAGES = Path(__file__).parent / "pages"
CASES = sorted(p.relative_to(PAGES).with_suffix("").as_posix() for p in PAGES.glob("*/*.html"))
URLS = dict(line.split("\t") for line in (PAGES / "urls.tsv").read_text("utf-8").splitlines() if line)


def run(case: str, **kwargs: object) -> tuple[Extraction, dict]:
    expected = json.loads((PAGES / f"{case}.expected.json").read_text("utf-8"))
    return extract((PAGES / f"{case}.html").read_bytes(), URLS[case], **kwargs), expected  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES)
def test_page(case: str) -> None:
    found, expected = run(case)
    assert found.title == expected["title"]
    assert found.published == datetime.fromisoformat(expected["published"])
    assert found.author == expected["author"]
    assert found.region_code == expected["region_code"]
    assert set(expected["regions_include"]) <= set(found.regions)
    assert found.relevant is expected["relevant"]
    assert found.canonical_url == expected["canonical_url"]
    assert found.reason
    paragraphs = found.text.split("\n\n")
    assert all(p.strip() == p and p for p in paragraphs)
    for gold in expected["paragraphs"]:
        assert gold in paragraphs


def test_seed_figures_survive() -> None:
    found, _ = run("klikjatim/bpjstk_gresik_program_kerja")
    for figure in ("37.984 kasus klaim", "Rp545.196.361.300", "28.820 kasus senilai Rp454.842.601.910"):
        assert figure in found.text


def test_windows_1252_page_is_decoded_by_its_meta_charset() -> None:
    raw = (PAGES / "beritalima/cp1252_petani_tembakau_jember.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    found = extract(raw)
    assert "“Petani tembakau adalah tulang punggung ekonomi Jember" in found.text
    assert "Rp 4,8 miliar — naik 12 persen" in found.text
    assert "\ufffd" not in found.text


def test_truncated_page_gives_what_it_has() -> None:
    found, _ = run("jatimtimes/truncated_santunan_malang")
    assert found.relevant
    assert "Wali Kota Malang dalam sambutannya" in found.text


def test_relative_canonical_is_made_absolute_with_the_page_url() -> None:
    found, _ = run("klikjatim/bpjs_kesehatan_sidoarjo")
    assert found.canonical_url == "https://klikjatim.com/bpjs-kesehatan-sidoarjo-tambah-layanan-antrean-online-di-26-puskesmas/"
    assert extract((PAGES / "klikjatim/bpjs_kesehatan_sidoarjo.html").read_bytes()).canonical_url is None


def test_fallback_region_only_when_the_article_names_no_place() -> None:
    page = (
        "<html><head><title>Kepesertaan Naik - Realita</title></head><body><article><h1>Kepesertaan Naik</h1>"
        + "".join(
            f"<p>Jumlah peserta BPJS Ketenagakerjaan dari kalangan pekerja rentan naik {i} persen dibanding tahun lalu, kata pejabat setempat.</p>"
            for i in range(5)
        )
        + "</article></body></html>"
    )
    assert extract(page, fallback_region="35").region_code == "35"
    found, _ = run("klikjatim/bpjstk_gresik_program_kerja", fallback_region="35.78")
    assert found.region_code == "35.25"


def test_relevance_threshold_is_passed_through() -> None:
    found, _ = run("beritalima/pers_gathering_jatim", relevance_threshold=0.95)
    assert not found.relevant
    assert found.relevance_score == pytest.approx(0.7)


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        "",
        b"\x00\x01\x02\x89PNG\r\n\x1a\n\xff\xfe",
        "just some words, not a page",
        "<html><body></body></html>",
        "<html><head><title>Judul</title></head><body><p>Terpotong di teng",
        b"<html><head><meta charset='no-such-charset'></head><body><p>\xe9\xe8</p></body></html>",
        None,
        12345,
    ],
)
def test_bad_input_never_raises_and_says_why(junk: object) -> None:
    found = extract(junk)  # type: ignore[arg-type]
    assert isinstance(found, Extraction)
    assert found.text == ""
    assert not found.relevant
    assert found.reason


def test_extraction_is_frozen() -> None:
    found = extract("")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.text = "x"  # type: ignore[misc]
