"""storage/archive.py and storage/raw.py: the write path."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import storage.archive
from storage.archive import (
    Added,
    add_article,
    add_articles,
    content_hash,
    url_status,
    record_skip,
)
from storage.models import Article, RawPage, SkippedPage
from storage.raw import iter_raw_pages

from conftest_storage import archive_url, db, engine, make_article  # noqa: F401  (fixtures)

COPY_TEXT = (
    "BPJS Ketenagakerjaan Cabang Gresik menyerahkan   santunan JKM Rp42 juta.\n"
    "Pekerja terlindungi.\n"
)  # the default text, reflowed


def _count(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def test_first_article_is_new_and_its_own_cluster(db: Session) -> None:
    added = add_article(db, make_article())
    assert added.outcome == "new" and added.duplicate_of is None
    row = db.get(Article, added.article_id)
    assert row is not None
    assert row.cluster_id == row.id
    assert row.duplicate_of is None
    assert row.url == "https://klikjatim.example/berita/1"
    assert row.region_code == "35.25" and row.regions == "35.25"
    assert row.published == datetime(2024, 10, 30, 3, 0, tzinfo=UTC)  # 10:00 WIB
    assert row.published.tzinfo is not None


def test_same_url_or_canonical_url_is_known_and_writes_nothing(db: Session) -> None:
    first = add_article(db, make_article(url="https://a.example/x?utm=1", canonical_url="https://a.example/x"))
    again = add_article(db, make_article(url="https://a.example/x?utm=1", text="other text"))
    by_canonical = add_article(db, make_article(url="https://a.example/x?amp", canonical_url="https://a.example/x"))
    url_is_canonical = add_article(db, make_article(url="https://a.example/x", text="third"))
    assert [again, by_canonical, url_is_canonical] == [Added("known", first.article_id, None)] * 3
    assert _count(db, Article) == 1
    assert _count(db, RawPage) == 1


def test_same_text_elsewhere_is_a_duplicate_with_its_own_url_and_source(db: Session) -> None:
    first = add_article(db, make_article())
    copy = add_article(
        db, make_article(url="https://nawacita.example/gresik-santuni", source="nawacita", text=COPY_TEXT)
    )
    third = add_article(db, make_article(url="https://realita.example/3", source="realita", text=COPY_TEXT))
    assert copy.outcome == "duplicate" and copy.duplicate_of == first.article_id
    assert third.outcome == "duplicate" and third.duplicate_of == first.article_id
    row = db.get(Article, copy.article_id)
    assert row is not None
    assert (row.url, row.source, row.text) == ("https://nawacita.example/gresik-santuni", "nawacita", COPY_TEXT)
    assert row.duplicate_of == first.article_id
    assert row.cluster_id == first.article_id
    assert db.get(Article, third.article_id).cluster_id == first.article_id  # type: ignore[union-attr]


def test_different_text_is_a_new_story(db: Session) -> None:
    add_article(db, make_article())
    other = add_article(db, make_article(url="https://a.example/2", text="Kantor Cabang Tuban membuka layanan."))
    assert other.outcome == "new"


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("a  b\n\nc") == content_hash(" a b c ")
    assert content_hash("a b c") != content_hash("a b c.")
    assert len(content_hash("x")) == 64


def test_raw_page_is_stored_compressed_and_round_trips(db: Session) -> None:
    html = ("<html><body>" + "<p>BPJS Ketenagakerjaan Gresik</p>" * 200 + "</body></html>").encode()
    added = add_article(db, make_article(html=html, content_type="text/html", encoding="utf-8", http_status=200))
    raw = db.get(RawPage, added.article_id)
    assert raw is not None
    assert len(raw.body) < len(html) / 5
    assert gzip.decompress(raw.body) == html
    assert (raw.content_type, raw.encoding, raw.http_status) == ("text/html", "utf-8", 200)
    assert list(iter_raw_pages(db)) == [(added.article_id, "https://klikjatim.example/berita/1", "klikjatim", html)]


def test_iter_raw_pages_filters_by_source_and_streams(db: Session) -> None:
    add_article(db, make_article(url="https://a.example/1", text="satu", html=b"1"))
    b = add_article(db, make_article(url="https://b.example/2", source="nawacita", text="dua", html=b"2"))
    add_article(db, make_article(url="https://a.example/3", text="tiga", html=b"3"))
    assert [p.html for p in iter_raw_pages(db, batch_size=1)] == [b"1", b"2", b"3"]
    assert [p.article_id for p in iter_raw_pages(db, sources=("nawacita",))] == [b.article_id]


def test_a_failing_insert_leaves_no_half_written_article(db: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(article_id: int, article: object) -> RawPage:
        raise RuntimeError("disk full")

    monkeypatch.setattr(storage.archive, "_raw_page", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        add_article(db, make_article())
    assert _count(db, Article) == 0
    monkeypatch.undo()
    assert add_article(db, make_article()).outcome == "new"
    assert _count(db, RawPage) == 1


def test_naive_datetime_is_refused(db: Session) -> None:
    with pytest.raises(ValueError, match="published is a naive datetime 2024-10-30T10:00:00"):
        add_article(db, make_article(published=datetime(2024, 10, 30, 10, 0)))
    assert _count(db, Article) == 0


@pytest.mark.parametrize("batch", [False, True], ids=["add_article", "add_articles"])
def test_concurrent_writer_of_the_same_url_gives_known(db: Session, monkeypatch: pytest.MonkeyPatch, batch: bool) -> None:
    first = add_article(db, make_article())
    # Every look at what is archived ran before the other writer committed: it saw nothing.
    monkeypatch.setattr(storage.archive, "_archived_ids", lambda session, articles: {})
    late = make_article(text="changed")
    result = add_articles(db, [late])[0] if batch else add_article(db, late)
    assert result == Added("known", first.article_id, None)
    assert _count(db, Article) == 1


def test_not_relevant_and_redirects_are_known_failures_are_retried_a_few_times(db: Session) -> None:
    record_skip(db, "https://a.example/lomba", "klikjatim", "not_relevant", "no BPJS keyword", 0.1)
    record_skip(db, "https://a.example/lama", "klikjatim", "redirected", "redirects to https://a.example/baru")
    record_skip(db, "https://a.example/timeout", "klikjatim", "failed", "timeout")
    assert url_status(db, "https://a.example/lomba", max_failures=3) == "known"
    assert url_status(db, "https://a.example/lama", max_failures=3) == "known"
    assert url_status(db, "https://a.example/timeout", max_failures=3) == "retry"
    assert url_status(db, "https://a.example/never-seen", max_failures=3) == "new"
    record_skip(db, "https://a.example/timeout", "klikjatim", "failed", "timeout")
    assert url_status(db, "https://a.example/timeout", max_failures=3) == "retry"
    record_skip(db, "https://a.example/timeout", "klikjatim", "failed", "HTTP 404")
    assert url_status(db, "https://a.example/timeout", max_failures=3) == "known"  # gave up after 3


def test_archived_urls_are_known(db: Session) -> None:
    add_article(db, make_article(url="https://a.example/x?utm=1", canonical_url="https://a.example/x"))
    assert url_status(db, "https://a.example/x?utm=1", max_failures=3) == "known"
    assert url_status(db, "https://a.example/x", max_failures=3) == "known"


def test_record_skip_upserts_and_counts_attempts(db: Session) -> None:
    record_skip(db, "https://a.example/t", "klikjatim", "failed", "timeout")
    record_skip(db, "https://a.example/t", "klikjatim", "failed", "HTTP 503")
    record_skip(db, "https://a.example/t", "klikjatim", "not_relevant", "no keyword", 0.2)
    row = db.scalars(select(SkippedPage)).one()
    assert (row.outcome, row.reason, row.relevance_score, row.attempts) == ("not_relevant", "no keyword", 0.2, 3)
    assert row.seen_at.tzinfo is not None


def test_record_skip_refuses_unknown_outcome(db: Session) -> None:
    with pytest.raises(ValueError, match="'skipped'"):
        record_skip(db, "https://a.example/t", "klikjatim", "skipped", "x")  # type: ignore[arg-type]


def test_archiving_clears_a_failed_skip_but_not_a_judgement(db: Session) -> None:
    record_skip(db, "https://a.example/1", "klikjatim", "failed", "timeout")
    record_skip(db, "https://a.example/2", "klikjatim", "not_relevant", "no keyword")
    add_article(db, make_article(url="https://a.example/1"))
    add_article(db, make_article(url="https://a.example/2", text="lain"))
    assert db.scalars(select(SkippedPage.url)).all() == ["https://a.example/2"]
