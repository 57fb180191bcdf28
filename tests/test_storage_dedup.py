"""storage/dedup.py and the near-duplicate side of storage/archive.py: stories against the simulator's truth.

The texts are the simulator's articles (arsip/simulator/content/syndicated.py): syndicated copies
with their own lead, dateline, cut or added paragraph; a template release a month later with
other figures; unrelated articles. `SimArticle.story` is the truth.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from arsip.simulator import SimArticle, articles
from storage.archive import Added, add_article
from storage.db import open_archive, session
from storage.dedup import (
    DedupOptions,
    Match,
    content_hash,
    find_match,
    figure_conflicts,
    figures,
    fingerprint,
    lock,
    minhash,
    rebuild,
    recheck,
    same_story,
    shingles,
    tokens,
)
from storage.models import Article, DedupBand, DedupSignature

from conftest_storage import archive_url, db, engine, make_article  # noqa: F401  (fixtures)


def text_of(article: SimArticle) -> str:
    return "\n\n".join(article.paragraphs)


def new_article(article: SimArticle):  # type: ignore[no-untyped-def]
    return make_article(
        url=f"https://{article.portal}.example{article.path}",
        source=article.portal,
        title=article.title,
        text=text_of(article),
    )


RELEVANT = [a for a in articles() if a.relevant]
STORIES: dict[str, list[SimArticle]] = defaultdict(list)
for _a in RELEVANT:
    if _a.story:
        STORIES[_a.story].append(_a)
TEMPLATE_OCTOBER = next(a for a in RELEVANT if a.portal == "klikjatim" and "oktober-2024" in a.path)
TEMPLATE_NOVEMBER = next(a for a in RELEVANT if "november-2024" in a.path)
BANYUWANGI = STORIES["banyuwangi-jkm-nelayan-2024"]


def truth_key(article: SimArticle) -> str:
    return article.story or f"{article.portal}{article.path}"


def rows(db: Session) -> list:  # type: ignore[type-arg]
    """Every article's url, id and story, read from the database (not the session's identity map)."""
    return db.execute(select(Article.url, Article.id, Article.cluster_id, Article.duplicate_of)).all()


def story_of(db: Session, article_id: int) -> tuple[int | None, int | None]:
    """(cluster_id, duplicate_of) as stored."""
    return tuple(db.execute(select(Article.cluster_id, Article.duplicate_of).where(Article.id == article_id)).one())


def clusters_by_url(db: Session) -> dict[str, tuple[int, int | None, int]]:
    return {row.url: (row.cluster_id, row.duplicate_of, row.id) for row in rows(db)}


def assert_clusters_match_truth(db: Session, archived: list[SimArticle]) -> None:
    """Same story <=> same cluster_id; each story's first archived copy represents it."""
    stored = {r.url: r for r in rows(db)}
    assert len(stored) == len(archived)
    by_story: dict[str, set[int]] = defaultdict(set)
    for article in archived:
        by_story[truth_key(article)].add(stored[f"https://{article.portal}.example{article.path}"].cluster_id)
    assert all(len(ids) == 1 for ids in by_story.values()), by_story
    assert len({next(iter(ids)) for ids in by_story.values()}) == len(by_story)  # stories never share a cluster
    for row in stored.values():
        members = [r for r in stored.values() if r.cluster_id == row.cluster_id]
        first = min(members, key=lambda r: r.id)
        assert row.cluster_id == first.id
        assert row.duplicate_of == (None if row.id == first.id else first.id)


# --- the judgement, without a database ----------------------------------------------------------


def test_syndicated_copies_are_one_story_pairwise() -> None:
    for copies in STORIES.values():
        for i, a in enumerate(copies):
            for b in copies[i + 1 :]:
                assert same_story(fingerprint(text_of(a)), fingerprint(text_of(b))), (a.path, b.path)


def test_template_release_with_other_figures_is_another_story() -> None:
    october, november = fingerprint(text_of(TEMPLATE_OCTOBER)), fingerprint(text_of(TEMPLATE_NOVEMBER))
    assert not same_story(october, november)
    assert same_story(october, november, DedupOptions(max_figure_conflicts=100))  # the words alone would join them


def test_no_two_articles_of_different_stories_are_judged_one() -> None:
    prints = [(a, fingerprint(text_of(a))) for a in RELEVANT]
    for i, (a, fa) in enumerate(prints):
        for b, fb in prints[i + 1 :]:
            if truth_key(a) != truth_key(b):
                assert not same_story(fa, fb), (a.path, b.path)


def test_signatures_are_datasketchs_so_archived_signatures_stay_valid() -> None:
    """Signatures stored by earlier versions came from datasketch's MinHash; ours must equal them bit for bit,
    or every old article would stop matching its new copies until `arsip dedup --rebuild`."""
    import numpy as np
    import xxhash
    from datasketch import MinHash

    texts = [text_of(a) for a in articles()] + ["", "satu", "satu dua", "satu dua tiga"]
    for text_ in texts:
        items = shingles(tokens(text_))
        reference = MinHash(num_perm=128, seed=1, scheme="affine32", hashfunc=xxhash.xxh32_intdigest)
        reference.update_batch(items)
        assert np.array_equal(minhash(items), np.asarray(reference.hashvalues, dtype=np.uint32)), text_[:60]


def test_figures_are_keyed_by_the_words_around_them() -> None:
    found = figures(tokens("Hingga September 2024 tercatat sebanyak 41.206 kasus senilai Rp612,8 miliar, naik 5,1 persen."))
    assert found == {
        "hingga|tercatat": ("september 2024",),
        "sebanyak|kasus": ("41.206",),
        "senilai|miliar": ("612,8",),
        "naik|persen": ("5,1",),
    }


def test_a_cut_figure_is_no_conflict_but_another_figure_is() -> None:
    full = figures(tokens("sebanyak 41.206 kasus dan 2.874 kasus JKK"))
    assert figure_conflicts(full, figures(tokens("sebanyak 41.206 kasus"))) == 0
    assert figure_conflicts(full, figures(tokens("sebanyak 39.118 kasus"))) == 1


def test_a_date_written_shorter_is_the_same_figure() -> None:
    full = figures(tokens("Selasa (22/10/2024) di Sidoarjo, sepanjang Oktober 2024 tercatat"))
    short = figures(tokens("Selasa (22/10) di Sidoarjo, sepanjang Oktober tercatat"))
    other = figures(tokens("Selasa (29/10/2024) di Sidoarjo, sepanjang November 2024 tercatat"))
    assert figure_conflicts(full, short) == 0
    assert figure_conflicts(full, other) == 2


# --- the write path ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2])
def test_copies_in_any_order_join_the_first_archived(db: Session, seed: int) -> None:
    order = RELEVANT[:]
    random.Random(seed).shuffle(order)
    outcomes = {}
    for article in order:
        outcomes[article] = add_article(db, new_article(article)).outcome
    assert_clusters_match_truth(db, order)
    seen: set[str] = set()
    for article in order:  # the first of each story is "new", every later copy a "duplicate"
        key = truth_key(article)
        assert outcomes[article] == ("duplicate" if key in seen else "new"), article.path
        seen.add(key)


def test_copies_across_crawls_and_restarts_join_the_story(archive_url: str) -> None:
    first_crawl = [a for a in RELEVANT if a.portal in ("realita", "klikjatim")]
    second_crawl = [a for a in RELEVANT if a not in first_crawl]
    for batch in (first_crawl, second_crawl):  # a new engine each time: nothing kept in memory
        engine = open_archive(archive_url)
        try:
            with session(engine) as s:
                for article in batch:
                    add_article(s, new_article(article))
        finally:
            engine.dispose()
    engine = open_archive(archive_url)
    try:
        with session(engine) as s:
            assert_clusters_match_truth(s, first_crawl + second_crawl)
            realita = next(a for a in BANYUWANGI if a.portal == "realita")
            rep = s.execute(select(Article.id, Article.duplicate_of).where(Article.url.endswith(realita.path))).one()
            assert rep.duplicate_of is None
            assert s.scalar(select(func.count()).where(Article.cluster_id == rep.id)) == len(BANYUWANGI)
    finally:
        engine.dispose()


def test_template_releases_in_one_crawl_stay_apart(db: Session) -> None:
    october = add_article(db, new_article(TEMPLATE_OCTOBER))
    november = add_article(db, new_article(TEMPLATE_NOVEMBER))
    assert (october.outcome, november.outcome) == ("new", "new")
    assert story_of(db, november.article_id) == (november.article_id, None)  # type: ignore[arg-type]


def test_every_article_is_indexed_and_removal_cascades(db: Session) -> None:
    ids = [add_article(db, new_article(a)).article_id for a in BANYUWANGI]
    assert db.scalar(select(func.count()).select_from(DedupSignature)) == 3
    assert db.scalar(select(func.count(func.distinct(DedupBand.article_id)))) == 3
    db.delete(db.get(Article, ids[-1]))
    db.commit()
    assert db.scalar(select(func.count()).select_from(DedupBand).where(DedupBand.article_id == ids[-1])) == 0


def test_every_band_of_an_article_is_stored_once(db: Session) -> None:
    article_id = add_article(db, new_article(BANYUWANGI[0])).article_id
    expected = set(fingerprint(text_of(BANYUWANGI[0])).bands)  # read from the text, not from the table
    stored = db.scalars(select(DedupBand.band).where(DedupBand.article_id == article_id)).all()
    assert sorted(stored) == sorted(expected)


def test_find_match_with_a_digest_gives_the_exact_copy_before_a_near_one(db: Session) -> None:
    first, copy = (add_article(db, new_article(a)) for a in BANYUWANGI[:2])
    assert copy.outcome == "duplicate"
    text = text_of(BANYUWANGI[1])
    fp = fingerprint(text)
    # Without the digest the near copies compete on similarity; with it the article that has exactly
    # this text wins, and it is reported in its story (the first article's).
    exact = find_match(db, fp, digest=content_hash(text))
    assert exact == Match(copy.article_id, first.article_id, 1.0)  # type: ignore[arg-type]
    assert find_match(db, fp, digest=content_hash(text), exclude=copy.article_id).article_id == first.article_id  # type: ignore[union-attr]
    assert find_match(db, fingerprint("Teks lain sama sekali tentang cuaca."), digest=content_hash("x")) is None


def _hold_lock_then_write(engine: Engine, waiting: SimArticle, holder: SimArticle) -> tuple[Added, Added, bool]:
    """Writer A holds the dedup lock for `holder`'s text; writer B archives `waiting` meanwhile."""
    result: dict[str, Added] = {}

    def other_writer() -> None:
        with session(engine) as s:
            result["b"] = add_article(s, new_article(waiting))

    with session(engine) as a:
        lock(a, fingerprint(text_of(holder)))
        thread = threading.Thread(target=other_writer)
        thread.start()
        time.sleep(0.3)
        blocked = thread.is_alive()
        first = add_article(a, new_article(holder))
    thread.join(timeout=60)
    return first, result["b"], blocked


def test_two_writers_archiving_copies_at_once_make_one_story(engine: Engine) -> None:
    jatimtimes, realita = (next(a for a in BANYUWANGI if a.portal == p) for p in ("jatimtimes", "realita"))
    first, second, blocked = _hold_lock_then_write(engine, waiting=realita, holder=jatimtimes)
    assert blocked  # B waited for A's transaction instead of deciding without A's article
    assert first.outcome == "new"
    assert second == Added("duplicate", second.article_id, first.article_id)


# --- recheck (after reprocessing changed a text) ------------------------------------------------


def _archive(db: Session, items: list[SimArticle]) -> list[int]:
    return [add_article(db, new_article(a)).article_id for a in items]  # type: ignore[misc]


def _set_text(db: Session, article_id: int, text: str) -> None:
    db.execute(update(Article).where(Article.id == article_id).values(text=text))


def test_recheck_copy_whose_text_changed_leaves_the_story(db: Session) -> None:
    rep, copy, third = _archive(db, BANYUWANGI)
    _set_text(db, copy, text_of(TEMPLATE_NOVEMBER))
    result = recheck(db, copy)
    db.commit()
    assert (result.previous_cluster_id, result.cluster_id, result.duplicate_of) == (rep, copy, None)
    assert result.changed
    assert story_of(db, third) == (rep, rep)


def test_recheck_representative_that_no_longer_matches_hands_the_story_to_the_next(db: Session) -> None:
    rep, copy, third = _archive(db, BANYUWANGI)
    _set_text(db, rep, text_of(TEMPLATE_NOVEMBER))
    result = recheck(db, rep)
    db.commit()
    assert (result.cluster_id, result.duplicate_of) == (rep, None)
    assert [story_of(db, copy), story_of(db, third)] == [(copy, None), (copy, copy)]


def test_recheck_representative_still_matching_keeps_its_story(db: Session) -> None:
    rep, copy, third = _archive(db, BANYUWANGI)
    _set_text(db, rep, text_of(BANYUWANGI[0]).replace("Rp318 juta", "Rp318 juta (dikoreksi)"))
    result = recheck(db, rep)
    db.commit()
    assert not result.changed and result.duplicate_of is None
    assert {story_of(db, i) for i in (copy, third)} == {(rep, rep)}


def test_recheck_older_article_now_a_copy_represents_the_story(db: Session) -> None:
    older, rep, copy = _archive(db, [TEMPLATE_NOVEMBER, *BANYUWANGI[:2]])
    _set_text(db, older, text_of(BANYUWANGI[2]))
    result = recheck(db, older)
    db.commit()
    assert (result.cluster_id, result.duplicate_of) == (older, None)  # first seen represents
    assert {story_of(db, i) for i in (rep, copy)} == {(older, older)}


def test_writers_wait_for_a_recheck_until_it_commits(engine: Engine) -> None:
    with session(engine) as a:
        rep, copy, _ = _archive(a, BANYUWANGI)
        unrelated = next(x for x in RELEVANT if x.story is None)
        _set_text(a, rep, text_of(TEMPLATE_NOVEMBER))
        recheck(a, rep)  # moves the story to `copy`; not committed yet
        result: dict[str, Added] = {}

        def crawler() -> None:
            with session(engine) as b:
                result["b"] = add_article(b, new_article(unrelated))

        thread = threading.Thread(target=crawler)
        thread.start()
        time.sleep(0.3)
        blocked = thread.is_alive()
        a.commit()
    thread.join(timeout=60)
    assert blocked  # a crawler never reads a story half moved
    assert result["b"].outcome == "new"


def test_recheck_unknown_article_names_it(db: Session) -> None:
    with pytest.raises(ValueError, match="no article with id 4242"):
        recheck(db, 4242)


# --- rebuild ------------------------------------------------------------------------------------


def test_rebuild_recomputes_clusters_and_reports_before_and_after(db: Session) -> None:
    _archive(db, RELEVANT)
    truth = clusters_by_url(db)
    # As if archived before near-duplicate detection: every article its own story, nothing indexed.
    db.execute(update(Article).values(duplicate_of=None))
    db.execute(update(Article).values(cluster_id=Article.id))
    db.execute(DedupBand.__table__.delete())
    db.execute(DedupSignature.__table__.delete())
    db.commit()
    calls: list[tuple[int, int]] = []
    summary = rebuild(db, progress=lambda done, total: calls.append((done, total)), batch_size=7)
    stories = len({truth_key(a) for a in RELEVANT})
    assert (summary.before.clusters, summary.before.copies) == (len(RELEVANT), 0)
    assert (summary.after.articles, summary.after.clusters, summary.after.copies) == (
        len(RELEVANT), stories, len(RELEVANT) - stories)
    assert clusters_by_url(db) == truth
    assert calls[0] == (0, len(RELEVANT)) and calls[-1] == (len(RELEVANT), len(RELEVANT))
    assert len(calls) == 2 + (len(RELEVANT) - 1) // 7


def test_rebuild_with_a_stricter_threshold_splits_the_loosest_copies(db: Session) -> None:
    _archive(db, BANYUWANGI)
    summary = rebuild(db, options=DedupOptions(threshold=0.99))
    assert (summary.before.clusters, summary.after.clusters) == (1, 3)
