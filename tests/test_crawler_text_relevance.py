"""crawler.text.relevance: BPJS Ketenagakerjaan must be a subject, not a passing name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.text import extract
from crawler.text.relevance import count_mentions, score_relevance

PAGES = Path(__file__).parent / "pages"
CASES = sorted(p.relative_to(PAGES).with_suffix("").as_posix() for p in PAGES.glob("*/*.html"))

FILLER = (
    "Pemerintah daerah terus memperbaiki jalan desa yang rusak akibat musim hujan, "
    "dengan anggaran yang bersumber dari APBD dan bantuan provinsi."
)


@pytest.mark.parametrize("case", CASES)
def test_page_relevance(case: str) -> None:
    expected = json.loads((PAGES / f"{case}.expected.json").read_text("utf-8"))
    found = extract((PAGES / f"{case}.html").read_bytes())
    assert found.relevant is expected["relevant"], found.reason
    assert found.reason.startswith("relevant" if expected["relevant"] else "not relevant")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("BPJS Ketenagakerjaan", 1),
        ("BPJAMSOSTEK dan BPJamsostek serta BP Jamsostek", 3),
        ("Universal Coverage Jamsostek", 1),
        ("BPJS TK Gresik", 1),
        ("program Jaminan Sosial Ketenagakerjaan", 1),
        ("BPJS Ketenagakerjaan (BPJAMSOSTEK)", 2),
        ("BPJS Kesehatan dan JKN-KIS", 0),
        ("BPJS", 0),
    ],
)
def test_aliases(text: str, count: int) -> None:
    assert count_mentions(text) == count


def test_bpjs_kesehatan_only_is_not_relevant() -> None:
    text = "\n\n".join(
        [
            "BPJS Kesehatan Sidoarjo menambah layanan antrean online untuk peserta JKN.",
            "Kepala BPJS Kesehatan mengatakan peserta JKN cukup membuka aplikasi Mobile JKN.",
            "BPJS Kesehatan mengingatkan peserta membayar iuran tepat waktu.",
        ]
    )
    verdict = score_relevance("BPJS Kesehatan Tambah Layanan Antrean Online", text)
    assert not verdict.relevant
    assert "BPJS Kesehatan" in verdict.reason


def test_kesehatan_story_naming_ketenagakerjaan_once_is_not_relevant() -> None:
    text = "\n\n".join(
        [
            "BPJS Kesehatan dan BPJS Ketenagakerjaan hadir di acara itu, namun BPJS Kesehatan yang memaparkan layanan JKN.",
            "Peserta JKN diminta memperbarui data di BPJS Kesehatan.",
            "BPJS Kesehatan juga membuka layanan JKN keliling.",
        ]
    )
    assert not score_relevance("Layanan JKN Keliling Hadir di Pasar", text).relevant


def test_single_passing_mention_in_a_long_article_is_not_relevant() -> None:
    paragraphs = [FILLER] * 8
    paragraphs[5] = "Para pekerja proyek jalan itu sudah didaftarkan sebagai peserta BPJS Ketenagakerjaan oleh kontraktor."
    verdict = score_relevance("Pemkab Lamongan Perbaiki 40 Kilometer Jalan Desa", "\n\n".join(paragraphs))
    assert not verdict.relevant
    assert "passing" in verdict.reason


def test_subject_in_the_body_without_title_is_relevant() -> None:
    paragraphs = [
        "PASURUAN, beritalima.com – BPJS Ketenagakerjaan Kanwil Jatim menggelar pers gathering.",
        "Kepala Kantor Wilayah BPJS Ketenagakerjaan Jawa Timur memaparkan capaian kepesertaan.",
        "BPJS Ketenagakerjaan juga membayar klaim JHT sebesar Rp1,47 triliun.",
        FILLER,
    ]
    assert score_relevance("Bersama Pers Perluas Perlindungan Jaminan Sosial Pekerja Jatim", "\n\n".join(paragraphs)).relevant


def test_title_mentions_weigh_more_than_body_mentions() -> None:
    body = "\n\n".join([FILLER, "Iuran peserta BPJS Ketenagakerjaan dibayar dari APBD.", FILLER])
    with_title = score_relevance("Pemkab Tuban Daftarkan Perangkat Desa ke BPJS Ketenagakerjaan", body)
    without_title = score_relevance("Pemkab Tuban Daftarkan Perangkat Desa", body)
    assert with_title.relevant and not without_title.relevant
    assert with_title.score > without_title.score


def test_sidebar_headlines_do_not_count() -> None:
    article = "".join(f"<p>{FILLER} Paragraf {i}.</p>" for i in range(6))
    sidebar = "".join(f"<li><a href='/b{i}'>BPJS Ketenagakerjaan Santuni Ahli Waris Pekerja {i}</a></li>" for i in range(8))
    page = (
        "<html><head><title>Jalan Desa Diperbaiki</title></head><body>"
        f"<article><h1>Jalan Desa Diperbaiki</h1>{article}</article>"
        f"<aside class='sidebar'><h3>Terpopuler</h3><ul>{sidebar}</ul></aside></body></html>"
    )
    found = extract(page)
    assert found.text and "BPJS" not in found.text
    assert not found.relevant


def test_threshold_is_a_knob() -> None:
    text = "\n\n".join([FILLER, "Pekerja sudah terdaftar di BPJS Ketenagakerjaan.", FILLER])
    assert not score_relevance("Jalan Desa", text).relevant
    assert score_relevance("Jalan Desa", text, threshold=0.1).relevant


def test_no_text_is_not_relevant_and_says_so() -> None:
    verdict = score_relevance("BPJS Ketenagakerjaan", "")
    assert not verdict.relevant and "no article text" in verdict.reason


def test_english_names_of_the_agency_and_its_programmes_make_an_english_story_relevant() -> None:
    text = (
        "The benefit is paid by the state workers' social security agency under its job loss insurance programme.\n\n"
        "BPJS Employment said it paid 311 billion rupiah in job loss benefits last year."
    )
    assert score_relevance("Indonesia widens jobless benefit", text).relevant


def test_programme_words_without_the_agency_do_not_count() -> None:
    text = ("A factory fire killed three workers. The company said families would get a death benefit "
            "from its private insurer and work accident insurance would cover the injured.")
    assert not score_relevance("Factory fire in Bekasi", text).relevant


def test_bpjs_health_story_in_english_stays_not_relevant() -> None:
    text = ("BPJS Health could run a deficit as hospital claims rise, its director said.\n\n"
            "Claims under the national health insurance program, JKN, rose 21 percent.")
    assert not score_relevance("BPJS Health warns of deficit", text).relevant
