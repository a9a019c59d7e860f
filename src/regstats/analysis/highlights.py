"""Swedish highlight sentences written from the data by fixed, documented rules.

Every rule returns a Highlight (the sentence and the amounts behind it) or None when its data is
missing — a rule never guesses. A comparative word ("lägre än", "ökar", "i nivå med") is chosen
from the numbers *as the sentence prints them* (`Amount.shown`), so the words and the printed
numbers cannot disagree. Thresholds, in one place so they can be cited:

- level against Riket: "i nivå med" when the printed values are equal, or (counts and counts
  per inhabitant) within 1 % of Riket's printed value;
- direction: the latest period against the same period a year earlier (most of these series are
  not seasonally adjusted, so a month is only comparable with the same month), computed from the
  printed values: rates (procent, dagar) "oförändrad" below 0,1, "något" below 0,5, otherwise a
  plain "ökar"/"minskar"; sentiment indices (mean 100, sd 10) below 0,5 and 2 index points; counts
  and counts per inhabitant in per cent below 2 % and 10 %;
- a divergence between women and men when their directions differ and neither is "oförändrad",
  over a year, else over the window the chart shows (the sentence names the start).

Every rule is handed exactly the rows its chart draws (transform and window applied), and the
unit they are in, so a sentence never quotes a number the chart does not show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from regstats.analysis.tidy import twelve_month_totals
from regstats.analysis.transform import year_to_date as ytd_totals
from regstats.formatting import SHORT_MONTHS_SV, number_sv, period_label

RATE_UNITS = {"procent", "procentenheter", "dagar", "index"}
FLAT = {"rate": 0.1, "index": 0.5, "count": 2.0}
SLIGHT = {"rate": 0.5, "index": 2.0, "count": 10.0}
LEVEL_SHARE = 0.01  # counts: "i nivå med" within 1 % of Riket


def kind(unit: str) -> str:
    """rate (compared in its own unit), index (points) or count (compared in per cent)."""
    if unit == "index" or unit.startswith("index"):
        return "index"
    return "rate" if unit in RATE_UNITS else "count"


def decimals(unit: str) -> int:
    return 0 if unit == "antal" else 1


def format_value(value: float, unit: str) -> str:
    """'3,9 %', '9,4 dagar', '113', '12,3 per 10 000 invånare': counts without decimals, the
    rest with one."""
    suffix = {"procent": " %", "%": " %", "dagar": " dagar", "index": "", "antal": ""}.get(unit, f" {unit}")
    if unit.startswith("index"):
        suffix = ""
    return f"{number_sv(value, decimals(unit))}{suffix}"


@dataclass(frozen=True)
class Amount:
    """A number in a sentence: its value, its unit, and the value as the sentence prints it."""

    value: float
    unit: str

    @property
    def printed(self) -> str:
        return format_value(self.value, self.unit)

    @property
    def shown(self) -> float:
        """The printed number read back: what a listener hears, and what every word is chosen from."""
        digits = number_sv(self.value, decimals(self.unit)).replace("\u00a0", "").replace("−", "-")
        return float(digits.replace(",", "."))


@dataclass(frozen=True)
class Highlight:
    text: str
    numbers: dict[str, float | str] = field(default_factory=dict)
    amounts: dict[str, Amount] = field(default_factory=dict)  # what the sentence prints, by role
    words: dict[str, str] = field(default_factory=dict)  # the comparative words it chose, by role


def year_earlier(rows: pd.Series) -> pd.Timestamp | None:
    """The same period one year before the latest, when it has a value."""
    if rows.empty:
        return None
    earlier = rows.index[-1] - pd.DateOffset(years=1)
    return earlier if earlier in rows.index else None


def change(latest: float, earlier: float, unit: str) -> float:
    """Procentenheter (or days, index points) for rates; per cent for counts."""
    return 100 * (latest / earlier - 1) if kind(unit) == "count" else latest - earlier


def printed_change(earlier: Amount, latest: Amount) -> float | None:
    """The change between two amounts as printed (None for a count from zero)."""
    if kind(latest.unit) == "count" and earlier.shown == 0:
        return None
    return change(latest.shown, earlier.shown, latest.unit)


def direction(delta: float, unit: str) -> str:
    unit_kind = kind(unit)
    size = round(abs(delta), 9)  # 13,0 − 12,9 is 0,0999… in binary; printed to one decimal it is 0,1
    if size < FLAT[unit_kind]:
        return "oförändrad"
    verb = "ökar" if delta > 0 else "minskar"
    return f"{verb} något" if size < SLIGHT[unit_kind] else verb


def compare_level(own: Amount, other: Amount) -> str:
    """'lägre än', 'högre än' or 'i nivå med', from the printed values."""
    difference = own.shown - other.shown
    close = difference == 0 or (kind(own.unit) == "count" and abs(difference) < abs(other.shown) * LEVEL_SHARE)
    return "i nivå med" if close else ("lägre än" if difference < 0 else "högre än")


def level_against_riket(
    subject: str,
    county: str,
    value: float | None,
    riket: float | None,
    unit: str,
    period: pd.Timestamp | None = None,
    frequency: str = "monthly",
    group: str | None = None,
) -> Highlight | None:
    """Against Riket, or (`group`: 'övriga Norrlandslän') against a group of counties."""
    if value is None or riket is None or pd.isna(value) or pd.isna(riket):
        return None
    own, other = Amount(float(value), unit), Amount(float(riket), unit)
    comparison = compare_level(own, other)
    when = f" i {period_label(period, frequency)}" if period is not None else ""
    verb = "var" if when else "är"
    if group is None:
        against, role = f"rikssnittet {other.printed}", "riket"
    else:  # "lägre än i grannlänen", but "i nivå med grannlänen"
        against, role = f"{'' if comparison == 'i nivå med' else 'i '}{group} ({other.printed})", group
    text = f"{subject} i {county} {verb} {own.printed}{when}, {comparison} {against}."
    return Highlight(
        text, {"län": value, role: riket}, {"län": own, role: other}, {f"län mot {role}": comparison}
    )


def recent_direction(subject: str, rows: pd.Series, unit: str, frequency: str = "monthly") -> Highlight | None:
    """`rows`: values indexed by period. The latest against the same period a year earlier."""
    rows = rows.dropna().sort_index()
    since = year_earlier(rows)
    if since is None:
        return None
    earlier, latest = Amount(float(rows[since]), unit), Amount(float(rows.iloc[-1]), unit)
    delta = printed_change(earlier, latest)
    if delta is None:
        return None
    word = direction(delta, unit)
    when = period_label(since, frequency)
    # "oförändrad" would have to agree with the subject's gender; "oförändrad nivå" always does.
    verb = "ligger på oförändrad nivå" if word == "oförändrad" else word
    text = f"{subject} {verb} jämfört med {when} ({earlier.printed} → {latest.printed})."
    return Highlight(
        text,
        {"senaste": latest.value, "tidigare": earlier.value, "förändring": delta},
        {"tidigare": earlier, "senaste": latest},
        {"förändring": word},
    )


TREND_MONTHS = 6  # how far back the trend's direction is read: half a year, as analysts say "sedan i våras"
TREND_WORDS = {
    "ökar": "pekar uppåt",
    "ökar något": "pekar svagt uppåt",
    "minskar": "pekar nedåt",
    "minskar något": "pekar svagt nedåt",
    "oförändrad": "ligger stilla",
}


def trend_direction(subject: str, rows: pd.Series, unit: str) -> Highlight | None:
    """Where a monthly series is seasonal: which way its trend (regstats' X-13 or STL) has moved
    over the last six months, in words chosen from the two printed trend values. None where the
    series cannot be adjusted (too short, or a small count)."""
    from regstats.analysis import seasonal  # statsmodels only when a slide asks for a trend

    rows = rows.dropna().sort_index()
    if rows.empty or seasonal.why_not(rows, unit):
        return None
    trend = seasonal.decompose(rows).trend
    since = trend.index[-1] - pd.DateOffset(months=TREND_MONTHS)
    if since not in trend.index:
        return None
    earlier, latest = Amount(float(trend[since]), unit), Amount(float(trend.iloc[-1]), unit)
    delta = printed_change(earlier, latest)
    if delta is None:
        return None
    word = TREND_WORDS[direction(delta, unit)]
    text = (
        f"Trenden för {_lower(subject)} {word} sedan {period_label(since, 'monthly')} "
        f"({earlier.printed} → {latest.printed}, säsongrensad av regstats, preliminär)."
    )
    return Highlight(
        text,
        {"trend tidigare": earlier.value, "trend senaste": latest.value, "förändring": delta},
        {"tidigare": earlier, "senaste": latest},
        {"trend": word},
    )


def _divergence_since(women: pd.Series, men: pd.Series, unit: str, since: pd.Timestamp) -> tuple | None:
    pairs = [(Amount(float(s[since]), unit), Amount(float(s.iloc[-1]), unit)) for s in (women, men)]
    deltas = [printed_change(a, b) for a, b in pairs]
    if None in deltas:
        return None
    words = [direction(d, unit) for d in deltas]
    if "oförändrad" in words or (deltas[0] > 0) == (deltas[1] > 0):
        return None
    return pairs, deltas, words


def sex_divergence(subject: str, women: pd.Series, men: pd.Series, unit: str) -> Highlight | None:
    """'ökar bland kvinnor men minskar bland män', when the directions differ: over a year, else
    from the first period the chart shows (the sentence names the start); with the gap between
    women and men in the latest period."""
    women, men = women.dropna().sort_index(), men.dropna().sort_index()
    if len(women) < 2 or len(men) < 2 or women.index[-1] != men.index[-1]:
        return None
    candidates = []
    if (a_year := year_earlier(women)) is not None and a_year in men.index:
        candidates.append(a_year)
    window_start = max(women.index[0], men.index[0])
    if window_start in women.index and window_start in men.index:
        candidates.append(window_start)
    for since in candidates:
        if since >= women.index[-1] or (found := _divergence_since(women, men, unit, since)) is None:
            continue
        ((w0, w1), (m0, m1)), (delta_w, delta_m), (word_w, word_m) = found
        verb_w, verb_m = word_w.split()[0], word_m.split()[0]
        text = (
            f"{subject} {verb_w} bland kvinnor men {verb_m} bland män jämfört med {period_label(since, 'monthly')} "
            f"(kvinnor {w0.printed} → {w1.printed}, män {m0.printed} → {m1.printed})."
        )
        gap = Amount(abs(w1.shown - m1.shown), unit)
        if kind(unit) != "count" and gap.shown != 0:
            higher, lower = ("kvinnor", "män") if w1.shown > m1.shown else ("män", "kvinnor")
            text += f" Nivån är {gap.printed} högre för {higher} än för {lower}."
        return Highlight(
            text,
            {"kvinnor, förändring": delta_w, "män, förändring": delta_m},
            {"kvinnor, före": w0, "kvinnor, senaste": w1, "män, före": m0, "män, senaste": m1},
            {"kvinnor": verb_w, "män": verb_m},
        )
    return None


def top_industry(
    by_industry: pd.DataFrame, labels: dict[str, str], where: str, riket: pd.DataFrame | None = None
) -> Highlight | None:
    """`by_industry`: breakdown, period, value (persons) of one region, named by `where` ("i riket",
    "i Jämtlands län"). Sum of the latest 12 months; for a county, Riket's largest beside it."""
    rows = by_industry.dropna(subset=["value"])
    if rows.empty:
        return None
    totals = twelve_month_totals(rows).sort_values(ascending=False)
    code, persons = totals.index[0], totals.iloc[0]
    text = (
        f"{where[:1].upper()}{where[1:]} berördes flest personer av varsel inom {_lower(labels.get(code, code))}: "
        f"{number_sv(persons, 0)} de senaste tolv månaderna"
    )
    numbers: dict[str, float | str] = {"näringsgren": code, "personer": persons}
    if riket is not None and not (national := riket.dropna(subset=["value"])).empty:
        national_totals = twelve_month_totals(national).sort_values(ascending=False)
        national_code = national_totals.index[0]
        text += (
            f"; i riket var det {_lower(labels.get(national_code, national_code))} "
            f"({number_sv(national_totals.iloc[0], 0)})"
        )
        numbers["riket, näringsgren"] = national_code
    return Highlight(text + ".", numbers, {"personer": Amount(float(persons), "antal")})


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def year_to_date(
    subject: str,
    rows: pd.Series,
    unit: str = "antal",
    years_back: int = 3,
    through: pd.Timestamp | None = None,
    frequency: str = "monthly",
) -> Highlight | None:
    """The year so far against the same months of earlier years. `rows` are monthly values, or —
    with `through`, the month the totals run to — yearly totals (views.select's year-to-date chart);
    both go through one definition of the total (analysis.transform.year_to_date)."""
    rows = rows.dropna().sort_index()
    if rows.empty:
        return None
    if through is None:
        frame = pd.DataFrame({"period": rows.index, "value": rows.to_numpy()})
        totals_frame, through = ytd_totals(frame.assign(measure="", region_code="", sex="", breakdown=""), frequency)
        totals = totals_frame.set_index(totals_frame["period"].dt.year)["value"]
    else:
        totals = pd.Series(rows.to_numpy(), index=rows.index.year)
    months = f"jan–{SHORT_MONTHS_SV[through.month - 1]}" if through.month > 1 else "januari"
    if unit == "%":  # the chart shows the change of the totals: say that change
        if through.year not in totals:
            return None
        value = Amount(float(totals[through.year]), unit)
        text = f"{subject} hittills i år ({months}): {_signed(value)} mot samma period {through.year - 1}."
        return Highlight(text, {"förändring": value.value}, {"förändring": value})
    if kind(unit) != "count":  # an index of totals: the chart says it better than a sentence
        return None
    earlier = totals[(totals.index < through.year) & (totals.index >= through.year - years_back)]
    if through.year not in totals or earlier.empty:
        return None
    now, mean = Amount(float(totals[through.year]), unit), Amount(float(earlier.mean()), unit)
    span = f"{earlier.index.min()}–{earlier.index.max()}" if len(earlier) > 1 else str(earlier.index.min())
    more = {"högre än": "fler än", "lägre än": "färre än", "i nivå med": "i nivå med"}[compare_level(now, mean)]
    text = f"{subject} hittills i år ({months}): {now.printed}, {more} snittet för samma period {span} ({mean.printed})"
    amounts = {"i år": now, "snitt": mean}
    words = {"mot snittet": more}
    if (through.year - 1) in totals:
        last = Amount(float(totals[through.year - 1]), unit)
        against = {"högre än": "fler än", "lägre än": "färre än", "i nivå med": "i nivå med"}[compare_level(now, last)]
        joiner = "och" if against == more else "men"
        text += f" {joiner} {against} samma period {through.year - 1} ({last.printed})."
        if (delta := printed_change(last, now)) is not None:
            text += f" Förändring mot {through.year - 1}: {_signed(Amount(delta, '%'))}."
            amounts["förändring"] = Amount(delta, "%")
        amounts["i fjol"] = last
        words["mot i fjol"] = against
    else:
        text += "."
    return Highlight(text, {"i år": now.value, "snitt tidigare år": mean.value}, amounts, words)


def _signed(amount: Amount) -> str:
    """'+21,5 %', '−3,0 procentenheter', 'oförändrat' — the sign from the printed value."""
    if amount.shown == 0:
        return "oförändrat"
    return ("+" if amount.shown > 0 else "−") + Amount(abs(amount.value), amount.unit).printed


def sentiment(name: str, rows: pd.Series) -> Highlight | None:
    """Against three months ago and against the historical mean (100), from the printed values."""
    rows = rows.dropna().sort_index()
    if len(rows) < 4:
        return None
    latest, earlier = Amount(float(rows.iloc[-1]), "index"), Amount(float(rows.iloc[-4]), "index")
    compared = {
        "oförändrad": "i nivå med",
        "ökar något": "något högre än",
        "ökar": "högre än",
        "minskar något": "något lägre än",
        "minskar": "lägre än",
    }[direction(latest.shown - earlier.shown, "index")]
    position = "över" if latest.shown > 100 else "under" if latest.shown < 100 else "vid"
    text = (
        f"I riket är {_lower(name)} {latest.printed}, {compared} för tre månader sedan ({earlier.printed}), "
        f"och {position} det historiska medelvärdet 100."
    )
    return Highlight(
        text,
        {"senaste": latest.value, "för tre månader sedan": earlier.value},
        {"senaste": latest, "för tre månader sedan": earlier},
        {"mot tre månader sedan": compared, "mot medelvärdet": position},
    )
