"""Simplified boundaries of Sweden's counties and municipalities, for overview maps (see
PROVENANCE.md: okfse/sweden-geojson; not for measuring areas). Read once, on first use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

CREDIT = "Gränser: okfse/sweden-geojson (förenklade, efter Valmyndigheten och jnordgren)"

Ring = list[tuple[float, float]]  # (longitude, latitude), closed


@dataclass(frozen=True)
class Outline:
    code: str
    rings: tuple[Ring, ...]


def _rings(geometry: dict) -> tuple[Ring, ...]:
    """Outer rings only: the simplified files have no holes worth drawing at overview scale."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    # Three decimals (~100 m) are more than an overview map can show, and halve what is sent.
    return tuple([(round(float(x), 3), round(float(y), 3)) for x, y in polygon[0]] for polygon in polygons)


def _read(name: str) -> list[dict]:
    return json.loads(resources.files("regstats.geo").joinpath(name).read_text("utf-8"))["features"]


@cache
def county_outlines() -> tuple[Outline, ...]:
    """The 21 counties; the file numbers them as integers (23 = Jämtland)."""
    features = _read("swedish_regions.geojson")
    return tuple(Outline(f"{int(f['properties']['l_id']):02d}", _rings(f["geometry"])) for f in features)


@cache
def _municipality_outlines() -> tuple[Outline, ...]:
    features = _read("swedish_municipalities.geojson")
    return tuple(Outline(str(f["properties"]["id"]), _rings(f["geometry"])) for f in features)


def municipality_outlines(county: str) -> tuple[Outline, ...]:
    return tuple(o for o in _municipality_outlines() if o.code[:2] == county)
