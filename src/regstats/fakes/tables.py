"""The tables the fake publishers serve: variables as the real tables have them, and a value
function over canonical coordinates (region code, sex T/K/M, measure, period)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from regstats.fakes import synthetic
from regstats.geography import COUNTIES, REGIONS, RIKET
from regstats.periods import latest_expected_period, next_period, period_code, period_start

Coords = dict[str, str]  # role → canonical value: region, sex, measure, period


@dataclass
class FakeVariable:
    code: str
    label: str
    values: list[str]
    labels: dict[str, str]
    elimination: bool
    role: str = "other"  # region | sex | measure | time | other
    canonical: dict[str, str] = field(default_factory=dict)  # code → canonical value
    elimination_value: str | None = None


@dataclass
class FakeTable:
    id: str
    label: str
    variables: list[FakeVariable]
    value: Callable[[Coords], float | None]
    time_unit: str
    updated: str
    subject: str = "AM"
    discontinued: bool | None = None
    notes: list[str] = field(default_factory=list)
    revision: int = 0  # bumps the newest values, to exercise revisions

    def variable(self, code: str) -> FakeVariable:
        return next(v for v in self.variables if v.code == code)

    @property
    def time(self) -> FakeVariable:
        return next(v for v in self.variables if v.role == "time")

    def set_last_period(self, last: str) -> None:
        """Publish up to `last` (later periods disappear; earlier ones stay)."""
        codes, frequency = self.time.values, _frequency(self.time_unit)
        start, end = period_start(codes[0]), period_start(last)
        self.time.values = _period_codes(start, end, frequency)
        self.time.labels = {c: c for c in self.time.values}


def _frequency(time_unit: str) -> str:
    return {"Monthly": "monthly", "Quarterly": "quarterly", "Annual": "annual"}[time_unit]


def _period_codes(first: date, last: date, frequency: str) -> list[str]:
    codes, current = [], first
    while current <= last:
        codes.append(period_code(current, frequency))
        current = next_period(current, frequency)
    return codes


def time_variable(code: str, label: str, first: str, frequency: str, lag_days: int, today: date) -> FakeVariable:
    last = latest_expected_period(today, frequency, lag_days)
    values = _period_codes(period_start(first), last, frequency)
    return FakeVariable(code, label, values, {v: v for v in values}, False, role="time")


def region_variable(extra_municipalities: bool = True) -> FakeVariable:
    labels = dict(REGIONS)
    if extra_municipalities:  # real tables mix in municipalities; the client must pick counties
        labels |= {"2380": "Östersund", "2361": "Härjedalen", "0180": "Stockholm"}
    return FakeVariable(
        "Region", "region", list(labels), labels, True, role="region", canonical={c: c for c in REGIONS}
    )


def sex_variable(codes: dict[str, str], elimination: bool = True) -> FakeVariable:
    names = {"T": "totalt, samtliga män och kvinnor", "M": "män", "K": "kvinnor"}
    return FakeVariable(
        "Kon",
        "kön",
        list(codes),
        {c: names[s] for c, s in codes.items()},
        elimination,
        role="sex",
        canonical=codes,
    )


def measure_variable(code: str, label: str, items: dict[str, tuple[str, str]]) -> FakeVariable:
    """items: code → (label, canonical measure)."""
    return FakeVariable(
        code,
        label,
        list(items),
        {c: lab for c, (lab, _) in items.items()},
        False,
        role="measure",
        canonical={c: m for c, (_, m) in items.items()},
    )


def _period(coords: Coords) -> date:
    return period_start(coords["period"])


CKM_NOTE = (
    "Från och med referensåret 2025 och framåt är en liten kontrollerad slumpmässig osäkerhet "
    "införd i samtliga redovisade uppgifter. (Exempeldata från regstats fejkade SCB.)"
)


def scb_tables(today: date) -> dict[str, FakeTable]:
    def pop(coords: Coords) -> float:
        return synthetic.population(coords.get("region", RIKET), coords.get("sex", "T"), _period(coords))

    def bas(coords: Coords) -> float:
        measure = "employment" if coords["measure"] == "employment" else "unemployment"
        return synthetic.unemployment(coords.get("region", RIKET), coords.get("sex", "T"), _period(coords), measure)

    def aku(coords: Coords) -> float | None:
        region = coords.get("region", RIKET)
        if coords["measure"] == "margin":
            return synthetic.aku_margin(region)
        if coords["measure"] == "employed":
            return synthetic.unemployment(region, coords.get("sex", "T"), _period(coords), "employment")
        return synthetic.unemployment(region, coords.get("sex", "T"), _period(coords), "aku")

    tab638 = FakeTable(
        "TAB638",
        "Folkmängden efter region, civilstånd, ålder och kön.  År 1968-2024",
        [
            region_variable(),
            FakeVariable(
                "Civilstand",
                "civilstånd",
                ["OG", "G", "SK", "ÄNKL"],
                {"OG": "ogifta", "G": "gifta", "SK": "skilda", "ÄNKL": "änkor/änklingar"},
                True,
            ),
            FakeVariable(
                "Alder",
                "ålder",
                ["0", "1", "2", "100+"],
                {"0": "0 år", "1": "1 år", "2": "2 år", "100+": "100+ år"},
                True,
            ),
            sex_variable({"1": "M", "2": "K"}),
            measure_variable(
                "ContentsCode",
                "tabellinnehåll",
                {"BE0101N1": ("Folkmängd", "population"), "BE0101N2": ("Folkökning", "growth")},
            ),
            time_variable("Tid", "år", "1968", "annual", 0, date(2025, 2, 21)),
        ],
        pop,
        "Annual",
        "2025-02-21T07:00:00Z",
        subject="BE",
    )
    tab5557 = FakeTable(
        "TAB5557",
        "Folkmängden efter region och kön. År 2025-",
        [
            region_variable(),
            sex_variable({"1+2": "T", "1": "M", "2": "K"}),
            measure_variable("ContentsCode", "tabellinnehåll", {"000008AA": ("Folkmängd 31 december", "population")}),
            time_variable("Tid", "år", "2025", "annual", 55, today),
        ],
        pop,
        "Annual",
        "2026-02-20T07:00:00Z",
        subject="BE",
        notes=[CKM_NOTE],
    )
    tab6471 = FakeTable(
        "TAB6471",
        "Folkmängden per månad efter region, ålder och kön.  År 2025M01-",
        [
            region_variable(),
            FakeVariable(
                "Alder",
                "ålder",
                ["TotSA", "0", "1", "-4"],
                {"TotSA": "totalt, samtliga åldrar", "0": "0 år", "1": "1 år", "-4": "0-4 år"},
                False,
            ),
            sex_variable({"TotSa": "T", "1": "M", "2": "K"}),
            measure_variable("ContentsCode", "tabellinnehåll", {"000007SF": ("Folkmängden per månad", "population")}),
            time_variable("Tid", "månad", "2025M01", "monthly", 40, today),
        ],
        pop,
        "Monthly",
        f"{today:%Y-%m}-08T06:00:00Z",
        subject="BE",
        notes=[CKM_NOTE],
    )
    tab5663 = FakeTable(
        "TAB5663",
        "Nyckeltal från Befolkningens arbetsmarknadsstatus (BAS). Sysselsättningsgrad och "
        "arbetslöshet efter region. Preliminär statistik.  Månad 2024M01-",
        [
            region_variable(),
            sex_variable({"1+2": "T", "1": "M", "2": "K"}),
            measure_variable(
                "ContentsCode",
                "tabellinnehåll",
                {
                    "000007ZA": ("Sysselsättningsgrad, procent", "employment"),
                    "000007ZB": ("Arbetslöshet, procent", "unemployment"),
                },
            ),
            time_variable("Tid", "månad", "2024M01", "monthly", 70, today),
        ],
        bas,
        "Monthly",
        f"{today:%Y-%m}-12T06:00:00Z",
    )
    aku_table = FakeTable(
        "TAB9901",
        "Befolkningen 15-74 år (AKU) efter län, kön och arbetskraftstillhörighet. Kvartal 2005K1-",
        [
            region_variable(extra_municipalities=False),
            sex_variable({"1+2": "T", "1": "M", "2": "K"}),
            measure_variable(
                "ContentsCode",
                "tabellinnehåll",
                {
                    "AKU0001": ("Arbetslösa, procent av arbetskraften", "unemployment"),
                    "AKU0002": ("Arbetslösa, felmarginal ± procentenheter", "margin"),
                    "AKU0003": ("Sysselsatta, procent av befolkningen", "employed"),
                },
            ),
            time_variable("Tid", "kvartal", "2005K1", "quarterly", 45, today),
        ],
        aku,
        "Quarterly",
        f"{today:%Y-%m}-05T06:00:00Z",
    )
    return {t.id: t for t in [tab638, tab5557, tab6471, tab5663, aku_table]}


KI_INDICATORS = {
    "KIFI": "Barometerindikatorn",
    "BTOT": "Näringslivets konfidensindikator",
    "BTVI": "Tillverkningsindustrins konfidensindikator",
    "BBYG": "Byggindustrins konfidensindikator",
    "BDHAN": "Detaljhandelns konfidensindikator",
    "BTJA": "Tjänstesektorns konfidensindikator",
    "bhus": "Hushållens konfidensindikator",
    "bhusmakro": "Makroindex, hushåll",
    "bhusmikro": "Mikroindex, hushåll",
}


def ki_table(today: date) -> FakeTable:
    return FakeTable(
        "Indikatorm.px",
        "Barometerindikatorn och konfidensindikatorer, säsongjusterade. Månad 1996M01-",
        [
            FakeVariable(
                "Indikator",
                "indikator",
                list(KI_INDICATORS),
                dict(KI_INDICATORS),
                False,
                role="measure",
                canonical={c: c for c in KI_INDICATORS},
            ),
            time_variable("Period", "månad", "1996M01", "monthly", 0, today),
        ],
        lambda c: synthetic.sentiment(c["measure"], _period(c)),
        "Monthly",
        f"{today:%Y-%m}-27T08:00:00",
    )


def tva_table(today: date, first: str = "2019M01") -> FakeTable:
    # Tillväxtanalys numbers regions 0, 1, 2 …; the real code is only in the label.
    ordered = [RIKET, *COUNTIES]
    region = FakeVariable(
        "Region",
        "Län",
        [str(i) for i in range(len(ordered))],
        {str(i): f"{code} {REGIONS[code]}" for i, code in enumerate(ordered)},
        True,
        role="region",
        canonical={str(i): code for i, code in enumerate(ordered)},
    )
    measure = measure_variable(
        "ContentsCode",
        "Tabellinnehåll",
        {"Konk": ("Konkurser", "bankruptcies"), "Anst": ("Anställda berörda av konkurser", "employees")},
    )
    return FakeTable(
        "konk_manad_lan_2025.px",
        "Konkurser efter län och månad",
        [region, measure, time_variable("Period", "Månad", first, "monthly", 12, today)],
        lambda c: synthetic.bankruptcies(c.get("region", RIKET), _period(c), c["measure"]),
        "Monthly",
        f"{today:%Y-%m}-10T09:00:00",
    )
