"""One spelling per article URL, so that the same page is recognised however it was linked."""

from __future__ import annotations

from urllib.parse import urljoin

import courlan

from crawler.discovery import looks_like_article, site_of


def normalize_url(url: str) -> str:
    """Lower-cased host, no fragment, no tracking or unknown query parameters (courlan, strict)."""
    return courlan.normalize_url(url, strict=True)


def canonical_url(page_url: str, declared: str | None) -> str:
    """The page's declared canonical URL when it is an article URL of the same site, else its own URL.

    A canonical on another site is ignored: syndicated copies often point at the original
    portal, but each portal's copy is an article of its own. So is one that is no article URL:
    some themes declare the home page as every page's canonical, which would make every
    article after the first look already archived.
    """
    if declared:
        absolute = urljoin(page_url, declared)
        if site_of(absolute) == site_of(page_url) and looks_like_article(absolute, page_url):
            return normalize_url(absolute)
    return normalize_url(page_url)
