"""Re-extraction of stored raw pages (crawler.reprocess, `arsip reprocess`), on SQLite and PostgreSQL.

The archive holds saved portal pages (tests/pages, with their gold `.expected.json`) under
rows written by an "older extractor": boilerplate left in the text, a wrong region, no date.
Re-extraction must fix exactly those rows, leave a row that is already right untouched,
keep (and report) an article now below the relevance threshold, and use no network.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from arsip.cli import app
from conftest import ROOT
from conftest_storage import archive_url, engine, make_article  # noqa: F401
from crawler.reprocess import as_fields, extract_page, reprocess
from crawler.sources import load_sources
from storage.archive import add_article
from storage.db import session
from storage.filters import Filters
from storage.models import Article, RawPage
from storage.search import search

PAGES = ROOT / "tests" / "pages"
URLS = dict(line.split("\t") for line in (PAGES / "urls.tsv").read_text("utf-8").splitlines() if line.strip())
FETCHED = datetime(2025, 1, 6, 3, 0, tzinfo=UTC)  # after every saved page was published
STALE = "Baca juga: Kabar zzlama dari redaksi"  # a boilerplate line an older extractor kept


@dataclass(frozen=True)
class Page:
    key: str  # "klikjatim/bpjstk_gresik_program_kerja"
    url: str
    html: bytes
    gold: dict[str, Any]


def page(key: str) -> Page:
    gold = json.loads((PAGES / f"{key}.expected.json").read_text("utf-8"))
    return Page(key, URLS[key].strip(), (PAGES / f"{key}.html").read_bytes(), gold)


GRESIK = page("klikjatim/bpjstk_gresik_program_kerja")
PASURUAN = page("realita/pemkot_pasuruan_pekerja_rentan")
KESEHATAN = page("klikjatim/bpjs_kesehatan_sidoarjo")  # about BPJS Kesehatan: not relevant
INPRES = page("realita/bpjamsostek_pasuruan_inpres")
GATHERING = page("beritalima/pers_gathering_jatim")
CERME = page("nawacita/bpjamsostek_perangkat_desa_cerme")


def store(db: Session, p: Page, source: str, **changes: Any) -> int:
    values: dict[str, Any] = dict(
        url=p.url, source=source, html=p.html, fetched_at=FETCHED, title=p.gold["title"] + " - Portal",
        text="\n\n".join(p.gold["paragraphs"]) + "\n\n" + STALE, region_code="35", regions=(),
        published=None, author="Redaksi",
    )  # fmt: skip
    values.update(changes)
    added = add_article(db, make_article(**values))
    assert added.outcome == "new" and added.article_id is not None
    return added.article_id


@dataclass
class Archive:
    engine: Engine
    ids: dict[str, int]

    def row(self, name: str) -> dict[str, Any]:
        with session(self.engine) as db:
            article = db.get(Article, self.ids[name])
            assert article is not None
            return {c.name: getattr(article, c.name) for c in Article.__table__.columns}


@pytest.fixture
def archive(engine: Engine) -> Archive:  # noqa: F811
    sources = load_sources(None)
    with session(engine) as db:
        ids = {
            "gresik": store(db, GRESIK, "klikjatim"),
            # One paragraph lost (the one naming Panggungrejo), Kabupaten instead of Kota Pasuruan.
            "pasuruan": store(
                db, PASURUAN, "realita", region_code="35.14",
                text="\n\n".join(PASURUAN.gold["paragraphs"][:1] + PASURUAN.gold["paragraphs"][2:]) + "\n\n" + STALE,
            ),  # fmt: skip
            "kesehatan": store(db, KESEHATAN, "klikjatim", relevance_score=0.9),
            "orphan": store(db, GATHERING, "hilang"),  # a source no longer defined
            "broken": store(db, CERME, "nawacita"),
        }
        # A row exactly as today's extractor writes it: re-extraction has nothing to change.
        extracted = extract_page(INPRES.html, INPRES.url, sources["realita"], fetched_at=FETCHED, relevance_threshold=0.5)
        current = as_fields(extracted)
        ids["current"] = store(
            db, INPRES, "realita", title=current.title, text=current.text, published=current.published,
            author=current.author, region_code=current.region_code, regions=tuple(current.regions.split()),
            relevance_score=current.relevance_score, relevance_reason=current.relevance_reason,
        )  # fmt: skip
        db.execute(update(RawPage).where(RawPage.article_id == ids["broken"]).values(body=b"\x1f\x8b damaged"))
        db.commit()
    return Archive(engine, ids)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-extraction must not fetch anything: any Python socket connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"re-extraction opened a network connection to {args[1:]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


def run(archive: Archive, filters: Filters = Filters()) -> Any:
    with session(archive.engine) as db:
        return reprocess(db, filters, load_sources(None), relevance_threshold=0.5, batch_size=2)


def test_fixes_the_rows_whose_page_now_extracts_differently(archive: Archive) -> None:
    report = run(archive)
    assert (report.examined, report.changed, report.unchanged, report.failed) == (6, 4, 1, 1)
    for name, p in (("gresik", GRESIK), ("pasuruan", PASURUAN)):
        row = archive.row(name)
        assert row["title"] == p.gold["title"]
        for paragraph in p.gold["paragraphs"]:
            assert paragraph in row["text"], (name, paragraph[:50])
        assert "zzlama" not in row["text"]
        assert row["region_code"] == p.gold["region_code"]
        assert set(p.gold["regions_include"]) <= set(row["regions"].split())
        assert row["published"] == datetime.fromisoformat(p.gold["published"])
        assert row["author"] == p.gold["author"]
    assert archive.row("gresik")["content_hash"] != archive.row("pasuruan")["content_hash"]


def test_leaves_a_row_that_is_already_right_untouched(archive: Archive) -> None:
    before = archive.row("current")
    run(archive)
    assert archive.row("current") == before


def test_keeps_and_reports_an_article_now_below_the_threshold(archive: Archive) -> None:
    report = run(archive)
    assert report.below_threshold == 1
    assert [f.article_id for f in report.below] == [archive.ids["kesehatan"]]
    row = archive.row("kesehatan")
    assert row["relevance_score"] < 0.5
    assert row["title"] == KESEHATAN.gold["title"]


def test_a_damaged_raw_page_is_counted_and_its_row_kept(archive: Archive) -> None:
    before = archive.row("broken")
    report = run(archive)
    assert [f.article_id for f in report.failures] == [archive.ids["broken"]]
    assert archive.row("broken") == before


def test_an_article_of_an_undefined_source_is_reextracted_without_rules_and_counted(archive: Archive) -> None:
    report = run(archive)
    assert report.without_source == 1 and report.missing_sources == {"hilang"}
    row = archive.row("orphan")
    assert "zzlama" not in row["text"]
    assert row["title"] == GATHERING.gold["title"]


def test_filters_limit_what_is_reprocessed(archive: Archive) -> None:
    gresik_before = archive.row("gresik")
    report = run(archive, Filters(sources=("realita",)))
    assert report.examined == 2
    assert archive.row("gresik") == gresik_before
    assert "zzlama" not in archive.row("pasuruan")["text"]
    report = run(archive, Filters(query="Bunyamin"))  # only the Gresik article names him
    assert (report.examined, report.changed) == (1, 1)
    assert "zzlama" in archive.row("orphan")["text"]


def test_search_finds_the_new_text_and_not_the_old(archive: Archive) -> None:
    with session(archive.engine) as db:
        assert not search(db, Filters(query="Panggungrejo"))
        assert len(search(db, Filters(query="zzlama"))) == 5
    run(archive)
    with session(archive.engine) as db:
        assert [r.id for r in search(db, Filters(query="Panggungrejo"))] == [archive.ids["pasuruan"]]
        assert [r.id for r in search(db, Filters(query="zzlama"))] == [archive.ids["broken"]]


def test_running_twice_changes_nothing_the_second_time(archive: Archive) -> None:
    run(archive)
    again = run(archive)
    assert (again.changed, again.unchanged, again.failed) == (0, 5, 1)


def test_the_sources_site_rules_are_applied(archive: Archive, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[source]]\nname = "realita"\nurl = "https://realita.co/"\nregion = "Jawa Timur"\n'
        '[source.rules]\ndrop_lines = ["Panggungrejo"]\n',
        "utf-8",
    )
    with session(archive.engine) as db:
        reprocess(db, Filters(sources=("realita",)), load_sources(mine), batch_size=2)
    text = archive.row("pasuruan")["text"]
    assert "Panggungrejo" not in text
    assert PASURUAN.gold["paragraphs"][0] in text


def test_worker_processes_give_the_same_result(archive: Archive) -> None:
    with session(archive.engine) as db:
        # One page a batch: the second batch is extracted while the first is written.
        report = reprocess(db, Filters(sources=("realita",)), load_sources(None), jobs=2, batch_size=1)
    assert (report.examined, report.changed, report.unchanged) == (2, 1, 1)
    assert archive.row("pasuruan")["region_code"] == "35.75"


# -- the command ------------------------------------------------------------------------------


def test_command_reports_counts_and_lists_what_fell_below(archive: Archive) -> None:
    url = archive.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["reprocess", "--db", url])
    assert result.exit_code == 0, result.output
    lines = {" ".join(line.strip(" │┃").split()) for line in result.output.splitlines()}
    assert any(line.startswith("examined") and line.endswith(" 6") for line in lines), result.output
    assert any(line.startswith("changed") and line.endswith(" 4") for line in lines), result.output
    assert KESEHATAN.url in result.output
    assert "hilang" in result.output


def test_command_with_a_bad_filter_is_one_clear_line(archive: Archive) -> None:
    url = archive.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["reprocess", "--region", "Atlantis", "--db", url])
    assert result.exit_code == 1
    assert "unknown region 'Atlantis'" in result.output
    assert "Traceback" not in result.output


def test_an_article_whose_new_text_is_a_copy_joins_that_story(engine: Engine) -> None:  # noqa: F811
    """A mirror of the Gresik page was archived with the wrong text (another article's), so as a
    story of its own; once re-extracted it is the Gresik text, and it becomes a copy of it."""
    wrong = "\n\n".join(KESEHATAN.gold["paragraphs"])
    with session(engine) as db:
        first = store(db, GRESIK, "klikjatim")
        mirror = store(db, GRESIK, "klikjatim", url=GRESIK.url + "?mirror=1", text=wrong)
    with session(engine) as db:
        before = db.get(Article, mirror)
        assert before is not None and (before.cluster_id, before.duplicate_of) == (mirror, None)
        reprocess(db, Filters(), load_sources(None), relevance_threshold=0.5)
    with session(engine) as db:
        after, original = db.get(Article, mirror), db.get(Article, first)
        assert after is not None and original is not None
        assert after.text == original.text
        assert (after.cluster_id, after.duplicate_of) == (first, first)
        assert (original.cluster_id, original.duplicate_of) == (first, None)
