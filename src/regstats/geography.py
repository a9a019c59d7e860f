"""Swedish counties (län) and Riket: codes and names, one source of truth."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

RIKET = "00"
JAMTLAND = "23"

COUNTIES: dict[str, str] = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "07": "Kronobergs län",
    "08": "Kalmar län",
    "09": "Gotlands län",
    "10": "Blekinge län",
    "12": "Skåne län",
    "13": "Hallands län",
    "14": "Västra Götalands län",
    "17": "Värmlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "20": "Dalarnas län",
    "21": "Gävleborgs län",
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}

REGIONS: dict[str, str] = {RIKET: "Riket", **COUNTIES}


def _municipalities() -> dict[str, str]:
    """All 290 municipalities, code → name, from the boundary file's attributes (geo/PROVENANCE.md).
    The first two digits of a code are its county's."""
    text = resources.files("regstats.geo").joinpath("municipalities.csv").read_text("utf-8")
    return {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(text))}


MUNICIPALITIES: dict[str, str] = _municipalities()
AREAS: dict[str, str] = {**REGIONS, **MUNICIPALITIES}


COUNTIES_AND_RIKET: tuple[str, ...] = tuple(REGIONS)
# The catalog's names for whole sets of region codes (series.yaml: `codes: areas`).
REGION_SETS: dict[str, tuple[str, ...]] = {"counties_and_riket": COUNTIES_AND_RIKET, "areas": tuple(AREAS)}


def municipalities_of(county: str) -> dict[str, str]:
    """'23' → Jämtland's eight municipalities, code → name."""
    return {code: name for code, name in MUNICIPALITIES.items() if code[:2] == county}


_LABEL_CODE = re.compile(r"^\s*(\d{2})\s+\S")


def county_code_from_name(name: str) -> str | None:
    """'Jämtlands län' or 'Jämtland' → '23' (Arbetsförmedlingen names counties, never codes them)."""
    cleaned = name.strip().casefold()
    for code, county in COUNTIES.items():
        full = county.casefold()
        if cleaned in {full, full.removesuffix(" län"), full.removesuffix("s län")}:
            return code
    return None


def region_code_from_label(label: str) -> str | None:
    """Return the county code in a label such as '23 Jämtlands län', '00 Riket' or 'Riket'.

    PxWeb v1 tables at Tillväxtanalys number their regions 0, 1, 2 …; the real code is
    only in the label. Returns None for a label that names no known region.
    """
    match = _LABEL_CODE.match(label)
    if match and match.group(1) in REGIONS:
        return match.group(1)
    cleaned = label.strip().casefold()
    if cleaned in {"riket", "hela riket", "sverige", "totalt riket"}:
        return RIKET
    for code, name in COUNTIES.items():
        if cleaned == name.casefold():
            return code
    return None
