"""crawler.text.body: the clean text keeps every article paragraph and no portal furniture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.text.body import clean_lines, extract_body
from crawler.text.page import load_page

PAGES = Path(__file__).parent / "pages"
CASES = sorted(p.relative_to(PAGES).with_suffix("").as_posix() for p in PAGES.glob("*/*.html"))
URLS = dict(line.split("\t") for line in (PAGES / "urls.tsv").read_text("utf-8").splitlines() if line)


def body_of(case: str) -> tuple[str, dict]:
    expected = json.loads((PAGES / f"{case}.expected.json").read_text("utf-8"))
    tree = load_page((PAGES / f"{case}.html").read_bytes()).tree
    assert tree is not None
    return extract_body(tree, URLS[case], [expected["title"]]), expected


@pytest.mark.parametrize("case", CASES)
def test_every_article_paragraph_is_kept_in_order(case: str) -> None:
    text, expected = body_of(case)
    paragraphs = text.split("\n\n")
    for gold in expected["paragraphs"]:
        assert gold in paragraphs, f"{case}: paragraph missing: {gold[:80]!r}"
    positions = [paragraphs.index(gold) for gold in expected["paragraphs"]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("case", CASES)
def test_no_boilerplate_survives(case: str) -> None:
    text, expected = body_of(case)
    for junk in expected["absent"]:
        assert junk not in f"\n{text}\n", f"{case}: boilerplate kept: {junk!r}"
    assert expected["title"] not in text.split("\n\n")


def test_pages_cover_every_portal() -> None:
    assert {case.split("/")[0] for case in CASES} == {"klikjatim", "nawacita", "realita", "jatimtimes", "beritalima"}
    assert set(URLS) == set(CASES)


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Cakupan Kepesertaan BPJS Ketenagakerjaan di Kabupaten Gresik Mencapai 52,5 Persen",
        "Baca Juga : Di Tahun 2023, BPJS Ketenagakerjaan Targetkan 10 Juta Peserta Baru",
        "BACA JUGA: Pemkab Tuban Daftarkan Perangkat Desa",
        "Simak juga: Video Penyerahan Santunan",
        "Lihat juga - Galeri Foto Banjir",
        "Editor :",
        "Editor : Redaksi",
        "Reporter : Hadi Santoso",
        "Penulis: Aris Setiawan",
        "Pewarta : Dani",
        "Sumber : Humas Pemkab Gresik",
        "Teks Foto: Kegiatan sosialisasi BPJS Ketenagakerjaan kepada pekerja rentan.",
        "Foto: Petugas BPBD mengevakuasi warga.",
        "Kepala BPJS Ketenagakerjaan Cabang Gresik dalam rapat program kerja 2025 (Dok/BPJS TK)",
        "• URL berhasil dicopy",
        "• Whatsapp",
        "top banner",
        "beritalima.com",
        "Please enter your comment!",
        "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
        "(qom)",
    ],
)
def test_furniture_line_is_dropped(line: str) -> None:
    article = "Kepala BPJS Ketenagakerjaan Gresik menjelaskan program kerja tahun 2025 kepada wartawan."
    assert clean_lines([article, line, article.replace("2025", "2026")]) == [article, article.replace("2025", "2026")]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Warga diminta membaca juga syarat pendaftaran sebelum datang ke kantor cabang BPJS Ketenagakerjaan.",
        "Baca tulis menjadi syarat utama peserta pelatihan kerja yang digelar Disnaker Gresik tahun ini.",
        "Editor senior harian itu menilai program BPJS Ketenagakerjaan perlu lebih banyak disosialisasikan kepada pekerja.",
        "Sumber dana program ini berasal dari APBD Kabupaten Blitar dan DBHCHT, kata Sekda: iuran dibayar penuh.",
    ],
)
def test_real_paragraph_mentioning_baca_or_editor_survives(paragraph: str) -> None:
    assert clean_lines([paragraph]) == [paragraph]


def test_trailing_initials_are_stripped_but_the_sentence_kept() -> None:
    lines = ["Paragraf pertama berita tentang BPJS Ketenagakerjaan di Gresik.", '"Kami mendorong perlindungan pekerja rentan," tambah Najmi. (qom)']
    assert clean_lines(lines)[-1] == '"Kami mendorong perlindungan pekerja rentan," tambah Najmi.'
    assert clean_lines(["Kalimat penutup berita dengan singkatan Jaminan Pensiun (JP)."]) == [
        "Kalimat penutup berita dengan singkatan Jaminan Pensiun (JP)."
    ]


def test_title_and_caption_repeated_in_body_are_dropped() -> None:
    title = "BPJAMSOSTEK Ingatkan Pentingnya Jamsostek Bagi Perangkat Desa dan Pekerja Rentan"
    caption = "Kakanwil BPJS Ketenagakerjaan Jatim bersama para wartawan di acara pers gathering di Pasuruan."
    body = "Gresik, Nawacita – BPJS Ketenagakerjaan Gresik menggelar sosialisasi bagi perangkat desa."
    assert clean_lines([title, caption, body], repeated=[title, caption]) == [body]


def test_everything_after_an_end_marker_is_dropped() -> None:
    body = "JATIMTIMES- BPJS Ketenagakerjaan Cabang Blitar mengadakan FGD bersama Pemkab Blitar."
    seo = "Jawa Timur merupakan salah satu provinsi dengan pertumbuhan ekonomi yang cukup pesat di Indonesia."
    assert clean_lines([body, "Topik", seo]) == [body]
    assert clean_lines([body, "Baca Selengkapnya", seo]) == [body]
    assert clean_lines([body, "Berita Terbaru", "Harga Telur di Pasar Besar Pasuruan Naik."]) == [body]


def test_author_box_and_ad_labels_at_the_edges_are_dropped() -> None:
    body = "KLIKJATIM.Com | Gresik - BPJS Ketenagakerjaan Kabupaten Gresik menggelar rapat penyusunan program kerja."
    assert clean_lines(["klikjatim.com skyscraper", "avatar Abdul Aziz Qomar", body, "Editor :"]) == [body]
