"""A PxWeb table's metadata (v1 or 2.0) as the facts a refresh fingerprints and the drift
guard's contract, read before any data is asked for. Pure functions."""

from __future__ import annotations

from typing import Any

from regstats.sources.base import Description, digest
from regstats.sources.jsonstat import category_units
from regstats.sources.selection import ResolvedQuery, TableVariable, contract_of


def variable_facts(variables: list[TableVariable], time_variable: str) -> dict[str, str]:
    """Each variable's code, text, codes and value texts (their fingerprints), and whether it can
    be left out. The time variable's values grow every release: only its code and text count."""
    facts: dict[str, str] = {}
    for var in variables:
        name = f"variabel {var.code}"
        facts[name] = var.label
        if var.code == time_variable:
            facts[f"{name}: roll"] = "tid"
            continue
        facts[f"{name}: koder"] = f"{len(var.values)} st ({digest(var.values)})"
        facts[f"{name}: värdetexter"] = digest(var.value_labels.get(c, c) for c in var.values)
        facts[f"{name}: kan utelämnas"] = "ja" if var.elimination else "nej"
    return facts


def metadata_units(doc: dict[str, Any]) -> dict[str, str]:
    """json-stat2 units per value code in a PxWebApi 2.0 metadata answer."""
    units: dict[str, str] = {}
    for dim in (doc.get("dimension") or {}).values():
        units |= category_units((dim or {}).get("category") or {})
    return units


def selected_units(units: dict[str, str], resolved: ResolvedQuery) -> dict[str, str]:
    """The units of the value codes the query asks for (a data answer states only those)."""
    asked = {code for codes in resolved.selection.values() for code in codes or []}
    return {code: unit for code, unit in units.items() if code in asked}


def pxweb_description(
    table: str,
    variables: list[TableVariable],
    resolved: ResolvedQuery,
    units: dict[str, str] | None = None,
    discontinued: bool | None = None,
) -> Description:
    units = selected_units(units or {}, resolved)
    facts = variable_facts(variables, resolved.time_variable)
    facts |= {f"enhet {code}": unit for code, unit in units.items()}
    if discontinued is not None:
        facts["avslutad"] = "ja" if discontinued else "nej"
    contract = contract_of(table, resolved, {v.code: v.value_labels for v in variables}, units)
    checked = f"{table}: {len(variables)} variabler" + (", enheter" if units else "") + (
        ", avslutad-flagga" if discontinued is not None else ""
    )
    return Description(table, facts, contract, checked)
