"""Where and when the fake Arbetsförmedlingen's files count: months from 2020, municipalities by
their real names, and each municipality's part of its county."""

from __future__ import annotations

import zlib
from datetime import date

from regstats.geography import municipalities_of

FIRST = date(2020, 1, 1)


def latest_month(today: date) -> date:
    """AF publishes around the 23rd of the following month."""
    months_back = 1 if today.day >= 23 else 2
    index = today.year * 12 + today.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def months(last: date) -> list[date]:
    out, current = [], FIRST
    while current <= last:
        out.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return out


def municipalities(county: str, every: bool = False) -> list[str]:
    """Real names, as AF writes them: all of Jämtland's, where the product is used, and three of
    every other county's (enough to sum, and the test files stay small) — or, for the bundled
    sample, every municipality of every county, so that Kommuner works for all 21."""
    names = list(municipalities_of(county).values())
    return names if county == "23" or every else names[:3]


def parts(names: list[str]) -> list[tuple[str, float, float]]:
    """Each municipality with its share of the county's labour force and its own level around the
    county's rate (fixed per name, so that Kommuner has something to rank), scaled so that the
    county's rate is the county's synthetic rate: sample values, not real ones."""
    weights = [(1 + m) / sum(range(1, len(names) + 1)) for m in range(len(names))]
    levels = [0.7 + 0.6 * (zlib.crc32(name.encode()) % 1000) / 1000 for name in names]
    mean = sum(w * level for w, level in zip(weights, levels, strict=True))
    return [(name, w, level / mean) for name, w, level in zip(names, weights, levels, strict=True)]
