"""From a catalog query and a table's metadata to (a) the selection to request and (b) how the
answer's codes become tidy columns. Pure functions shared by PxWeb v1 and v2."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from regstats.catalog import Query, VariableSpec
from regstats.classifications import SUMMED
from regstats.errors import ContractError
from regstats.geography import COUNTIES, COUNTIES_AND_RIKET, REGION_SETS, RIKET, region_code_from_label
from regstats.periods import period_start, to_timestamps
from regstats.sources.jsonstat import JsonStatDataset
from regstats.tidy import TIDY_COLUMNS

TOTAL_LABEL = re.compile(r"^(totalt|samtliga|total|båda könen|alla)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TableVariable:
    code: str
    label: str
    values: list[str]
    value_labels: dict[str, str]
    elimination: bool
    is_time: bool = False


@dataclass
class ResolvedQuery:
    """The explicit selection per variable (None = eliminated) and code → tidy-value maps."""

    selection: dict[str, list[str] | None]
    codelists: dict[str, str] = field(default_factory=dict)
    roles: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    time_variable: str = ""
    time_labels: dict[str, str] = field(default_factory=dict)  # running-number code → period code


def _find_variable(spec: VariableSpec, variables: list[TableVariable]) -> TableVariable | None:
    if spec.code:
        for var in variables:
            if var.code == spec.code:
                return var
    if spec.text:
        pattern = re.compile(spec.text)
        matches = [v for v in variables if pattern.search(v.label) or pattern.search(v.code)]
        if len(matches) == 1:
            return matches[0]
    if spec.role == "time" and not spec.code:
        times = [v for v in variables if v.is_time]
        return times[0] if len(times) == 1 else None
    return None


def _codes_by_label(spec: VariableSpec, var: TableVariable, partial: bool = False) -> dict[str, str]:
    """Tidy value → regex over labels; each code goes to the first pattern that matches it."""
    assert spec.labels is not None
    mapping: dict[str, str] = {}
    for code in var.values:
        label = var.value_labels.get(code, code)
        for tidy, pattern in spec.labels.items():
            if re.search(pattern, label):
                mapping[code] = tidy
                break
    for tidy in spec.labels:
        hits = [c for c, t in mapping.items() if t == tidy]
        if not hits and not partial:
            raise ContractError(
                f"Variabeln {var.code!r} har inget värde vars etikett matchar "
                f"{spec.labels[tidy]!r} (för {tidy!r}); etiketterna är: "
                + ", ".join(var.value_labels.get(c, c) for c in var.values[:12])
            )
        if len(hits) > 1 and spec.role in {"measure", "region"}:
            raise ContractError(
                f"Flera värden i {var.code!r} matchar {spec.labels[tidy]!r}: {hits}; "
                "gör mönstret i katalogen mer specifikt"
            )
    return mapping


def _codes_for(spec: VariableSpec, var: TableVariable, partial: bool = False, riket: bool = True) -> dict[str, str]:
    """Code → tidy value for the codes this spec selects (`partial`: those present suffice)."""
    if spec.role == "time":
        return {c: c for c in var.values}
    if spec.role == "region" and spec.from_labels:
        mapping = {}
        for code in var.values:
            region = region_code_from_label(var.value_labels.get(code, code))
            if region:
                mapping[code] = region
        wanted = set(COUNTIES_AND_RIKET) if riket else set(COUNTIES)
        missing = wanted - set(mapping.values())
        if missing and not (partial and mapping):
            raise ContractError(f"Regionvariabeln {var.code!r} saknar etiketter för {sorted(missing)}")
        return mapping
    if spec.labels and not spec.codes:
        return _checked(_codes_by_label(spec, var, partial), var, partial)
    codes = spec.codes
    if isinstance(codes, str):
        wanted = {c: c for c in REGION_SETS[codes]}
    elif isinstance(codes, dict):
        wanted = dict(codes)
    elif isinstance(codes, list):
        wanted = {c: c for c in codes}
    else:
        raise ContractError(f"Katalogen anger inga koder för {var.code!r}")
    present = {c: t for c, t in wanted.items() if c in var.values}
    if spec.labels:
        # Pinned codes first; a label pattern only discovers a value whose code is not known yet,
        # so a new value with a similar label can never take the place of a pinned one.
        unmet = {t: p for t, p in spec.labels.items() if t not in present.values()}
        if unmet:
            discovered = _codes_by_label(spec.model_copy(update={"labels": unmet}), var, partial)
            present |= {c: t for c, t in discovered.items() if c not in present}
    if isinstance(codes, dict) or spec.labels:
        # A map may list alternative spellings (e.g. 1+2 / TotSa); every tidy value must be met.
        needed = set(wanted.values()) | set(spec.labels or {})
        missing = sorted(needed - set(present.values()))
    else:
        missing = sorted(set(wanted) - set(present))
    if missing and not (partial and present):
        raise ContractError(f"Variabeln {var.code!r} saknar värdena {missing} (finns: {var.values[:12]}…)")
    return present


def _checked(mapping: dict[str, str], var: TableVariable, partial: bool) -> dict[str, str]:
    if partial and not mapping:
        raise ContractError(f"Variabeln {var.code!r} har inget av de värden katalogen behöver")
    return mapping


def _within(mapping: dict[str, str], labelled: TableVariable | None, query: Query) -> dict[str, str]:
    """Only the periods the query covers are asked for (fewer calls within a publisher's limit)."""
    if not (query.periods_from or query.periods_until):
        return mapping
    first = period_start(query.periods_from) if query.periods_from else None
    last = period_start(query.periods_until) if query.periods_until else None
    out = {}
    for code, tidy in mapping.items():
        start = period_start(labelled.value_labels.get(code, code) if labelled else code)
        if (first is None or start >= first) and (last is None or start <= last):
            out[code] = tidy
    return out


def resolve(query: Query, variables: list[TableVariable], partial: bool = False) -> ResolvedQuery:
    """Build an explicit selection covering every variable that cannot be eliminated.

    `partial` is for imported files: a file may hold a subset of regions or measures.
    """
    resolved = ResolvedQuery(selection={})
    claimed: set[str] = set()
    for spec in query.variables:
        var = _find_variable(spec, variables)
        if var is None:
            names = ", ".join(f"{v.code} ({v.label})" for v in variables)
            raise ContractError(f"Tabellen saknar variabeln {spec.name}; variablerna är nu: {names}")
        claimed.add(var.code)
        mapping = _codes_for(spec, var, partial, riket=not query.riket_from_counties)
        if spec.role == "time":
            mapping = _within(mapping, var if spec.from_labels else None, query)
        resolved.selection[var.code] = list(dict.fromkeys(mapping))  # de-duplicated, in order
        if spec.codelist:
            resolved.codelists[var.code] = spec.codelist
        if spec.role == "time":
            resolved.time_variable = var.code
            if spec.from_labels:  # Tillväxtanalys: running numbers, the period is the label
                resolved.time_labels = {c: var.value_labels.get(c, c) for c in var.values}
        elif spec.role != "fixed":
            resolved.roles[var.code] = (spec.role, mapping)
    for var in variables:
        if var.code in claimed:
            continue
        if var.elimination:
            resolved.selection[var.code] = None
            continue
        totals = [c for c in var.values if TOTAL_LABEL.match(var.value_labels.get(c, c))]
        if len(var.values) == 1 or len(totals) == 1:
            resolved.selection[var.code] = [var.values[0] if len(var.values) == 1 else totals[0]]
            continue
        raise ContractError(
            f"Tabellen kräver nu ett val för variabeln {var.code!r} ({var.label}) som katalogen "
            "inte anger och som saknar en entydig total"
        )
    if not resolved.time_variable:
        raise ContractError("Katalogens fråga anger ingen tidsvariabel")
    return resolved


def to_tidy(frame: pd.DataFrame, resolved: ResolvedQuery, query: Query) -> pd.DataFrame:
    """Answer frame (one column per variable code) → the tidy columns, without series/vintage."""
    out = pd.DataFrame(index=frame.index)
    out["region_code"] = query.fixed.get("region_code", "00")
    out["sex"] = query.fixed.get("sex", "T")
    out["breakdown"] = query.fixed.get("breakdown", "")
    out["measure"] = query.fixed.get("measure", "")
    for var_code, (role, mapping) in resolved.roles.items():
        if var_code not in frame.columns:
            raise ContractError(f"Svaret saknar variabeln {var_code!r} som efterfrågades")
        column = {"region": "region_code"}.get(role, role)
        out[column] = frame[var_code].map(mapping)
        unknown = frame.loc[out[column].isna(), var_code].unique()
        if len(unknown):
            raise ContractError(f"Svaret innehåller värden i {var_code!r} som inte efterfrågades: {list(unknown)[:5]}")
    if resolved.time_variable not in frame.columns:
        raise ContractError(f"Svaret saknar tidsvariabeln {resolved.time_variable!r}")
    time_codes = frame[resolved.time_variable].astype(str)
    if resolved.time_labels:
        time_codes = time_codes.map(resolved.time_labels).fillna(time_codes)
    out["period"] = to_timestamps(time_codes)
    out["value"] = frame["value"].astype(float)
    # json-stat may leave a cell null without a symbol; keep it visibly missing, never as 0.
    out["status"] = frame["status"].astype(str).where(out["value"].notna() | (frame["status"] != ""), "..")
    if query.periods_from:
        out = out[out["period"] >= to_timestamps(pd.Series([query.periods_from]))[0]]
    if query.periods_until:
        until = to_timestamps(pd.Series([query.periods_until]))[0]
        out = out[out["period"] <= until]
    out = out[TIDY_COLUMNS].reset_index(drop=True)
    return with_riket_sum(out) if query.riket_from_counties else out


def with_riket_sum(frame: pd.DataFrame) -> pd.DataFrame:
    """Add Riket as the sum of the 21 counties for a publisher without a Riket row. A month where
    a county is missing or suppressed gets no sum (missing, '..'), never a sum that is too small."""
    counties = frame[frame["region_code"].isin(COUNTIES)]
    keys = ["period", "sex", "breakdown", "measure"]
    grouped = counties.groupby(keys, sort=False)
    sums = grouped["value"].sum(min_count=1).rename("value").to_frame()
    complete = grouped["value"].count().eq(len(COUNTIES)) & grouped["status"].apply(lambda s: (s == "").all())
    sums["status"] = SUMMED
    sums.loc[~complete, ["value", "status"]] = [float("nan"), ".."]
    riket = sums.reset_index().assign(region_code=RIKET)[TIDY_COLUMNS]
    return pd.concat([frame[frame["region_code"] != RIKET], riket], ignore_index=True)


def measure_contract(table: str, dataset: JsonStatDataset, resolved: ResolvedQuery) -> dict[str, str]:
    """The labels and units of the measure codes read from this table (for the drift guard)."""
    return contract_of(table, resolved, {d.id: d.labels for d in dataset.dimensions}, dataset.units)


def contract_of(
    table: str, resolved: ResolvedQuery, labels: dict[str, dict[str, str]], units: dict[str, str]
) -> dict[str, str]:
    """What the numbers of the measure codes mean, as the publisher labels them, whether read
    from a data answer or from metadata: the drift guard compares it with the stored version's."""
    out: dict[str, str] = {}
    for var, (role, mapping) in resolved.roles.items():
        if role == "measure":
            out |= {f"{table} {code}: etikett": labels.get(var, {}).get(code, code) for code in mapping}
            out |= {f"{table} {code}: enhet": unit for code, unit in units.items()}
    return out
