"""The `arsip` command: user mistakes get one clear line and exit status 1, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from arsip.cli import app
from storage.db import open_archive

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'arsip.db'}"
    open_archive(url).dispose()
    return url


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "--region", "Atlantis"], "unknown region 'Atlantis'"),
        (["search", "--since", "30-10-2024"], "30-10-2024"),
        (["search", "--since", "2024-13"], "2024-13"),
        (["search", "--since", "2025", "--until", "2024"], "2025"),
        (["export", "--region", "Kota Gresik"], "unknown region 'Kota Gresik'"),
    ],
)
def test_bad_query_is_one_clear_line(db: str, args: list[str], message: str) -> None:
    code, output = invoke(*args, "--db", db)
    assert code == 1
    assert message in output
    assert "Traceback" not in output


def test_search_without_an_archive_says_what_to_do(tmp_path: Path) -> None:
    code, output = invoke("search", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert code == 1
    assert "arsip crawl" in output
    assert not (tmp_path / "none.db").exists()


def test_bad_sources_file_names_file_entry_and_field(tmp_path: Path, db: str) -> None:
    sources = tmp_path / "mine.toml"
    sources.write_text('[[source]]\nname = "klikjatim"\nurl = "https://klikjatim.com/"\nfeeds = "x"\n', "utf-8")
    code, output = invoke("crawl", "--sources", str(sources), "--db", db)
    assert code == 1
    assert f'{sources}: source "klikjatim": "feeds" must be a list of URLs, got a string' in output
    assert "Traceback" not in output


def test_unknown_source_is_refused_before_crawling(db: str) -> None:
    code, output = invoke("crawl", "--source", "kompas", "--db", db)
    assert code == 1
    assert "unknown source 'kompas'" in output


def test_bad_setting_syntax(db: str) -> None:
    code, output = invoke("crawl", "-s", "DOWNLOAD_DELAY", "--db", db)
    assert code == 2
    assert "NAME=VALUE" in output


def test_export_to_csv_on_empty_archive_has_header(db: str, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    code, _ = invoke("export", "--format", "csv", "--out", str(out), "--db", db)
    assert code == 0
    assert out.read_text("utf-8").splitlines()[0] == (
        "id,url,source,title,published,author,region_code,region,province,text,cluster_id,duplicate_of,fetched_at"
    )


def test_db_upgrade_on_current_archive(db: str) -> None:
    code, output = invoke("db", "upgrade", "--db", db)
    assert code == 0
    assert "up to date" in output
    assert "dedup --rebuild" not in output


def test_db_upgrade_from_the_first_schema_asks_for_a_dedup_rebuild(tmp_path: Path) -> None:
    from alembic import command
    from storage.db import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url=url), "0001")  # an archive made by arsip 0.1.0
    code, output = invoke("db", "upgrade", "--db", url)
    assert code == 0
    assert "was at 0001" in output
    assert "arsip dedup --rebuild" in output


def test_extract_writes_text_and_json_for_every_page(tmp_path: Path) -> None:
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "gresik.html").write_text(
        """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>BPJS Ketenagakerjaan Gresik Bayar Klaim JHT Rp454 Miliar - Contoh</title></head><body>
<nav><a href="/">Beranda</a></nav>
<article><h1>BPJS Ketenagakerjaan Gresik Bayar Klaim JHT Rp454 Miliar</h1>
<p>GRESIK, Contoh - BPJS Ketenagakerjaan Cabang Gresik membayar klaim Jaminan Hari Tua (JHT) sebanyak 28.820 kasus senilai Rp454.842.601.910 sepanjang tahun 2024 kepada peserta di Kabupaten Gresik.</p>
<p>Kepala BPJS Ketenagakerjaan Gresik, Bunyamin Najmi, mengatakan pembayaran klaim dilakukan tepat waktu berkat layanan digital yang terus ditingkatkan bersama Pemkab Gresik.</p>
<p>Selain JHT, BPJS Ketenagakerjaan juga membayar klaim Jaminan Kecelakaan Kerja sebanyak 6.152 kasus senilai Rp47.352.843.240 kepada pekerja yang mengalami kecelakaan.</p>
</article><footer>Hak cipta 2024</footer></body></html>""",
        "utf-8",
    )
    (pages / "urls.tsv").write_text("gresik\thttps://contoh.id/bpjs-ketenagakerjaan-gresik-bayar-klaim-jht/\n", "utf-8")
    out = tmp_path / "out"
    code, output = invoke("extract", "--in", str(pages), "--out", str(out))
    assert code == 0, output
    text = (out / "gresik.txt").read_text("utf-8")
    assert text.split("\n\n")[0].startswith("GRESIK, Contoh - BPJS Ketenagakerjaan Cabang Gresik membayar klaim")
    assert "Beranda" not in text and "Hak cipta" not in text
    meta = json.loads((out / "gresik.json").read_text("utf-8"))
    assert meta["title"] == "BPJS Ketenagakerjaan Gresik Bayar Klaim JHT Rp454 Miliar"
    assert meta["region"] == "35.25"
    assert meta["relevant"] is True


def test_extract_of_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    code, output = invoke("extract", "--in", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "no *.html files" in output


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("gresik\thttps://a.id/x\textra", "expected '<stem><TAB><http(s) URL>'"),
        ("gresik\tnot a url", "expected '<stem><TAB><http(s) URL>'"),
        ("gresik https://a.id/x", "expected '<stem><TAB><http(s) URL>'"),
    ],
)
def test_extract_rejects_a_bad_urls_file_by_line(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "gresik.html").write_text("<html><body><p>x</p></body></html>", "utf-8")
    (tmp_path / "urls.tsv").write_text(f"# stem and url\n{line}\n", "utf-8")
    code, output = invoke("extract", "--in", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 1
    assert f"urls.tsv:2: {message}" in output


def test_extract_into_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>", "utf-8")
    (tmp_path / "out").write_text("", "utf-8")
    code, output = invoke("extract", "--in", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "exists and is not a folder" in output


def test_export_to_a_missing_folder_is_an_error(db: str, tmp_path: Path) -> None:
    code, output = invoke("export", "--out", str(tmp_path / "no" / "x.jsonl"), "--db", db)
    assert code == 2
    assert "cannot write" in output


def test_province_must_be_a_province(db: str) -> None:
    code, output = invoke("search", "--province", "Gresik", "--db", db)
    assert code == 1
    assert "unknown province 'Gresik'" in output


def test_crawl_with_a_bad_setting_value_says_so(db: str, tmp_path: Path, dead_portal_url: str) -> None:
    from conftest import run_arsip

    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "mati"\nurl = "{dead_portal_url}"\n', "utf-8")
    result = run_arsip(
        "crawl", "--sources", str(sources), "--source", "mati", "--db", db, "-s", "DOWNLOAD_DELAY=abc"
    )  # fmt: skip
    assert result.returncode == 1
    assert "the crawl could not start: could not convert string to float: 'abc'" in result.stderr
    assert "Traceback" not in result.stderr
