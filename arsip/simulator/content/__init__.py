"""The articles the simulator serves, one module per portal (data only, no markup)."""

from __future__ import annotations

from functools import cache

from arsip.simulator.content import beritalima, jatimtimes, klikjatim, nawacita, realita, syndicated
from arsip.simulator.model import SimArticle

_OWN = {
    "klikjatim": klikjatim.ARTICLES,
    "nawacita": nawacita.ARTICLES,
    "realita": realita.ARTICLES,
    "jatimtimes": jatimtimes.ARTICLES,
    "beritalima": beritalima.ARTICLES,
}
# Each portal's own articles, then the copies of syndicated press releases it ran.
_BY_PORTAL = {portal: (*own, *syndicated.BY_PORTAL.get(portal, ())) for portal, own in _OWN.items()}


@cache
def articles() -> tuple[SimArticle, ...]:
    """Every article of every portal, portal by portal."""
    return tuple(a for group in _BY_PORTAL.values() for a in group)


def portal_articles(portal: str) -> tuple[SimArticle, ...]:
    """The articles of one portal, newest first (the order pages and feeds list them in)."""
    return tuple(sorted(_BY_PORTAL[portal], key=lambda a: a.published, reverse=True))
