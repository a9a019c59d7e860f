"""The public API for notebooks and scripts: read the store, transform, chart, and read a
meeting's deck. Thin on purpose — each call is the one the dashboard and the deck use.

    import regstats as rs
    frame = rs.load("sick_leave_days")
    women = rs.rows(frame, "sick_pay_days", region="23", sex="K")
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from regstats.analysis.tidy import line
from regstats.analysis.transform import apply
from regstats.catalog import load_catalog
from regstats.figures import charts
from regstats.meeting.build import deck_for
from regstats.meeting.slides import BuiltDeck
from regstats.meeting.snapshot import load_meeting, parse_day
from regstats.store import data_dir as default_data_dir
from regstats.store.reading import reading_store


def _root(data_dir: str | Path | None) -> Path:
    return Path(data_dir).resolve() if data_dir else default_data_dir()


def catalog() -> pd.DataFrame:
    """One row per series and measure: id, title, unit, publisher, frequency."""
    return pd.DataFrame(
        [
            {
                "series": s.id,
                "title": s.title_sv,
                "measure": m.id,
                "measure_title": m.title_sv,
                "unit": m.unit,
                "publisher": s.publisher,
                "frequency": s.frequency,
            }
            for s in load_catalog().values()
            for m in s.measures
        ]
    )


def load(
    series_id: str,
    *,
    as_of: str | date | None = None,
    meeting: str | date | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """A series' tidy rows: the current revision, the revision stored at `as_of`, or the one a
    meeting froze. `frame.attrs` says whether it is sample data and which revision it is."""
    root = _root(data_dir)
    store = reading_store(root)
    if meeting is not None:
        day = meeting if isinstance(meeting, date) else parse_day(meeting)
        stored = store.read_vintage(series_id, load_meeting(root, day).vintages[series_id])
    elif as_of is not None:
        when = as_of if isinstance(as_of, datetime) else datetime.fromisoformat(str(as_of))
        stored = store.read(series_id, as_of=when)
    else:
        stored = store.read(series_id)
    frame = stored.frame.copy()
    frame.attrs = {"series": series_id, "sample": stored.is_sample, "vintage": stored.vintage, "data_dir": str(root)}
    return frame


def rows(frame: pd.DataFrame, measure: str, *, region: str = "23", sex: str = "T", breakdown: str = "") -> pd.Series:
    """One line of a series as values indexed by period."""
    return line(frame, measure, region, sex, breakdown).rename(f"{measure} {region} {sex}")


def transform(frame: pd.DataFrame, how: str, *, measure: str, base: str | None = None) -> tuple[pd.DataFrame, str]:
    """level | yoy | index | ma | per10k, as in the dashboard; returns the rows and their unit."""
    series = load_catalog()[frame.attrs["series"]]
    unit = series.measure(measure).unit
    chosen = frame[frame["measure"] == measure]
    population = None
    if how == "per10k":
        population = load("population", data_dir=frame.attrs.get("data_dir"))
        population = population[population["measure"] == "month_end"]
    result = apply(
        chosen, how, unit, series.frequency, base=pd.Timestamp(base) if base else None, population=population
    )
    result.frame.attrs = frame.attrs
    return result.frame, result.unit


def line_chart(frame: pd.DataFrame, regions: list[str], *, title: str, unit: str, sex: str = "T") -> go.Figure:
    """The dashboard's line chart (Swedish, accessible palette, marked as sample when it is)."""
    shown = frame[(frame["sex"] == sex) & (frame["breakdown"] == "")]
    return charts.lines_by_region(shown, regions, title=title, unit=unit, sample=frame.attrs.get("sample", False))


def deck(meeting: str | date | None = None, *, data_dir: str | Path | None = None) -> BuiltDeck:
    """A meeting's slides (or the draft on the current data), as the presentation shows them."""
    day = meeting if isinstance(meeting, date) or meeting is None else parse_day(meeting)
    return deck_for(_root(data_dir), day)


def deck_numbers(built: BuiltDeck) -> pd.DataFrame:
    """Every sentence of a deck with the numbers behind it, one row per number."""
    records = []
    for slide in built.slides:
        for sentence in slide.sentences:
            for name, value in (sentence.numbers or {"": None}).items():
                records.append(
                    {
                        "bild": slide.number,
                        "rubrik": slide.title,
                        "nyckel": sentence.key,
                        "mening": sentence.text,
                        "tal": name,
                        "värde": value,
                    }
                )
    return pd.DataFrame(records)
