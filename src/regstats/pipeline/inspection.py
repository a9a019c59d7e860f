"""What refresh and doctor both check before any data is downloaded: every table of a series
located (probed) and described from its metadata, then held to the catalog and to what is stored.

- a table the publisher marks discontinued — in its listing or only in its metadata — is refused;
- a variable the catalog names that is gone or renamed, a code it asks for that is missing:
  refused by the protocol's description (the selection is resolved against the metadata);
- units and scale the catalog does not expect, and labels or units that differ from the stored
  version's contract: refused unless the analyst accepts the change;
- the metadata's facts are compared with those stored beside the series: any difference sends a
  refresh through the full download and drift guard, and is said in the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from regstats.catalog import Query, Series
from regstats.errors import ContractError
from regstats.pipeline.drift import contract_changes, unpinned_units
from regstats.pipeline.reader import PublisherReader
from regstats.sources.base import Description, SourceVersion

Facts = dict[str, dict[str, str]]  # table → its facts


@dataclass(frozen=True)
class Inspected:
    queries: list[Query]
    versions: list[SourceVersion]
    descriptions: list[Description]

    @property
    def located(self) -> list[tuple[Query, SourceVersion]]:
        return list(zip(self.queries, self.versions, strict=True))

    @property
    def facts(self) -> Facts:
        return {d.table: d.facts for d in self.descriptions}

    @property
    def contract(self) -> dict[str, str]:
        return {k: v for d in self.descriptions for k, v in d.contract.items()}

    @property
    def checked(self) -> str:
        return "; ".join(d.checked for d in self.descriptions if d.checked)


def inspect(reader: PublisherReader, series: Series, probe: bool = True, deep: bool = False) -> Inspected:
    """Locate each table (its fallback where it is gone) and describe it, side by side."""
    located = reader.each(lambda q: reader.locate(q, probe), series.queries)
    descriptions = reader.each(lambda qv: reader.describe(*qv, deep=deep), located)
    return Inspected([q for q, _ in located], [v for _, v in located], descriptions)


def closed_tables(publisher: str, inspected: Inspected) -> ContractError | None:
    """A discontinued table (unless the catalog reads it as frozen on purpose)."""
    for query, version, description in zip(
        inspected.queries, inspected.versions, inspected.descriptions, strict=True
    ):
        if (version.discontinued or description.discontinued) and not query.frozen:
            return ContractError(
                f"{publisher} markerar tabellen {version.table} som avslutad",
                hint="serien har troligen flyttat till en ny tabell; uppdatera katalogen",
            )
    return None


def meaning_changes(series: Series, contract: dict[str, str], stored_contract: dict[str, str]) -> list[str]:
    """Units the catalog does not expect, and labels or units that differ from the stored ones."""
    return unpinned_units(series.publisher_units, contract) + contract_changes(stored_contract, contract)


def _what(key: str, old: str | None, new: str | None) -> str:
    if old is None:
        return f"ny {key} ({new})"
    if new is None:
        return f"{key} finns inte längre"
    if key.endswith(": värdetexter"):
        return f"värdetexterna i {key.removesuffix(': värdetexter')} har ändrats"
    if key.endswith(": koder"):
        return f"koderna i {key.removesuffix(': koder')} har ändrats ({old.split(' (')[0]} → {new.split(' (')[0]})"
    return f"{key}: {old!r} → {new!r}"


def fact_changes(old: Facts, new: Facts) -> list[str]:
    """What differs between two descriptions of a series' tables, in words."""
    changes = []
    for table in sorted(old.keys() | new.keys()):
        if table not in new:
            changes.append(f"{table} läses inte längre")
            continue
        if table not in old:
            changes.append(f"{table} läses nu")
            continue
        before, after = old[table], new[table]
        for key in sorted(before.keys() | after.keys()):
            if before.get(key) != after.get(key):
                changes.append(f"{table}: {_what(key, before.get(key), after.get(key))}")
    return changes
