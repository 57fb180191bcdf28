"""storage/search.py, filters.py, fulltext.py: filters (regions, Jakarta-day dates, sources, unique) and word search."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from storage.archive import add_article
from storage.errors import QueryError
from storage.models import Article
import storage.fulltext
from storage.db import read_only
from storage.filters import Filters
from storage.fulltext import facet_groups, month_facets, region_facets
from storage.search import HIGHLIGHT_END, HIGHLIGHT_START, find, search

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


def test_word_search_best_match_first_on_both_backends(db: Session, ids: dict[str, int]) -> None:
    newer = add_article(db, make_article(
        url="https://x.example/newer", published=wib(2025, 1, 2, 8, 0), title="Rapat koordinasi",
        text="Rapat membahas banyak hal. " * 30 + "Sempat disinggung klaim.",
    ))
    # "klaim" in the title and a short text beats one mention in a long text, though that one is newer.
    assert [r.id for r in search(db, Filters(query="klaim"))] == [ids["jatim"], newer.article_id]


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
        # The ends of the calendar: 9999-12 ends past datetime's range, 0001-01-01 WIB is before it in UTC.
        (dict(until="9999-12"), r"bad date '9999-12' for --until.*1900 to 9998"),
        (dict(since="9999-12"), r"bad date '9999-12' for --since"),
        (dict(until="9999"), r"bad date '9999' for --until"),
        (dict(since="0001"), r"bad date '0001' for --since"),
        (dict(since="0001-01-01"), r"bad date '0001-01-01' for --since"),
        (dict(since="1899-12-31"), r"bad date '1899-12-31' for --since"),
        # PostgreSQL cannot take NUL in text: refused before any query runs.
        (dict(query="a\x00b"), r"search contains a NUL character"),
        (dict(sources=("\x00",)), r"source contains a NUL character"),
        (dict(regions=("Gresik\x00",)), r"region contains a NUL character"),
    ],
)
def test_bad_filters_say_what_is_wrong(filters: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        Filters(**filters)  # type: ignore[arg-type]


def test_filters_normalise_single_values_and_blank_query() -> None:
    assert Filters(regions="Gresik", sources=("klikjatim", " "), query="  ") == Filters(  # type: ignore[arg-type]
        regions=("Gresik",), sources=("klikjatim",), query=None)


HOSTILE = ['"', "'", "*", "NEAR(santuni ahli)", "NEAR", "OR", "santuni OR", "AND NOT", "(", ")", "((santuni", ")santuni(",
           "title:santuni", "facets:pv35", "{facets}: pv35", "^santuni", "-santuni", "santuni*", '"santuni', "%", "_",
           "\\", "; DROP TABLE articles; --", "{santuni}", "a:b:c", "NOT", "santuni -- ", "'' OR 1=1",
           "santuni\x02", "ü", "日本"]


def test_hostile_queries_give_results_never_sql_errors(db: Session, ids: dict[str, int]) -> None:
    for query in HOSTILE:
        assert found(db, ids, query=query) <= set(ids), query
        for all_copies in (False, True):
            page = find(db, Filters(query=query, regions=("Jawa Timur",), since="2024", until="2024-12"),
                        all_copies=all_copies)
            assert {hit.article.id for hit in page.hits} <= set(ids.values()), query
    assert found(db, ids, query="santuni*") == {"gresik"}  # still answering after all of them
    assert db.scalar(select(func.count()).select_from(Article)) == len(ARTICLES)


def test_facet_tokens_cannot_be_searched_as_words(db: Session, ids: dict[str, int]) -> None:
    assert found(db, ids, query="pv35") == set() and found(db, ids, query="rg3525") == set()


def test_region_and_month_facets() -> None:
    from storage.filters import region_codes

    assert region_facets(region_codes(("Gresik",))) == ("rg3525",)
    assert set(region_facets(region_codes(("Pasuruan",)))) == {"rg3514", "rg3575"}
    assert region_facets(region_codes(("Jawa Timur", "Gresik"))) == ("pv35",)
    assert month_facets(wib(2023, 11, 1), wib(2025, 2, 1)) == ("ym202311", "ym202312", "yy2024", "ym202501")


def test_find_is_one_row_per_story_with_its_portals(db: Session, ids: dict[str, int]) -> None:
    copy = add_article(db, make_article(url="https://copy.example/1", source="realita", title="Salinan",
                                        text=ARTICLES["gresik"][4], published=wib(2024, 10, 30, 12, 0)))
    page = find(db, Filters(query="santunan"))
    assert len(page.hits) == 1
    hit = page.hits[0]
    assert hit.story_id == ids["gresik"] and hit.sources == ("klikjatim", "realita")
    assert [c.id for c in hit.copies] == [ids["gresik"], copy.article_id]
    assert f"{HIGHLIGHT_START}Santunan{HIGHLIGHT_END}" in hit.snippet
    every = find(db, Filters(query="santunan"), all_copies=True)
    assert {h.article.id for h in every.hits} == {ids["gresik"], copy.article_id}
    # A filter that only a copy passes still finds the story, shown as that copy.
    only_copy = find(db, Filters(sources=("realita",)))
    assert [h.article.id for h in only_copy.hits] == [ids["kab_pasuruan"], copy.article_id]  # newest first
    assert only_copy.hits[1].sources == ("klikjatim", "realita")


def test_find_pages_newest_first_without_repeating_a_story(db: Session, ids: dict[str, int]) -> None:
    add_article(db, make_article(url="https://copy.example/old", source="realita", title="Salinan lama",
                                 text=ARTICLES["semarang"][4], published=wib(2024, 12, 1, 8, 0)))
    seen, cursor = [], None
    while True:
        page = find(db, Filters(), limit=2, cursor=cursor)
        seen += [h.story_id for h in page.hits]
        if (cursor := page.next_cursor) is None:
            break
    assert seen == [ids[k] for k in ("semarang", "kab_pasuruan", "kota_pasuruan", "gresik", "jatim", "undated")]


def test_find_rejects_a_forged_cursor(db: Session, ids: dict[str, int]) -> None:
    with pytest.raises(QueryError, match="bad cursor"):
        find(db, Filters(), cursor="eyJ4IjoxfQ")


def _cursor(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "position",
    [
        {"p": "2024-10-30T10:00:00", "i": 1},  # no time zone
        {"p": "2024-10-30T10:00:00+07:00", "i": 10**30},  # beyond any id
        {"p": "2024-10-30T10:00:00+07:00", "i": -1},
        {"p": "0001-01-01T00:00:00+07:00", "i": 1},  # before year 1 in UTC
        {"p": "9999-12-31T23:00:00-05:00", "i": 1},  # after year 9999 in UTC
    ],
)
def test_find_rejects_a_crafted_cursor(db: Session, ids: dict[str, int], position: dict[str, object]) -> None:
    with pytest.raises(QueryError, match="bad cursor"):
        find(db, Filters(), cursor=_cursor(position))


def test_newest_pages_follow_on_past_many_scan_chunks(db: Session) -> None:
    # More rows than several scan chunks, every story in two copies, so the story scan
    # reads chunk after chunk (streamed) and checks earlier pages while it reads.
    import storage.search

    stories = storage.search._SCAN_CHUNK + 50
    first: list[int] = []
    for n in range(stories):
        text_ = f"Cerita nomor {n} tentang iuran pekerja {n * 7919} di Gresik."
        published = wib(2024, 1, 1, 0, 0) + timedelta(hours=n)
        added = add_article(db, make_article(url=f"https://a.example/{n}", source="klikjatim", title=f"Berita {n}",
                                             text=text_, region_code="35.25", regions=("35.25",), published=published))
        add_article(db, make_article(url=f"https://b.example/{n}", source="realita", title=f"Salinan {n}", text=text_,
                                     region_code="35.25", regions=("35.25",), published=published - timedelta(minutes=1)))
        assert added.article_id is not None
        first.append(added.article_id)
    seen, cursor = [], None
    while True:
        page = find(db, Filters(regions=("Gresik",)), limit=60, cursor=cursor)
        seen += [h.story_id for h in page.hits]
        if (cursor := page.next_cursor) is None:
            break
    assert seen == first[::-1]  # newest first, each story once, none lost between pages


def test_read_only_engine_refuses_writes(engine: Engine, ids: dict[str, int]) -> None:
    engine = read_only(engine)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Article)).scalar() == len(ARTICLES)
        with pytest.raises(sa_exc.DBAPIError, match="(?i)read.only|readonly"):
            connection.execute(text("DELETE FROM articles"))


def test_region_and_date_together_are_pair_facets() -> None:
    # Gresik over a quarter: one token per month of the regency; East Java over a year: one token.
    assert facet_groups(Filters(regions=("Gresik",), since="2024-10", until="2024-12")) == (
        ("rg3525ym202410", "rg3525ym202411", "rg3525ym202412"),)
    assert facet_groups(Filters(regions=("Jawa Timur",), since="2024", until="2024")) == (("pv35yy2024",),)
    # 29 regencies x 3 months would be 87 pair tokens (over MAX_PAIR_FACETS): region and months stay apart.
    regencies = tuple(f"35.{n:02d}" for n in range(1, 30))
    assert facet_groups(Filters(regions=regencies, since="2024-10", until="2024-12")) == (
        tuple(f"rg35{n:02d}" for n in range(1, 30)), ("ym202410", "ym202411", "ym202412"))
    assert facet_groups(Filters(regions=("Gresik",))) == (("rg3525",),)


def test_region_and_date_edits_move_an_article_between_facets(db: Session, ids: dict[str, int]) -> None:
    gresik: dict[str, object] = dict(regions=("Gresik",), since="2024-10", until="2024-10")
    found_ = find(db, Filters(query="santunan", **gresik))  # type: ignore[arg-type]
    assert {h.article.id for h in found_.hits} == {ids["gresik"]}
    article = db.get(Article, ids["gresik"])
    assert article is not None
    article.region_code, article.published = "33.74", wib(2025, 3, 1, 9, 0)
    db.commit()
    assert find(db, Filters(query="santunan", **gresik)).hits == ()  # type: ignore[arg-type]
    moved = find(db, Filters(query="santunan", regions=("Kota Semarang",), since="2025-03", until="2025-03"))
    assert [h.article.id for h in moved.hits] == [ids["gresik"]]


def test_a_broad_search_ranks_its_most_recently_archived_matches(
    db: Session, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three Gresik articles say "klaim"; the first archived says it in its title and ranks best.
    added = [add_article(db, make_article(url=f"https://x.example/klaim{i}", title=title, region_code="35.25",
                                          text=text, published=wib(2024, 10, 1 + i, 9, 0))).article_id
             for i, (title, text) in enumerate([("Klaim JHT naik", "Klaim klaim klaim di Gresik."),
                                                ("Rapat dinas", "Rapat dinas membahas klaim dan hal lain."),
                                                ("Rapat desa", "Rapat desa juga menyebut klaim sekali.")])]
    gresik = Filters(query="klaim", regions=("Gresik",), since="2024-10", until="2024-10")
    assert [h.article.id for h in find(db, gresik).hits][0] == added[0]
    monkeypatch.setattr(storage.fulltext, "MAX_RANKED", 2)
    assert {h.article.id for h in find(db, gresik).hits} == set(added[1:])


@pytest.mark.parametrize(
    ("query", "since", "until", "expected"),
    [
        ("pasuruan", "2024-11", None, {"kab_pasuruan"}),
        ("pasuruan", "2024-10-31", None, {"kota_pasuruan", "kab_pasuruan"}),
        ("pekerja", None, "2024-10-30", {"gresik"}),
        ("klaim", None, "2023", {"jatim"}),
        ("pekerja", "2030", None, set()),
        ("klaim", None, "2000", set()),
    ],
)
def test_find_with_an_open_ended_date_range(
    db: Session, ids: dict[str, int], query: str, since: str | None, until: str | None, expected: set[str]
) -> None:
    for all_copies in (False, True):
        page = find(db, Filters(query=query, since=since, until=until), all_copies=all_copies)
        assert {k for k, v in ids.items() if v in {h.article.id for h in page.hits}} == expected


def test_a_word_in_most_articles_is_still_required(db: Session) -> None:
    # "bpjs" is in 4 of 5 articles (like the real archive); ranking goes by "klaim", yet both must appear.
    texts = {"title": ("Klaim JHT dipercepat", "BPJS mempercepat klaim."),
             "text": ("Rapat dinas", "BPJS membahas klaim dan iuran dalam rapat panjang di kantor."),
             "no_bpjs": ("Klaim klaim", "Klaim asuransi swasta naik."),
             "other1": ("Iuran", "BPJS menagih iuran."), "other2": ("Upah", "BPJS dan upah minimum.")}
    ids = {key: add_article(db, make_article(url=f"https://x.example/{key}", title=title, text=body,
                                             region_code="35.25", published=wib(2024, 10, 5, 9, 0))).article_id
           for key, (title, body) in texts.items()}
    gresik = Filters(query="klaim bpjs", regions=("Gresik",), since="2024-10", until="2024-10")
    assert [h.article.id for h in find(db, gresik).hits] == [ids["title"], ids["text"]]
    assert [h.article.id for h in find(db, gresik, all_copies=True).hits] == [ids["title"], ids["text"]]
