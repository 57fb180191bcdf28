"""storage/export.py: export rows, streaming, JSON lines and CSV."""

from __future__ import annotations

import csv
import io
import json
import types
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from storage.archive import add_article
from storage.export import EXPORT_FIELDS, iter_export, write_csv, write_jsonl
from storage.filters import Filters

from conftest_storage import archive_url, db, engine, make_article, wib  # noqa: F401  (fixtures)


@pytest.fixture
def ids(db: Session) -> dict[str, int]:
    articles = {
        "gresik": make_article(url="https://klikjatim.example/1", author="Ahmad Jazuli",
                               published=wib(2024, 10, 30, 9, 15), fetched_at=datetime(2024, 10, 30, 5, 0, tzinfo=UTC)),
        "copy": make_article(url="https://nawacita.example/copy", source="nawacita", author=None,
                             published=wib(2024, 10, 30, 11, 0), fetched_at=datetime(2024, 10, 30, 6, 0, tzinfo=UTC)),
        "jatim": make_article(url="https://beritalima.example/2", source="beritalima", region_code="35",
                              regions=("35",), title="Klaim JHT di Jawa Timur naik", text="Klaim naik.",
                              published=None, author=None),
    }
    return {key: add_article(db, article).article_id for key, article in articles.items()}  # type: ignore[misc]


def test_rows_have_every_field_with_iso_dates_in_wib(db: Session, ids: dict[str, int]) -> None:
    rows = list(iter_export(db, Filters()))
    assert all(tuple(row) == EXPORT_FIELDS for row in rows)
    assert rows[0] == {
        "id": ids["gresik"],
        "url": "https://klikjatim.example/1",
        "source": "klikjatim",
        "title": "BPJS Ketenagakerjaan Gresik santuni ahli waris pekerja",
        "published": "2024-10-30T09:15:00+07:00",
        "author": "Ahmad Jazuli",
        "region_code": "35.25",
        "region": "Kabupaten Gresik",
        "province": "Jawa Timur",
        "text": "BPJS Ketenagakerjaan Cabang Gresik menyerahkan santunan JKM Rp42 juta.\n\nPekerja terlindungi.",
        "cluster_id": ids["gresik"],
        "duplicate_of": None,
        "fetched_at": "2024-10-30T12:00:00+07:00",
    }
    copy, jatim = rows[1], rows[2]
    assert (copy["url"], copy["source"], copy["duplicate_of"], copy["cluster_id"]) == (
        "https://nawacita.example/copy", "nawacita", ids["gresik"], ids["gresik"])
    assert (jatim["region_code"], jatim["region"], jatim["province"], jatim["published"]) == (
        "35", None, "Jawa Timur", None)


def test_export_is_a_generator_in_id_order(db: Session, ids: dict[str, int]) -> None:
    rows = iter_export(db, Filters(), batch_size=1)
    assert isinstance(rows, types.GeneratorType)
    assert next(rows)["id"] == ids["gresik"]
    assert [row["id"] for row in rows] == [ids["copy"], ids["jatim"]]


def test_export_applies_filters_and_unique(db: Session, ids: dict[str, int]) -> None:
    assert [r["id"] for r in iter_export(db, Filters(unique=True))] == [ids["gresik"], ids["jatim"]]
    assert [r["id"] for r in iter_export(db, Filters(sources=("nawacita",)))] == [ids["copy"]]
    assert [r["id"] for r in iter_export(db, Filters(query="klaim", regions=("Jawa Timur",)))] == [ids["jatim"]]
    assert [r["id"] for r in iter_export(db, Filters(since="2024-10-30", until="2024-10-30"))] == [
        ids["gresik"], ids["copy"]]


def test_write_jsonl_one_object_per_line(db: Session, ids: dict[str, int]) -> None:
    out = io.StringIO()
    assert write_jsonl(iter_export(db, Filters()), out) == 3
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert first["published"] == "2024-10-30T09:15:00+07:00"
    assert first["text"].endswith("Pekerja terlindungi.")
    assert json.loads(lines[2])["region"] is None


def test_write_jsonl_keeps_non_ascii_readable() -> None:
    out = io.StringIO()
    assert write_jsonl([{"title": "Pekerja rentan — Kediri"}], out) == 1
    assert out.getvalue() == '{"title": "Pekerja rentan — Kediri"}\n'


def test_write_csv_header_and_rows(db: Session, ids: dict[str, int]) -> None:
    out = io.StringIO()
    assert write_csv(iter_export(db, Filters()), out) == 3
    out.seek(0)
    reader = csv.DictReader(out)
    assert tuple(reader.fieldnames or ()) == EXPORT_FIELDS
    rows = list(reader)
    assert [r["id"] for r in rows] == [str(ids["gresik"]), str(ids["copy"]), str(ids["jatim"])]
    assert rows[0]["text"] == (
        "BPJS Ketenagakerjaan Cabang Gresik menyerahkan santunan JKM Rp42 juta.\n\nPekerja terlindungi.")
    assert (rows[2]["region"], rows[2]["published"], rows[0]["duplicate_of"]) == ("", "", "")


def test_empty_export_writes_only_a_header(db: Session) -> None:
    out = io.StringIO()
    assert write_csv(iter_export(db, Filters()), out) == 0
    assert out.getvalue().strip() == ",".join(EXPORT_FIELDS)


LEAD = (
    "BPJS Ketenagakerjaan Cabang Tuban menyerahkan santunan Jaminan Kematian kepada ahli waris 14 pekerja "
    "pabrik semen senilai Rp588 juta di kantor cabang, Kamis (7/11/2024)."
)
BODY = (
    "Kepala Kantor Cabang Tuban, Wahyu Widodo, mengatakan para pekerja terdaftar sebagai peserta aktif sejak "
    "perusahaan bekerja sama dengan BPJS Ketenagakerjaan. Selain santunan, anak-anak peserta juga berhak atas "
    "beasiswa pendidikan hingga perguruan tinggi.\n\n"
    "Hingga Oktober 2024 tercatat 86.412 pekerja di Kabupaten Tuban terlindungi, atau 41,7 persen dari "
    "seluruh angkatan kerja. Pemkab menargetkan cakupan naik menjadi 50 persen pada 2025 melalui perlindungan "
    "pekerja rentan yang dibiayai APBD dan dana desa."
)


@pytest.fixture
def story(db: Session) -> dict[str, int]:
    """One release run by three portals (own dateline, one with a paragraph cut), and an unrelated article."""
    articles = {
        "first": make_article(url="https://realita.example/tuban", source="realita", text=f"TUBAN (Realita) - {LEAD}\n\n{BODY}"),
        "other": make_article(url="https://klikjatim.example/2", text="Kantor Cabang Madiun membuka layanan keliling."),
        "copy": make_article(url="https://beritalima.example/tuban", source="beritalima",
                             text=f"TUBAN, beritalima.com| {LEAD}\n\n{BODY}"),
        "cut": make_article(url="https://nawacita.example/tuban", source="nawacita",
                            text=f"Tuban, Nawacita – {LEAD}\n\n{BODY.split(chr(10))[0]}"),
    }
    return {key: add_article(db, article).article_id for key, article in articles.items()}  # type: ignore[misc]


def test_near_copies_are_rows_pointing_to_the_first(db: Session, story: dict[str, int]) -> None:
    rows = {row["id"]: row for row in iter_export(db, Filters())}
    assert len(rows) == 4
    for key in ("copy", "cut"):
        assert (rows[story[key]]["cluster_id"], rows[story[key]]["duplicate_of"]) == (story["first"], story["first"])
    assert (rows[story["first"]]["cluster_id"], rows[story["first"]]["duplicate_of"]) == (story["first"], None)
    assert (rows[story["other"]]["cluster_id"], rows[story["other"]]["duplicate_of"]) == (story["other"], None)


def test_unique_is_one_row_per_story_even_when_the_first_copy_is_filtered_out(
    db: Session, story: dict[str, int]
) -> None:
    assert [r["id"] for r in iter_export(db, Filters(unique=True))] == [story["first"], story["other"]]
    assert [r["id"] for r in iter_export(db, Filters(unique=True, sources=("beritalima", "nawacita")))] == [
        story["copy"]
    ]
    assert [r["id"] for r in iter_export(db, Filters(unique=True, query="Tuban"))] == [story["first"]]
