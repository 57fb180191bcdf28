"""storage.reprocess: stored pages read in id-ordered batches; changed columns written atomically."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from conftest_storage import archive_url, db, engine, make_article, wib  # noqa: F401
from storage.archive import add_article
from storage.filters import Filters
from storage.models import Article, RawPage
from storage.reprocess import ArticleFields, apply_changes, changed_fields, count_pages, iter_page_batches


def _add(db: Session, number: int, source: str = "klikjatim", **changes: object) -> int:
    article = make_article(
        url=f"https://{source}.example/berita/{number}",
        source=source,
        text=f"BPJS Ketenagakerjaan berita nomor {number}.",
        html=f"<html><body><p>halaman {number}</p></body></html>".encode(),
        **changes,
    )
    added = add_article(db, article)
    assert added.article_id is not None
    return added.article_id


def test_batches_come_in_id_order_and_survive_commits_between_them(db: Session) -> None:
    ids = [_add(db, n) for n in range(5)]
    seen: list[list[int]] = []
    for batch in iter_page_batches(db, Filters(), batch_size=2):
        seen.append([page.article_id for page in batch])
        apply_changes(db, {page.article_id: {"author": f"penulis {page.article_id}"} for page in batch})
    assert seen == [ids[0:2], ids[2:4], ids[4:5]]
    assert db.scalars(select(Article.author).order_by(Article.id)).all() == [f"penulis {i}" for i in ids]


def test_pages_carry_their_raw_html_and_stored_fields(db: Session) -> None:
    article_id = _add(db, 7, author="Abdul Aziz")
    (batch,) = iter_page_batches(db, Filters())
    (page,) = batch
    assert page.article_id == article_id
    assert page.html == b"<html><body><p>halaman 7</p></body></html>"
    assert page.problem is None
    assert page.stored.author == "Abdul Aziz"
    assert page.stored.text == "BPJS Ketenagakerjaan berita nomor 7."
    assert page.fetched_at == datetime(2024, 10, 30, 5, 0, tzinfo=UTC)


def test_a_damaged_raw_page_is_reported_not_raised(db: Session) -> None:
    article_id = _add(db, 1)
    db.execute(update(RawPage).where(RawPage.article_id == article_id).values(body=b"not gzip at all"))
    db.commit()
    (batch,) = iter_page_batches(db, Filters())
    assert batch[0].html is None
    assert "cannot be decompressed" in (batch[0].problem or "")


def test_filters_choose_the_pages(db: Session) -> None:
    _add(db, 1, source="klikjatim")
    realita = _add(db, 2, source="realita", published=wib(2021, 12, 15, 9, 0))
    _add(db, 3, source="realita", published=wib(2024, 10, 30, 9, 0))
    filters = Filters(sources=("realita",), since="2021", until="2021")
    assert count_pages(db, filters) == 1
    assert [p.article_id for batch in iter_page_batches(db, filters) for p in batch] == [realita]
    assert count_pages(db, Filters()) == 3


def test_a_batch_is_written_whole_or_not_at_all(db: Session) -> None:
    first, second = _add(db, 1), _add(db, 2)
    with pytest.raises(StatementError, match="naive datetime"):
        apply_changes(db, {first: {"title": "Judul baru"}, second: {"published": datetime(2024, 1, 1)}})
    assert db.scalar(select(Article.title).where(Article.id == first)) == make_article().title


def test_only_reextractable_columns_can_be_written(db: Session) -> None:
    article_id = _add(db, 1)
    with pytest.raises(ValueError, match="cluster_id"):
        apply_changes(db, {article_id: {"cluster_id": 99}})


def test_changed_fields_compares_dates_as_instants() -> None:
    stored = ArticleFields("Judul", "teks", wib(2024, 10, 30, 10, 0), None, "35.25", "35.25", 0.9, "r", "h")
    utc = datetime(2024, 10, 30, 3, 0, tzinfo=UTC)
    same_instant = ArticleFields("Judul", "teks", utc, None, "35.25", "35.25", 0.9, "r", "h")
    assert changed_fields(stored, same_instant) == {}
    moved = ArticleFields("Judul", "teks baru", None, None, "35.78", "35.78", 0.9, "r", "h2")
    assert changed_fields(stored, moved) == {
        "text": "teks baru", "published": None, "region_code": "35.78", "regions": "35.78", "content_hash": "h2"
    }  # fmt: skip


def test_text_changes_are_announced_inside_the_batch_transaction(db: Session) -> None:
    first, second = _add(db, 1), _add(db, 2)
    announced: list[int] = []
    apply_changes(db, {first: {"text": "Teks baru"}, second: {"author": "Baru"}}, on_text_change=announced.append)
    assert announced == [first]

    def fail(article_id: int) -> None:
        raise RuntimeError("re-clustering failed")

    with pytest.raises(RuntimeError):
        apply_changes(db, {second: {"text": "Teks lain"}}, on_text_change=fail)
    assert db.scalar(select(Article.text).where(Article.id == second)) == "BPJS Ketenagakerjaan berita nomor 2."
