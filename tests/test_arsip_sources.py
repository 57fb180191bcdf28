"""`arsip sources list` and `arsip sources test` (a trial crawl of the simulator, archiving nothing).

The truth is the simulator's manifest (`arsip.simulator.articles()`): titles, paragraphs, which
page answers HTTP 500 and which one robots.txt forbids.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from arsip.cli import app
from arsip.simulator import articles, sources_toml
from conftest import FAST, run_arsip
from storage.archive import add_article
from storage.db import open_archive, session
from conftest_storage import make_article


@pytest.fixture(scope="module")
def sources_file(portals: dict[str, str], dead_portal_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sources") / "sources.toml"
    path.write_text(
        sources_toml(portals) + f'\n[[source]]\nname = "mati"\nurl = "{dead_portal_url}"\nregion = "Jawa Timur"\n',
        "utf-8",
    )
    return path


@pytest.fixture
def user_archive(tmp_path: Path) -> Path:
    """The user's archive, holding one article: a trial must leave it exactly as it is."""
    path = tmp_path / "user.db"
    engine = open_archive(f"sqlite:///{path}")
    with session(engine) as db:
        add_article(db, make_article())
    engine.dispose()
    return path


def counts(db_file: Path) -> dict[str, int]:
    with sqlite3.connect(db_file) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "raw_pages", "skipped_pages", "runs")
        }


def trial(sources_file: Path, *args: str, cwd: Path, user_db: Path) -> tuple[int, str]:
    result = run_arsip(
        "sources", "test", *args, "--sources", str(sources_file), *FAST,
        cwd=cwd, env={"ARSIP_DB": f"sqlite:///{user_db}"},
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout + result.stderr


def test_shows_each_article_and_the_failed_page(sources_file: Path, user_archive: Path, tmp_path: Path) -> None:
    before = counts(user_archive)
    code, output = trial(sources_file, "beritalima", "--limit", "50", cwd=tmp_path, user_db=user_archive)
    assert code == 0, output
    fetchable = [a for a in articles() if a.portal == "beritalima" and a.fault != "http500"]
    for article in fetchable:
        assert re.search(rf"^{re.escape(article.title)}$", output, re.MULTILINE), article.title
        if article.relevant:
            assert f"first: {article.paragraphs[0]}" in output, article.title
            assert f"last:  {article.paragraphs[-1]}" in output, article.title
    assert re.search(r"^pruned: [1-9]", output, re.MULTILINE), "no page showed what was pruned"
    (broken,) = [a for a in articles() if a.portal == "beritalima" and a.fault == "http500"]
    assert re.search(rf"article: \S*{re.escape(broken.path)}: HTTP 500", output), output
    assert counts(user_archive) == before
    assert not (tmp_path / "arsip.db").exists()


def test_names_the_page_robots_txt_forbids(sources_file: Path, user_archive: Path, tmp_path: Path) -> None:
    code, output = trial(sources_file, "realita", "--limit", "50", cwd=tmp_path, user_db=user_archive)
    assert code == 0, output
    (forbidden,) = [a for a in articles() if a.portal == "realita" and a.fault == "robots_disallowed"]
    assert re.search(rf"{re.escape(forbidden.path)}: .*robots\.txt", output), output
    assert not re.search(rf"^{re.escape(forbidden.title)}$", output, re.MULTILINE)  # not shown as an article


def test_limit_caps_the_articles_shown_newest_first(sources_file: Path, user_archive: Path, tmp_path: Path) -> None:
    code, output = trial(sources_file, "realita", "--limit", "2", cwd=tmp_path, user_db=user_archive)
    assert code == 0, output
    assert len(re.findall(r"^article \d+ ", output, re.MULTILINE)) == 2
    dates = re.findall(r"^date: (\d{4}-\d\d-\d\d \d\d:\d\d) WIB", output, re.MULTILINE)
    assert len(dates) == 2 and dates == sorted(dates, reverse=True)


def test_a_dead_portal_gives_a_clear_report(
    sources_file: Path, user_archive: Path, tmp_path: Path, dead_portal_url: str
) -> None:
    code, output = trial(sources_file, "mati", cwd=tmp_path, user_db=user_archive)
    assert code == 1
    assert "No article fetched from mati" in output
    assert f"discovery: {dead_portal_url}: " in output
    assert "refused" in output.lower()


def test_an_unknown_source_is_one_line_naming_the_known_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["sources", "test", "atlantis"])
    assert result.exit_code == 1
    assert "unknown source 'atlantis': known sources are beritalima, jatimtimes, klikjatim, nawacita, realita" in (
        " ".join(result.output.split())
    )
    assert "Traceback" not in result.output


def test_list_shows_built_in_and_file_sources(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[source]]\nname = "surya"\nurl = "https://surya.example/"\n'
        'feeds = ["https://surya.example/rss"]\nregion = "Gresik"\nschedule = "5 * * * *"\n',
        "utf-8",
    )
    result = run_arsip("sources", "list", "--sources", str(mine))
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip() and line.split()[0].isalpha()}
    assert {"klikjatim", "nawacita", "realita", "jatimtimes", "beritalima", "surya"} <= set(rows)
    assert "https://surya.example/rss" in rows["surya"]
    assert "35.25" in rows["surya"] and "5 * * * *" in rows["surya"]
    assert "https://nawacita.co/feed/" in rows["nawacita"]
    assert "15 */3 * * *" in rows["klikjatim"]
