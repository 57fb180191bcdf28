"""The official list of Indonesian kabupaten/kota (Kemendagri codes) and lookups on it.

The data ships in `storage/data/wilayah` (see SOURCES.md there). A region is stored
as its code (`35.25`), so that one place is one value whatever spelling an article used;
names and provinces are looked up here when needed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from storage.errors import QueryError


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # "35.25"
    name: str  # "Kabupaten Gresik"
    short_name: str  # "Gresik"
    kind: str  # "kabupaten" | "kota"
    province_code: str  # "35"
    province: str  # "Jawa Timur"


def _data(name: str) -> list[dict[str, str]]:
    text = resources.files("storage").joinpath("data", "wilayah", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def regions() -> tuple[Region, ...]:
    """Every kabupaten/kota, in code order."""
    return tuple(
        Region(
            code=row["kode"],
            name=row["nama"],
            short_name=row["nama_pendek"],
            kind=row["jenis"],
            province_code=row["kode_provinsi"],
            province=row["provinsi"],
        )
        for row in _data("regencies.csv")
    )


@cache
def provinces() -> dict[str, str]:
    """Province code → name."""
    return {row["kode"]: row["nama"] for row in _data("provinces.csv")}


@cache
def _by_code() -> dict[str, Region]:
    return {r.code: r for r in regions()}


def get_region(code: str) -> Region | None:
    return _by_code().get(code)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


_PREFIXES = {
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "pemkab": "kabupaten",
    "kota": "kota",
    "pemkot": "kota",
}


# Short forms of province names used in news and by users: alias → province code.
PROVINCE_ALIASES: dict[str, str] = {
    "Jatim": "35", "Jateng": "33", "Jabar": "32", "DKI Jakarta": "31", "Jakarta": "31",
    "DIY": "34", "DI Yogyakarta": "34", "Yogyakarta": "34", "NTB": "52", "NTT": "53",
    "Kaltim": "64", "Kalsel": "63", "Kalbar": "61", "Kalteng": "62", "Kaltara": "65",
    "Sulsel": "73", "Sulut": "71", "Sulteng": "72", "Sultra": "74", "Sulbar": "76",
    "Sumut": "12", "Sumbar": "13", "Sumsel": "16", "Kepri": "21", "Babel": "19",
}  # fmt: skip


def find_province(query: str) -> str | None:
    """The code of the province a name, alias or code means (`Jawa Timur`, `Jatim`, `35`)."""
    if query.strip() in provinces():
        return query.strip()
    key = _key(query)
    aliases = {_key(alias): code for alias, code in PROVINCE_ALIASES.items()}
    return aliases.get(key) or next((c for c, name in provinces().items() if _key(name) == key), None)


def resolve_region(query: str) -> tuple[Region, ...]:
    """Regions meant by a user's filter: a code, a regency name or a province.

    `35.25`, `Gresik`, `Kabupaten Gresik` and `Kab. Gresik` give one regency;
    `Pasuruan` gives both Kabupaten and Kota Pasuruan, `Kota Pasuruan` only the city;
    `35` or `Jawa Timur` gives every regency of the province.
    """
    wanted = query.strip()
    if re.fullmatch(r"\d{2}\.\d{2}", wanted) and (region := get_region(wanted)):
        return (region,)
    key = _key(wanted)
    kind = None
    first, _, rest = key.partition(" ")
    if first in _PREFIXES and rest:
        kind, key = _PREFIXES[first], rest
    found = tuple(
        r
        for r in regions()
        if key in (_key(r.short_name), _key(r.short_name).removeprefix("administrasi "))
        and (kind is None or r.kind == kind)
    )
    if found:
        return found
    if kind is None and (province := find_province(wanted)):
        return tuple(r for r in regions() if r.province_code == province)
    raise QueryError(
        f"unknown region {query!r}: give a kabupaten/kota code such as 35.25, "
        "a name such as 'Gresik' or 'Kota Pasuruan', or a province such as 'Jawa Timur'"
    )
