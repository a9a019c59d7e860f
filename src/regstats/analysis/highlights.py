"""Swedish highlight sentences written from the data by fixed, documented rules.

Every rule returns a Highlight (the sentence and the numbers behind it) or None when its data
is missing — a rule never guesses. Thresholds, in one place so they can be cited:

- level against Riket: "i nivå med" within 0,1 procentenheter (rates) or 1 % (other units);
- direction: the latest period against the same period a year earlier (most of these series are
  not seasonally adjusted, so a month is only comparable with the same month): rates (procent,
  dagar) "oförändrad" below 0,1, "något" below 0,5, otherwise a plain "ökar"/"minskar"; sentiment
  indices (mean 100, sd 10) below 0,5 and 2 index points; counts and counts per inhabitant in per
  cent below 2 % and 10 %;
- a divergence between women and men when their directions differ and neither is "oförändrad",
  over a year, or over the window shown when the chart shows less than a year.

Every rule is handed exactly the rows its chart draws (transform and window applied), and the
unit they are in, so a sentence never quotes a number the chart does not show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from regstats.analysis.tidy import twelve_month_totals
from regstats.formatting import SHORT_MONTHS_SV, number_sv, period_label

RATE_UNITS = {"procent", "procentenheter", "dagar", "index"}
FLAT = {"rate": 0.1, "index": 0.5, "count": 2.0}
SLIGHT = {"rate": 0.5, "index": 2.0, "count": 10.0}


@dataclass(frozen=True)
class Highlight:
    text: str
    numbers: dict[str, float | str] = field(default_factory=dict)


def kind(unit: str) -> str:
    """rate (compared in its own unit), index (points) or count (compared in per cent)."""
    if unit == "index":
        return "index"
    return "rate" if unit in RATE_UNITS else "count"


def format_value(value: float, unit: str) -> str:
    """'3,9 %', '9,4 dagar', '113', '12,3 per 10 000 invånare': counts without decimals, the
    rest with one."""
    suffix = {"procent": " %", "dagar": " dagar", "index": "", "antal": ""}.get(unit, f" {unit}")
    if unit.startswith("index"):
        suffix = ""
    return f"{number_sv(value, 0 if unit == 'antal' else 1)}{suffix}"


def year_earlier(rows: pd.Series) -> pd.Timestamp | None:
    """The same period one year before the latest, when it has a value."""
    if rows.empty:
        return None
    earlier = rows.index[-1] - pd.DateOffset(years=1)
    return earlier if earlier in rows.index else None


def change(latest: float, earlier: float, unit: str) -> float:
    """Procentenheter (or days, index points) for rates; per cent for counts."""
    return 100 * (latest / earlier - 1) if kind(unit) == "count" else latest - earlier


def direction(delta: float, unit: str) -> str:
    unit_kind = kind(unit)
    size = round(abs(delta), 9)  # 13,0 − 12,9 is 0,0999… in binary; published to one decimal it is 0,1
    if size < FLAT[unit_kind]:
        return "oförändrad"
    verb = "ökar" if delta > 0 else "minskar"
    return f"{verb} något" if size < SLIGHT[unit_kind] else verb


def level_against_riket(
    subject: str, county: str, value: float | None, riket: float | None, unit: str, period: pd.Timestamp | None = None
) -> Highlight | None:
    if value is None or riket is None or pd.isna(value) or pd.isna(riket):
        return None
    close = abs(value - riket) < (FLAT[kind(unit)] if kind(unit) != "count" else abs(riket) * 0.01)
    comparison = "i nivå med" if close else ("lägre än" if value < riket else "högre än")
    when = f" i {period_label(period, 'monthly')}" if period is not None else ""
    verb = "var" if when else "är"
    text = (
        f"{subject} i {county} {verb} {format_value(value, unit)}{when}, "
        f"{comparison} rikssnittet {format_value(riket, unit)}."
    )
    return Highlight(text, {"län": value, "riket": riket})


def recent_direction(subject: str, rows: pd.Series, unit: str) -> Highlight | None:
    """`rows`: values indexed by period. The latest against the same period a year earlier."""
    rows = rows.dropna().sort_index()
    since = year_earlier(rows)
    if since is None:
        return None
    latest, earlier = rows.iloc[-1], rows[since]
    if kind(unit) == "count" and earlier == 0:
        return None
    delta = change(latest, earlier, unit)
    word = direction(delta, unit)
    when = period_label(since, "monthly")
    # "oförändrad" would have to agree with the subject's gender; "oförändrad nivå" always does.
    verb = "ligger på oförändrad nivå" if word == "oförändrad" else word
    text = f"{subject} {verb} jämfört med {when} ({format_value(earlier, unit)} → {format_value(latest, unit)})."
    return Highlight(text, {"senaste": latest, "tidigare": earlier, "förändring": delta})


def sex_divergence(subject: str, women: pd.Series, men: pd.Series, unit: str) -> Highlight | None:
    """'sjunker bland män men ökar bland kvinnor', when the directions differ: over a year, or
    from the first period shown when the chart shows less than a year (the sentence names it)."""
    women, men = women.dropna().sort_index(), men.dropna().sort_index()
    if len(women) < 2 or len(men) < 2 or women.index[-1] != men.index[-1]:
        return None
    since = year_earlier(women)
    if since is None or since not in men.index:
        since = max(women.index[0], men.index[0])
    if since >= women.index[-1]:
        return None
    delta_w = change(women.iloc[-1], women[since], unit)
    delta_m = change(men.iloc[-1], men[since], unit)
    word_w, word_m = direction(delta_w, unit), direction(delta_m, unit)
    if "oförändrad" in (word_w, word_m) or (delta_w > 0) == (delta_m > 0):
        return None
    falls, rises = ("män", "kvinnor") if delta_m < 0 else ("kvinnor", "män")
    numbers = {
        "kvinnor": f"{format_value(women[since], unit)} → {format_value(women.iloc[-1], unit)}",
        "män": f"{format_value(men[since], unit)} → {format_value(men.iloc[-1], unit)}",
    }
    text = (
        f"{subject} sjunker bland {falls} men ökar bland {rises} jämfört med {period_label(since, 'monthly')} "
        f"(kvinnor {numbers['kvinnor']}, män {numbers['män']})."
    )
    return Highlight(text, {"kvinnor, förändring": delta_w, "män, förändring": delta_m})


def top_industry(by_industry: pd.DataFrame, labels: dict[str, str]) -> Highlight | None:
    """`by_industry`: breakdown, period, value (persons). Sum of the latest 12 months."""
    rows = by_industry.dropna(subset=["value"])
    if rows.empty:
        return None
    totals = twelve_month_totals(rows).sort_values(ascending=False)
    code, persons = totals.index[0], totals.iloc[0]
    name = labels.get(code, code)
    name = name[:1].lower() + name[1:]
    text = f"Flest personer berördes av varsel inom {name}: {number_sv(persons, 0)} de senaste tolv månaderna."
    return Highlight(text, {"näringsgren": code, "personer": persons})


def year_to_date(subject: str, rows: pd.Series, unit: str = "antal", years_back: int = 3) -> Highlight | None:
    """Counts (or counts per inhabitant) so far this year against the same months of earlier
    years that the rows hold."""
    rows = rows.dropna().sort_index()
    if rows.empty:
        return None
    latest = rows.index.max()
    same = rows[rows.index.month <= latest.month]
    totals = same.groupby(same.index.year).sum()
    earlier = totals[(totals.index < latest.year) & (totals.index >= latest.year - years_back)]
    if latest.year not in totals or earlier.empty:
        return None
    now, last_year, mean = totals[latest.year], totals.get(latest.year - 1), earlier.mean()
    months = f"jan–{SHORT_MONTHS_SV[latest.month - 1]}"
    more = "fler än" if now > mean else "färre än" if now < mean else "lika många som"
    span = f"{earlier.index.min()}–{earlier.index.max()}"
    text = f"{subject} hittills i år ({months}): {format_value(now, unit)}, {more} snittet för samma period {span} "
    text += f"({format_value(mean, unit)})"
    if last_year is not None:
        text += f" och {format_value(last_year, unit)} samma period {latest.year - 1}"
    return Highlight(text + ".", {"i år": now, "snitt tidigare år": mean})


def sentiment(name: str, rows: pd.Series) -> Highlight | None:
    """Against three months ago and against the historical mean (100)."""
    rows = rows.dropna().sort_index()
    if len(rows) < 4:
        return None
    latest, earlier = rows.iloc[-1], rows.iloc[-4]
    compared = {
        "oförändrad": "i nivå med",
        "ökar något": "något högre än",
        "ökar": "högre än",
        "minskar något": "något lägre än",
        "minskar": "lägre än",
    }[direction(latest - earlier, "index")]
    position = "över" if latest > 100 else "under" if latest < 100 else "vid"
    text = (
        f"{name} är {number_sv(latest, 1)}, {compared} för tre månader sedan ({number_sv(earlier, 1)}), "
        f"och {position} det historiska medelvärdet 100."
    )
    return Highlight(text, {"senaste": latest, "för tre månader sedan": earlier})
