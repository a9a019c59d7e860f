"""Answers in the publishers' shapes, built from the recorded variables of a fake table:
PxWebApi 2.0 table info, metadata and data; PxWeb v1 metadata and json-stat2 data."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from regstats.fakes.tables import FAKE_MARK, TOTAL_LABEL, FakeTable, FakeVariable

SYNTHETIC = "Värdena är exempeldata från regstats fejkade publicerare, inte officiell statistik."


def _links(base: str, table_id: str) -> list[dict[str, str]]:
    return [
        {"rel": "self", "hreflang": "sv", "href": f"{base}/tables/{table_id}?lang=sv"},
        {"rel": "metadata", "hreflang": "sv", "href": f"{base}/tables/{table_id}/metadata?lang=sv"},
        {"rel": "data", "hreflang": "sv", "href": f"{base}/tables/{table_id}/data?lang=sv&outputFormat=json-stat2"},
    ]


def table_info(table: FakeTable, base: str, listing: dict[str, Any] | None = None) -> dict[str, Any]:
    """The recorded listing entry where there is one (TAB5663's is real), else one in its shape;
    `updated`, the periods and `discontinued` follow the fake's state."""
    periods = table.periods
    info: dict[str, Any] = (
        copy.deepcopy(listing)
        if listing
        else {
            "type": "Table",
            "id": table.id,
            "label": table.label,
            "description": "",
            "sortCode": "01",
            "category": "public",
            "variableNames": [v.label for v in table.variables],
            "source": "SCB",
            "subjectCode": table.subject,
            "paths": [[{"id": table.subject, "label": table.subject}]],
        }
    )
    info.pop("type", None)  # a listing entry has it; GET /tables/{id} answers without
    info.update(
        {
            "language": "sv",
            "id": table.id,
            "label": _relabel(str(info.get("label", table.label)), table),
            "updated": table.updated,
            "firstPeriod": periods[0],
            "lastPeriod": periods[-1],
            "discontinued": table.discontinued if "info" in table.discontinued_in else None,
            "timeUnit": table.time_unit,
            "links": _links(base, table.id),
        }
    )
    return info


def _relabel(label: str, table: FakeTable) -> str:
    """SCB's labels end with the period range ('… Månad 2024M01-2026M03'): keep it current."""
    if table.recorded_last and table.recorded_last in label:
        return label.replace(table.recorded_last, table.periods[-1])
    return label


def _dimension(var: FakeVariable, codes: list[str], *, metadata: bool) -> dict[str, Any]:
    dim = copy.deepcopy(var.recorded) if var.recorded else {"label": var.label}
    category = dim.setdefault("category", {})
    category["index"] = {c: i for i, c in enumerate(codes)}
    category["label"] = {c: var.labels[c] for c in codes}
    if "unit" in category:
        category["unit"] = {c: u for c, u in category["unit"].items() if c in codes}
    extension = dim.setdefault("extension", {})
    extension["elimination"] = var.elimination
    if not metadata:
        extension.pop("codelists", None)  # data answers carry no codelists
    return dim


def cell_value(table: FakeTable, coords: dict[str, str], share: float) -> float | None:
    value = table.value(coords)
    if value is None:
        return None
    if table.revision and table.periods.index(coords["period"]) >= len(table.periods) - 3:
        value += 0.1 * table.revision
    return round(value * share, 1)


def values_for(table: FakeTable, selection: dict[str, list[str]]) -> tuple[list[str], list[int], list[Any]]:
    """Cells in row-major order over the selected variables (eliminated ones are summed away)."""
    chosen = [v for v in table.variables if v.code in selection]
    values: list[Any] = []
    for combo in itertools.product(*(selection[v.code] for v in chosen)):
        coords: dict[str, str] = {}
        share = 1.0
        for var, code in zip(chosen, combo, strict=True):
            if var.role == "time":
                coords["period"] = var.period_of(code)
            elif code in var.canonical:
                coords[var.role] = var.canonical[code]
            elif not TOTAL_LABEL.match(var.labels[code]):
                share /= max(len(var.values), 1)  # a part of a total the fake does not model
        values.append(cell_value(table, coords, share))
    return [v.code for v in chosen], [len(selection[v.code]) for v in chosen], values


def jsonstat(table: FakeTable, selection: dict[str, list[str]] | None, *, v2: bool) -> dict[str, Any]:
    """Metadata (selection None: every value, `value: []`) or a data answer, as json-stat2."""
    if selection is None:
        ids = [v.code for v in table.variables]
        sizes = [len(v.values) for v in table.variables]
        chosen = {v.code: v.values for v in table.variables}
        values: list[Any] = []
    else:
        ids, sizes, values = values_for(table, selection)
        chosen = selection
    recorded = copy.deepcopy(table.recorded) if v2 else {}
    doc: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": _relabel(str(recorded.get("label", table.label)), table),
        "source": recorded.get("source", "SCB" if v2 else table.label),
        "updated": table.updated,
    }
    if "note" in recorded:
        doc["note"] = recorded["note"]
    doc["role"] = recorded.get("role") or {"time": [table.time.code]}
    doc["id"], doc["size"] = ids, sizes
    doc["dimension"] = {
        code: _dimension(table.variable(code), list(chosen[code]), metadata=selection is None) for code in ids
    }
    if v2:
        extension = recorded.get("extension") or {}
        said = "metadata" if selection is None else "data"
        extension["discontinued"] = table.discontinued if said in table.discontinued_in else None
        extension[FAKE_MARK] = _mark(table)
        doc["extension"] = extension
    doc["value"] = values
    if any(v is None for v in values):
        doc["status"] = {str(i): ".." for i, v in enumerate(values) if v is None}
    return doc


def _mark(table: FakeTable) -> dict[str, Any]:
    mark: dict[str, Any] = {"values": SYNTHETIC}
    if table.extended:
        mark["periods_after_recording"] = (
            f"perioderna efter {table.recorded_last} är tillagda av den fejkade publiceraren"
        )
    return mark


def v1_metadata(table: FakeTable) -> dict[str, Any]:
    """As recorded: keys present where the recording has them (e.g. `time`, null valueTexts)."""
    variables = []
    for var in table.variables:
        recorded = var.recorded
        values = list(reversed(var.values)) if var.role == "time" and table.newest_first else list(var.values)
        texts = recorded.get("valueTexts")
        keep_nulls = isinstance(texts, list) and texts and all(t is None for t in texts)
        item: dict[str, Any] = {
            "code": var.code,
            "text": var.label,
            "values": values,
            "valueTexts": [None] * len(values) if keep_nulls else [var.labels[c] for c in values],
            "elimination": var.elimination,
        }
        if var.role == "time" or recorded.get("time"):
            item["time"] = True
        variables.append(item)
    return {"title": table.label, "variables": variables, FAKE_MARK: _mark(table)}
