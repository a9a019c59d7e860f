"""What every protocol client returns, so the pipeline does not care which protocol it used."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from regstats.errors import ContractError


@dataclass(frozen=True)
class SourceVersion:
    """A table as the publisher describes it before we download it (the freshness probe)."""

    table: str
    label: str
    updated: str | None
    last_period: str | None = None
    discontinued: bool | None = None
    warning: str | None = None  # something the analyst should hear about even if nothing fails


@dataclass(frozen=True)
class Description:
    """What a table's metadata says, read without its data: `facts` are compared with the ones
    stored beside the series on every refresh (a renamed variable, a new unit, a discontinued
    flag); `contract` is the drift guard's (measure labels and units) where the metadata gives it;
    `checked` says in words what was checked (doctor's table)."""

    table: str
    facts: dict[str, str]
    contract: dict[str, str] = field(default_factory=dict)
    checked: str = ""

    @property
    def discontinued(self) -> bool:
        return self.facts.get("avslutad") == "ja"


def digest(items: Iterable[object]) -> str:
    """A short fingerprint of a list (codes, labels): compared, never read."""
    return hashlib.sha256("\x1f".join(map(str, items)).encode()).hexdigest()[:12]


@dataclass
class Piece:
    """The tidy rows one query produced, and what the publisher said about them."""

    frame: pd.DataFrame
    version: SourceVersion
    notes: list[str] = field(default_factory=list)
    mandatory_notes: list[str] = field(default_factory=list)
    requests: int = 0
    contract: dict[str, str] = field(default_factory=dict)  # what the numbers mean (drift guard)
    found: list[str] = field(default_factory=list)  # what a discovering reader found, for the report


def plan_time_chunks(selection: dict[str, list[str] | None], time_variable: str, limit: int) -> list[list[str]]:
    """Time codes per request for an explicit selection, within `limit` cells per request."""
    others = math.prod(len(codes) for var, codes in selection.items() if codes and var != time_variable)
    try:
        return chunk_time_codes(selection[time_variable] or [], others, limit)
    except ValueError as exc:
        raise ContractError(f"Urvalet går inte att dela: {exc}") from None


def chunk_time_codes(codes: list[str], other_cells: int, limit: int) -> list[list[str]]:
    """Split the time codes so each request stays within `limit` cells (time first, per SCB)."""
    per_chunk = limit // max(other_cells, 1)
    if per_chunk < 1:
        raise ValueError(f"en enda period ger {other_cells} celler, över gränsen {limit}")
    return [codes[i : i + per_chunk] for i in range(0, len(codes), per_chunk)]
