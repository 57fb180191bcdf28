"""Which kabupaten/kota an article is about, as official Kemendagri codes.

The cascade:

1. the dateline opening the article ("Gresik, Nawacita –", "PASURUAN (Realita) -",
   "KLIKJATIM.Com | Gresik -", "SURABAYA, beritalima.com |", "TEMPO.CO, Jakarta -",
   "JAKARTA, Feb 10 (Reuters) -", "JAKARTA —"; "JATIMTIMES-" names no place), else
   the page's own dateline outside the text (schema.org `dateline`, a date line
   such as "Jakarta ● Wed, October 30, 2024"), gives the primary region;
2. every mention in the title and text, with or without a prefix ("Kabupaten
   Gresik", "Kota Malang", "Pemkab X", "Pemkot X", "Kab. X", plain "X"), is
   counted against `storage.regions`; without a dateline the most mentioned
   region is primary;
3. a name shared by a kabupaten and a kota (Pasuruan, Blitar, Kediri, Malang,
   Mojokerto, Madiun, Probolinggo) is settled by the article's own evidence:
   "Kota/Pemkot/Wali Kota X" against "Kabupaten/Pemkab/Bupati X", defaulting
   to the kabupaten, which in these pairs is the larger area and the usual
   meaning of the bare name;
4. no kabupaten/kota named: a province named ("Jawa Timur", "Jatim") gives its
   code ("35"); else the caller's `fallback` (the source's region).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from storage.regions import PROVINCE_ALIASES, Region, find_province, provinces, regions

# --- rules as data ---------------------------------------------------------

KOTA_PREFIXES: tuple[str, ...] = ("Pemerintah Kota", "Wakil Wali Kota", "Wakil Walikota", "Wali Kota", "Walikota", "Pemkot", "Kota")
KABUPATEN_PREFIXES: tuple[str, ...] = ("Pemerintah Kabupaten", "Wakil Bupati", "Bupati", "Pemkab", "Kabupaten", "Kab.", "Kab")

# Names that are also everyday words or people's names: only counted with a prefix or in a dateline.
PLAIN_NAME_STOPLIST: frozenset[str] = frozenset(
    {"Batu", "Metro", "Bima", "Palu", "Buru", "Bone", "Pati", "Kudus", "Tual", "Ende", "Muna", "Sigi",
     "Agam", "Kaur", "Belu", "Alor", "Karo", "Buol", "Poso", "Paser", "Tapin", "Lebak", "Banjar", "Siak"}
)  # fmt: skip

_EN_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"  # "Feb 10", "10 Feb"
# Datelines, tried on the first paragraph. `place` may be absent (outlet only).
DATELINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "KLIKJATIM.Com | Gresik -"
    re.compile(r"^(?P<outlet>[\w.]+)\s*\|\s*(?P<place>[A-Za-z][A-Za-z .'-]{1,40}?)\s*[-–—]\s"),
    # "PASURUAN (Realita) -", "Jakarta (ANTARA) -", "JAKARTA (Reuters) -"
    re.compile(r"^(?P<place>[A-Za-z][A-Za-z .'-]{1,40}?)\s*\((?P<outlet>[^)]{1,40})\)\s*[-–—]"),
    # "JAKARTA, Feb 10 (Reuters) -": English wire style, the day between place and outlet
    re.compile(rf"^(?P<place>[A-Za-z][A-Za-z .'-]{{1,40}}?)\s*,\s*{_EN_DAY}\s*\((?P<outlet>[^)]{{1,40}})\)\s*[-–—]"),
    # "TEMPO.CO, Jakarta -", "SURYAMALANG.COM, MALANG -": a domain-like outlet first
    re.compile(r"^(?P<outlet>\w+\.[A-Za-z.]{2,10})\s*,\s*(?P<place>[A-Za-z][A-Za-z .'-]{1,40}?)\s*[-–—]"),
    # "Gresik, Nawacita –", "SURABAYA, beritalima.com |", "Jakarta, CNN Indonesia --"
    re.compile(r"^(?P<place>[A-Za-z][A-Za-z .'-]{1,40}?)\s*,\s*(?P<outlet>[\w.]{2,40}(?:\s[\w.]{2,20}){0,2})\s*[-–—|]"),
    # "JATIMTIMES-", "JAKARTA —", "Jakarta - ": one word before a dash, a place only when the name is known
    re.compile(r"^(?P<word>[A-Z][A-Za-z.]{2,30})\s*[-–—]"),
)

_PLAIN_STOPLIST = frozenset(n.lower() for n in PLAIN_NAME_STOPLIST)

# "Kota dan Kabupaten Pasuruan" names both.
_BOTH = re.compile(r"\b(?:Pemerintah\s+)?(?:Kota|Kabupaten)\s+(?:dan|maupun|serta|atau|&)\s+(?:Kota|Kabupaten)\s+(?P<name>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)")


@dataclass(frozen=True, slots=True)
class RegionFinding:
    """The regions an article names; `primary` is a kabupaten/kota or province code."""

    primary: str | None
    regions: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class _Mention:
    name: str  # lower-cased name, a key of _by_name()
    kind: str | None  # "kota" | "kabupaten" | None for a plain name


def _names(region: Region) -> tuple[str, ...]:
    """How articles write a region's name: "Jakarta Selatan" for "Administrasi Jakarta Selatan"."""
    short = region.short_name
    return (short, short.removeprefix("Administrasi ")) if short.startswith("Administrasi ") else (short,)


@cache
def _by_name() -> dict[str, tuple[Region, ...]]:
    """Lower-cased name → the regions so named (two for a kabupaten/kota pair)."""
    table: dict[str, list[Region]] = {}
    for region in regions():
        for name in _names(region):
            table.setdefault(name.lower(), []).append(region)
    return {name: tuple(found) for name, found in table.items()}


def trie_alternation(words: list[str]) -> str:
    """One regex matching any of `words`, factored by common prefix ("Ma(?:lang|diun)").

    A flat alternation of ~1,000 names is tried name by name at every position
    (about 1 ms a page); the factored form fails after a character or two, and
    greedy optional tails still prefer the longest name ("Jakarta Selatan").
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) == 1 else f"{body}?"

    return build(trie)


@cache
def _mention_pattern() -> re.Pattern[str]:
    names = sorted({n for r in regions() for n in _names(r)})
    alternatives = trie_alternation([*names, *(n.upper() for n in names)])
    prefixes = "|".join(re.escape(p) for p in (*KOTA_PREFIXES, *KABUPATEN_PREFIXES))
    # Every prefix and name starts with a capital: the lookahead skips other positions at once.
    return re.compile(rf"\b(?=[A-Z])(?:(?P<prefix>{prefixes})\s+)?(?P<name>{alternatives})\b")


@cache
def _province_pattern() -> re.Pattern[str]:
    names = {name: code for code, name in provinces().items()} | PROVINCE_ALIASES
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:Provinsi\s+)?(?P<name>{alternatives})\b")


def _kind_of(prefix: str | None) -> str | None:
    if prefix is None:
        return None
    return "kota" if prefix in KOTA_PREFIXES else "kabupaten"


def find_mentions(text: str) -> list[_Mention]:
    """Every region name in the text, with the kind its prefix says, in text order."""
    mentions: list[tuple[int, _Mention]] = []
    for match in _BOTH.finditer(text):
        name = match.group("name").lower()
        if name in _by_name():
            mentions += [(match.start(), _Mention(name, "kota")), (match.start(), _Mention(name, "kabupaten"))]
    covered = [m.span() for m in _BOTH.finditer(text) if m.group("name").lower() in _by_name()]
    for match in _mention_pattern().finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        name = match.group("name").lower()
        kind = _kind_of(match.group("prefix"))
        if kind is None and name in _PLAIN_STOPLIST:
            continue
        mentions.append((match.start(), _Mention(name, kind)))
    return [m for _, m in sorted(mentions, key=lambda item: item[0])]


def find_dateline(text: str) -> tuple[str | None, str | None]:
    """(place, outlet) of the dateline opening the text; place is None for "JATIMTIMES-"."""
    first = text.lstrip()[:200]
    for pattern in DATELINE_PATTERNS:
        if match := pattern.match(first):
            if word := match.groupdict().get("word"):
                return (word, None) if is_place(word) else (None, word)
            place = match.groupdict().get("place")
            return (place.strip() if place else None), match.group("outlet").strip()
    return None, None


def is_place(name: str) -> bool:
    """Whether a name is a kabupaten/kota or a province ("Gresik", "JAKARTA", "Jatim")."""
    return name.strip().lower() in _by_name() or find_province(name) is not None


# A place opening the page's date line: "Jakarta ● Wed, October 30, 2024", "Surabaya, Rabu (18/12/2024)".
_PLACE_BEFORE_DATE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+){0,2})\s*[●•·|,–—-]\s*"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\w*\b|\d)"
)


def place_of_date_line(line: str) -> str | None:
    """The known place a date line starts with, else None."""
    match = _PLACE_BEFORE_DATE.match(line.strip())
    return match.group("place") if match and is_place(match.group("place")) else None


def _choose(name: str, evidence: Counter[tuple[str, str | None]], province_hint: str | None) -> Region | None:
    """The one region a name means here, using the article's Kota/Kabupaten evidence."""
    candidates = _by_name().get(name.lower(), ())
    if province_hint and any(r.province_code == province_hint for r in candidates):
        candidates = tuple(r for r in candidates if r.province_code == province_hint)
    if not candidates:
        return None
    kinds = {r.kind: r for r in candidates}
    if len(kinds) == 1:
        return candidates[0]
    kota, kabupaten = evidence[(name, "kota")], evidence[(name, "kabupaten")]
    return kinds["kota"] if kota > kabupaten else kinds["kabupaten"]


def _resolve(mention: _Mention, evidence: Counter[tuple[str, str | None]], hint: str | None) -> Region | None:
    if mention.kind is None:
        return _choose(mention.name, evidence, hint)
    candidates = [r for r in _by_name().get(mention.name.lower(), ()) if r.kind == mention.kind]
    if hint and any(r.province_code == hint for r in candidates):
        candidates = [r for r in candidates if r.province_code == hint]
    return candidates[0] if candidates else _choose(mention.name, evidence, hint)


def ambiguity(code: str, evidence: Counter[tuple[str, str | None]]) -> str | None:
    """A note when `code` is a kabupaten chosen by default over a kota of the same name."""
    from storage.regions import get_region

    region = get_region(code)
    if region is None or region.kind != "kabupaten":
        return None
    name = region.short_name.lower()
    twins = [r for r in _by_name().get(name, ()) if r.kind == "kota" and r.province_code == region.province_code]
    if not twins or evidence[(name, "kabupaten")] > evidence[(name, "kota")]:
        return None
    kota = twins[0]
    return (f"ambiguous: {region.short_name!r} may be {region.name} ({region.code}) or {kota.name} ({kota.code}); "
            "the text does not settle it, so the kabupaten")


def find_regions(
    title: str | None, text: str, fallback: str | None = None, page_place: str | None = None
) -> RegionFinding:
    """Primary region and every kabupaten/kota named, by the cascade in the module docstring.

    `page_place` is the dateline the page gives outside the text (its metadata or
    date line, see `metadata.find_dateline_place`); the text's own dateline wins.
    """
    hint = fallback.split(".")[0] if fallback else None
    place, outlet = find_dateline(text)
    if place is None and page_place:
        place = page_place
    mentions = find_mentions(f"{title or ''}\n{text}")
    evidence: Counter[tuple[str, str | None]] = Counter((m.name, m.kind) for m in mentions)
    counts: Counter[str] = Counter()
    for mention in mentions:
        if (region := _resolve(mention, evidence, hint)) is not None:
            counts[region.code] += 1

    primary: str | None = None
    reason = ""
    if place and place.lower() in _by_name():
        if (region := _choose(place.lower(), evidence, hint)) is not None:
            primary = region.code
            reason = f"dateline names {place!r} ({region.name})"
    elif place:
        province = find_province(place)
        if province:
            primary, reason = province, f"dateline names the province {place!r}"
    if primary is None and counts:
        primary = counts.most_common(1)[0][0]
        reason = f"most mentioned region ({counts[primary]}×)"
    if primary and (doubt := ambiguity(primary, evidence)):
        reason = f"{reason}; {doubt}"
    if primary is None:
        named = [find_province(m.group("name")) for m in _province_pattern().finditer(f"{title or ''}\n{text}")]
        if named := [code for code in named if code]:
            primary = Counter(named).most_common(1)[0][0]
            reason = f"only the province {provinces().get(primary, primary)} is named"
    named_primary = primary  # from the article itself; the source's region below is no mention
    if primary is None and fallback:
        primary, reason = fallback, "no place named; the source's region"
    if primary is None:
        reason = "no place named and no fallback region"

    ordered = [code for code, _ in sorted(counts.items(), key=lambda item: -item[1])]
    if named_primary and "." in named_primary:
        ordered = [named_primary, *(code for code in ordered if code != named_primary)]
    return RegionFinding(primary=primary, regions=tuple(ordered), reason=reason)
