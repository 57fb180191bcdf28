"""One spelling per article URL, so that the same page is recognised however it was linked.

`normalize_url` is the archive's key for a page: the crawler checks found links with it and
stores articles under it. It folds the variants one article is reachable at:
- tracking parameters (courlan: utm_*, fbclid, gclid, ref ...) and fragments; other query
  parameters stay, since many portals name the article by one (`?p=456`, `?newsid=77`,
  `berita.php?nid=8`): folding them would make every article of such a site one URL;
- AMP and print variants (`/amp/`, `/amp` suffix or prefix, `/print`, `?amp=1`, `?print=1`);
- mobile and www hosts (`m.`, `mobile.`, `amp.`, `www.`): all the same site;
- a trailing slash;
- sites whose article URL carries an id and that serve it on several hosts (jatimtimes:
  `/baca/{id}/{date}/{time}/{slug}` on malang.jatimtimes.com and others): their canonical host.
Redirects are followed by the crawler; the final URL is the article's, the old one is
remembered as "redirected" (crawler/spiders/news.py).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan

from crawler.discovery import looks_like_article, site_of

# Host labels that mark a variant of the same site, dropped from the front of a host.
VARIANT_HOST_LABELS = ("www", "m", "mobile", "amp")
# Path segments that mark an AMP or print variant of the page they follow (or precede: amp).
VARIANT_SUFFIXES = frozenset({"amp", "print", "cetak"})
VARIANT_PREFIXES = frozenset({"amp"})
# Query parameters that ask for such a variant (`?amp=1`, `?print=1`).
VARIANT_PARAMS = frozenset({"amp", "print", "cetak"})


# Sites that serve one article, by id, on several hosts: (registered domain, path pattern,
# canonical URL template). Rules as data; add a site here.
ID_SITES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "jatimtimes.com",
        re.compile(r"^/baca/(?P<id>\d+)/(?P<date>\d{8})/(?P<time>\d{6})/(?P<slug>[^/]+)$"),
        "https://www.jatimtimes.com/baca/{id}/{date}/{time}/{slug}",
    ),
)


def _host(host: str) -> str:
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in VARIANT_HOST_LABELS:
        labels = labels[1:]
    return ".".join(labels)


def _path(path: str) -> str:
    segments = [s for s in path.split("/") if s]
    while segments and segments[-1].lower() in VARIANT_SUFFIXES:
        segments.pop()
    while len(segments) > 1 and segments[0].lower() in VARIANT_PREFIXES:
        segments.pop(0)
    return "/" + "/".join(segments)


def _id_site(host: str, path: str) -> str | None:
    for domain, pattern, template in ID_SITES:
        if host == domain or host.endswith("." + domain):
            if (match := pattern.match(path)) is not None:
                return template.format(**match.groupdict())
    return None


def _query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, v) for k, v in pairs if k and k.lower() not in VARIANT_PARAMS])  # "=1": debris of "&amp=1"


def normalize_url(url: str) -> str:
    """The one spelling of a page's URL (see the module doc for what is folded); never raises.

    A string that is no parseable URL ("http://[::1", a port out of range, found in a
    hostile page's links) is its own key, stripped: the crawler's request for it fails and
    is recorded as such, instead of the page that linked it failing.
    """
    try:
        return _normalize(url)
    except ValueError:  # urllib's "Invalid IPv6 URL", "Port out of range" and the like
        return url.strip()


def _normalize(url: str) -> str:
    cleaned = courlan.normalize_url(url, strict=False)
    parts = urlsplit(cleaned)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return cleaned
    path = _path(parts.path)
    if (by_id := _id_site(parts.hostname, path)) is not None:
        return by_id
    netloc = _host(parts.hostname) + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, path, _query(parts.query), ""))


def canonical_url(page_url: str, declared: str | None) -> str:
    """The page's declared canonical URL when it is an article URL of the same site, else its own URL.

    A canonical on another site is ignored: syndicated copies often point at the original
    portal, but each portal's copy is an article of its own. So is one that is no article URL:
    some themes declare the home page as every page's canonical, which would make every
    article after the first look already archived.
    """
    if declared:
        try:
            absolute = urljoin(page_url, declared)
            _ = urlsplit(absolute).port  # raises on "host:99999" as on "http://[oops"
            trusted = site_of(absolute) == site_of(page_url) and looks_like_article(absolute, page_url)
        except ValueError:  # a declared canonical that is no URL ("http://[oops", a bad port) is no canonical
            trusted = False
        if trusted:
            return normalize_url(absolute)
    return normalize_url(page_url)
