"""storage/search.py: filters (regions, Jakarta-day dates, sources, unique) and word search."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.archive import add_article
from storage.errors import QueryError
from storage.models import Article
from storage.search import Filters, search

from conftest_storage import archive_url, db, engine, make_article, wib  # noqa: F401  (fixtures)

# key: (url, region_code, published in WIB, source, title, text)
ARTICLES = {
    "gresik": ("35.25", wib(2024, 10, 30, 10, 0), "klikjatim",
               "BPJS Ketenagakerjaan Gresik santuni ahli waris",
               "Santunan JKM diserahkan kepada ahli waris pekerja di Gresik."),
    "kota_pasuruan": ("35.75", wib(2024, 10, 31, 23, 30), "nawacita",
                      "Pemkot Pasuruan daftarkan RT/RW ke BPJAMSOSTEK",
                      "Ketua RT dan RW Kota Pasuruan kini terlindungi jaminan kecelakaan kerja."),
    # 00:30 WIB on 1 November is still 31 October in UTC: the day filters must use WIB.
    "kab_pasuruan": ("35.14", wib(2024, 11, 1, 0, 30), "realita",
                     "Kabupaten Pasuruan lindungi pekerja rentan",
                     "Pemkab Pasuruan membayar iuran untuk 10.000 pekerja rentan."),
    "jatim": ("35", wib(2023, 12, 31, 20, 0), "beritalima",
              "Kanwil Jatim catat klaim JHT naik",
              "Klaim jaminan hari tua di Jawa Timur naik sepanjang tahun."),
    "semarang": ("33.74", wib(2024, 10, 15, 9, 0), "jatengpos",
                 "Semarang perluas kepesertaan",
                 "Kota Semarang menargetkan cakupan kepesertaan 70 persen."),
    "undated": (None, None, "klikjatim", "Tanpa tanggal", "Artikel tanpa tanggal dan daerah tentang iuran."),
}


@pytest.fixture
def ids(db: Session) -> dict[str, int]:
    ids = {}
    for key, (code, published, source, title, text) in ARTICLES.items():
        added = add_article(
            db,
            make_article(url=f"https://{source}.example/{key}", source=source, title=title, text=text,
                         region_code=code, regions=(code,) if code else (), published=published),
        )
        assert added.article_id is not None
        ids[key] = added.article_id
    return ids


def found(db: Session, ids: dict[str, int], **filters: object) -> set[str]:
    names = {v: k for k, v in ids.items()}
    return {names[row.id] for row in search(db, Filters(**filters), limit=100)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("35.25", {"gresik"}),
        ("Gresik", {"gresik"}),
        ("Kabupaten Gresik", {"gresik"}),
        ("kab. gresik", {"gresik"}),
        ("Pasuruan", {"kota_pasuruan", "kab_pasuruan"}),
        ("Kota Pasuruan", {"kota_pasuruan"}),
        ("Kabupaten Pasuruan", {"kab_pasuruan"}),
        ("Jawa Timur", {"gresik", "kota_pasuruan", "kab_pasuruan", "jatim"}),
        ("35", {"gresik", "kota_pasuruan", "kab_pasuruan", "jatim"}),
        ("Jawa Tengah", {"semarang"}),
    ],
)
def test_region_filter(db: Session, ids: dict[str, int], region: str, expected: set[str]) -> None:
    assert found(db, ids, regions=(region,)) == expected


def test_several_regions_are_any_of(db: Session, ids: dict[str, int]) -> None:
    assert found(db, ids, regions=("Gresik", "Kota Semarang")) == {"gresik", "semarang"}


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2024", None, {"gresik", "kota_pasuruan", "kab_pasuruan", "semarang"}),
        (None, "2023", {"jatim"}),
        ("2023", "2023", {"jatim"}),
        ("2024-10", "2024-10", {"gresik", "kota_pasuruan", "semarang"}),
        ("2024-11", None, {"kab_pasuruan"}),
        (None, "2024-10-31", {"gresik", "kota_pasuruan", "jatim", "semarang"}),
        ("2024-11-01", "2024-11-01", {"kab_pasuruan"}),
        ("2024-10-30", "2024-10-30", {"gresik"}),
        ("2024-10-16", "2024-10-29", set()),
    ],
)
def test_dates_are_jakarta_days_months_years(
    db: Session, ids: dict[str, int], since: str | None, until: str | None, expected: set[str]
) -> None:
    assert found(db, ids, since=since, until=until) == expected


def test_sources_and_combined_filters(db: Session, ids: dict[str, int]) -> None:
    assert found(db, ids, sources=("klikjatim",)) == {"gresik", "undated"}
    assert found(db, ids, sources=("klikjatim", "realita"), regions=("Jawa Timur",), since="2024-10-31") == {
        "kab_pasuruan"}


def test_newest_first_undated_last_and_limit(db: Session, ids: dict[str, int]) -> None:
    rows = search(db, Filters(), limit=100)
    assert [r.id for r in rows] == [ids[k] for k in
                                    ("kab_pasuruan", "kota_pasuruan", "gresik", "semarang", "jatim", "undated")]
    assert [r.id for r in search(db, Filters(), limit=2)] == [ids["kab_pasuruan"], ids["kota_pasuruan"]]


def test_rows_carry_region_names(db: Session, ids: dict[str, int]) -> None:
    rows = {r.id: r for r in search(db, Filters(), limit=100)}
    gresik, jatim, undated = rows[ids["gresik"]], rows[ids["jatim"]], rows[ids["undated"]]
    assert (gresik.region, gresik.province) == ("Kabupaten Gresik", "Jawa Timur")
    assert (jatim.region, jatim.province) == (None, "Jawa Timur")
    assert (undated.region, undated.province, undated.published) == (None, None, None)
    assert gresik.published == wib(2024, 10, 30, 10, 0)
    as_dict = gresik.to_dict()
    assert (as_dict["published"], as_dict["region"]) == ("2024-10-30T10:00:00+07:00", "Kabupaten Gresik")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("santuni", {"gresik"}),
        ("SANTUNI", {"gresik"}),
        ("pekerja rentan", {"kab_pasuruan"}),
        ("pasuruan", {"kota_pasuruan", "kab_pasuruan"}),
        ("iuran", {"kab_pasuruan", "undated"}),
        ("pekerja tidakada", set()),
    ],
)
def test_words_all_must_match_title_or_text(db: Session, ids: dict[str, int], query: str, expected: set[str]) -> None:
    assert found(db, ids, query=query) == expected


def test_words_combine_with_filters(db: Session, ids: dict[str, int]) -> None:
    assert found(db, ids, query="pasuruan", regions=("Kota Pasuruan",)) == {"kota_pasuruan"}
    assert found(db, ids, query="pasuruan", since="2024-11") == {"kab_pasuruan"}


@pytest.mark.parametrize(
    "query",
    ['"', "'", "*", "NEAR(santuni ahli)", "OR", "santuni OR", "AND NOT", "(", ")", "((santuni",
     "title:santuni", "^santuni", "-santuni", "santuni*", '"santuni', "; DROP TABLE articles; --", "%", "_", "\\",
     "{santuni}", "a:b:c", "NOT"],
)
def test_hostile_queries_never_raise(db: Session, ids: dict[str, int], query: str) -> None:
    result = found(db, ids, query=query)
    assert result <= set(ids)
    assert db.scalar(select(func.count()).select_from(Article)) == len(ARTICLES)


@pytest.mark.parametrize("query", ['"santuni', "santuni*", "(santuni)", "^santuni", "-santuni", "{santuni}"])
def test_punctuation_around_words_is_ignored(db: Session, ids: dict[str, int], query: str) -> None:
    assert found(db, ids, query=query) == {"gresik"}


def test_operators_are_words_not_syntax(db: Session, ids: dict[str, int]) -> None:
    # "OR" is a word that must appear, not an alternative: no article says "or".
    assert found(db, ids, query="santuni OR semarang") == set()
    assert found(db, ids, query="%") == set()  # not a LIKE wildcard


def test_unique_keeps_one_copy_per_story(db: Session, ids: dict[str, int]) -> None:
    copy = add_article(db, make_article(url="https://copy.example/1", source="copy",
                                        text=ARTICLES["gresik"][4], title="Salinan"))
    assert copy.outcome == "duplicate"
    assert {r.id for r in search(db, Filters(query="santunan"))} == {ids["gresik"], copy.article_id}
    assert {r.id for r in search(db, Filters(query="santunan", unique=True))} == {ids["gresik"]}


def test_index_follows_edits(db: Session, ids: dict[str, int]) -> None:
    article = db.get(Article, ids["semarang"])
    assert article is not None
    article.title = "Semarang luncurkan layanan keliling"
    db.commit()
    assert found(db, ids, query="keliling") == {"semarang"}
    assert found(db, ids, query="perluas") == set()
    db.delete(db.get(Article, ids["undated"]))  # its raw page goes with it
    db.commit()
    assert found(db, ids, query="iuran") == {"kab_pasuruan"}


def test_word_search_order_best_match_on_sqlite_newest_elsewhere(db: Session, ids: dict[str, int]) -> None:
    newer = add_article(db, make_article(
        url="https://x.example/newer", published=wib(2025, 1, 2, 8, 0), title="Rapat koordinasi",
        text="Rapat membahas banyak hal. " * 30 + "Sempat disinggung klaim.",
    ))
    rows = search(db, Filters(query="klaim"))
    if db.get_bind().dialect.name == "sqlite":  # bm25: "klaim" in the title and a short text wins
        assert [r.id for r in rows] == [ids["jatim"], newer.article_id]
    else:
        assert [r.id for r in rows] == [newer.article_id, ids["jatim"]]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (dict(regions=("Atlantis",)), r"unknown region 'Atlantis'.*35\.25"),
        (dict(regions=("Kota Gresik",)), r"unknown region 'Kota Gresik'"),
        (dict(since="2024-13"), r"bad date '2024-13' for --since: use YYYY, YYYY-MM or YYYY-MM-DD"),
        (dict(until="30-10-2024"), r"bad date '30-10-2024' for --until"),
        (dict(since="2024-02-30"), r"bad date '2024-02-30'"),
        (dict(since="kemarin"), r"bad date 'kemarin'"),
        (dict(since="2024-11", until="2024-10-30"), r"--since 2024-11 is after --until 2024-10-30"),
    ],
)
def test_bad_filters_say_what_is_wrong(filters: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        Filters(**filters)  # type: ignore[arg-type]


def test_filters_normalise_single_values_and_blank_query() -> None:
    assert Filters(regions="Gresik", sources=("klikjatim", " "), query="  ") == Filters(  # type: ignore[arg-type]
        regions=("Gresik",), sources=("klikjatim",), query=None)
