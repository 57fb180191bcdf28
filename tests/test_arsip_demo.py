"""`arsip demo`: the README's first command, on the bundled offline portals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from arsip.simulator import articles
from conftest import run_arsip


def test_demo_archives_the_offline_portals_and_searches_by_region(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = run_arsip("demo", "--dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    fetchable = [a for a in articles() if a.relevant and a.fault not in ("http500", "robots_disallowed")]
    with sqlite3.connect(folder / "arsip.db") as connection:
        (count,) = connection.execute("SELECT count(*) FROM articles").fetchone()
    assert count == len(fetchable)
    # A syndicated press release is one story, however many portals ran it.
    stories = len({a.story or a.path for a in fetchable})
    assert stories < count
    assert f"Archived: {stories} stories in {count} articles" in result.stdout
    gresik = {a.story or a.path for a in fetchable if a.region_code == "35.25"}
    assert f"Search by region: Gresik ({len(gresik)} stories)" in result.stdout
    assert "arsip search" in result.stdout  # what to try next

    again = run_arsip("demo", "--dir", str(folder))  # a fresh archive each time
    assert again.returncode == 0, again.stderr
    assert f"Archived: {stories} stories in {count} articles" in again.stdout


def test_demo_never_replaces_an_archive_it_did_not_make(tmp_path: Path) -> None:
    archive = tmp_path / "arsip.db"
    archive.write_bytes(b"a user's archive")
    result = run_arsip("demo", "--dir", str(tmp_path))
    assert result.returncode == 2
    assert "the demo did not make" in result.stderr
    assert archive.read_bytes() == b"a user's archive"
