"""The pages the extraction benchmark and the gold tests share, with their gold.

Three groups:

- `portals`: every simulator article as its portal serves it (rendered in-process from
  `arsip.simulator.portals.build`, under the portal's real domain), gold in
  `tests/gold/<portal>/<slug>.json`, written from the simulator's truth (`SimArticle`);
- `national`: Indonesian national portals (detik/kompas-style markup), pages and
  hand-written gold in `tests/gold/national/`;
- `english`: English-language news pages, in `tests/gold/english/`.

A page without gold (the simulator's HTTP 500 article) is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
GROUPS = ("portals", "national", "english")
# Pages from portals that have no site rules: arsip must never do worse than trafilatura there.
UNRULED_GROUPS = ("national", "english")
# The fetch time of pages whose gold gives none (every date on them is earlier).
FETCHED_AT = "2026-11-01T12:00:00+07:00"


@dataclass(frozen=True)
class GoldPage:
    group: str
    name: str  # "klikjatim/bpjs-ketenagakerjaan-gresik-...", "national/detik_..."
    url: str
    html: bytes
    gold: dict  # title, published (ISO), region_code, regions, paragraphs, author (optional)
    source: str | None  # the built-in source whose rules apply (simulator portals only)
    fallback_region: str | None

    @property
    def paragraphs(self) -> list[str]:
        return list(self.gold["paragraphs"])

    @property
    def fetched_at(self) -> datetime:
        """When the page was fetched: relative dates ("2 jam yang lalu") count from here."""
        return datetime.fromisoformat(self.gold.get("fetched_at") or FETCHED_AT)

    @property
    def published(self) -> datetime | None:
        value = self.gold.get("published")
        return datetime.fromisoformat(value) if value else None


def slug(path: str) -> str:
    """A file name for an article path: its last non-empty segment."""
    return [part for part in path.split("/") if part][-1]


@cache
def _rendered(portal: str) -> dict[str, bytes]:
    from arsip.simulator.portals import SPECS, build

    base = f"https://{SPECS[portal].domain}/"
    return {path: r.body for path, r in build(portal, base).items() if r.status == 200}


def simulator_pages() -> Iterator[GoldPage]:
    from arsip.simulator.content import articles
    from arsip.simulator.portals import SPECS

    for article in articles():
        gold_file = GOLD / article.portal / f"{slug(article.path)}.json"
        body = _rendered(article.portal).get(article.path)
        if body is None or not gold_file.exists():
            continue
        yield GoldPage(
            group="portals",
            name=f"{article.portal}/{slug(article.path)}",
            url=f"https://{SPECS[article.portal].domain}{article.path}",
            html=body,
            gold=json.loads(gold_file.read_text("utf-8")),
            source=article.portal,
            fallback_region="35",
        )


def saved_pages(group: str) -> Iterator[GoldPage]:
    """Hand-made pages with hand-written gold: tests/gold/<group>/<name>.html + .json."""
    for html in sorted((GOLD / group).glob("*.html")):
        gold = json.loads(html.with_suffix(".json").read_text("utf-8"))
        yield GoldPage(
            group=group,
            name=f"{group}/{html.stem}",
            url=gold["url"],
            html=html.read_bytes(),
            gold=gold,
            source=None,
            fallback_region=gold.get("fallback_region"),
        )


def pages(groups: tuple[str, ...] = GROUPS) -> list[GoldPage]:
    out: list[GoldPage] = []
    for group in groups:
        out += simulator_pages() if group == "portals" else saved_pages(group)
    return out
