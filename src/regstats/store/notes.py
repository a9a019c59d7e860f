"""The analyst's dated notes: a plant closure, a large notice, a policy change. Kept in the
analyst's store (`notes.yaml` beside the manifest), edited with `regstats note add|list|remove`,
drawn on charts and slides like the catalog's series breaks and listed in downloads.

A note covers a month or a range of months, and may be limited to some series and regions; a note
limited to nothing applies everywhere."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import yaml

from regstats.errors import InputError, StoreError

NOTES_FILE = "notes.yaml"
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_TEXT = 200  # a note is read on a chart: one line


@dataclass(frozen=True)
class Note:
    id: int
    start: str  # YYYY-MM
    text: str
    end: str | None = None  # YYYY-MM, for a range
    series: tuple[str, ...] = ()  # empty: every series
    regions: tuple[str, ...] = ()  # empty: every region
    created: str = ""

    def applies(self, series_id: str, regions: Iterable[str]) -> bool:
        shown = set(regions)
        return (not self.series or series_id in self.series) and (not self.regions or bool(shown & set(self.regions)))

    @property
    def when(self) -> str:
        return f"{self.start}–{self.end}" if self.end else self.start


def notes_path(root: Path) -> Path:
    return Path(root) / NOTES_FILE


def load_notes(root: Path) -> list[Note]:
    """Every note, oldest id first; none when the analyst has written none."""
    path = notes_path(root)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return []
    return list(_read(str(path), stamp))


@lru_cache(maxsize=8)
def _read(path: str, stamp: int) -> tuple[Note, ...]:
    try:
        raw = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        items = raw.get("notes", [])
        notes = tuple(
            Note(
                id=int(item["id"]),
                start=str(item["start"]),
                text=str(item["text"]),
                end=str(item["end"]) if item.get("end") else None,
                series=tuple(item.get("series") or ()),
                regions=tuple(str(r) for r in item.get("regions") or ()),
                created=str(item.get("created", "")),
            )
            for item in items
        )
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(
            f"Anteckningsfilen {Path(path).name} kan inte läsas: {exc}",
            hint="rätta eller ta bort filen; regstats note list visar vad som går att läsa",
        ) from None
    return notes


def add_note(
    root: Path,
    start: str,
    text: str,
    *,
    end: str | None = None,
    series: Iterable[str] = (),
    regions: Iterable[str] = (),
    now: datetime | None = None,
) -> Note:
    """Checks the note, gives it the next id and writes the file whole (never half a file)."""
    from regstats.catalog import load_catalog
    from regstats.geography import AREAS

    _check_month(start, "från")
    if end is not None:
        _check_month(end, "till")
        if end < start:
            raise InputError(f"Slutmånaden {end} ligger före startmånaden {start}")
    text = " ".join(str(text).split())
    if not text or len(text) > MAX_TEXT:
        raise InputError(f"En anteckning är 1–{MAX_TEXT} tecken (den här har {len(text)})")
    catalog = load_catalog()
    if unknown := [s for s in series if s not in catalog]:
        raise InputError(f"Okänd serie {', '.join(unknown)}", hint="regstats list visar katalogen")
    if unknown := [r for r in regions if r not in AREAS]:
        raise InputError(f"Okänd regionkod {', '.join(unknown)}", hint="t.ex. 00 (riket), 23 eller 2380")
    notes = load_notes(root)
    note = Note(
        id=max((n.id for n in notes), default=0) + 1,
        start=start,
        text=text,
        end=end,
        series=tuple(dict.fromkeys(series)),
        regions=tuple(dict.fromkeys(regions)),
        created=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
    )
    _write(root, [*notes, note])
    return note


def remove_note(root: Path, note_id: int) -> Note:
    notes = load_notes(root)
    found = next((n for n in notes if n.id == note_id), None)
    if found is None:
        raise InputError(f"Ingen anteckning har nummer {note_id}", hint="regstats note list visar dem")
    _write(root, [n for n in notes if n.id != note_id])
    return found


def _check_month(value: str, what: str) -> None:
    if not MONTH.match(value or ""):
        raise InputError(f"Månaden ({what}) skrivs ÅÅÅÅ-MM, t.ex. 2026-03 (fick {value!r})")


def _write(root: Path, notes: list[Note]) -> None:
    path = notes_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    items = [{k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(n).items() if v not in (None, ())}
             for n in notes]
    text = "# The analyst's notes, drawn on charts and slides (regstats note add|list|remove).\n"
    text += yaml.safe_dump({"notes": items}, allow_unicode=True, sort_keys=False)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".notes-", suffix=".yaml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
