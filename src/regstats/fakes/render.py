"""Render fake tables in the publishers' documented shapes: PxWebApi 2.0 and PxWeb v1."""

from __future__ import annotations

import itertools
import re
from typing import Any

from regstats.fakes.tables import FakeTable, FakeVariable

TOTAL = re.compile(r"^(totalt|samtliga)", re.IGNORECASE)


def _links(base: str, table_id: str) -> list[dict[str, str]]:
    return [
        {"rel": "self", "hreflang": "sv", "href": f"{base}/tables/{table_id}?lang=sv"},
        {"rel": "metadata", "hreflang": "sv", "href": f"{base}/tables/{table_id}/metadata?lang=sv"},
        {
            "rel": "data",
            "hreflang": "sv",
            "href": f"{base}/tables/{table_id}/data?lang=sv&outputFormat=json-stat2",
        },
    ]


def table_info(table: FakeTable, base: str) -> dict[str, Any]:
    """Like the recorded TAB5974_table.json (the live service's `updated` is a date-time)."""
    periods = table.time.values
    return {
        "language": "sv",
        "id": table.id,
        "label": table.label,
        "description": "",
        "sortCode": "01",
        "updated": table.updated,
        "firstPeriod": periods[0],
        "lastPeriod": periods[-1],
        "category": "public",
        "variableNames": [v.label for v in table.variables],
        "discontinued": table.discontinued,
        "source": "SCB",
        "subjectCode": table.subject,
        "timeUnit": table.time_unit,
        "paths": [[{"id": table.subject, "label": "Exempeldata", "sortCode": "01"}]],
        "links": _links(base, table.id),
    }


def _dimension(var: FakeVariable, codes: list[str], with_extension: bool) -> dict[str, Any]:
    dim: dict[str, Any] = {
        "label": var.label,
        "category": {
            "index": {c: i for i, c in enumerate(codes)},
            "label": {c: var.labels[c] for c in codes},
        },
    }
    if var.role == "measure":
        dim["category"]["unit"] = {c: {"base": "antal", "decimals": 1} for c in codes}
    if with_extension:
        extension: dict[str, Any] = {"elimination": var.elimination, "show": "value"}
        if var.elimination_value:
            extension["eliminationValueCode"] = var.elimination_value
        dim["extension"] = extension
    return dim


def cell_value(table: FakeTable, coords: dict[str, str], shares: float) -> float | None:
    value = table.value(coords)
    if value is None:
        return None
    position = table.time.values.index(coords["period"])
    if table.revision and position >= len(table.time.values) - 3:
        value += 0.1 * table.revision
    return round(value * shares, 1)


def values_for(table: FakeTable, selection: dict[str, list[str]]) -> tuple[list[str], list[int], list[Any]]:
    """Cells in row-major order over the selected variables (eliminated ones are summed away)."""
    chosen = [v for v in table.variables if v.code in selection]
    ids = [v.code for v in chosen]
    sizes = [len(selection[v.code]) for v in chosen]
    values: list[Any] = []
    for combo in itertools.product(*(selection[v.code] for v in chosen)):
        coords: dict[str, str] = {}
        shares = 1.0
        for var, code in zip(chosen, combo, strict=True):
            if var.role == "time":
                coords["period"] = code
            elif var.role in {"region", "sex", "measure"}:
                coords[var.role] = var.canonical[code]
            elif not TOTAL.match(var.labels[code]):
                shares /= max(len(var.values), 1)
        values.append(cell_value(table, coords, shares))
    return ids, sizes, values


def jsonstat(table: FakeTable, selection: dict[str, list[str]] | None, *, v2: bool) -> dict[str, Any]:
    """Metadata (selection None: every value, `value: []`) or a data answer, as json-stat2."""
    if selection is None:
        ids = [v.code for v in table.variables]
        sizes = [len(v.values) for v in table.variables]
        chosen_codes = {v.code: v.values for v in table.variables}
        values: list[Any] = []
    else:
        ids, sizes, values = values_for(table, selection)
        chosen_codes = selection
    doc: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": table.label,
        "source": "regstats fejkad publicerare (exempeldata)",
        "updated": table.updated,
        "role": {
            "time": [table.time.code],
            "metric": [v.code for v in table.variables if v.role == "measure"],
        },
        "id": ids,
        "size": sizes,
        "dimension": {code: _dimension(table.variable(code), list(chosen_codes[code]), v2) for code in ids},
        "value": values,
    }
    if table.notes:
        doc["note"] = list(table.notes)
    if v2:
        doc["extension"] = {
            "px": {"tableid": table.id, "decimals": 1, "official-statistics": False, "language": "sv"},
            "discontinued": table.discontinued,
        }
        if table.notes:
            doc["extension"]["noteMandatory"] = {str(i): True for i in range(len(table.notes))}
    if any(v is None for v in values):
        doc["status"] = {str(i): ".." for i, v in enumerate(values) if v is None}
    return doc


def v1_metadata(table: FakeTable) -> dict[str, Any]:
    return {
        "title": table.label,
        "variables": [
            {
                "code": v.code,
                "text": v.label,
                "values": v.values,
                "valueTexts": [v.labels[c] for c in v.values],
                "elimination": v.elimination,
                **({"time": True} if v.role == "time" else {}),
            }
            for v in table.variables
        ],
    }
