"""Is BPJS Ketenagakerjaan a subject of the article, or only named in passing?

Runs on the title and the CLEAN text, so sidebar headlines and related-article
lists never count. The score adds up evidence (weights below, as data):
a mention in the title, a mention in the lead paragraph, and each mention in
the text (capped). An article whose text is mostly about BPJS Kesehatan loses
points, so "BPJS Kesehatan dan BPJS Ketenagakerjaan" once in a health story
does not make it ours.
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
)
# Other agencies the subject can be confused with.
OTHER_SUBJECTS: tuple[str, ...] = (r"BPJS\s*Kesehatan", r"\bJKN(?:-KIS)?\b")

WEIGHTS: dict[str, float] = {
    "title": 0.5,  # named in the headline
    "lead": 0.2,  # named in the first paragraph
    "per_mention": 0.1,  # each mention in the text …
    "mentions_cap": 0.5,  # … up to this much
    "other_subject_penalty": 0.3,  # text names BPJS Kesehatan more than twice as often, title silent
}
DEFAULT_THRESHOLD = 0.5

_ALIAS = re.compile(r"\b(?:" + "|".join(ALIASES) + r")", re.IGNORECASE)
_OTHER = re.compile("|".join(OTHER_SUBJECTS), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Relevance:
    relevant: bool
    score: float
    reason: str


def count_mentions(text: str) -> int:
    """How many times BPJS Ketenagakerjaan is named, under any of its names."""
    return len(_ALIAS.findall(text))


def score_relevance(title: str | None, text: str, threshold: float = DEFAULT_THRESHOLD) -> Relevance:
    """Score and verdict with a reason a person can check against the article."""
    if not text.strip():
        return Relevance(False, 0.0, "not relevant: no article text found on the page")
    title_mentions = count_mentions(title or "")
    lead = text.strip().split("\n\n", 1)[0]
    lead_mentions = count_mentions(lead)
    mentions = count_mentions(text)
    others = len(_OTHER.findall(text))

    score = 0.0
    evidence: list[str] = []
    if title_mentions:
        score += WEIGHTS["title"]
        evidence.append("in the title")
    if lead_mentions:
        score += WEIGHTS["lead"]
        evidence.append("in the lead")
    score += min(WEIGHTS["mentions_cap"], WEIGHTS["per_mention"] * mentions)
    evidence.append(f"{mentions}× in the text")
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
