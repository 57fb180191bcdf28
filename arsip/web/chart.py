"""The articles-per-month chart, drawn server-side as inline SVG (no JavaScript, no build step)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    month: str  # "2024-10"
    count: int
    x: float
    y: float
    width: float
    height: float
    label: str | None  # the year under its January bar (or under the first bar)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    peak: int


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def monthly_chart(counts: list[tuple[str, int]], *, height: int = 120, bar: int = 14, gap: int = 3) -> Chart:
    """Bars for every month from the first to the last counted one (empty months as zero)."""
    if not counts:
        return Chart(0, height, (), 0)
    found = dict(counts)
    months = _months(counts[0][0], counts[-1][0])
    peak = max(found.values())
    plot = height - 18  # room for the year labels
    bars = []
    for i, month in enumerate(months):
        count = found.get(month, 0)
        h = plot * count / peak if peak else 0
        label = month[:4] if i == 0 or month.endswith("-01") else None
        bars.append(Bar(month, count, i * (bar + gap), plot - h, bar, h, label))
    return Chart(len(months) * (bar + gap) + 30, height, tuple(bars), peak)  # room for the last year label
