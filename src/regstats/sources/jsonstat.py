"""json-stat2 → long table. Pure: no I/O.

Dimension order comes from the response's own `id`/`size` (never from metadata), `status`
symbols are kept beside null values, and notes (including SCB's mandatory Cell-Key-Method
note) are collected so they can reach the series metadata.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from regstats.errors import ContractError


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: list[str]
    labels: dict[str, str]


@dataclass
class JsonStatDataset:
    label: str
    updated: str | None
    dimensions: list[Dimension]
    frame: pd.DataFrame  # one column per dimension (codes), then `value`, `status`
    notes: list[str] = field(default_factory=list)
    mandatory_notes: list[str] = field(default_factory=list)
    time_dimension: str | None = None
    units: dict[str, str] = field(default_factory=dict)  # value code → "base, N decimaler"
    discontinued: bool | None = None  # extension.discontinued, where the publisher says it

    def dimension(self, dim_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise KeyError(dim_id)


def category_units(category: dict[str, Any]) -> dict[str, str]:
    """json-stat2 `category.unit` as value code → "base, N decimaler" (data and metadata alike)."""
    return {
        str(code): f"{unit.get('base', '')}, {unit.get('decimals', '?')} decimaler"
        for code, unit in (category.get("unit") or {}).items()
        if isinstance(unit, dict)
    }


def _category_codes(dim_id: str, category: dict[str, Any]) -> list[str]:
    index = category.get("index")
    if isinstance(index, list):
        return [str(c) for c in index]
    if isinstance(index, dict):
        return [str(code) for code, _ in sorted(index.items(), key=lambda kv: kv[1])]
    labels = category.get("label") or {}
    if len(labels) == 1:
        return [str(next(iter(labels)))]
    raise ContractError(f"json-stat2: dimensionen {dim_id!r} saknar category.index")


# Checked from the declared sizes, before anything is allocated. Ten times the largest series
# regstats stores (a publisher's answer is capped far lower: SCB's at 150 000 cells); at this size
# the frame and its lists stay within a few hundred MB (20 million cells took 3,1 GB).
MAX_CELLS = 2_000_000


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _dense(spec: Any, n: int, default: Any) -> list[Any]:
    """json-stat allows value/status as a list, a sparse {index: x} map, or (status) one string."""
    if spec is None:
        return [default] * n
    if isinstance(spec, list):
        if len(spec) != n:
            raise ContractError(f"json-stat2: {len(spec)} värden men dimensionerna ger {n} celler")
        return spec
    if isinstance(spec, dict):
        out = [default] * n
        for key, item in spec.items():
            if not str(key).isdigit() or int(key) >= n:
                raise ContractError(f"json-stat2: cellnyckeln {str(key)[:20]!r} är inte ett index under {n}")
            out[int(key)] = item
        return out
    return [spec] * n


def _collect_notes(doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    notes = [str(n) for n in doc.get("note") or []]
    mandatory_idx = (doc.get("extension") or {}).get("noteMandatory") or {}
    mandatory = [notes[int(i)] for i, flag in mandatory_idx.items() if flag and int(i) < len(notes)]
    for dim in (doc.get("dimension") or {}).values():
        for note in dim.get("note") or []:
            notes.append(str(note))
    return notes, mandatory


def parse_jsonstat2(doc: Any, *, source: str | None = None) -> JsonStatDataset:
    """Parse a json-stat2 dataset into a long frame in the response's own dimension order."""
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        raise ContractError("Svaret är inte ett json-stat2-dataset (class != 'dataset')", url=source)
    try:
        ids: list[str] = list(doc["id"])
        sizes: list[int] = [int(s) for s in doc["size"]]
        dims_doc: dict[str, Any] = doc["dimension"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ContractError(f"json-stat2 saknar {exc}", url=source) from None
    if len(ids) != len(sizes):
        raise ContractError("json-stat2: `id` och `size` har olika längd", url=source)

    dimensions: list[Dimension] = []
    units: dict[str, str] = {}
    for dim_id, size in zip(ids, sizes, strict=True):
        if dim_id not in dims_doc:
            raise ContractError(f"json-stat2: dimensionen {dim_id!r} saknas", url=source)
        dim = dims_doc[dim_id]
        category = dim.get("category") or {}
        codes = _category_codes(dim_id, category)
        if len(codes) != size:
            raise ContractError(f"json-stat2: {dim_id!r} har {len(codes)} koder men size säger {size}", url=source)
        labels = {str(k): str(v) for k, v in (category.get("label") or {}).items()}
        dimensions.append(Dimension(dim_id, str(dim.get("label", dim_id)), codes, labels))
        units |= category_units(category)

    n_cells = math.prod(sizes) if sizes else 0
    if n_cells > MAX_CELLS or any(size < 0 for size in sizes):
        raise ContractError(
            f"json-stat2: dimensionerna ger {_spaced(n_cells)} celler, över gränsen {_spaced(MAX_CELLS)}",
            url=source,
            hint="en tabell som regstats läser är mycket mindre; kontrollera filen",
        )
    values = _dense(doc.get("value"), n_cells, None)
    statuses = _dense(doc.get("status"), n_cells, "")

    # Row-major order, last dimension fastest: the code of dimension i at cell k is
    # codes_i[(k // stride_i) % size_i].
    columns: dict[str, Any] = {}
    stride = n_cells
    cells = np.arange(n_cells)
    for dim, size in zip(dimensions, sizes, strict=True):
        stride //= max(size, 1)
        positions = (cells // max(stride, 1)) % max(size, 1)
        columns[dim.id] = np.asarray(dim.codes, dtype=object)[positions]
    frame = pd.DataFrame(columns)
    frame["value"] = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype(float)
    frame["status"] = [("" if s is None else str(s)) for s in statuses]

    notes, mandatory = _collect_notes(doc)
    time_ids = (doc.get("role") or {}).get("time") or []
    return JsonStatDataset(
        label=str(doc.get("label", "")),
        updated=doc.get("updated"),
        dimensions=dimensions,
        frame=frame,
        notes=notes,
        mandatory_notes=mandatory,
        time_dimension=time_ids[0] if time_ids else None,
        units=units,
        discontinued=(doc.get("extension") or {}).get("discontinued"),
    )
