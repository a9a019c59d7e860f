"""The fake Arbetsförmedlingen's files that are read as sheets rather than pivot caches: the
varsel file (one sheet per year, industries × counties, as in 2023) and the time-without-work
file (sheets Total, Kön, Ålder, Utbildningsnivå, Födelseland under four heading rows, §0b)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from regstats.fakes import synthetic
from regstats.fakes.af_areas import FIRST, months, municipalities, parts
from regstats.geography import COUNTIES


def long_term_file(last: date, every_municipality: bool) -> bytes:
    """The time-without-work file as §0b describes it: visible sheets Total, Kön, Ålder,
    Utbildningsnivå and Födelseland, four heading rows, then PERIOD, LÄN, KOMMUN, (a breakdown,)
    ARBETSLÖSA and the three "Utan arbete mer än … månader" columns; small counts `<5`. The
    three breakdown sheets other than Kön hold the latest month only, to keep the file small."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    long_columns = [f"Utan arbete mer än {n} månader" for n in (6, 12, 24)]
    breakdowns = {"Total": None, "Kön": "KOEN", "Ålder": "ALDER", "Utbildningsnivå": "UTBILDNINGSNIVÅ"}
    breakdowns["Födelseland"] = "FÖDELSELAND"
    for sheet_name, column in breakdowns.items():
        sheet = book.create_sheet(sheet_name)
        sheet.append([f"Inskrivna arbetslösa efter tid utan arbete, {sheet_name.lower()} (exempeldata)"])
        sheet.append(["Arbetsförmedlingen, månadsstatistik"])
        sheet.append([])
        sheet.append(["Antal personer"])
        sheet.append(["PERIOD", "LÄN", "KOMMUN", *([column] if column else []), "ARBETSLÖSA", *long_columns])
        shown = months(last) if sheet_name in {"Total", "Kön"} else [last]
        for month in shown:
            for county, lan in COUNTIES.items():
                for m, (kom, part, level) in enumerate(parts(municipalities(county, every_municipality))):
                    counts = _long_term_counts(county, month, part * level)
                    groups = {"Kön": [("Kvinnor", "K"), ("Män", "M")]}.get(sheet_name, [("", "T")])
                    if column and sheet_name != "Kön":
                        groups = [("Samtliga", "T")]
                    for label, sex in groups:
                        row = counts[sex]
                        if county == "09" and m == 0 and month == FIRST:
                            row = [*row[:3], "<5"]  # a small count AF masks
                        sheet.append([f"{month:%Y-%m}", lan, kom, *([label] if column else []), *row])
        sheet.append([])
        sheet.append(["Källa: Arbetsförmedlingen"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def varsel_file(last: date, renamed: dict[str, str]) -> bytes:
    """Persons affected by notices, month × industry rows, one column per county."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    county_header = renamed.get("Län")
    for year in sorted({m.year for m in months(last)}):
        sheet = book.create_sheet(str(year))
        sheet.append(
            [f"Antal personer berörda av varsel {year} (exempeldata från regstats fejkade Arbetsförmedlingen)"]
        )
        sheet.append([])
        names = list(COUNTIES.values())
        if county_header:  # fault switch: a county column AF renamed
            names[0] = county_header
        sheet.append(["Månad", "Bransch", *names])
        totals = [0] * len(COUNTIES)
        for month in [m for m in months(last) if m.year == year]:
            for section, row in varsel_rows(month).items():
                totals = [a + b for a, b in zip(totals, row, strict=True)]
                sheet.append([f"{month:%Y-%m}", f"{section} {synthetic.SNI_SECTIONS[section]}", *row])
        sheet.append(["", "Summa", *totals])
        sheet.append(["Källa: Arbetsförmedlingen"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _long_term_counts(county: str, month: date, part: float) -> dict[str, list[int]]:
    """A municipality's unemployed and those without work more than 6, 12 and 24 months, per sex;
    the long-term share follows the weak-competitiveness share (sample values)."""
    out = {}
    for sex in "KM":
        rate = synthetic.af_rate(county, sex, month) / 100
        unemployed = round(synthetic.labour_force(county, sex, month) * part * rate)
        longer = synthetic.weak_share(county, month)
        out[sex] = [unemployed, *(round(unemployed * longer * f) for f in (0.9, 0.6, 0.3))]
    out["T"] = [k + m for k, m in zip(out["K"], out["M"], strict=True)]
    return out


def varsel_rows(month: date) -> dict[str, list[int]]:
    """Each county's persons spread over industries by the month's national industry mix."""
    weights = {s: synthetic.redundancy_by_industry(s, month)[1] for s in synthetic.SNI_SECTIONS}
    total = sum(weights.values()) or 1
    rows = {s: [0] * len(COUNTIES) for s in weights}
    for i, county in enumerate(COUNTIES):
        persons = synthetic.redundancy_persons(county, month)
        exact = {s: persons * w / total for s, w in weights.items()}
        counts = {s: int(v) for s, v in exact.items()}
        for s in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[: persons - sum(counts.values())]:
            counts[s] += 1  # largest remainders, so the industries add up to the county
        for s, count in counts.items():
            rows[s][i] = count
    return {s: row for s, row in rows.items() if any(row)}
