"""The simulator's manifest types: what each fake portal serves, and where it is broken on purpose.

Tests compare what arsip archived against these records, so every field states the truth a
perfect crawler and extractor would arrive at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

PORTALS: tuple[str, ...] = ("klikjatim", "nawacita", "realita", "jatimtimes", "beritalima")

WIB = ZoneInfo("Asia/Jakarta")

# Values of SimArticle.fault:
#   "http500"            the page answers 500 (it is listed in a feed/sitemap all the same)
#   "truncated"          the HTML stops mid-body; `paragraphs` holds the complete ones served
#   "robots_disallowed"  robots.txt disallows its path; a polite crawler never fetches it
#   "windows1252"        served as text/html; charset=windows-1252, encoded so
#   "redirected"         its old URL (see faults()) answers 301 to it; the page itself is fine
FAULTS: tuple[str, ...] = ("http500", "truncated", "robots_disallowed", "windows1252", "redirected")


@dataclass(frozen=True)
class SimArticle:
    """One article as the simulator serves it, with the truth about it."""

    portal: str
    path: str
    title: str
    published: datetime
    author: str | None
    region_code: str | None
    relevant: bool
    story: str | None
    fault: str | None
    paragraphs: tuple[str, ...]
    # Presentation and discovery details (not part of what an extractor must return).
    caption: str | None = None  # photo caption, shown (often twice) above the body
    signoff: str | None = None  # reporter initials closing the last paragraph as served, e.g. "(qom)"
    category: str = "Berita"
    listing_only: bool = False  # reachable only through page 2+ of the tag listing
    tagged: bool = False  # appears on the portal's /tag/bpjs-ketenagakerjaan listing


    @property
    def served_paragraphs(self) -> tuple[str, ...]:
        """The paragraphs as the page shows them: the last one closed by the reporter's initials."""
        if not self.signoff:
            return self.paragraphs
        return (*self.paragraphs[:-1], f"{self.paragraphs[-1]} {self.signoff}")


@dataclass(frozen=True)
class SimFault:
    """A deliberate defect of one portal, for tests to check how the crawler copes."""

    portal: str
    path: str  # the path that misbehaves (with query, if any)
    kind: str  # "http500" | "truncated" | "robots_disallowed" | "windows1252" | "redirect" | "slow"
    target: str | None = None  # the article path it concerns, when not `path` itself


def when(text: str) -> datetime:
    """'2024-12-18 14:05' in Jakarta time, so the data files stay readable."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)


def paras(text: str) -> tuple[str, ...]:
    """Paragraphs separated by blank lines; inner whitespace collapsed as an extractor does."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return tuple(re.sub(r"\s+", " ", block).strip() for block in blocks if block.strip())
