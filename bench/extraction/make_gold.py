"""Write (or check) the gold file of every simulator article from the simulator's truth.

    python bench/extraction/make_gold.py          # write missing gold files, refresh truth fields
    python bench/extraction/make_gold.py --check  # exit 1 when a gold file disagrees with SimArticle

Truth fields (title, published, author, region_code, relevant, paragraphs) come from
`SimArticle`, never from arsip's output. `regions` (every other kabupaten/kota the article
names) is written by hand after reading the article: a new file gets a first list from a
plain name scan against the official list, to be checked by eye; an existing list is kept.
Articles the portal never serves with text (HTTP 500) get no gold file.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from arsip.simulator.content import articles  # noqa: E402
from arsip.simulator.model import SimArticle  # noqa: E402
from bench.extraction.corpus import GOLD, slug  # noqa: E402
from storage.regions import regions  # noqa: E402

TRUTH = ("path", "title", "published", "author", "region_code", "relevant", "paragraphs")


def truth(article: SimArticle) -> dict[str, object]:
    return {
        "path": article.path,
        "title": article.title,
        "published": article.published.isoformat(),
        "author": article.author,
        "region_code": article.region_code,
        "relevant": article.relevant,
        "paragraphs": list(article.paragraphs),
    }


def first_regions(article: SimArticle) -> list[str]:
    """A first guess at the other regions named, for a person to check: East Java names only."""
    text = "\n".join((article.title, *article.paragraphs))
    found = []
    for region in regions():
        if region.province_code == "35" and re.search(rf"\b{re.escape(region.short_name)}\b", text, re.IGNORECASE):
            found.append(region.code)
    return [code for code in found if code != article.region_code]


def main(check: bool) -> int:
    wrong = 0
    for article in articles():
        if article.fault == "http500":
            continue
        path = GOLD / article.portal / f"{slug(article.path)}.json"
        current = json.loads(path.read_text("utf-8")) if path.exists() else None
        want = truth(article)
        if check:
            if current is None or any(current.get(k) != v for k, v in want.items()):
                print(f"{path.relative_to(GOLD.parent.parent)}: differs from the simulator's truth")
                wrong += 1
            continue
        gold = {**want, "regions": current["regions"] if current else first_regions(article)}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
