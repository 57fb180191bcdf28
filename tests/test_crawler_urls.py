"""One spelling per article URL, and which declared canonical URLs to trust."""

from crawler.urls import canonical_url, normalize_url

PAGE = "https://beritalima.com/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/"


def test_tracking_parameters_and_fragments_go() -> None:
    assert normalize_url("HTTPS://Beritalima.com/bersama-pers/?utm_source=wa&utm_medium=share#respond") == (
        "https://beritalima.com/bersama-pers/"
    )


def test_same_site_canonical_is_used() -> None:
    amp = "https://beritalima.com/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/amp/"
    assert canonical_url(amp, PAGE) == PAGE


def test_canonical_on_another_site_is_ignored() -> None:
    copy = "https://nawacita.co/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/"
    assert canonical_url(copy, PAGE) == copy


def test_canonical_to_the_home_page_or_a_listing_is_ignored() -> None:
    assert canonical_url(PAGE, "https://beritalima.com/") == PAGE
    assert canonical_url(PAGE, "/tag/bpjs-ketenagakerjaan/") == PAGE


def test_relative_canonical_resolves_against_the_page() -> None:
    assert canonical_url(PAGE + "?amp=1", "/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/") == PAGE
