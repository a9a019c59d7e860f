"""The fake SCB: PxWebApi 2.0 (config, table listing and search, table info, metadata, data)
serving the recorded metadata of TAB638, TAB5557, TAB6471 and TAB5663 with values modelled by
hand, every other bundled table's metadata as it stands (described.py), and the PxWeb v1 AKU
table by county (no PxWebApi 2.0 id is known for it)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from regstats.fakes import recorded, render, synthetic
from regstats.fakes.answers import Answer, scb_problem
from regstats.fakes.described import described_table, recorded_tables
from regstats.fakes.tables import SEXES, Coords, FakeTable, from_jsonstat, from_v1, region_canonical
from regstats.geography import COUNTIES, RIKET

AKU_FOLDER = "START/AM/AM0401/AM0401N"
AKU_TABLE = "NAKUBefolkningLK"


def _period(coords: Coords) -> date:
    from regstats.periods import period_start

    return period_start(coords["period"])


def _county(region: str) -> tuple[str, float]:
    """A municipality's values are a tenth of its county's: enough for a plausible sample."""
    return (region, 1.0) if len(region) == 2 else (region[:2], 0.1)


def _population(coords: Coords) -> float | None:
    region, weight = _county(coords.get("region", RIKET))
    value = synthetic.population(region, coords.get("sex", "T"), _period(coords)) * weight
    if coords.get("measure") == "growth":
        return round(value * 0.004)
    return float(round(value))


def _bas(coords: Coords) -> float | None:
    region, _ = _county(coords.get("region", RIKET))
    measure = "employment" if coords.get("measure") == "employment" else "unemployment"
    return synthetic.unemployment(region, coords.get("sex", "T"), _period(coords), measure)


def _aku(coords: Coords) -> float | None:
    """Arbetskraftstillhörighet × content (procent, thousands, and a margin for each)."""
    region, _ = _county(coords.get("region", RIKET))
    if region not in COUNTIES and region != RIKET:
        region = RIKET  # the rest-of-country aggregate 0050
    sex, period, status = coords.get("sex", "T"), _period(coords), coords.get("status", "total")
    content = coords.get("content", "percent")
    rate = synthetic.unemployment(region, sex, period, "aku")
    if content == "percent_margin":
        return synthetic.aku_margin(region)
    if content == "thousands_margin":
        return round(synthetic.aku_margin(region) * 3, 1)
    people = synthetic.population(region, sex, period) * 0.72 / 1000  # 15–74 years, thousands
    force = people * 0.74
    shares = {
        "total": (100.0, people),
        "unemployed": (rate, force * rate / 100),
        "employed": (100 * (force * (1 - rate / 100)) / people, force * (1 - rate / 100)),
        "outside": (100 * (people - force) / people, people - force),
    }
    percent, thousands = shares[status]
    return round(percent if content == "percent" else thousands, 1)


def scb_tables(today: date) -> dict[str, FakeTable]:
    region = ("region", region_canonical)
    tables = [
        from_jsonstat(
            recorded.load("TAB638_metadata.json"),
            {
                "Region": region,
                "Kon": ("sex", SEXES),
                "ContentsCode": ("measure", {"BE0101N1": "population", "BE0101N2": "growth"}),
            },
            _population,
            time_unit="Annual",
            lag_days=0,
            today=today,
            subject="BE",
            frozen=True,  # 1968–2024; TAB5557 continues it
        ),
        from_jsonstat(
            recorded.load("TAB5557_metadata.TRANSCRIBED.json"),
            {
                "Region": region,
                "Kon": ("sex", SEXES),
                "ContentsCode": ("measure", {"000007ME": "population", "000007MG": "growth"}),
            },
            _population,
            time_unit="Annual",
            lag_days=55,
            today=today,
            subject="BE",
        ),
        from_jsonstat(
            recorded.load("TAB6471_metadata.json"),
            {"Region": region, "Kon": ("sex", SEXES), "ContentsCode": ("measure", {"000007SF": "population"})},
            _population,
            time_unit="Monthly",
            lag_days=40,
            today=today,
            subject="BE",
        ),
        from_jsonstat(
            recorded.load("TAB5663_metadata.TRANSCRIBED.json"),
            {"Region": region, "NyckeltalSCB": ("measure", {"BAS02": "employment", "BAS03": "unemployment"})},
            _bas,
            time_unit="Monthly",
            lag_days=70,
            today=today,
            subject="AM",
        ),
    ]
    for table in tables:
        if table.extended:  # a new period is a new publication
            table.updated = f"{today:%Y-%m}-0{1 + len(table.id) % 8}T06:00:00Z"
    hand_made = {t.id for t in tables}
    tables += [described_table(recorded.load(name), today) for name in recorded_tables(hand_made)]
    return {t.id: t for t in tables}


def aku_table(today: date) -> FakeTable:
    contents = ["thousands", "thousands_margin", "percent", "percent_margin"]
    doc = recorded.load("NAKUBefolkningLK_v1_metadata.TRANSCRIBED.json")
    codes = next(v for v in doc["variables"] if v["code"] == "ContentsCode")["values"]
    return from_v1(
        AKU_TABLE,
        doc,
        {
            "Region": ("region", region_canonical),
            "Kon": ("sex", SEXES),
            "Arbetskraftstillh": (
                "status",
                {"TOTALT": "total", "ALÖS": "unemployed", "EIAKR": "outside", "SYS": "employed"},
            ),
            "ContentsCode": ("content", dict(zip(codes, contents, strict=True))),
        },
        _aku,
        time_unit="Quarterly",
        lag_days=45,
        today=today,
        updated=f"{today:%Y-%m}-05T08:00:00",
    )


class FakeScb:
    """PxWebApi 2.0 routes. The listing also holds the recorded search hits (e.g. TAB6387, the
    monthly AKU table without counties), so searches meet what SCB really lists."""

    def __init__(self, today: date, limits: dict[str, tuple[int, float]]) -> None:
        self.tables = scb_tables(today)
        self.limits = limits
        listing = recorded.load("tables_search_befolkning.json")["tables"]
        self.listing = {t["id"]: t for t in listing}

    def answer(self, method: str, path: str, query: dict[str, str], body: Any, base: str) -> Any:
        parts = [p for p in path.split("/") if p]
        if parts == ["config"]:
            config = copy.deepcopy(recorded.load("config.json"))
            calls, window = self.limits["scb"]  # the fake's limit may be switched by a test
            config["maxCallsPerTimeWindow"], config["timeWindow"] = calls, int(window)
            return config
        if parts == ["tables"]:
            return self._listing(query, base)
        if len(parts) < 2 or parts[0] != "tables":
            raise scb_problem(404, "Not found")
        table = self.tables.get(parts[1])
        if table is None:
            raise scb_problem(404, "Non-existent table")
        if len(parts) == 2:
            return render.table_info(table, base, self.listing.get(table.id))
        if parts[2] == "metadata":
            return render.jsonstat(table, None, v2=True)
        if parts[2] == "data" and method == "POST":
            return render.jsonstat(table, selection(table, body), v2=True)
        raise scb_problem(400, "Unsupported request")

    def _listing(self, query: dict[str, str], base: str) -> dict[str, Any]:
        words = [w.casefold() for w in query.get("query", "").split()]
        entries = [render.table_info(t, base, self.listing.get(t.id)) for t in self.tables.values()]
        entries += [copy.deepcopy(e) for i, e in self.listing.items() if i not in self.tables]
        hits = [e for e in entries if all(w in str(e["label"]).casefold() for w in words)]
        size, number = int(query.get("pageSize", 20)), int(query.get("pageNumber", 1))
        total_pages = max(1, -(-len(hits) // size))
        return {
            "language": "sv",
            "tables": hits[(number - 1) * size : number * size],
            "page": {
                "pageNumber": number,
                "pageSize": size,
                "totalElements": len(hits),
                "totalPages": total_pages,
                "links": [],
            },
            "links": [{"rel": "self", "hreflang": "sv", "href": f"{base}/tables?lang=sv"}],
        }


def selection(table: FakeTable, body: Any) -> dict[str, list[str]]:
    """Validate a data request as PxWebApi 2.0 does, with its error titles."""
    items = (body or {}).get("selection")
    if not isinstance(items, list):
        raise scb_problem(400, "Missing selection for mandantory variable")
    chosen: dict[str, list[str]] = {}
    known = {v.code: v for v in table.variables}
    for item in items:
        code, values = item.get("variableCode"), item.get("valueCodes") or []
        if code not in known:
            raise scb_problem(400, "Non-existent variable")
        if len(set(values)) != len(values):
            raise Answer(500, b"", "text/plain")  # as the live service does on duplicates
        if values == ["*"]:
            values = known[code].values
        if unknown := [v for v in values if v not in known[code].values]:
            raise scb_problem(400, "Non-existent value", f"Non-existent value {unknown[0]}")
        chosen[code] = list(values)
    for var in table.variables:
        if not var.elimination and var.code not in chosen:
            raise scb_problem(400, "Missing selection for mandantory variable")
    cells = 1
    for values in chosen.values():
        cells *= len(values)
    if cells > 150000:
        raise scb_problem(400, "Too many cells selected", "Too many cells selected")
    return chosen
