"""Om data: every series' definition, source, licence and freshness, and what each control does."""

from __future__ import annotations

from dash import html

from regstats.app import data
from regstats.catalog import load_catalog
from regstats.formatting import public_text
from regstats.geo import CREDIT

CONTROLS = [
    ("Län", "Länet som visas först och tydligast i varje diagram. Jämtlands län är förvalt."),
    (
        "Jämför med",
        "Regioner som ritas bredvid länet. Riket är förvalt; välj fler län, eller en grupp: "
        "Norrlandslänen (Gävleborg–Norrbotten), länets grannlän (län vars kommuner gränsar till länets) "
        "eller en egen grupp av län. En grupp innehåller aldrig det valda länet (\"övriga Norrlandslän\"). "
        "Gruppens värde räknas ur medlemmarnas antal: antal summeras, en andel är summan av täljarna "
        "genom summan av nämnarna (aldrig ett medelvärde av länens andelar), per 10 000 invånare delas "
        "med gruppens summerade folkmängd. En månad där någon medlem saknar värde får inget gruppvärde. "
        "Andelar som publiceras utan täljare och nämnare (sjukpenningtalet, SCB:s arbetslöshet) får "
        "ingen grupp, och diagrammet säger varför.",
    ),
    ("Från och till", "Den period som visas. Beräkningar som behöver ett år bakåt använder data före perioden."),
    ("Kön", "Kvinnor, män eller båda. Serier som inte finns per kön visar båda, och det står under diagrammet."),
    (
        "Visa som",
        "Nivå; förändring mot samma period året innan (i procentenheter för andelar och i procent för "
        "antal); index där vald basperiod är 100; glidande medelvärde över tolv månader; per 10 000 "
        "invånare (endast antal); säsongrensad eller trend (månadsserier, se nedan).",
    ),
    (
        "Säsongrensad och Trend",
        "Beräknas av regstats, inte av publiceraren: X-13ARIMA-SEATS (USA:s Census Bureaus program, "
        "samma som SCB använder) och robust STL där X-13 inte kan köras, på varje linjes senaste minst "
        "tre år av månadsvärden i följd. De sex senaste månaderna är preliminära: de ändras när nya "
        "månader kommer. Små tal (t.ex. ett läns konkurser per månad) säsongrensas inte; de visas som "
        "summan av tolv månader, som rymmer varje säsong en gång. Bildspelets och Översiktens "
        "meningar om riktning nämner trenden bredvid jämförelsen med samma månad året innan.",
    ),
    ("Ett år per linje", "En månadsserie ritad januari–december med en linje per år (de sex senaste)."),
    ("Basperiod", "Perioden som blir 100 när Visa som är index."),
    (
        "Diagram, ett år per linje eller tabell",
        "Visa varje diagram som tabell. Under varje diagram finns också dess värden som "
        "tabell, och nedladdning av exakt de visade raderna eller hela serien.",
    ),
    ("Länken", "Adressfältet innehåller hela vyn: kopiera länken för att visa någon exakt samma sak."),
]


def about() -> html.Div:
    sections = []
    for series in load_catalog().values():
        entry = data.manifest_entry(series.id)
        stored = data.load(series.id)
        facts = [
            ("Definition", series.definition),
            ("Enhet", "; ".join(f"{m.title_sv}: {m.unit}" for m in series.measures)),
            (
                "Publicerare och tabell",
                f"{series.publisher.upper()}: " + (stored.metadata.get("tables", "") if stored else "–"),
            ),
            ("Licens", series.licence),
            ("Senast uppdaterad", (entry.get("last_success") or "aldrig")[:16].replace("T", " ")),
            ("Dataversion", (stored.vintage if stored else "") or "–"),
            ("Senaste period", entry.get("latest_period", "–")),
            ("Nästa väntade publicering", entry.get("next_expected_release", "–")),
            ("Kända seriebrott", "; ".join(f"{b.period}: {b.description}" for b in series.breaks) or "inga kända"),
            ("Anmärkningar", series.notes),
        ]
        if stored is not None and stored.is_sample:
            facts.insert(0, ("Observera", "Exempeldata – inte officiell statistik."))
        if entry.get("last_status") in {"failed", "skipped"}:
            verb = "misslyckades" if entry["last_status"] == "failed" else "hoppades över"
            facts.append(("Senaste försöket", f"{verb}: {public_text(entry.get('last_error') or '')}"))
        sections.append(
            html.Section(
                [
                    html.H2(series.title_sv, id=f"om-{series.id}"),
                    html.Dl([item for term, text in facts for item in (html.Dt(term), html.Dd(text))]),
                    html.P(html.A(f"Källa: {series.source_url}", href=series.source_url, rel="noopener noreferrer")),
                ],
                className="about-series",
                **{"aria-labelledby": f"om-{series.id}"},
            )
        )
    if data.all_sample():
        which = "exempellagret som följer med regstats (påhittade värden, inte officiell statistik)."
    elif shown := data.sample_series():
        which = (
            "analytikerns lager (hämtat med regstats refresh eller importerat); exempeldata står i för serier "
            f"som ännu saknas där: {', '.join(shown)}."
        )
    else:
        which = "analytikerns lager (hämtat med regstats refresh eller importerat)."
    store = html.Section(
        [
            html.H2("Lagret", id="om-lagret"),
            html.P(f"Instrumentpanelen visar {which} Varje series dataversion står under serien nedan."),
        ],
        **{"aria-labelledby": "om-lagret"},
    )
    controls = html.Section(
        [
            html.H2("Så fungerar kontrollerna", id="om-kontroller"),
            html.Dl([item for term, text in CONTROLS for item in (html.Dt(term), html.Dd(text))]),
        ],
        **{"aria-labelledby": "om-kontroller"},
    )
    maps = html.Section(
        [
            html.H2("Kartor", id="om-kartor"),
            html.P(
                f"{CREDIT}. Länsgränserna är förenklade till 10 % och kommungränserna till 2 %: de duger för "
                "översiktskartor, inte för att mäta ytor. Källrepositoriet anger ”Feel free to reuse”; "
                "gränserna bygger på svenska myndigheters data."
            ),
        ],
        **{"aria-labelledby": "om-kartor"},
    )
    return html.Div([store, controls, maps, *sections])
