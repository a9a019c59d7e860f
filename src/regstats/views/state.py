"""The whole view lives in the URL. Parsing is strict: every parameter is checked against the
catalog and the geography, and anything unknown is reported and replaced by its default —
nothing from the URL is ever rendered or used unchecked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from regstats.classifications import GROUPS
from regstats.county_groups import GROUP_KEYS, CountyGroup, county_group
from regstats.geography import COUNTIES, JAMTLAND, REGIONS, RIKET
from regstats.views.compare import MEASURES, MUNICIPAL_MEASURES

SEXES = {"T": "Kvinnor och män", "K": "Kvinnor", "M": "Män"}
VIEWS = {"diagram": "Diagram", "ar": "Ett år per linje", "tabell": "Tabell"}
TRANSFORM_PARAMS = {
    "niva": "level",
    "forandring": "yoy",
    "index": "index",
    "glidande": "ma",
    "per10000": "per10k",
    "sasongrensad": "sa",
    "trend": "trend",
}
# What a map can show: Översikt's comparable measures and the municipality page's Kolada measures.
MAP_MEASURES = frozenset(m.key for m in (*MEASURES, *MUNICIPAL_MEASURES))
_MONTH = re.compile(r"^(19|20)\d{2}-(0[1-9]|1[0-2])$")
_SNI = re.compile(r"^[A-U]$")
KNOWN_PARAMS = {"lan", "jmf", "valda", "fran", "till", "kon", "visa", "bas", "vy", "bransch", "grupp", "karta"}


@dataclass(frozen=True)
class ViewState:
    county: str = JAMTLAND
    compare: tuple[str, ...] = (RIKET,)  # region codes, each its own line, and group keys (jmf=00,norrland)
    chosen: tuple[str, ...] = ()  # the counties of the reader's own group (valda=20,21)
    start: str | None = None  # YYYY-MM
    end: str | None = None
    sex: str = "T"
    transform: str | None = None  # None: each chart's own comparable default (pages.Chart.default_transform)
    base: str | None = None  # YYYY-MM, for the index
    view: str = "diagram"
    industry: str | None = None
    group: str | None = None  # a group of AF's unemployed (classifications.GROUPS); None: 18–24 år
    map: str | None = None  # which measure the maps show (Översikt's county map, Kommuner)
    problems: tuple[str, ...] = field(default=(), compare=False)

    def groups(self) -> list[CountyGroup]:
        """The comparison groups chosen, for this county (never holding it)."""
        found = (county_group(key, self.county, self.chosen) for key in self.compare if key in GROUP_KEYS)
        return [group for group in found if group is not None]

    def regions(self) -> list[str]:
        """The county first, then the comparisons (a group by the code its rows carry), each once."""
        codes = []
        for key in self.compare:
            if key not in GROUP_KEYS:
                codes.append(key)
            elif group := county_group(key, self.county, self.chosen):
                codes.append(group.code)
        return list(dict.fromkeys([self.county, *codes]))


def parse(search: str | None) -> ViewState:
    params = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?"), keep_blank_values=True).items()}
    problems: list[str] = []
    state = ViewState()

    def check(name: str, ok: bool, label: str) -> bool:
        if name in params and not ok:
            problems.append(f"Okänt värde för {label}; standardvärdet används.")
        return name in params and ok

    if check("lan", params.get("lan") in REGIONS, "län"):
        state = replace(state, county=params["lan"])
    if "jmf" in params:
        codes = list(dict.fromkeys(c for c in params["jmf"].split(",") if c))
        if all(c in REGIONS or c in GROUP_KEYS for c in codes) and len(codes) <= 8:
            state = replace(state, compare=tuple(codes))
        else:
            problems.append("Okänd jämförelse; riket används.")
    if "valda" in params:
        chosen = list(dict.fromkeys(c for c in params["valda"].split(",") if c))
        if chosen and all(c in COUNTIES for c in chosen):
            compare = state.compare if "valda" in state.compare else (*state.compare, "valda")
            state = replace(state, chosen=tuple(chosen), compare=compare[:8])
        else:
            problems.append("Okända län i den egna gruppen; gruppen visas inte.")
    for key in [k for k in state.compare if k in GROUP_KEYS]:
        if county_group(key, state.county, state.chosen) is None:
            problems.append(f"{GROUP_KEYS[key]}: inga län att jämföra {REGIONS[state.county]} med; gruppen visas inte.")
            state = replace(state, compare=tuple(c for c in state.compare if c != key))
    if check("fran", bool(_MONTH.match(params.get("fran", ""))), "startperiod"):
        state = replace(state, start=params["fran"])
    if check("till", bool(_MONTH.match(params.get("till", ""))), "slutperiod"):
        state = replace(state, end=params["till"])
    if check("kon", params.get("kon") in SEXES, "kön"):
        state = replace(state, sex=params["kon"])
    if check("visa", params.get("visa") in TRANSFORM_PARAMS, "visning"):
        state = replace(state, transform=TRANSFORM_PARAMS[params["visa"]])
    if check("bas", bool(_MONTH.match(params.get("bas", ""))), "basperiod"):
        state = replace(state, base=params["bas"])
    if check("vy", params.get("vy") in VIEWS, "vy"):
        state = replace(state, view=params["vy"])
    if check("bransch", bool(_SNI.match(params.get("bransch", ""))), "bransch"):
        state = replace(state, industry=params["bransch"])
    if check("karta", params.get("karta") in MAP_MEASURES, "karta"):
        state = replace(state, map=params["karta"])
    if check("grupp", params.get("grupp") in GROUPS, "grupp"):
        state = replace(state, group=params["grupp"])
    if unknown := sorted(set(params) - KNOWN_PARAMS):
        problems.append(f"{len(unknown)} okänd(a) parameter(ar) ignorerades.")
    if state.start and state.end and state.start > state.end:
        problems.append("Startperioden ligger efter slutperioden; hela perioden visas.")
        state = replace(state, start=None, end=None)
    return replace(state, problems=tuple(problems))


def to_search(state: ViewState) -> str:
    """Only what differs from the defaults, so links stay short and readable."""
    default = ViewState()
    params: dict[str, str] = {}
    if state.county != default.county:
        params["lan"] = state.county
    if state.compare != default.compare:
        params["jmf"] = ",".join(state.compare)
    if state.chosen and "valda" in state.compare:
        params["valda"] = ",".join(state.chosen)
    for key, value in [
        ("fran", state.start),
        ("till", state.end),
        ("bas", state.base),
        ("bransch", state.industry),
        ("grupp", state.group),
        ("karta", state.map),
    ]:
        if value:
            params[key] = value
    if state.sex != default.sex:
        params["kon"] = state.sex
    if state.transform is not None:
        params["visa"] = {v: k for k, v in TRANSFORM_PARAMS.items()}[state.transform]
    if state.view != default.view:
        params["vy"] = state.view
    return "?" + urlencode(params, safe=",") if params else ""
