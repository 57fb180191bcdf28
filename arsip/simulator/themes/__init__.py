"""Markup of the five portals, one module per site theme.

Every theme module offers the same four functions, each returning a whole HTML page:
`render_article(site, view)`, `render_listing(site, listing)`, `render_home(site, items)` and
`render_message(site, title, paragraphs)` (404 and static pages). The data they show comes
from `arsip.simulator.content`; nothing here decides what is linked where (see `portals.py`).
"""
