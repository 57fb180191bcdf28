"""The quality suite: every simulator article and every hand-made national/English page
against its gold file (tests/gold). Fails on any leaked line and any lost paragraph.

Gold for simulator articles is the simulator's truth (`SimArticle`, see
bench/extraction/make_gold.py); gold for the national and English pages was written by
hand from the page. Figures (token F1, cost) are in bench/extraction/run.py.
"""

from __future__ import annotations

import json
import pickle
import unicodedata
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from arsip.simulator.content import articles
from arsip.simulator.portals import SPECS, build
from crawler.sources import load_sources
from crawler.text import extract
from crawler.text.rules import SiteRules

GOLD = Path(__file__).parent / "gold"
FETCHED_AT = datetime.fromisoformat("2026-11-01T12:00:00+07:00")
SERVED = [a for a in articles() if a.fault != "http500"]  # a 500 page has no article to extract


def slug(path: str) -> str:
    return [part for part in path.split("/") if part][-1]


@cache
def rendered(portal: str) -> dict[str, bytes]:
    base = f"https://{SPECS[portal].domain}/"
    return {path: r.body for path, r in build(portal, base).items()}


def simulator_case(name: str) -> tuple[bytes, str, dict, str]:
    portal, stem = name.split("/")
    article = next(a for a in SERVED if a.portal == portal and slug(a.path) == stem)
    gold = json.loads((GOLD / f"{name}.json").read_text("utf-8"))
    return rendered(portal)[article.path], f"https://{SPECS[portal].domain}{article.path}", gold, portal


SIMULATOR_CASES = sorted(f"{a.portal}/{slug(a.path)}" for a in SERVED)
SAVED_CASES = sorted(p.relative_to(GOLD).with_suffix("").as_posix() for p in GOLD.glob("*/*.html"))


def norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).split())


def assert_clean(text: str, gold: dict) -> None:
    found = [norm(p) for p in text.split("\n\n") if p.strip()]
    wanted = [norm(p) for p in gold["paragraphs"]]
    leaked = [line for line in found if line not in wanted]
    lost = [p for p in wanted if p not in found]
    assert not leaked, f"boilerplate leaked into the text: {leaked}"
    assert not lost, f"article paragraphs lost: {lost}"
    assert found == wanted  # and in the page's order


def test_every_served_simulator_article_has_gold_matching_the_simulator() -> None:
    for article in SERVED:
        path = GOLD / article.portal / f"{slug(article.path)}.json"
        assert path.exists(), f"no gold file for {article.portal} {article.path}: run bench/extraction/make_gold.py"
        gold = json.loads(path.read_text("utf-8"))
        assert gold["paragraphs"] == list(article.paragraphs)
        assert (gold["title"], gold["region_code"]) == (article.title, article.region_code)
        assert datetime.fromisoformat(gold["published"]) == article.published


@pytest.mark.parametrize("with_rules", [True, False], ids=["site-rules", "general-rules"])
@pytest.mark.parametrize("case", SIMULATOR_CASES)
def test_simulator_article(case: str, with_rules: bool) -> None:
    html, url, gold, portal = simulator_case(case)
    rules = load_sources()[portal].rules if with_rules else None
    found = extract(html, url, fallback_region="35", fetched_at=FETCHED_AT, rules=rules)
    assert_clean(found.text, gold)
    assert found.title == gold["title"]
    assert found.published == datetime.fromisoformat(gold["published"])
    assert found.region_code == gold["region_code"]
    assert set(gold["regions"]) <= set(found.regions)
    assert found.relevant is gold["relevant"]


def saved_case(case: str):  # type: ignore[no-untyped-def]
    gold = json.loads((GOLD / f"{case}.json").read_text("utf-8"))
    # "2 jam yang lalu" is read against the fetch time the gold records
    fetched_at = datetime.fromisoformat(gold["fetched_at"]) if "fetched_at" in gold else FETCHED_AT
    return gold, extract((GOLD / f"{case}.html").read_bytes(), gold["url"], fetched_at=fetched_at)


@pytest.mark.parametrize("case", SAVED_CASES)
def test_national_and_english_page(case: str) -> None:
    gold, found = saved_case(case)
    assert_clean(found.text, gold)
    assert found.title == gold["title"]
    assert found.published == datetime.fromisoformat(gold["published"])
    assert found.author == gold["author"]
    assert set(gold["regions"]) <= set(found.regions)


@pytest.mark.parametrize("case", SAVED_CASES)
def test_national_and_english_page_region_and_relevance(case: str) -> None:
    gold, found = saved_case(case)
    assert found.region_code == gold["region_code"], found.region_reason
    assert found.relevant is gold["relevant"], found.reason


def test_each_saved_group_has_a_page_that_is_not_relevant() -> None:
    for group in ("national", "english"):
        verdicts = [json.loads(p.read_text("utf-8"))["relevant"] for p in (GOLD / group).glob("*.json")]
        assert True in verdicts and False in verdicts, f"{group}: relevance precision is not checked"


def test_removed_lines_name_their_rule() -> None:
    html, url, _, portal = simulator_case(
        "klikjatim/bpjs-ketenagakerjaan-gresik-fokus-tingkatkan-perlindungan-pekerja-rentan-dalam-rancangan-program-kerja-2025"
    )
    found = extract(html, url, rules=load_sources()[portal].rules)
    # klikjatim's "Baca juga" paragraphs are pruned by its site rule, the reporter's initials by a line rule
    assert any(r.startswith("site-prune: Baca juga:") for r in found.removed)
    assert "initials: (qom)" in found.removed
    assert any(r.startswith("promo: Ikuti berita terkini KLIKJATIM.Com di Google News") for r in found.removed)
    general = extract(html, url)
    assert any(r.startswith("baca-juga: Baca juga: ") for r in general.removed)


def test_scroll_prompt_and_bracketed_initials_are_removed_not_the_sentence_before() -> None:
    html, url, gold, _ = simulator_case("jatimtimes/pandemi-klaim-jht-di-bp-jamsostek-kepanjen-naik-40-persen")
    found = extract(html, url)
    assert "Scroll untuk baca artikel" not in found.text
    assert found.text.endswith(gold["paragraphs"][-1]) and "[uci/yun]" not in found.text
    assert "initials: [uci/yun]" in found.removed


def test_bare_kabupaten_kota_name_records_the_ambiguity() -> None:
    html, url, gold, _ = simulator_case("realita/bpjamsostek-pasuruan-optimalkan-inpres-no22021-dan-pergub-jatim-no362021")
    found = extract(html, url)
    assert found.region_code == gold["region_code"] == "35.14"  # "Kota dan Kabupaten Pasuruan" throughout: the kabupaten
    assert "ambiguous" in found.region_reason and "35.75" in found.region_reason
    settled = extract(*simulator_case("realita/pemkot-pasuruan-tanggung-iuran-bpjs-ketenagakerjaan-2150-pekerja-rentan")[:2])
    assert settled.region_code == "35.75" and "ambiguous" not in settled.region_reason


def test_extract_arguments_and_result_pickle_for_a_process_pool() -> None:
    html, url, _, portal = simulator_case(SIMULATOR_CASES[0])
    rules = load_sources()[portal].rules
    assert isinstance(rules, SiteRules) and rules.body
    args = pickle.loads(pickle.dumps((html, url, rules)))
    found = extract(args[0], args[1], rules=args[2])
    assert pickle.loads(pickle.dumps(found)) == found
