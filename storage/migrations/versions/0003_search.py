"""Full-text search: on PostgreSQL `articles_fts_pg` (tsvector, `simple`, GIN); on SQLite facets in `articles_fts`.

SQLite: `articles_fts` is rebuilt with a third column, `facets`: tokens for the article's region
(`rg3525`, province `pv35`), Jakarta month/year (`ym202410`, `yy2024`) and their pairs
(`pv35yy2024`, `rg3525ym202410`: a province and year is one small doclist), computed by the view
`articles_fts_source` (the index's external content). A search then asks FTS5 for
`words AND facets:(rg3525) AND facets:(ym202410 OR ...)`: the index intersects the word with the
region and months itself, so a word found in a quarter of the archive costs what the region and
months cost, not a lookup of every article that has the word.

The PostgreSQL twin of SQLite's `articles_fts`: a side table kept in step by triggers, so that
only title/text/region/date changes recompute the vector (re-clustering, an UPDATE of cluster_id,
does not); the vector holds the same facet tokens as SQLite's (`#pv35yy2024`), so that the GIN
index, not the region/date btrees, drives a search,
and, like `articles_fts`, it is not a model (storage.db.include_name leaves `articles_fts*` out of
model/migration diffs). The `simple` configuration lower-cases without stemming: the Indonesian
stemmer over-stems. Title words weigh A, text words B (ts_rank counts a title word 2.5x).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def pg_facets(p: str) -> str:
    """PostgreSQL: the facet lexemes of a row, as SQLite's `facets` column holds them but starting with
    `#` (`#rg3525`, `#pv35yy2024`): the `simple` parser never makes a `#` lexeme out of search words,
    so no search can hit a facet. NULL region or date: its lexemes are NULL and removed."""
    rg, pv = f"'rg' || replace({p}region_code, '.', '')", f"'pv' || substr({p}region_code, 1, 2)"
    local = f"({p}published AT TIME ZONE 'Asia/Jakarta')"
    ym, yy = f"'ym' || to_char({local}, 'YYYYMM')", f"'yy' || to_char({local}, 'YYYY')"
    tokens = [rg, pv, ym, yy, *(f"{r} || {m}" for r in (rg, pv) for m in (ym, yy))]
    return "array_to_tsvector(array_remove(ARRAY[" + ", ".join(f"'#' || {t}" for t in tokens) + "], NULL))"


# Title words weigh A, text words B; the facet lexemes have no positions (ts_rank is given the words only).
DOCUMENT = (
    "setweight(to_tsvector('simple', coalesce({p}title, '')), 'A') || setweight(to_tsvector('simple', {p}text), 'B')"
    " || " + pg_facets("{p}")
)

PG_SQL = (
    """CREATE TABLE articles_fts_pg (
        article_id integer NOT NULL,
        document tsvector NOT NULL,
        CONSTRAINT pk_articles_fts_pg PRIMARY KEY (article_id),
        CONSTRAINT fk_articles_fts_pg_article_id_articles FOREIGN KEY (article_id)
            REFERENCES articles (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_articles_fts_pg_document ON articles_fts_pg USING gin (document)",
    f"""CREATE FUNCTION articles_fts_pg_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO articles_fts_pg (article_id, document) VALUES (new.id, {DOCUMENT.format(p="new.")})
        ON CONFLICT (article_id) DO UPDATE SET document = excluded.document;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER articles_fts_pg_insert AFTER INSERT ON articles
        FOR EACH ROW EXECUTE FUNCTION articles_fts_pg_sync()""",
    """CREATE TRIGGER articles_fts_pg_update AFTER UPDATE OF title, text, region_code, published ON articles
        FOR EACH ROW EXECUTE FUNCTION articles_fts_pg_sync()""",
    f"INSERT INTO articles_fts_pg (article_id, document) SELECT id, {DOCUMENT.format(p='')} FROM articles",
)
PG_DROP_SQL = (
    "DROP TRIGGER IF EXISTS articles_fts_pg_update ON articles",
    "DROP TRIGGER IF EXISTS articles_fts_pg_insert ON articles",
    "DROP FUNCTION IF EXISTS articles_fts_pg_sync()",
    "DROP TABLE IF EXISTS articles_fts_pg",
)



def facets(p: str) -> str:
    """SQLite: the facet tokens of a row (`p` is "new.", "old." or ""); dates in Jakarta time (UTC+7).

    Single tokens (`rg3525 pv35 ym202410 yy2024`) and their region x date pairs (`pv35yy2024`,
    `rg3525ym202410`, ...): a region + date search then asks for one small doclist instead of
    intersecting a province's (60% of the archive) with a year's, and bm25, which counts the
    documents of every phrase in the query, counts thousands of rows instead of a million.
    """
    rg, pv = f"'rg' || replace({p}region_code, '.', '')", f"'pv' || substr({p}region_code, 1, 2)"
    ym = f"'ym' || strftime('%Y%m', {p}published, '+7 hours')"
    yy = f"'yy' || strftime('%Y', {p}published, '+7 hours')"
    pairs = " || ' ' || ".join(f"{r} || {m}" for r in (rg, pv) for m in (ym, yy))
    return (
        f"trim(CASE WHEN {p}region_code IS NULL THEN '' ELSE {rg} || ' ' || {pv} END"
        f" || CASE WHEN {p}published IS NULL THEN '' ELSE ' ' || {ym} || ' ' || {yy} END"
        f" || CASE WHEN {p}region_code IS NULL OR {p}published IS NULL THEN '' ELSE ' ' || {pairs} END)"
    )


TRIGGERS_DROP_SQL = (
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
)
SQLITE_SQL = (
    *TRIGGERS_DROP_SQL,
    "DROP TABLE IF EXISTS articles_fts",
    f"CREATE VIEW articles_fts_source AS SELECT id, title, text, {facets('')} AS facets FROM articles",
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, facets, content='articles_fts_source', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text, facets) VALUES (new.id, new.title, new.text, {facets('new.')});
    END""",
    f"""CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, facets)
            VALUES ('delete', old.id, old.title, old.text, {facets('old.')});
    END""",
    f"""CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, region_code, published ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, facets)
            VALUES ('delete', old.id, old.title, old.text, {facets('old.')});
        INSERT INTO articles_fts(rowid, title, text, facets) VALUES (new.id, new.title, new.text, {facets('new.')});
    END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)
# Back to 0001's index (title and text only).
SQLITE_DOWN_SQL = (
    *TRIGGERS_DROP_SQL,
    "DROP TABLE IF EXISTS articles_fts",
    "DROP VIEW IF EXISTS articles_fts_source",
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in PG_SQL if dialect == "postgresql" else SQLITE_SQL if dialect == "sqlite" else ():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in PG_DROP_SQL if dialect == "postgresql" else SQLITE_DOWN_SQL if dialect == "sqlite" else ():
        op.execute(statement)
