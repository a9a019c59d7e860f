"""The fake PxWeb v1 publishers: Konjunkturinstitutet, Tillväxtanalys and SCB's v1 API (AKU by
county), each a folder tree with listings, table metadata and json-stat2 data.

Tillväxtanalys is served as it really behaves (transcribed shape): regions and months are
running numbers with the real code in the label, there is no Riket row, and the monthly table
has carried four file names and two sets of variable codes in 2025–26 (`GENERATIONS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from regstats.fakes import recorded, render, synthetic
from regstats.fakes.answers import Answer
from regstats.fakes.tables import Coords, FakeTable, from_v1
from regstats.geography import RIKET, region_code_from_label
from regstats.periods import period_start

KI_FOLDER = "KonjBar/indikatorer"
TVA_FOLDER = "Tillväxtanalys statistikdatabas/Konkurser och offentliga ackord"
NEW_FIRMS_FOLDER = "Tillväxtanalys statistikdatabas/Nystartade företag"
NEW_FIRMS_FILE = "nystartade_foretag_kvartal_lan.px"  # renamed from nyaf_kvartal_lan_2011.px 2025-09-22 (§0b)
MAX_VALUES = {"ki": 1000, "tva": 1000, "scb1": 100_000}  # values per call (SOURCES.md; SCB v1: conservative)


@dataclass(frozen=True)
class Generation:
    """One published form of Tillväxtanalys' monthly county table."""

    file: str
    region_code: str
    time_code: str


GENERATIONS = {
    "2024": Generation("konk_manad_lan_1996.px", "län", "månad"),
    "2025-04": Generation("12_konk_manad_lan_1996.px", "län", "månad"),
    "2025-05": Generation("konk_manad_lan_1996.px", "län", "månad"),
    "2025-10": Generation("konkurser_manad_lan.px", "Län", "Tid"),
    "2026-07": Generation("11_konkurser_manad_lan.px", "Län", "Tid"),
}
NEWEST = "2026-07"
# The other table in the folder (name seen 2025–26; its title text is not recorded).
TVA_OTHER = {
    "id": "14_anstallda_manad_kom_bransch_juridisk_form_popAH.px",
    "type": "t",
    "text": "Anställda berörda av konkurser efter månad, kommun, bransch och juridisk form",
    "updated": "2026-07-13T09:00:00",
}


def _untitled(title: str) -> str:
    """Transcribed titles are marked 'GUESSED: …'; the fake serves the guess without the mark."""
    return title.removeprefix("GUESSED: ")


def _sentiment(coords: Coords) -> float | None:
    return synthetic.sentiment(coords["measure"], period_start(coords["period"]))


def _bankruptcies(coords: Coords) -> float | None:
    return synthetic.bankruptcies(coords.get("region", RIKET), period_start(coords["period"]), coords["measure"])


def ki_table(today: date) -> FakeTable:
    doc = recorded.load("Indikatorm_v1_metadata.TRANSCRIBED.json")
    doc["title"] = _untitled(doc["title"])
    return from_v1(
        "Indikatorm.px",
        doc,
        {"Indikator": ("measure", lambda code, _label: code)},
        _sentiment,
        time_unit="Monthly",
        lag_days=0,
        today=today,
        updated=f"{today:%Y-%m}-{min(today.day, 27):02d}T08:00:00",
    )


def tva_table(today: date, generation: str = NEWEST) -> FakeTable:
    form = GENERATIONS[generation]
    doc = recorded.load("konk_manad_lan_v1_metadata.TRANSCRIBED.json")
    doc["title"] = _untitled(doc["title"])
    renamed = {"län": form.region_code, "månad": form.time_code}
    for var in doc["variables"]:
        var["code"] = renamed.get(var["code"], var["code"])
    return from_v1(
        form.file,
        doc,
        {
            form.region_code: ("region", lambda _code, label: region_code_from_label(label)),
            "variabel": (
                "measure",
                lambda _code, label: "employees" if "anställda" in label.lower() else "bankruptcies",
            ),
        },
        _bankruptcies,
        time_unit="Monthly",
        lag_days=12,
        today=today,
        updated=f"{today:%Y-%m}-10T09:00:00",
        running_time_codes=True,
    )


def _new_firms(coords: Coords) -> float | None:
    return synthetic.new_firms(coords.get("region", RIKET), period_start(coords["period"]))


def new_firms_table(today: date) -> FakeTable:
    """Quarters coded 2024Q2 and listed newest first; regions as in the bankruptcy table (§0b)."""
    doc = recorded.load("nystartade_foretag_kvartal_lan_v1_metadata.TRANSCRIBED.json")
    doc["title"] = _untitled(doc["title"])
    return from_v1(
        NEW_FIRMS_FILE,
        doc,
        {
            "Län": ("region", lambda _code, label: region_code_from_label(label)),
            "variabel": ("measure", lambda _code, _label: "new_firms"),
        },
        _new_firms,
        time_unit="Quarterly",
        lag_days=50,
        today=today,
        updated=f"{today:%Y-%m}-15T09:00:00",
        quarter_mark="Q",
    )


class FakePxWeb1:
    """Folder path → the tables in it (and entries listed beside them)."""

    def __init__(
        self,
        folders: dict[str, list[FakeTable]],
        others: dict[str, list[dict[str, Any]]] | None = None,
        max_values: int = 1000,
    ):
        self.folders = folders
        self.others = others or {}
        self.max_values = max_values

    def answer(self, method: str, path: str, body: Any) -> Any:
        path = path.strip("/")
        if path in self.folders or path in self.others:
            tables = self.folders.get(path, [])
            entries = [{"id": t.id, "type": "t", "text": t.label, "updated": t.updated} for t in tables]
            return entries + self.others.get(path, [])
        folder, _, name = path.rpartition("/")
        table = next((t for t in self.folders.get(folder, []) if t.id == name), None)
        if table is None:
            raise Answer(404, "404 Not Found", "text/plain")
        if method == "GET":
            return render.v1_metadata(table)
        return render.jsonstat(table, _selection(table, body, self.max_values), v2=False)


def _selection(table: FakeTable, body: Any, max_values: int) -> dict[str, list[str]]:
    try:
        chosen = {}
        for item in body["query"]:
            var = table.variable(item["code"])
            kind, values = item["selection"]["filter"], list(item["selection"].get("values", []))
            if kind == "all":
                values = var.values
            elif kind == "top":
                values = var.values[-int(values[0]) :]
            elif kind != "item" or any(v not in var.values for v in values):
                raise KeyError(kind)
            chosen[var.code] = values
    except (KeyError, TypeError, StopIteration, ValueError, IndexError):
        raise Answer(400, "400 Bad Request", "text/plain") from None
    for var in table.variables:
        if var.code not in chosen and not var.elimination:
            raise Answer(400, "400 Bad Request", "text/plain")
    cells = 1
    for values in chosen.values():
        cells *= len(values)
    if cells > max_values:
        raise Answer(403, "403 Forbidden - too many values selected", "text/plain")
    return chosen
