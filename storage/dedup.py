"""Near-duplicate detection: MinHash signatures, an LSH index kept in the archive, figure checks.

Why this shape:
- The LSH index is a table (`dedup_bands`: band hash -> article id, primary key (band, article_id)),
  so it survives restarts, is shared by every crawler writing to one PostgreSQL, and the process
  holds nothing that grows with the archive. A lookup is one indexed `band IN (...)` query.
- LSH only proposes candidates. A candidate joins the story when its estimated Jaccard
  similarity (word 3-shingles) reaches `DedupOptions.threshold` AND no figure contradicts:
  two monthly releases from one template differ in counts, rupiah, percentages, dates or
  months written between the same words ("sebanyak 41.206 kasus" vs "sebanyak 39.118 kasus");
  a figure that one copy simply cut, or wrote shorter ("22/10" for "22/10/2024"), is no
  contradiction.
- The first archived article of a story represents it: `cluster_id` is its id, each copy
  has `cluster_id` = `duplicate_of` = that id.

Concurrent writers: `lock()` serialises writers whose articles share an LSH band before
they look for candidates (PostgreSQL: a transaction-scoped advisory lock per band, taken in
sorted order, under one shared lock; SQLite: the database write lock, taken before the first
read). Two copies of one story archived at the same moment therefore end in one cluster
whenever they share a band (the same condition under which a sequential crawl would find
them), and the first to commit represents it. `recheck` and each `rebuild` batch take the
shared lock exclusively instead (one lock, however many articles a reprocessing transaction
rechecks), so crawlers wait for them rather than read a half-moved story. Rebuild commits
per batch: a crawl running meanwhile sees older articles re-clustered and newer ones not yet.

Round trips (PostgreSQL: each costs ~0.25 ms, more than the dedup's own SQL work): a writer
spends three on dedup. `lock` is one statement (the shared lock and every band lock, in order);
`find_match` is one (candidates, their signatures and stories, and with `digest` the exact copy);
`index` is one (signature and bands in one INSERT … WITH). The lock must be its own statement:
a READ COMMITTED statement reads the snapshot taken when it began, before a lock it waited for.

Changing NUM_PERM, BANDS/ROWS or the shingling invalidates the stored index: run
`arsip dedup --rebuild`. Changing `threshold` alone needs a rebuild to re-judge old pairs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import xxhash
from sqlalchemy import bindparam, delete, func, null, select, text, union_all, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from storage.models import Article, DedupBand, DedupSignature

NUM_PERM = 128
BANDS, ROWS = 32, 4  # BANDS * ROWS <= NUM_PERM; P(candidate) = 1 - (1 - J**ROWS)**BANDS
SHINGLE_WORDS = 3  # shingles() is written for 3
MAX_CANDIDATES = 50  # the candidates sharing most bands are verified, no more
PG_LOCK_NAMESPACE = 0x61727369  # "arsi": the first key of our two-key advisory locks
_ALL = -1  # second key of the lock every writer shares and recheck/rebuild take alone (bands are >= 0)
# The shared lock (key _ALL = -1, first in order) and the band locks, in one statement.
_PG_WRITER_LOCKS = text(
    "SELECT count(CASE WHEN k < 0 THEN pg_advisory_xact_lock_shared(:ns, k) ELSE pg_advisory_xact_lock(:ns, k) END) "
    "FROM (SELECT k FROM unnest(CAST(:keys AS integer[])) AS k ORDER BY k) AS ordered"
)
# Signature and bands of a new article in one statement (the bands' duplicates dropped).
_PG_INDEX = text(
    "WITH signature AS (INSERT INTO dedup_signatures (article_id, signature, figures) VALUES (:id, :signature, :figures)) "
    "INSERT INTO dedup_bands (band, article_id) "
    "SELECT DISTINCT b, CAST(:id AS integer) FROM unnest(CAST(:bands AS bigint[])) AS b"
)

_TOKEN = re.compile(r"\w+(?:[.,/:]\d+)*", re.UNICODE)
_DIGITS = re.compile(r"\d+(?:[.,/:]\d+)*")
MONTHS = frozenset(
    "januari februari maret april mei juni juli agustus september oktober november desember".split()
)


@dataclass(frozen=True)
class DedupOptions:
    """The knobs of story clustering (one object, passed where needed)."""

    threshold: float = 0.45  # estimated Jaccard of word 3-shingles needed to join a story
    max_figure_conflicts: int = 0  # places (words around a figure) where the two texts disagree


DEFAULTS = DedupOptions()


@dataclass(frozen=True)
class Fingerprint:
    """What dedup knows of a text: MinHash signature, its LSH band hashes, its figures."""

    signature: np.ndarray  # uint32[NUM_PERM]
    bands: tuple[int, ...]  # signed 64-bit, one per band (band number folded in)
    figures: dict[str, tuple[str, ...]]  # "word before|word after" -> the figures between them


@dataclass(frozen=True)
class Match:
    article_id: int  # the archived article the text is most similar to
    cluster_id: int  # its story (the representative's id)
    similarity: float  # estimated Jaccard


@dataclass(frozen=True)
class ClusterCounts:
    articles: int
    clusters: int  # stories
    copies: int  # articles with duplicate_of set


@dataclass(frozen=True)
class RebuildSummary:
    before: ClusterCounts
    after: ClusterCounts


@dataclass(frozen=True)
class Rechecked:
    article_id: int
    previous_cluster_id: int | None
    cluster_id: int
    duplicate_of: int | None
    similarity: float | None  # to the article it matched, None when it is on its own

    @property
    def changed(self) -> bool:
        return self.previous_cluster_id != self.cluster_id


def content_hash(text_: str) -> str:
    """sha256 hex of the text with whitespace collapsed: reflowed copies of one text hash alike."""
    return hashlib.sha256(" ".join(text_.split()).encode("utf-8")).hexdigest()


def tokens(text_: str) -> list[str]:
    """Lower-cased words; a figure stays one token ("41.206", "rp1,37", "22/10/2024")."""
    return _TOKEN.findall(text_.lower())


def shingles(words: Sequence[str]) -> list[bytes]:
    """Word 3-grams (a shorter text is one shingle), as bytes for hashing."""
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")]
    return [f"{a} {b} {c}".encode() for a, b, c in zip(words, words[1:], words[2:])]


def figures(words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Figures (numbers, rupiah, percentages, dates, month names) keyed by the words around them.

    "sebanyak 41.206 kasus" gives {"sebanyak|kasus": ("41.206",)};
    "Rp1,37 miliar" is the figure "1,37" before "miliar"; consecutive figures are one
    ("September 2024"), so a month report and the next one disagree on "hingga|...".
    """
    found: dict[str, set[str]] = {}
    before, run = "", []
    for word in [*words, ""]:
        if not word.isalpha() and (match := _DIGITS.search(word)) is not None:
            run.append(match.group())
        elif word in MONTHS:
            run.append(word)
        else:
            if run:
                found.setdefault(f"{before}|{word}", set()).add(" ".join(run))
                run = []
            before = word
    return {k: tuple(sorted(v)) for k, v in found.items()}


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations for seed 1: h -> a*h + b mod 2**32, `a` odd (a bijection)."""
    generator = np.random.RandomState(1)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer (a bijection of uint32 that spreads xxh32's bits); wraps as uint32."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash(items: Sequence[bytes]) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32) of a set of byte strings, hashed with xxh32.

    Bit for bit datasketch's `MinHash(num_perm=128, seed=1, scheme="affine32",
    hashfunc=xxhash.xxh32_intdigest)` (tests/test_storage_dedup.py checks it against
    datasketch), which signatures archived before were made with. Not datasketch itself:
    importing it imports scipy (355 modules, about 60 MB in every crawl process and every
    extraction worker, 0.5 s), for these few lines of numpy.
    """
    a, b = _permutations()
    hashed = np.fromiter((xxhash.xxh32_intdigest(item) for item in items), dtype=np.uint32, count=len(items))
    if not len(hashed):
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    return (_fmix32(hashed).reshape(-1, 1) * a + b).min(axis=0)


def _band_hashes(signature: np.ndarray) -> tuple[int, ...]:
    out = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, salt=band.to_bytes(8, "little")).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return tuple(out)


def fingerprint(text_: str) -> Fingerprint:
    """The fingerprint of an article's clean text (pure; about 0.4 ms for a 400-word article).

    Shingles are hashed with xxh32 (4x faster than datasketch's default sha1, as good for MinHash).
    """
    words = tokens(text_)
    signature = minhash(shingles(words))
    return Fingerprint(signature, _band_hashes(signature), figures(words))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def _same_figure(x: str, y: str) -> bool:
    """Equal, or one copy wrote less of it: "22/10" for "22/10/2024", "Oktober" for "Oktober 2024"."""
    if x == y:
        return True
    if "/" in x and "/" in y:
        return x.split("/")[:2] == y.split("/")[:2]
    short, long = sorted((x, y), key=len)
    return long.startswith(short + " ")


def figure_conflicts(a: dict[str, tuple[str, ...]], b: dict[str, tuple[str, ...]]) -> int:
    """How many places (the words around a figure) hold figures in both texts, but no common one."""
    return sum(
        1
        for key in a.keys() & b.keys()
        if not any(_same_figure(x, y) for x in a[key] for y in b[key])
    )


def same_story(a: Fingerprint, b: Fingerprint, options: DedupOptions = DEFAULTS) -> bool:
    """The verification LSH candidates must pass (also usable without a database)."""
    return (
        similarity(a.signature, b.signature) >= options.threshold
        and figure_conflicts(a.figures, b.figures) <= options.max_figure_conflicts
    )


def lock(session: Session, fp: Fingerprint | None, *, exclusive: bool = False) -> None:
    """Serialise with other writers whose articles share a band with this one (see module doc).

    Call it first in the transaction that looks for candidates and writes the article.
    `exclusive` (recheck, rebuild) waits for every writer and keeps them out until commit,
    with one lock however many articles the transaction handles.
    """
    dialect = session.get_bind().dialect.name
    connection = session.connection()
    if dialect == "postgresql":
        if exclusive:
            connection.execute(text("SELECT pg_advisory_xact_lock(:ns, :all)"), {"ns": PG_LOCK_NAMESPACE, "all": _ALL})
            return
        keys = [_ALL, *sorted({band & 0x7FFFFFFF for band in fp.bands})] if fp is not None else [_ALL]
        connection.execute(_PG_WRITER_LOCKS, {"ns": PG_LOCK_NAMESPACE, "keys": keys})
    elif dialect == "sqlite":
        # A write statement takes SQLite's write lock now, before any read of this transaction.
        connection.execute(_TAKE_WRITE_LOCK)


def _load(raw_signature: bytes, raw_figures: str) -> Fingerprint:
    signature = np.frombuffer(raw_signature, dtype=np.uint32)
    loaded = {k: tuple(v) for k, v in json.loads(raw_figures).items()}
    return Fingerprint(signature, (), loaded)


_BANDS = DedupBand.__table__
_SIGNATURES = DedupSignature.__table__
_ARTICLES = Article.__table__
# Prebuilt statements (expanding IN parameters): compiled once, cheap per article.
_TAKE_WRITE_LOCK = _BANDS.delete().where(_BANDS.c.band == 0, _BANDS.c.article_id == 0)
_NO_ID, _ANY_ID = -1, 2**31 - 1
_SHARED = func.count().label("shared")
_CANDIDATES = (
    select(_BANDS.c.article_id, _SHARED)
    .where(
        _BANDS.c.band.in_(bindparam("bands", expanding=True)),
        _BANDS.c.article_id != bindparam("exclude"),
        _BANDS.c.article_id < bindparam("before"),
    )
    .group_by(_BANDS.c.article_id)
    .order_by(_SHARED.desc(), _BANDS.c.article_id)
    .limit(MAX_CANDIDATES)
)
_CANDIDATE_ROWS = _CANDIDATES.subquery("candidates")
_EXACT = (
    select(_ARTICLES.c.id, _ARTICLES.c.cluster_id)
    .where(
        _ARTICLES.c.content_hash == bindparam("digest"),
        _ARTICLES.c.id != bindparam("exclude"),
        _ARTICLES.c.id < bindparam("before"),
    )
    .order_by(_ARTICLES.c.duplicate_of.is_not(None), _ARTICLES.c.id)
    .limit(1)
    .subquery("exact")
)
# One round trip: the candidates with their signatures and stories, and (first, signature NULL) the
# earliest archived article with exactly this text, preferring a story's representative.
_LOOKUP = union_all(
    select(
        _EXACT.c.id.label("article_id"),
        null().label("signature"),
        null().label("figures"),
        _EXACT.c.cluster_id,
    ),
    select(_SIGNATURES.c.article_id, _SIGNATURES.c.signature, _SIGNATURES.c.figures, _ARTICLES.c.cluster_id)
    .select_from(_CANDIDATE_ROWS)
    .join(_SIGNATURES, _SIGNATURES.c.article_id == _CANDIDATE_ROWS.c.article_id)
    .join(_ARTICLES, _ARTICLES.c.id == _CANDIDATE_ROWS.c.article_id),
)
_STORED_SIGNATURE = select(_SIGNATURES.c.signature).where(_SIGNATURES.c.article_id == bindparam("id"))
_DELETE_BANDS = _BANDS.delete().where(
    _BANDS.c.band.in_(bindparam("bands", expanding=True)), _BANDS.c.article_id == bindparam("id")
)
_DELETE_SIGNATURE = _SIGNATURES.delete().where(_SIGNATURES.c.article_id == bindparam("id"))


def find_match(
    session: Session,
    fp: Fingerprint,
    *,
    options: DedupOptions = DEFAULTS,
    exclude: int | None = None,
    before: int | None = None,
    digest: str | None = None,
) -> Match | None:
    """The archived article this text is a copy of, if any: LSH candidates, then verification.

    `exclude` leaves one article out (itself, when rechecking); `before` keeps only older
    articles (rebuild: the first seen represents the story). `digest` (the text's
    `content_hash`): an article with exactly this text wins outright (similarity 1.0; the
    story's representative if it has that text), found in the same round trip.
    """
    connection = session.connection()
    params = {
        "bands": list(fp.bands),
        "exclude": _NO_ID if exclude is None else exclude,
        "before": _ANY_ID if before is None else before,
        "digest": digest if digest is not None else "",  # no article's content_hash is empty
    }
    best: Match | None = None
    for row in connection.execute(_LOOKUP, params):
        if row.signature is None:  # the exact copy
            return Match(row.article_id, row.cluster_id or row.article_id, 1.0)
        other = _load(row.signature, row.figures)
        score = similarity(fp.signature, other.signature)
        if score < options.threshold or figure_conflicts(fp.figures, other.figures) > options.max_figure_conflicts:
            continue
        if best is None or (score, -row.article_id) > (best.similarity, -best.article_id):
            best = Match(row.article_id, row.cluster_id or row.article_id, score)
    return best


def index(session: Session, article_id: int, fp: Fingerprint, *, fresh: bool = False) -> None:
    """Store an article's signature, figures and bands, replacing what it had (`fresh`: it had none)."""
    if not fresh:
        unindex(session, article_id)
    connection = session.connection()
    signature = fp.signature.astype(np.uint32).tobytes()
    figures_json = json.dumps(fp.figures, ensure_ascii=False, sort_keys=True)
    if connection.dialect.name == "postgresql":
        connection.execute(
            _PG_INDEX, {"id": article_id, "signature": signature, "figures": figures_json, "bands": list(fp.bands)}
        )
        return
    connection.execute(_SIGNATURES.insert(), {"article_id": article_id, "signature": signature, "figures": figures_json})
    connection.execute(_BANDS.insert(), [{"band": band, "article_id": article_id} for band in sorted(set(fp.bands))])


def unindex(session: Session, article_id: int) -> None:
    """Remove an article from the index (its bands found through its stored signature)."""
    connection = session.connection()
    stored = connection.execute(_STORED_SIGNATURE, {"id": article_id}).scalar()
    if stored is None:
        return
    bands = list(_band_hashes(np.frombuffer(stored, dtype=np.uint32)))
    connection.execute(_DELETE_BANDS, {"bands": bands, "id": article_id})
    connection.execute(_DELETE_SIGNATURE, {"id": article_id})


def cluster_counts(session: Session) -> ClusterCounts:
    """Articles, stories and copies in the archive."""
    articles = session.scalar(select(func.count()).select_from(Article)) or 0
    copies = session.scalar(select(func.count()).select_from(Article).where(Article.duplicate_of.is_not(None))) or 0
    return ClusterCounts(articles, articles - copies, copies)


def _members(session: Session, cluster_id: int) -> list[int]:
    return list(session.scalars(select(Article.id).where(Article.cluster_id == cluster_id).order_by(Article.id)))


def _point(session: Session, ids: Sequence[int], representative: int) -> None:
    """Make `representative` the story of `ids`: itself unmarked, the others its copies."""
    if not ids:
        return
    session.execute(
        update(Article)
        .where(Article.id.in_(list(ids)))
        .values(cluster_id=representative, duplicate_of=None)
        .execution_options(synchronize_session=False)
    )
    others = [i for i in ids if i != representative]
    if others:
        session.execute(
            update(Article)
            .where(Article.id.in_(others))
            .values(duplicate_of=representative)
            .execution_options(synchronize_session=False)
        )


def recheck(session: Session, article_id: int, *, options: DedupOptions = DEFAULTS) -> Rechecked:
    """Re-judge one article's story after its text changed (reprocessing), in the caller's transaction.

    The caller commits. Its content_hash and index entries are renewed. If it represented a
    story and no longer matches it, the story's earliest other copy becomes the representative
    and every copy points to it. If it joins a story whose representative is younger than it,
    it becomes that story's representative (the first seen represents a story).
    """
    article = session.execute(
        select(Article.id, Article.text, Article.cluster_id, Article.duplicate_of).where(Article.id == article_id)
    ).first()
    if article is None:
        raise ValueError(f"no article with id {article_id} in the archive: give the id of an archived article")
    fp = fingerprint(article.text)
    lock(session, fp, exclusive=True)
    session.execute(
        update(Article)
        .where(Article.id == article_id)
        .values(content_hash=content_hash(article.text))
        .execution_options(synchronize_session=False)
    )
    unindex(session, article_id)
    previous = article.cluster_id
    match = find_match(session, fp, options=options, exclude=article_id)
    was_representative = article.duplicate_of is None and previous in (None, article_id)

    if was_representative and match is not None and match.cluster_id == article_id:
        pass  # still matches its own story: nothing moves
    else:
        if was_representative:
            rest = [i for i in _members(session, article_id) if i != article_id]
            if rest:
                _point(session, rest, rest[0])
        if match is None:
            _point(session, [article_id], article_id)
        else:
            members = [i for i in _members(session, match.cluster_id) if i != article_id] + [article_id]
            _point(session, members, min(members))
    index(session, article_id, fp)
    now = session.execute(select(Article.cluster_id, Article.duplicate_of).where(Article.id == article_id)).one()
    session.flush()
    return Rechecked(article_id, previous, now.cluster_id, now.duplicate_of, match.similarity if match else None)


def rebuild(
    session: Session,
    *,
    options: DedupOptions = DEFAULTS,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = 500,
) -> RebuildSummary:
    """Recompute every story from the articles' texts, oldest first; commits every batch.

    `progress(done, total)` is called after each batch. Memory stays flat: articles are read
    a batch at a time by id. Run it while no crawl writes to the archive.
    """
    before = cluster_counts(session)
    total = before.articles
    try:
        lock(session, None, exclusive=True)
        session.execute(delete(DedupBand))
        session.execute(delete(DedupSignature))
        session.execute(update(Article).values(duplicate_of=None))
        session.execute(update(Article).values(cluster_id=Article.id))
        reset_up_to = session.scalar(select(func.max(Article.id))) or 0
        session.commit()
        done, last = 0, 0
        if progress:
            progress(0, total)
        while True:
            lock(session, None, exclusive=True)
            batch = session.execute(
                select(Article.id, Article.text).where(Article.id > last).order_by(Article.id).limit(batch_size)
            ).all()
            if not batch:
                session.commit()
                break
            for row in batch:
                fp = fingerprint(row.text)
                match = find_match(session, fp, options=options, before=row.id)
                if match is not None:
                    session.execute(
                        update(Article)
                        .where(Article.id == row.id)
                        .values(cluster_id=match.cluster_id, duplicate_of=match.cluster_id)
                        .execution_options(synchronize_session=False)
                    )
                # An article a crawl added during the rebuild is indexed already: replace its entries.
                index(session, row.id, fp, fresh=row.id <= reset_up_to)
            session.commit()
            last = batch[-1].id
            done += len(batch)
            if progress:
                progress(done, total)
    except BaseException:
        session.rollback()
        raise
    return RebuildSummary(before, cluster_counts(session))


def is_retryable(exc: DBAPIError) -> bool:
    """The transaction was lost through no fault of its own: retrying it from the start is safe.

    PostgreSQL broke a lock cycle between two writers (40P01) or a serialization conflict
    (40001), or the connection was cut (the server restarted: SQLAlchemy marks the error
    `connection_invalidated` and replaces the connection; storage.db waits for the server to
    accept connections again). A cut COMMIT may have been applied: the retry then finds the
    articles archived (by URL, a unique constraint) and reports them known, never twice.
    """
    return exc.connection_invalidated or getattr(exc.orig, "sqlstate", None) in ("40P01", "40001")


is_deadlock = is_retryable  # the name storage.archive calls (retries a deadlock and, now, a cut connection)
