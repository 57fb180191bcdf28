"""arsip serve's JSON API: a real `arsip serve` process over a real archive, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from conftest import ROOT
from conftest_storage import BACKENDS, POSTGRES_URL, fresh_postgres, make_article, wib
from storage.archive import add_article
from storage.db import open_archive
from storage.export import EXPORT_FIELDS

GRESIK_TEXT = ("BPJS Ketenagakerjaan Cabang Gresik menyerahkan santunan jaminan kematian Rp42 juta "
               "kepada ahli waris pekerja.\n\nSantunan diserahkan di kantor desa.")
# key: (source, region_code, published WIB, title, text); copies of one story share the text.
ARTICLES: dict[str, tuple[str, str | None, tuple[int, ...] | None, str, str]] = {
    "gresik": ("klikjatim", "35.25", (2024, 10, 30, 10), "Ahli waris pekerja Gresik terima santunan", GRESIK_TEXT),
    "gresik_copy1": ("nawacita", "35.25", (2024, 10, 30, 14), "Santunan JKM untuk ahli waris di Gresik", GRESIK_TEXT),
    "gresik_copy2": ("realita", "35.25", (2024, 10, 31, 9), "Gresik: santunan kematian Rp42 juta", GRESIK_TEXT),
    "pasuruan": ("nawacita", "35.75", (2024, 11, 2, 9), "Pemkot Pasuruan bayar iuran pekerja rentan",
                 "Pemerintah Kota Pasuruan membayar iuran BPJS Ketenagakerjaan untuk 5.000 pekerja rentan."),
    "surabaya": ("beritalima", "35.78", (2024, 9, 12, 8), "Klaim JHT di Surabaya naik",
                 "Klaim jaminan hari tua (JHT) di Kota Surabaya naik 12 persen, kata BPJS Ketenagakerjaan."),
    "malang": ("jatimtimes", "35.07", (2024, 10, 5, 11), "Klaim JHT Malang dipercepat",
               "BPJS Ketenagakerjaan Malang mempercepat klaim JHT menjadi tiga hari kerja."),
    "semarang": ("jatengpos", "33.74", (2024, 8, 20, 7), "Semarang perluas kepesertaan",
                 "Kota Semarang menargetkan kepesertaan BPJS Ketenagakerjaan 70 persen."),
    "undated": ("klikjatim", None, None, "Tanpa tanggal", "Artikel tanpa tanggal tentang iuran BPJS Ketenagakerjaan."),
}
STORIES = {"gresik", "pasuruan", "surabaya", "malang", "semarang", "undated"}


def build_archive(url: str) -> dict[str, int]:
    """Write ARTICLES into a fresh archive at `url`; returns key -> article id."""
    engine = open_archive(url)
    ids = {}
    try:
        with Session(engine, expire_on_commit=False) as session:
            for key, (source, code, published, title, body) in ARTICLES.items():
                added = add_article(session, make_article(
                    url=f"https://{source}.example/{key}", source=source, title=title, text=body,
                    region_code=code, regions=(code,) if code else (), published=wib(*published) if published else None))
                assert added.article_id is not None
                ids[key] = added.article_id
    finally:
        engine.dispose()
    return ids


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`arsip serve` in its own process on a free port."""

    def __init__(self, url: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "arsip", "serve", "--port", str(self.port), "--db", url],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ},
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.base + "/api/stats", timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"arsip serve did not start: {self.process.stdout.read()}")  # type: ignore[union-attr]
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def get(self, path: str, **params: Any) -> tuple[int, Any, dict[str, str]]:
        """(status, parsed JSON or text, headers) of a GET; list values repeat the parameter."""
        query = urllib.parse.urlencode(params, doseq=True)
        try:
            with urllib.request.urlopen(f"{self.base}{path}{'?' + query if query else ''}", timeout=30) as response:
                status, body, headers = response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as exc:
            status, body, headers = exc.code, exc.read().decode(), dict(exc.headers)
        if headers.get("content-type", "").startswith("application/json"):
            return status, json.loads(body), headers
        return status, body, headers


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, int]]]:
    if request.param == "postgresql":
        url = fresh_postgres(POSTGRES_URL)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'arsip.db'}"
    ids = build_archive(url)
    server = Server(url)
    try:
        yield server, ids
    finally:
        server.stop()


def keys(ids: dict[str, int], items: list[dict[str, Any]]) -> list[str]:
    names = {v: k for k, v in ids.items()}
    return [names[item["id"]] for item in items]


def test_search_one_row_per_story_with_every_portal(served: tuple[Server, dict[str, int]]) -> None:
    server, ids = served
    status, body, _ = server.get("/api/search", q="santunan ahli waris")
    assert status == 200
    assert len(body["items"]) == 1  # three copies, one story, shown as its best-matching copy
    hit = body["items"][0]
    assert hit["story_id"] == ids["gresik"] and hit["id"] in {ids["gresik"], ids["gresik_copy1"], ids["gresik_copy2"]}
    assert hit["sources"] == ["klikjatim", "nawacita", "realita"]
    assert [c["id"] for c in hit["copies"]] == [ids["gresik"], ids["gresik_copy1"], ids["gresik_copy2"]]
    assert {"santunan", "ahli", "waris"} <= {h.lower() for h in hit["highlights"]}
    assert "santunan" in hit["snippet"].lower() and "\x02" not in hit["snippet"]
    assert set(EXPORT_FIELDS) <= set(hit)

    status, body, _ = server.get("/api/search", q="santunan ahli waris", all_copies="true")
    assert sorted(keys(ids, body["items"])) == ["gresik", "gresik_copy1", "gresik_copy2"]


def test_search_ranks_title_matches_first_and_filters(served: tuple[Server, dict[str, int]]) -> None:
    server, ids = served
    _, body, _ = server.get("/api/search", q="klaim JHT")
    assert set(keys(ids, body["items"])) == {"surabaya", "malang"}
    _, body, _ = server.get("/api/search", q="klaim", region="Malang")
    assert keys(ids, body["items"]) == ["malang"]
    _, body, _ = server.get("/api/search", q="BPJS Ketenagakerjaan", region="Jawa Tengah")
    assert keys(ids, body["items"]) == ["semarang"]
    _, body, _ = server.get("/api/search", q="BPJS", since="2024-10", until="2024-10")
    assert sorted(item["story_id"] for item in body["items"]) == [ids["gresik"], ids["malang"]]
    _, body, _ = server.get("/api/search", q="iuran", source=["nawacita", "klikjatim"])
    assert set(keys(ids, body["items"])) == {"pasuruan", "undated"}


@pytest.mark.parametrize("query", ['"', "*", "NEAR(klaim JHT)", "klaim OR", "((", ")", "AND NOT", "a:b", "%", "\\", "'; DROP TABLE articles; --"])
def test_hostile_queries_are_answered(served: tuple[Server, dict[str, int]], query: str) -> None:
    server, ids = served
    status, body, _ = server.get("/api/search", q=query)
    assert status == 200, body
    assert set(keys(ids, body["items"])) <= set(ids)
    assert server.get("/api/stats")[1]["articles"] == len(ARTICLES)


def test_articles_newest_first_cursor_walks_every_story_once(served: tuple[Server, dict[str, int]]) -> None:
    server, ids = served
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        status, body, _ = server.get("/api/articles", **params)
        assert status == 200 and body["order"] == "newest"
        assert len(body["items"]) <= 2
        seen += keys(ids, body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    # Newest first, undated last; the Gresik story appears once, as its newest copy.
    assert seen == ["pasuruan", "gresik_copy2", "malang", "surabaya", "semarang", "undated"]


def test_articles_all_copies_pages(served: tuple[Server, dict[str, int]]) -> None:
    server, ids = served
    seen: list[str] = []
    cursor = None
    while True:
        _, body, _ = server.get("/api/articles", limit=3, all_copies="true", **({"cursor": cursor} if cursor else {}))
        seen += keys(ids, body["items"])
        if (cursor := body["next_cursor"]) is None:
            break
    assert seen == ["pasuruan", "gresik_copy2", "gresik_copy1", "gresik", "malang", "surabaya", "semarang", "undated"]


def test_relevance_pages_do_not_repeat_stories(served: tuple[Server, dict[str, int]]) -> None:
    server, ids = served
    first = server.get("/api/search", q="BPJS Ketenagakerjaan", limit=3)[1]
    second = server.get("/api/search", q="BPJS Ketenagakerjaan", limit=3, cursor=first["next_cursor"])[1]
    together = keys(ids, first["items"]) + keys(ids, second["items"])
    stories = [k.split("_copy")[0] for k in together]
    assert sorted(stories) == sorted(STORIES) and second["next_cursor"] is None


def test_one_article_with_text_and_copies(served: tuple[Server, dict[str, int]]) -> None:
    server, ids = served
    status, body, _ = server.get(f"/api/articles/{ids['gresik_copy1']}")
    assert status == 200
    assert body["text"] == GRESIK_TEXT and body["source"] == "nawacita"
    assert (body["region_code"], body["region"], body["province"]) == ("35.25", "Kabupaten Gresik", "Jawa Timur")
    assert body["published"] == "2024-10-30T14:00:00+07:00"
    assert body["duplicate_of"] == ids["gresik"] and body["story_id"] == ids["gresik"]
    assert body["sources"] == ["klikjatim", "nawacita", "realita"]
    status, body, _ = server.get("/api/articles/999999")
    assert status == 404 and "999999" in body["detail"]


def test_export_streams_the_export_fields(served: tuple[Server, dict[str, int]]) -> None:
    server, ids = served
    status, body, headers = server.get("/api/export.jsonl")
    assert status == 200 and headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in body.splitlines()]
    assert [tuple(r) for r in rows] == [EXPORT_FIELDS] * len(ARTICLES)
    assert [r["id"] for r in rows] == sorted(ids.values())
    _, body, _ = server.get("/api/export.jsonl", region="Gresik", unique="true")
    assert [json.loads(line)["id"] for line in body.splitlines()] == [ids["gresik"]]
    _, body, _ = server.get("/api/export.jsonl", region="Gresik")
    assert len(body.splitlines()) == 3


def test_regions_and_stats(served: tuple[Server, dict[str, int]]) -> None:
    server, ids = served
    _, regions, _ = server.get("/api/regions")
    by_code = {r["code"]: r for r in regions["regions"]}
    assert by_code["35.25"]["name"] == "Kabupaten Gresik" and by_code["35.25"]["articles"] == 3
    assert by_code["35.01"]["articles"] == 0
    provinces = {p["code"]: p for p in regions["provinces"]}
    assert provinces["35"]["name"] == "Jawa Timur" and provinces["35"]["articles"] == 6
    assert provinces["33"]["articles"] == 1
    _, stats, _ = server.get("/api/stats")
    assert (stats["articles"], stats["stories"]) == (8, 6)
    assert stats["sources"] == {"beritalima": 1, "jatengpos": 1, "jatimtimes": 1, "klikjatim": 2, "nawacita": 2,
                                "realita": 1}
    assert (stats["first_published"], stats["last_published"]) == ("2024-08-20T07:00:00+07:00",
                                                                    "2024-11-02T09:00:00+07:00")


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/api/articles", {"region": "Atlantis"}, "unknown region 'Atlantis'"),
        ("/api/articles", {"since": "2024-13"}, "bad date '2024-13'"),
        ("/api/articles", {"since": "2025", "until": "2024"}, "is after"),
        ("/api/articles", {"cursor": "garbage"}, "bad cursor"),
        ("/api/articles", {"limit": 0}, "greater than or equal to 1"),
        ("/api/articles", {"limit": 1000}, "less than or equal to 100"),
        ("/api/articles", {"order": "random"}, "newest"),
        ("/api/search", {}, "Field required"),
        ("/api/search", {"q": ""}, "at least 1 character"),
        ("/api/search", {"q": " ".join(["kata"] * 40)}, "too many words"),
        ("/api/export.jsonl", {"until": "kemarin"}, "bad date 'kemarin'"),
        ("/api/articles/abc", {}, "valid integer"),
        ("/api/articles", {"until": "9999-12"}, "bad date '9999-12'"),
        ("/api/articles", {"since": "9999-12"}, "bad date '9999-12'"),
        ("/api/articles", {"since": "0001"}, "bad date '0001'"),
        ("/api/search", {"q": "klaim", "since": "0001-01-01"}, "bad date '0001-01-01'"),
        ("/api/articles", {"q": "a\x00b"}, "NUL character"),
        ("/api/articles", {"source": "\x00"}, "NUL character"),
        ("/api/export.jsonl", {"q": "a\x00b"}, "NUL character"),
        ("/api/articles", {"cursor": "eyJwIjoiMjAyNC0xMC0zMFQxMDowMDowMCIsImkiOjF9"}, "bad cursor"),  # naive time
        ("/api/articles", {"cursor": "eyJwIjpudWxsLCJpIjoxMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDB9"}, "bad cursor"),
        ("/api/articles", {"cursor": "eyJwIjoiMDAwMS0wMS0wMVQwMDowMDowMCswNzowMCIsImkiOjF9"}, "bad cursor"),
        ("/api/articles/99999999999999999999", {}, "less than or equal to 2147483647"),
        ("/api/articles/0", {}, "greater than or equal to 1"),
        ("/articles/99999999999999999999", {}, "less than or equal to 2147483647"),
    ],
)
def test_bad_parameters_get_422_with_a_reason(
    served: tuple[Server, dict[str, int]], path: str, params: dict[str, Any], message: str
) -> None:
    server, _ = served
    status, body, _ = server.get(path, **params)
    assert status == 422
    assert message in json.dumps(body["detail"])


def test_openapi_documents_every_route(served: tuple[Server, dict[str, int]]) -> None:
    server, _ = served
    _, spec, _ = server.get("/openapi.json")
    assert {"/api/articles", "/api/articles/{article_id}", "/api/search", "/api/export.jsonl", "/api/regions",
            "/api/stats"} <= set(spec["paths"])
    status, docs, _ = server.get("/docs")
    assert status == 200 and "swagger" in docs.lower()


def test_serve_refuses_a_missing_archive(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "arsip", "serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "no archive at" in result.stderr
