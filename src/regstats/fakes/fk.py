"""The fake Försäkringskassan API in its real shapes (recorded/fk_*.TRANSCRIBED.json):

- meta lists the tables under `filter.uppdelning` and dimensions under `filter.dimension`
  (`{key, label, values: [{key, label}]}`); served at `{dataset}/meta/json` and `{dataset}/meta.json`
  (both forms are seen in public code);
- rows are `{row_nr, dimensions, observations: {<measure>: {rojd, value}}}`; sjukpenningtal's
  measure is `spt`; Riket is `lan_kod=ALL` with `kommun_kod=ALL_ALL`, a county `ALL_NN`;
  `23_ALL` and any unknown parameter or value answer `200 []`;
- the month key is `manad` in some datasets and `man` in others (`month_key` switches it);
- in the diagnosis table `andel` is a chapter's share of the ongoing cases (ALL = 100).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from regstats.fakes import synthetic
from regstats.geography import COUNTIES, RIKET

SEX_LABELS = {"ALL": "Kvinnor och män", "K": "Kvinnor", "M": "Män"}
# Chapter → share of ongoing cases (F00-F99 49.9 % nationally in June 2024, per the recording).
CHAPTERS = {
    "ALL": ("Samtliga diagnoskapitel", 1.0),
    "F00-F99": ("Psykiska sjukdomar och syndrom", 0.499),
    "M00-M99": ("Sjukdomar i muskuloskeletala systemet", 0.16),
}
FIRST = date(2015, 1, 1)


def latest_month(today: date) -> date:
    index = today.year * 12 + today.month - 1 - 2  # published about six weeks after the month
    return date(index // 12, index % 12 + 1, 1)


class FakeFk:
    def __init__(self, today: date) -> None:
        self.last = latest_month(today)
        self.tables = {"ohm-sjptal": "SJPsjptal", "sjp-pagaende-sjukfall-diagnos": "SJPPagSjukfallDiagnosLan"}
        self.month_key = {"ohm-sjptal": "manad", "sjp-pagaende-sjukfall-diagnos": "manad"}

    def _dimensions(self, dataset: str) -> dict[str, dict[str, str]]:
        """Dimension key → value key → label, in the order rows carry them."""
        years = {str(y): str(y) for y in range(FIRST.year, self.last.year + 1)}
        months = {f"{m:02d}": f"{m:02d}" for m in range(1, 13)}
        counties = {c: f"{c} {n}" for c, n in COUNTIES.items()}
        if dataset == "ohm-sjptal":
            return {
                "ar": years,
                self.month_key[dataset]: months,
                "lan_kod": {"ALL": "Riket", **counties},
                "kommun_kod": {"ALL_ALL": "Riket", **{f"ALL_{c}": n for c, n in counties.items()}, "2380": "Östersund"},
                "kon_kod": SEX_LABELS,
                "aldersklass_kod": {"ALL": "16-64 år", "16-29": "16-29 år", "60-64": "60-64 år"},
            }
        return {
            "ar": years,
            self.month_key[dataset]: months,
            "kon_kod": SEX_LABELS,
            "diagnoskapitel_kod": {k: label for k, (label, _) in CHAPTERS.items()},
            "lan_kod": {"ALL": "Riket", **counties},
        }

    def meta(self, dataset: str) -> dict[str, Any] | None:
        if dataset not in self.tables:
            return None
        measures = {"ohm-sjptal": [("spt", "Sjukpenningtal 1.0")]}.get(
            dataset, [("andel", "Andel pågående sjukfall (%)"), ("antal", "Antal pågående sjukfall")]
        )
        shown = [k for k in self._dimensions(dataset) if k.endswith("_kod")]  # ar/manad are not listed
        return {
            "key": self.tables[dataset],
            "table": {"columns": [{"key": k, "label": label, "format": "decimal"} for k, label in measures]},
            "filter": {
                "dimension": [
                    {"key": key, "label": key, "values": [{"key": v, "label": t} for v, t in values.items()]}
                    for key, values in self._dimensions(dataset).items()
                    if key in shown
                ],
                "uppdelning": [self.tables[dataset]],
            },
        }

    def rows(self, dataset: str, table: str, params: dict[str, str]) -> list[dict[str, Any]]:
        """Like the real API: a wrong table, parameter or value gives 200 with []."""
        if self.tables.get(dataset) != table:
            return []
        dims = self._dimensions(dataset)
        if any(key not in dims for key in params):
            return []
        chosen: dict[str, list[str]] = {}
        for key, values in dims.items():
            wanted = params[key].split(",") if key in params else list(values)
            if any(w not in values for w in wanted):
                return []
            chosen[key] = wanted
        out: list[dict[str, Any]] = []
        month_key = self.month_key[dataset]
        for year in chosen["ar"]:
            for month in chosen[month_key]:
                period = date(int(year), int(month), 1)
                if not FIRST <= period <= self.last:
                    continue
                for lan in chosen["lan_kod"]:
                    region = RIKET if lan == "ALL" else lan
                    for row_dims, observations in self._cells(dataset, chosen, lan, region, period):
                        dimensions = {"ar": year, month_key: month, **row_dims}
                        out.append({"row_nr": len(out) + 1, "dimensions": dimensions, "observations": observations})
        return out

    def _cells(self, dataset: str, chosen: dict[str, list[str]], lan: str, region: str, period: date):
        if dataset == "ohm-sjptal":
            kommun = "ALL_ALL" if lan == "ALL" else f"ALL_{lan}"
            if kommun not in chosen["kommun_kod"]:
                return
            for sex in chosen["kon_kod"]:
                for age in chosen["aldersklass_kod"]:
                    days = synthetic.sick_pay_days(region, "T" if sex == "ALL" else sex, period)
                    if age != "ALL":
                        days = round(days * (1.3 if age == "60-64" else 0.6), 1)
                    yield (
                        {"lan_kod": lan, "kommun_kod": kommun, "kon_kod": sex, "aldersklass_kod": age},
                        {"spt": {"rojd": False, "value": days}},
                    )
            return
        for sex in chosen["kon_kod"]:
            tidy_sex = "T" if sex == "ALL" else sex
            share = synthetic.sick_leave_share(region, tidy_sex, period)
            insured = (
                synthetic.labour_force(region, tidy_sex, period)
                if region != RIKET
                else sum(synthetic.labour_force(c, tidy_sex, period) for c in COUNTIES)
            )
            cases = insured * share / 100
            for chapter in chosen["diagnoskapitel_kod"]:
                part = CHAPTERS[chapter][1]
                if chapter == "F00-F99":  # psychiatric diagnoses weigh more for women, and grow
                    part += {"K": 0.04, "M": -0.06, "T": 0.0}[tidy_sex] + 0.002 * (period.year - 2020)
                suppressed = region == "09" and sex == "M" and period.month == 7 and chapter != "ALL"
                count = None if suppressed else round(cases * part)
                yield (
                    {"kon_kod": sex, "diagnoskapitel_kod": chapter, "lan_kod": lan},
                    {
                        "andel": {"rojd": suppressed, "value": None if suppressed else round(100 * part, 1)},
                        "antal": {"rojd": suppressed, "value": count},
                    },
                )
