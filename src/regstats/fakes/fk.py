"""The fake Försäkringskassan API: dataset meta and rows, with its silent `[]` answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from regstats.fakes import synthetic
from regstats.geography import COUNTIES, RIKET

SEX_LABELS = {"ALL": "Kvinnor och män", "K": "Kvinnor", "M": "Män"}


def latest_month(today: date) -> date:
    index = today.year * 12 + today.month - 1 - 2  # published about six weeks after the month
    return date(index // 12, index % 12 + 1, 1)


class FakeFk:
    def __init__(self, today: date) -> None:
        self.last = latest_month(today)
        self.tables = {"ohm-sjptal": "SJPsjptal", "sjp-pagaende-sjukfall-diagnos": "SJPPagSjukfallDiagnosLan"}
        self.observation_names = {"ohm-sjptal": ["sjukpenningtal"], "sjp-pagaende-sjukfall-diagnos": ["antal", "andel"]}

    def _dimensions(self, dataset: str) -> list[dict[str, Any]]:
        def dim(key: str, label: str, values: dict[str, str]) -> dict[str, Any]:
            return {"key": key, "label": label, "values": [{"code": c, "label": t} for c, t in values.items()]}

        years = {str(y): str(y) for y in range(2015, self.last.year + 1)}
        dims = [
            dim("ar", "År", years),
            dim("manad", "Månad", {f"{m:02d}": f"{m:02d}" for m in range(1, 13)}),
            dim("lan_kod", "Län", {"ALL": "Riket", **{c: f"{c} {n}" for c, n in COUNTIES.items()}}),
            dim("kon_kod", "Kön", SEX_LABELS),
        ]
        if dataset == "ohm-sjptal":
            dims.append(
                dim(
                    "kommun_kod",
                    "Kommun",
                    {"ALL": "Riket", **{f"ALL_{c}": n for c, n in COUNTIES.items()}, "2380": "Östersund"},
                )
            )
            dims.append(
                dim("alder_kod", "Ålder", {"ALL": "Samtliga 16-64 år", "16-19": "16-19 år", "60-64": "60-64 år"})
            )
        else:
            dims.append(
                dim(
                    "diagnoskapitel_kod",
                    "Diagnoskapitel",
                    {"ALL": "Samtliga diagnoskapitel", "F00-F99": "Psykiska sjukdomar", "M00-M99": "Muskuloskeletala"},
                )
            )
        return dims

    def meta(self, dataset: str) -> dict[str, Any] | None:
        if dataset not in self.tables:
            return None
        return {"dataset": dataset, "tables": [{"name": self.tables[dataset]}], "dimensions": self._dimensions(dataset)}

    def rows(self, dataset: str, table: str, params: dict[str, str]) -> list[dict[str, Any]]:
        """Like the real API: a wrong table or a wrong parameter value gives 200 with []."""
        if self.tables.get(dataset) != table:
            return []
        dims = {d["key"]: [v["code"] for v in d["values"]] for d in self._dimensions(dataset)}
        chosen: dict[str, list[str]] = {}
        for key, codes in dims.items():
            wanted = params.get(key, "").split(",") if key in params else [codes[0]]
            if any(w not in codes for w in wanted):
                return []
            chosen[key] = wanted
        if (
            "kommun_kod" in chosen
            and "ALL" not in chosen["kommun_kod"]
            and not all(f"ALL_{c}" in chosen["kommun_kod"] for c in chosen["lan_kod"] if c != "ALL")
        ):
            return []
        out = []
        for year in chosen["ar"]:
            for month in chosen["manad"]:
                period = date(int(year), int(month), 1)
                if period > self.last or period < date(2015, 1, 1):
                    continue
                for lan in chosen["lan_kod"]:
                    region = RIKET if lan == "ALL" else lan
                    for sex in chosen["kon_kod"]:
                        tidy_sex = "T" if sex == "ALL" else sex
                        dimensions = {"ar": year, "manad": month, "lan_kod": lan, "kon_kod": sex}
                        if "kommun_kod" in chosen:
                            dimensions["kommun_kod"] = "ALL" if lan == "ALL" else f"ALL_{lan}"
                        out.append(
                            {
                                "dimensions": dimensions,
                                "observations": self._observations(dataset, region, tidy_sex, period),
                            }
                        )
        return out

    def _observations(self, dataset: str, region: str, sex: str, period: date) -> dict[str, Any]:
        days = synthetic.sick_pay_days(region, sex, period)
        if dataset == "ohm-sjptal":
            return {self.observation_names[dataset][0]: {"rojd": False, "value": days}}
        share = synthetic.sick_leave_share(region, sex, period)
        insured = (
            synthetic.labour_force(region, sex, period)
            if region != RIKET
            else sum(synthetic.labour_force(c, sex, period) for c in COUNTIES)
        )
        suppressed = region == "09" and sex == "M" and period.month == 7  # a masked cell, as FK's rojd
        antal, andel = self.observation_names[dataset]
        return {
            antal: {"rojd": suppressed, "value": None if suppressed else round(insured * share / 100)},
            andel: {"rojd": False, "value": share},
        }
