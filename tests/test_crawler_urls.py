"""One spelling per article URL, and which declared canonical URLs to trust."""

import pytest

from crawler.urls import canonical_url, normalize_url

PAGE = "https://beritalima.com/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/"


def test_tracking_parameters_and_fragments_go() -> None:
    assert normalize_url("HTTPS://Beritalima.com/bersama-pers/?utm_source=wa&utm_medium=share#respond") == (
        "https://beritalima.com/bersama-pers"
    )


def test_same_site_canonical_is_used() -> None:
    amp = "https://beritalima.com/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/amp/"
    assert canonical_url(amp, PAGE) == PAGE.rstrip("/")


def test_canonical_on_another_site_is_ignored() -> None:
    copy = "https://nawacita.co/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim"
    assert canonical_url(copy, PAGE) == copy


def test_canonical_to_the_home_page_or_a_listing_is_ignored() -> None:
    assert canonical_url(PAGE, "https://beritalima.com/") == PAGE.rstrip("/")
    assert canonical_url(PAGE, "/tag/bpjs-ketenagakerjaan/") == PAGE.rstrip("/")


def test_relative_canonical_resolves_against_the_page() -> None:
    assert canonical_url(PAGE + "?amp=1", "/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/") == (
        PAGE.rstrip("/")
    )


JT = "https://www.jatimtimes.com/baca/326474/20241030/033400/bpjs-ketenagakerjaan-malang-serahkan-santunan-jkm"


@pytest.mark.parametrize(
    "variant",
    [
        JT,
        "https://malang.jatimtimes.com/baca/326474/20241030/033400/bpjs-ketenagakerjaan-malang-serahkan-santunan-jkm",
        "https://jatimtimes.com/baca/326474/20241030/033400/bpjs-ketenagakerjaan-malang-serahkan-santunan-jkm/",
        "http://M.Jatimtimes.com/baca/326474/20241030/033400/bpjs-ketenagakerjaan-malang-serahkan-santunan-jkm?utm_source=fb",
        "https://kediri.jatimtimes.com/baca/326474/20241030/033400/bpjs-ketenagakerjaan-malang-serahkan-santunan-jkm/amp",
        "https://www.jatimtimes.com/amp/baca/326474/20241030/033400/bpjs-ketenagakerjaan-malang-serahkan-santunan-jkm",
    ],
)
def test_jatimtimes_article_on_any_subdomain_or_variant_is_one_url(variant: str) -> None:
    assert normalize_url(variant) == JT


@pytest.mark.parametrize(
    "variant",
    [
        "https://beritalima.com/bersama-pers/",
        "https://beritalima.com/bersama-pers",
        "https://www.beritalima.com/bersama-pers/",
        "https://m.beritalima.com/bersama-pers/",
        "https://beritalima.com/bersama-pers/amp/",
        "https://amp.beritalima.com/bersama-pers/",
        "https://beritalima.com/amp/bersama-pers/",
        "https://beritalima.com/bersama-pers/?amp=1",
        "https://beritalima.com/bersama-pers/print/",
        "https://beritalima.com/bersama-pers/?print=1&fbclid=abc",
    ],
)
def test_amp_print_mobile_www_and_trailing_slash_variants_are_one_url(variant: str) -> None:
    assert normalize_url(variant) == "https://beritalima.com/bersama-pers"


def test_id_carrying_path_on_an_unrelated_site_is_left_alone() -> None:
    assert normalize_url("https://malang.example.com/baca/326474/20241030/033400/judul") == (
        "https://malang.example.com/baca/326474/20241030/033400/judul"
    )


def test_home_page_and_simulator_hosts_keep_their_shape() -> None:
    assert normalize_url("https://www.beritalima.com/") == "https://beritalima.com/"
    assert normalize_url("http://127.0.0.1:8123/baca/1/20241030/033400/judul-x/") == (
        "http://127.0.0.1:8123/baca/1/20241030/033400/judul-x"
    )


def test_mobile_page_declaring_its_desktop_canonical_maps_to_the_same_url() -> None:
    mobile = "https://m.jatimtimes.com/baca/326474/20241030/033400/bpjs-ketenagakerjaan-malang-serahkan-santunan-jkm"
    assert canonical_url(mobile, JT + "?utm_medium=share") == JT


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://portal.example/news/detail?newsid=77", "https://portal.example/news/detail?newsid=78"),
        ("https://portal.example/berita.php?nid=8", "https://portal.example/berita.php?nid=9"),
        ("https://portal.example/?p=456", "https://portal.example/?p=457"),
    ],
)
def test_articles_named_by_a_query_parameter_stay_apart(first: str, second: str) -> None:
    assert normalize_url(first) != normalize_url(second)
    assert normalize_url(first + "&utm_source=wa#komentar") == normalize_url(first)
    assert normalize_url(first + "&amp=1") == normalize_url(first)
