"""One page in, one `Extraction` out: the text side of arsip in a single call.

The cascade, each stage its own module taking and returning plain data:

1. `page.load_page`: decode bytes (BOM, `<meta charset>`, then a guess) and
   parse; junk input yields no tree and a reason, never an exception.
2. `metadata`: title without the site suffix, author, canonical URL.
3. `body.clean_body`: the source's `SiteRules` (prune selectors, the body
   container when known), else trafilatura for the article; line rules for the
   furniture either keeps; paragraphs joined by a blank line; what was removed is
   reported in `Extraction.removed`.
4. `dates.find_published`: JSON-LD, meta tags, htmldate, visible Indonesian
   dates; Asia/Jakarta.
5. `regions.find_regions`: dateline (the text's, else the page's), then mentions, Kota/Kabupaten evidence,
   province, then the caller's `fallback_region`.
6. `relevance.score_relevance`: on the title and the CLEAN text only.

Knows nothing of Scrapy or the database; the crawler's pipelines, `arsip
extract` and re-processing of stored raw pages all call `extract`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from crawler.text.body import clean_body
from crawler.text.dates import find_published
from crawler.text.metadata import find_author, find_canonical, find_dateline_place, find_title
from crawler.text.page import load_page
from crawler.text.regions import find_regions
from crawler.text.relevance import DEFAULT_THRESHOLD, score_relevance
from crawler.text.rules import NO_RULES, SiteRules

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Extraction:
    title: str | None  # without the site suffix
    text: str  # clean article text, paragraphs separated by "\n\n"; "" if none
    published: datetime | None  # tz-aware, Asia/Jakarta
    author: str | None  # a person when one is named
    region_code: str | None  # "35.25", or a province code "35" when only that is known
    regions: tuple[str, ...]  # every kabupaten/kota code mentioned, primary first
    relevant: bool
    relevance_score: float
    reason: str  # why relevant / not relevant / no text; never empty
    canonical_url: str | None  # absolute
    # What was removed to get `text`, "rule: text" per block or line ("baca-juga: Baca Juga: …").
    removed: tuple[str, ...] = ()
    # How `region_code` was chosen; says "ambiguous" when a kabupaten/kota name was not settled.
    region_reason: str = ""


def _empty(reason: str, fallback_region: str | None) -> Extraction:
    return Extraction(
        title=None,
        text="",
        published=None,
        author=None,
        region_code=fallback_region,
        regions=(),
        relevant=False,
        relevance_score=0.0,
        reason=reason,
        canonical_url=None,
    )


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    fallback_region: str | None = None,
    fetched_at: datetime | None = None,
    relevance_threshold: float = DEFAULT_THRESHOLD,
    rules: SiteRules | None = None,
) -> Extraction:
    """Everything arsip keeps about one article page; never raises on bad input.

    `fallback_region` ("35" or "35.25") is used when the article names no place;
    `fetched_at` bounds the publication date (nothing later is plausible);
    `rules` are the source's site rules (None: general rules only). Every argument
    pickles, so calls can run in a process pool.
    """
    try:
        return _extract(html, url, fallback_region, fetched_at, relevance_threshold, rules or NO_RULES)
    except Exception as exc:  # a bug here must not stop a crawl; the reason says what happened
        logger.exception("extraction failed for %s", url or "<page>")
        return _empty(f"extraction failed ({type(exc).__name__}: {exc}); this is a bug in crawler.text", fallback_region)


def _extract(
    html: str | bytes,
    url: str | None,
    fallback_region: str | None,
    fetched_at: datetime | None,
    relevance_threshold: float,
    rules: SiteRules,
) -> Extraction:
    if not isinstance(html, (str, bytes)):
        return _empty(f"not a page: expected HTML as str or bytes, got {type(html).__name__}", fallback_region)
    page = load_page(html)
    if page.tree is None:
        what = "empty input" if not page.html.strip() else "input is not HTML"
        return _empty(f"no text found: {what}", fallback_region)
    tree = page.tree
    # Everything read from the markup comes first: the body step then prunes the tree in place.
    title = find_title(tree, url)
    author = find_author(tree)
    canonical = find_canonical(tree, url)
    published = find_published(tree, url, "", fetched_at)
    page_place = find_dateline_place(tree)
    body = clean_body(tree, url, [title] if title else [], rules, in_place=True)
    text = body.text
    if published is None:  # the event day written in the text, as the last resort
        published = find_published(None, url, text, fetched_at)
    found = find_regions(title, text, fallback_region, page_place)
    verdict = score_relevance(title, text, relevance_threshold)
    reason = verdict.reason if text else "no text found: no article paragraphs on the page"
    return Extraction(
        title=title,
        text=text,
        published=published,
        author=author,
        region_code=found.primary,
        regions=found.regions,
        relevant=verdict.relevant,
        relevance_score=verdict.score,
        reason=reason,
        canonical_url=canonical,
        removed=body.removed,
        region_reason=found.reason,
    )
