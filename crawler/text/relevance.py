"""Is BPJS Ketenagakerjaan a subject of the article, or only named in passing?

Runs on the title and the CLEAN text, so sidebar headlines and related-article
lists never count. The score adds up evidence (weights below, as data):
a mention in the title, a mention in the lead paragraph, and each mention in
the text (capped). An article whose text is mostly about BPJS Kesehatan loses
points, so "BPJS Kesehatan dan BPJS Ketenagakerjaan" once in a health story
does not make it ours.

English pages name the agency in translation ("BPJS Employment", "the Social
Security Agency for Employment", "the state workers' social security agency")
and its programmes by what they pay ("job loss insurance", "old-age savings").
A programme name counts as a mention only when the agency itself is named
somewhere, since "work accident" or "death benefit" alone may be about anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- rules as data ---------------------------------------------------------

# Names of BPJS Ketenagakerjaan; one alternation, so "BPJAMSOSTEK" counts once, not also as "Jamsostek".
ALIASES: tuple[str, ...] = (
    r"BPJS\s*Ketenagakerjaan",
    r"BPJS\s*-?\s*TK\b",
    r"BP\s*-?\s*JAMSOSTEK",
    r"JAMSOSTEK",
    r"Jaminan\s+Sosial\s+Ketenagakerjaan",
    # English translations of the agency's name
    r"BPJS\s+(?:Employment|Labou?r|Manpower|Workforce)",
    r"(?:Employment|Labou?r|Manpower)\s+Social\s+Security\s+(?:Agency|Administrator|Body)",
    r"Social\s+Security\s+(?:Agency|Administrator|Administering\s+Body|Body)\s+(?:for|on)\s+(?:Employment|Labou?r|Manpower)",
    r"workers['’]?\s+social\s+security",
)
# Its programmes (JHT, JKK, JKM, JKP, JP) in Indonesian and English; counted only with the agency named.
PROGRAMMES: tuple[str, ...] = (
    r"\bJ(?:HT|KK|KM|KP)\b",
    r"Jaminan\s+(?:Hari\s+Tua|Kecelakaan\s+Kerja|Kematian|Kehilangan\s+Pekerjaan|Pensiun)",
    r"old[-\s]age\s+(?:savings?|security|benefits?|fund)",
    r"work(?:place)?[-\s]+(?:related\s+)?(?:accident|injury)\s+(?:insurance|benefits?|protection|coverage|programm?es?)",
    r"work\s+accident\s+and\s+death\s+(?:insurance|benefits?|protection|programm?es?)",
    r"death\s+(?:benefits?|insurance)",
    r"(?:job[-\s]loss|jobless|unemployment)\s+(?:insurance|benefits?|protection|programm?es?)",
)
# Other agencies the subject can be confused with.
OTHER_SUBJECTS: tuple[str, ...] = (
    r"BPJS\s*Kesehatan",
    r"\bJKN(?:-KIS)?\b",
    r"BPJS\s+Health",
    r"Health\s+Social\s+Security\s+Agency",
    r"national\s+health\s+(?:insurance|coverage)",
)

WEIGHTS: dict[str, float] = {
    "title": 0.5,  # named in the headline
    "lead": 0.2,  # named in the first paragraph
    "title_programme": 0.3,  # a programme in the headline, the agency named in the text
    "per_mention": 0.1,  # each mention of the agency or, once it is named, a programme in the text …
    "mentions_cap": 0.5,  # … up to this much
    "other_subject_penalty": 0.3,  # text names BPJS Kesehatan more than twice as often, title silent
}
DEFAULT_THRESHOLD = 0.5

_ALIAS = re.compile(r"\b(?:" + "|".join(ALIASES) + r")", re.IGNORECASE)
_PROGRAMME = re.compile(r"\b(?:" + "|".join(PROGRAMMES) + r")", re.IGNORECASE)
_OTHER = re.compile("|".join(OTHER_SUBJECTS), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Relevance:
    relevant: bool
    score: float
    reason: str


def count_mentions(text: str) -> int:
    """How many times BPJS Ketenagakerjaan is named, under any of its names."""
    return len(_ALIAS.findall(text))


def count_programmes(text: str) -> int:
    """How many times one of its programmes is named (JHT, "job loss insurance", …)."""
    return len(_PROGRAMME.findall(text))


def score_relevance(title: str | None, text: str, threshold: float = DEFAULT_THRESHOLD) -> Relevance:
    """Score and verdict with a reason a person can check against the article."""
    if not text.strip():
        return Relevance(False, 0.0, "not relevant: no article text found on the page")
    title_mentions = count_mentions(title or "")
    lead = text.strip().split("\n\n", 1)[0]
    lead_mentions = count_mentions(lead)
    mentions = count_mentions(text)
    others = len(_OTHER.findall(text))
    named = bool(mentions or title_mentions)
    programmes = count_programmes(text) if named else 0

    score = 0.0
    evidence: list[str] = []
    if title_mentions:
        score += WEIGHTS["title"]
        evidence.append("in the title")
    elif named and count_programmes(title or ""):
        score += WEIGHTS["title_programme"]
        evidence.append("a programme in the title")
    if lead_mentions:
        score += WEIGHTS["lead"]
        evidence.append("in the lead")
    score += min(WEIGHTS["mentions_cap"], WEIGHTS["per_mention"] * (mentions + programmes))
    evidence.append(f"{mentions}× in the text")
    if programmes:
        evidence.append(f"its programmes {programmes}×")
    if not title_mentions and others > 2 * mentions:
        score -= WEIGHTS["other_subject_penalty"]
        evidence.append(f"BPJS Kesehatan/JKN named {others}×")
    score = round(max(0.0, min(1.0, score)), 2)

    relevant = score >= threshold
    if mentions == 0 and title_mentions == 0:
        about = f"; BPJS Kesehatan/JKN named {others}×" if others else ""
        reason = f"not relevant: BPJS Ketenagakerjaan is not named{about} (score 0.00, threshold {threshold:.2f})"
    else:
        verdict = "relevant" if relevant else "not relevant (named in passing)"
        reason = f"{verdict}: BPJS Ketenagakerjaan named {', '.join(evidence)} (score {score:.2f}, threshold {threshold:.2f})"
    return Relevance(relevant, score, reason)
