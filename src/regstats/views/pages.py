"""The dashboard's pages and charts, declared as data. Views read this; nothing else does."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Chart:
    id: str
    series: str
    measures: tuple[str, ...]
    kind: str  # regions | sexes | band | industry | ytd | indices
    title: str
    note: str = ""
    breakdown: str = ""  # a chart of one breakdown value (e.g. a diagnosis chapter); "" = the total
    # What the chart shows when the reader has not chosen: counts of a county and Riket differ a
    # hundredfold, so they are compared per 10 000 inhabitants (or as an index) by default.
    default_transform: str = "level"
    caveat: str = ""  # said wherever the chart is shown: under it on a page, in a slide's source line
    group_choice: bool = False  # the reader chooses the breakdown (a group of AF's unemployed, `grupp=`)

    @property
    def measure(self) -> str:
        return self.measures[0]


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    intro: str
    charts: tuple[Chart, ...] = ()
    controls: frozenset[str] = field(default_factory=lambda: frozenset({"region", "period", "transform", "view"}))


def _c(
    id: str,
    series: str,
    measures: str | tuple[str, ...],
    kind: str,
    title: str,
    note: str = "",
    breakdown: str = "",
    default: str = "level",
    caveat: str = "",
    group_choice: bool = False,
) -> Chart:
    measures = (measures,) if isinstance(measures, str) else measures
    return Chart(id, series, measures, kind, title, note, breakdown, default, caveat, group_choice)


# §0b: Region Dalarna stopped reporting monthly notices by industry in April 2024 for poor quality.
VARSEL_BY_INDUSTRY = (
    "Varsel per näringsgren och månad är osäkra (regionala analytiker slutade redovisa dem 2024 för "
    "bristande kvalitet): jämför tolv månader, inte enskilda månader."
)

# TAB4572's own note: late reports make the newest quarter 20–60 % too low; after a year ~2 %.
HOUSING_LATEST = (
    "Det senaste kvartalet är underskattat med omkring 20–60 procent när det publiceras (sena "
    "uppgifter); efter ett år är underskattningen omkring 2 procent."
)


PAGES: tuple[Page, ...] = (
    Page(
        "/",
        "Översikt",
        "Det senaste läget per tema för valt län och riket. Välj ett kort för att se mer.",
        controls=frozenset({"region"}),
    ),
    Page(
        "/arbetsloshet",
        "Arbetslöshet",
        "Arbetslöshet i länet jämfört med riket, enligt Arbetsförmedlingen och SCB.",
        (
            _c(
                "nara",
                "unemployment_close",
                "share",
                "regions",
                "Arbetslösa som står nära arbetsmarknaden, andel av arbetskraften",
                "Inskrivna arbetslösa som inte tillhör grupperna med svag konkurrensförmåga.",
            ),
            _c(
                "af",
                "unemployment_af",
                "share",
                "regions",
                "Inskrivna arbetslösa, andel av arbetskraften",
                "Arbetsförmedlingens verksamhetsstatistik, inte officiell statistik.",
            ),
            _c(
                "af-grupp",
                "unemployment_af",
                "share",
                "regions",
                "Inskrivna arbetslösa i gruppen, andel av gruppens arbetskraft",
                "Välj grupp: ålder, födelseland eller utbildning. Andelen är gruppens inskrivna arbetslösa "
                "genom gruppens arbetskraft (BAS), båda summerade över områdets kommuner – aldrig ett "
                "medelvärde av kommunernas andelar. Länets kommuner per grupp finns på sidan Kommuner.",
                group_choice=True,
            ),
            _c(
                "langtid",
                "unemployment_long",
                "share_over_12",
                "regions",
                "Arbetslösa utan arbete mer än 12 månader, andel av de inskrivna arbetslösa",
                "Arbetsförmedlingens verksamhetsstatistik. Andelen är de långtidsarbetslösa genom alla "
                "inskrivna arbetslösa, summerade över områdets kommuner.",
            ),
            _c("bas", "unemployment_bas", "unemployment_rate", "regions", "Arbetslöshet enligt SCB (BAS)"),
            _c(
                "sysselsattning",
                "unemployment_bas",
                "employment_rate",
                "regions",
                "Sysselsättningsgrad enligt SCB (BAS)",
            ),
            _c(
                "bas-utrikes",
                "unemployment_bas_groups",
                "unemployment_rate",
                "regions",
                "Arbetslöshet bland utrikes födda 20–64 år enligt SCB (BAS)",
                "SCB:s preliminära månadsstatistik (TAB6260). Tabellen har också födda i Sverige, "
                "femårsklasser och sysselsättningsgrad: se tabellen och nedladdningen.",
                breakdown="utrikes_fodda",
            ),
            _c(
                "bas-unga",
                "unemployment_bas_groups",
                "unemployment_rate",
                "regions",
                "Arbetslöshet 20–24 år enligt SCB (BAS)",
                "SCB:s preliminära månadsstatistik (TAB6260). Arbetsförmedlingens grupp 18–24 år finns i "
                "diagrammet per grupp ovan; åldrarna skiljer, så jämför inte nivåerna rakt av.",
                breakdown="20-24",
            ),
            _c(
                "aku",
                "unemployment_aku",
                ("unemployment_rate", "margin_of_error"),
                "band",
                "Arbetslöshet enligt AKU med felmarginal",
                "Urvalsundersökning: bandet visar felmarginalen (95 %). Små län har breda band.",
            ),
        ),
        frozenset({"region", "period", "sex", "transform", "view", "group"}),
    ),
    Page(
        "/lediga-jobb",
        "Lediga jobb",
        "Nyanmälda lediga platser hos Arbetsförmedlingen.",
        (
            _c(
                "platser",
                "vacancies_new",
                "new_vacancies",
                "regions",
                "Nyanmälda lediga platser per månad",
                default="per10k",
            ),
        ),
    ),
    Page(
        "/varsel",
        "Varsel",
        "Personer som berörs av varsel om uppsägning, per län och per näringsgren i riket.",
        (
            _c("varsel-lan", "redundancies", "persons", "regions", "Personer berörda av varsel", default="per10k"),
            _c(
                "varsel-bransch",
                "redundancies",
                "persons",
                "industry",
                "Personer berörda av varsel per näringsgren, riket",
                "Senaste 12 månaderna jämfört med de 12 månaderna innan.",
                caveat=VARSEL_BY_INDUSTRY,
            ),
            _c(
                "varsel-vald",
                "redundancies",
                "persons",
                "industry-trend",
                "Vald näringsgren över tid, riket",
                caveat=VARSEL_BY_INDUSTRY,
            ),
        ),
        frozenset({"region", "period", "transform", "view", "industry"}),
    ),
    Page(
        "/sjukskrivningar",
        "Sjukskrivningar",
        "Sjukpenningtal och pågående sjukfall med psykiatrisk diagnos för kvinnor och män.",
        (
            _c("sjp", "sick_leave_days", "sick_pay_days", "sexes", "Sjukpenningtal (dagar per försäkrad)"),
            _c(
                "sjukfall-psyk",
                "sick_leave_cases",
                "share_of_cases",
                "sexes",
                "Psykiatriska diagnoser, andel av pågående sjukfall",
                "Diagnoskapitel F00–F99 som andel av alla pågående sjukfall för kvinnor och för män.",
                breakdown="F00-F99",
            ),
        ),
    ),
    Page(
        "/konkurser",
        "Konkurser",
        "Konkurser per månad, hittills i år och per 10 000 invånare.",
        (
            _c("konk", "bankruptcies", "bankruptcies", "regions", "Konkurser per månad", default="per10k"),
            _c("konk-hittills", "bankruptcies", "bankruptcies", "ytd", "Konkurser hittills i år"),
            _c(
                "konk-anstallda",
                "bankruptcies",
                "employees",
                "regions",
                "Anställda berörda av konkurser",
                default="per10k",
            ),
        ),
    ),
    Page(
        "/foretag",
        "Företag och byggande",
        "Nystartade företag enligt Tillväxtanalys och bostadsbyggande enligt SCB, per kvartal.",
        (
            _c(
                "nyaf",
                "new_firms",
                "new_firms",
                "regions",
                "Nystartade företag per kvartal",
                "Riket är summan av länen.",
                default="per10k",
            ),
            _c("nyaf-hittills", "new_firms", "new_firms", "ytd", "Nystartade företag hittills i år"),
            _c(
                "bygg-paborjade",
                "housing_starts",
                "starts",
                "regions",
                "Påbörjade lägenheter i nybyggda hus per kvartal",
                default="per10k",
                caveat=HOUSING_LATEST,
            ),
            _c(
                "bygg-fardiga",
                "housing_starts",
                "completed",
                "regions",
                "Färdigställda lägenheter i nybyggda hus per kvartal",
                default="per10k",
                caveat=HOUSING_LATEST,
            ),
        ),
    ),
    Page(
        "/stamningslage",
        "Stämningsläge",
        "Konjunkturinstitutets index där 100 är det historiska medelvärdet. Endast riket.",
        (
            _c("ki", "sentiment", ("barometer", "business", "household"), "indices", "Stämningsläget i ekonomin"),
            _c(
                "ki-hushall",
                "sentiment",
                ("household", "household_macro", "household_micro"),
                "indices",
                "Hushållens konfidensindikator med makro- och mikroindex",
            ),
        ),
        frozenset({"period", "view"}),
    ),
    Page(
        "/befolkning",
        "Befolkning",
        "Folkmängd per län; används också för värden per 10 000 invånare.",
        (
            _c("bef-manad", "population", "month_end", "regions", "Folkmängd vid månadens slut", default="index"),
            _c("bef-ar", "population", "year_end", "regions", "Folkmängd 31 december", default="index"),
        ),
    ),
    Page(
        "/kommuner",
        "Kommuner",
        "Länets kommuner på karta och i tabell: Arbetsförmedlingens och SCB:s månadsvärden och Koladas årsvärden.",
        controls=frozenset({"region"}),
    ),
    Page(
        "/nytt",
        "Möten",
        "Bildspelen till mötena, och vad som är nytt sedan förra mötet: nya perioder och reviderade värden.",
        controls=frozenset({"region"}),
    ),
    Page(
        "/om-data",
        "Om data",
        "Varje serie: definition, källa, licens och aktualitet — och vad kontrollerna gör.",
        controls=frozenset(),
    ),
)
BY_PATH = {page.path: page for page in PAGES}
CHARTS = {chart.id: chart for page in PAGES for chart in page.charts}
PAGE_OF_CHART = {chart.id: page.path for page in PAGES for chart in page.charts}
