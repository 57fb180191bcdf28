"""Offline copies of the five seed portals, served on 127.0.0.1 for `arsip demo` and the tests.

Each portal (klikjatim, nawacita, realita, jatimtimes, beritalima) runs on its own port with
its own markup, URL scheme, discovery surfaces (robots.txt, feeds, sitemaps, paginated tag
listings) and a few deliberate faults. `articles()` is the manifest: what a perfect crawl
would archive, and which article is broken how (see `model.FAULTS`, `faults()`).

    with start() as sim:
        sim.urls["beritalima"]      # "http://127.0.0.1:PORT/"
        sources_toml(sim.urls)      # a sources file for arsip crawl
        sim.requests("realita")     # paths realita served so far

Layout: `content/` holds the articles (data), `themes/` one markup module per site,
`portals.py` what is served where, `feeds.py` the XML, `server.py` the HTTP side.
"""

from __future__ import annotations

from arsip.simulator.content import articles
from arsip.simulator.model import FAULTS, PORTALS, SimArticle, SimFault
from arsip.simulator.portals import faults as _portal_faults
from arsip.simulator.server import Simulator, start
from arsip.simulator.sources import URL_ONLY, sources_toml


def faults() -> tuple[SimFault, ...]:
    """Every deliberate defect of every portal (including the 301 and the slow listing page)."""
    return tuple(f for portal in PORTALS for f in _portal_faults(portal))


__all__ = [
    "FAULTS", "PORTALS", "URL_ONLY", "SimArticle", "SimFault", "Simulator",
    "articles", "faults", "sources_toml", "start",
]
