"""What every protocol client returns, so the pipeline does not care which protocol it used."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class SourceVersion:
    """A table as the publisher describes it before we download it (the freshness probe)."""

    table: str
    label: str
    updated: str | None
    last_period: str | None = None
    discontinued: bool | None = None


@dataclass
class Piece:
    """The tidy rows one query produced, and what the publisher said about them."""

    frame: pd.DataFrame
    version: SourceVersion
    notes: list[str] = field(default_factory=list)
    mandatory_notes: list[str] = field(default_factory=list)
    requests: int = 0


def chunk_time_codes(codes: list[str], other_cells: int, limit: int) -> list[list[str]]:
    """Split the time codes so each request stays within `limit` cells (time first, per SCB)."""
    per_chunk = limit // max(other_cells, 1)
    if per_chunk < 1:
        raise ValueError(f"en enda period ger {other_cells} celler, över gränsen {limit}")
    return [codes[i : i + per_chunk] for i in range(0, len(codes), per_chunk)]
