"""The fake Arbetsförmedlingen: statistics pages with download links, and generated xlsx files.

Shapes follow recorded/af_statistics_files.TRANSCRIBED.json: the unemployment files on the
time-series page with the pivot-cache fields seen in real files (an older BAS-share file to
2022-12 and an `arsgenomsnitt` variant are listed beside the current one, as on the real page);
`web-platser` and the varsel file on `tidigare-statistik`. The varsel file carries its real
name, `web-varsel-bransch-199201-YYYY-MM.xlsx`, in the layout seen in 2023: one sheet per year,
rows of month × industry, one column per county, ending in a `Summa` row. `web-platser` has the
three tabs §0b names, each over its own pivot cache (numbered against sheet order); their field
names are not verified anywhere — guesses the reader discovers by name.
"""

from __future__ import annotations

from datetime import date

from regstats.fakes import recorded, synthetic
from regstats.fakes.af_areas import FIRST, latest_month, months, municipalities, parts
from regstats.fakes.af_sheets import long_term_file, varsel_file
from regstats.fakes.xlsx import PivotTab, pivot_tabs_bytes, pivot_workbook_bytes
from regstats.geography import COUNTIES

SERIES_PAGE = "statistik/sok-statistik/tidigare-statistik-tidsserier"
EARLIER_PAGE = "statistik/sok-statistik/tidigare-statistik"
SHARE, WEAK, VACANCIES, LONG = (
    "web-inskrivna-arbetslosa-andel-av-bas",
    "web-inskrivna-arbetslosa-svag-konkurrensformaga",
    "web-platser",
    "web-inskrivna-arbetslosa-tid-utan-arbete-lan-kom",
)
VARSEL = "web-varsel-bransch-199201"
OLD_SHARE_LAST = date(2022, 12, 1)  # the older BAS-share file (16–64 years) ends here
_BUILT: dict[tuple, bytes] = {}


class FakeAf:
    def __init__(self, today: date, every_municipality: bool = False) -> None:
        self.every_municipality = every_municipality
        self.last = latest_month(today)
        self.renamed_fields: dict[str, str] = {}  # fault switch: a column AF renamed
        self.months_behind: dict[str, int] = {}  # fault switch: a file not yet published

    # ----- pages --------------------------------------------------------------------------
    def month_for(self, prefix: str) -> date:
        index = self.last.year * 12 + self.last.month - 1 - self.months_behind.get(prefix, 0)
        return date(index // 12, index % 12 + 1, 1)

    def file_name(self, prefix: str, month: date | None = None) -> str:
        return f"{prefix}-{(month or self.month_for(prefix)):%Y-%m}.xlsx"

    def page(self, path: str, root: str = "") -> str | None:
        """`root` is the fake's own path prefix: the real pages link from the host root."""
        prefixes = {SERIES_PAGE: [SHARE, WEAK, LONG], EARLIER_PAGE: [VACANCIES, VARSEL]}.get(path.strip("/"))
        if prefixes is None:
            return None
        links = []
        if SHARE in prefixes:
            for name in [self.file_name(SHARE, OLD_SHARE_LAST), f"{SHARE}-arsgenomsnitt-{OLD_SHARE_LAST:%Y-%m}.xlsx"]:
                links.append(f'<li><a href="{root}/download/18.3c0/1672000000000/{name}">{name}</a></li>')
        for n, prefix in enumerate(prefixes):
            current = self.month_for(prefix)
            earlier = date(current.year - (current.month == 1), (current.month - 2) % 12 + 1, 1)
            for month in [earlier, current]:
                name = self.file_name(prefix, month)
                links.append(
                    f'<li><a href="{root}/download/18.4a{n}f{month:%m}c/17{month:%Y%m}00000/{name}">{name}</a></li>'
                )
        links.append('<li><a href="https://example.org/other/web-platser-2099-01.xlsx">annan webbplats</a></li>')
        links.append(f'<li><a href="{root}/download/18.1/1/web-platser-per-yrke-2026-10.xlsx">per yrke</a></li>')
        return (
            "<!DOCTYPE html><html lang='sv'><head><title>Statistik</title></head><body>"
            "<h1>Tidsserier (exempeldata)</h1><ul>" + "".join(links) + "</ul></body></html>"
        )

    # ----- files --------------------------------------------------------------------------
    def file(self, name: str) -> bytes | None:
        for prefix, build in [
            (SHARE, self._share),
            (WEAK, self._weak),
            (VACANCIES, self._vacancies),
            (VARSEL, lambda last: varsel_file(last, self.renamed_fields)),
            (LONG, lambda last: long_term_file(last, self.every_municipality)),
        ]:
            if name.startswith(prefix + "-") and name.endswith(".xlsx"):
                month = date(int(name[-12:-8]), int(name[-7:-5]), 1)
                if month > self.month_for(prefix):
                    return None
                key = (name, tuple(sorted(self.renamed_fields.items())), self.every_municipality)
                if key not in _BUILT:  # deterministic, so shared by every fake in the process
                    _BUILT[key] = build(month)
                return _BUILT[key]
        return None

    def warm(self) -> None:
        """Build the current files now (they are kept for the process): a file built on its first
        request can take longer than a test's one-second read timeout on a busy machine."""
        for prefix in (SHARE, WEAK, VACANCIES, VARSEL, LONG):
            self.file(self.file_name(prefix))

    def _fields(self, fields: list[str]) -> list[str]:
        return [self.renamed_fields.get(f, f) for f in fields]

    def _share(self, last: date) -> bytes:
        """Municipality rows as §0b describes the file: numerator/denominator pairs for the total,
        women, men and every group — age (UNG 18–24, GAM 55–64), born in/outside Sweden (INR/UTR)
        and education (FG/GY/EG) — each also for women (K) and men (M); the shares are calculated
        fields with no value in the records. The calculated fields' names are GUESSED."""
        fields = share_fields()
        periods = [f"{m:%Y-%m}" for m in months(last)]
        lans = [*COUNTIES.values(), "Uppgift saknas"]
        koms = [k for c in COUNTIES for k in municipalities(c, self.every_municipality)] + ["Uppgift saknas"]

        def records():
            for month, period in zip(months(last), periods, strict=True):
                for county, lan in COUNTIES.items():
                    names = municipalities(county, self.every_municipality)
                    rates = {s: synthetic.af_rate(county, s, month) / 100 for s in "KM"}
                    for m, (kom, part, level) in enumerate(parts(names)):
                        force = {s: round(synthetic.labour_force(county, s, month) * part) for s in "TKM"}
                        local = {s: rate * level for s, rate in rates.items()}
                        women, men = round(force["K"] * local["K"]), round(force["M"] * local["M"])
                        masked = county == "09" and m == 0 and month == FIRST  # a small count AF masks
                        cells = {
                            "PERIOD": period,
                            "LAN": lan,
                            "KOM": kom,
                            "TOTSOK": "<5" if masked else women + men,
                            "KVISOK": "<5" if masked else women,
                            "MANSOK": men,
                        }
                        if masked:
                            cells["UNGKSOK"] = cells["UNGSOK"] = "<5"
                        counts = _group_counts(force, local) | cells
                        yield [counts[f] for f in fields]
                unknown = {"PERIOD": period, "LAN": "Uppgift saknas", "KOM": "Uppgift saknas"}
                unknown |= {"TOTSOK": 135, "KVISOK": 60, "MANSOK": 75}
                yield [unknown.get(f, 0) for f in fields]

        shared = {"PERIOD": periods, "LAN": lans, "KOM": koms}
        calculated = {f"{group}ANDEL": f"={group}SOK/{group}AK" for group in ["TOT", *GROUPS]}
        return pivot_workbook_bytes(
            self._fields(fields), records(), _renamed(shared, self.renamed_fields), calculated=calculated
        )

    def _weak(self, last: date) -> bytes:
        """Rows per municipality, sex and the Ja/Nej flags of time without work (KUA06/12/24)."""
        fields = recorded_fields(WEAK)
        periods = [f"{m:%Y-%m}" for m in months(last)]
        flags = {("Ja", "Ja", "Nej"): 0.3, ("Nej", "Nej", "Nej"): 0.7}

        def records():
            for month, period in zip(months(last), periods, strict=True):
                for county, lan in COUNTIES.items():
                    for kom, share, level in parts(municipalities(county, self.every_municipality)):
                        for sex, name in [("K", "Kvinnor"), ("M", "Män")]:
                            rate = synthetic.af_rate(county, sex, month) / 100 * level
                            everyone = round(synthetic.labour_force(county, sex, month) * share * rate)
                            weak = round(everyone * synthetic.weak_share(county, month))
                            long_all, long_weak = round(everyone * 0.3), round(weak * 0.3)
                            for (k06, k12, k24), _ in flags.items():
                                count = long_all if k06 == "Ja" else everyone - long_all
                                weak_part = long_weak if k06 == "Ja" else weak - long_weak
                                cells = {
                                    "PERIOD": period,
                                    "KOEN": name,
                                    "LAN_BESKR": lan,
                                    "KOMMUN_BESKR": kom,
                                    "KUA06": k06,
                                    "KUA12": k12,
                                    "KUA24": k24,
                                    "UTSATTA": weak_part,
                                    "SAMTLIGA": count,
                                }
                                yield [cells[f] for f in fields]

        shared = {
            "PERIOD": periods,
            "KOEN": ["Kvinnor", "Män"],
            "LAN_BESKR": list(COUNTIES.values()),
            "KOMMUN_BESKR": [k for c in COUNTIES for k in municipalities(c, self.every_municipality)],
            "KUA06": ["Ja", "Nej"],
            "KUA12": ["Ja", "Nej"],
            "KUA24": ["Ja", "Nej"],
        }
        return pivot_workbook_bytes(self._fields(fields), records(), _renamed(shared, self.renamed_fields))

    def _vacancies(self, last: date) -> bytes:
        """Three tabs as §0b names them — totals ("1996-01-"), SNI sections ("SNIAVD 2010-01-") and
        occupational areas ("Yrkesområde 201301-") — each over its own pivot cache. The tab names
        are seen in a reader of the real file; the field names below are guesses (GUESSED), which
        is why the product discovers them."""
        periods = [f"{m:%Y-%m}" for m in months(last)]
        lans = list(COUNTIES.values())
        areas = {"Vård och omsorg": 0.3, "Data/IT": 0.15, "Övriga yrken": 0.55}
        sections = {f"{k} {v}": 1.0 for k, v in synthetic.SNI_SECTIONS.items()}
        weights = {label: 1 + (i % 5) for i, label in enumerate(sections)}
        shares = {label: w / sum(weights.values()) for label, w in weights.items()}

        def split(total: float, parts: dict[str, float]) -> list[int]:
            counts = [round(total * share) for share in parts.values()]
            counts[-1] = int(total) - sum(counts[:-1])
            return counts

        def rows(parts: dict[str, float] | None):
            for month, period in zip(months(last), periods, strict=True):
                for county, lan in COUNTIES.items():
                    total = synthetic.new_vacancies(county, month)
                    if parts is None:
                        yield [period, lan, int(total)]
                        continue
                    for label, count in zip(parts, split(total, parts), strict=True):
                        yield [period, lan, label, count]

        tabs = [
            PivotTab("1996-01-", ["PERIOD", "LAN", "NYANMALDA_PLATSER"], rows(None), {"PERIOD": periods, "LAN": lans}),
            PivotTab(
                "SNIAVD 2010-01-",
                ["PERIOD", "LAN", "SNI_AVDELNING", "ANTAL_PLATSER"],
                rows(shares),
                {"PERIOD": periods, "LAN": lans, "SNI_AVDELNING": list(shares)},
            ),
            PivotTab(
                "Yrkesområde 201301-",
                ["PERIOD", "LAN", "YRKESOMRADE", "ANTAL_PLATSER"],
                rows(areas),
                {"PERIOD": periods, "LAN": lans, "YRKESOMRADE": list(areas)},
            ),
        ]
        for tab in tabs:
            tab.fields = self._fields(tab.fields)
            tab.shared = _renamed(tab.shared, self.renamed_fields)
        return pivot_tabs_bytes(tabs)

# Shares of the labour force for the split fields of the BAS-share file (UNG = 18–24 years, GAM =
# 55–64, INR/UTR = born in/outside Sweden, FG/GY/EG = education levels); K/M variants by sex.
SPLITS = {"UNG": 0.16, "GAM": 0.22, "INR": 0.8, "UTR": 0.2, "FG": 0.15, "GY": 0.45, "EG": 0.4}
GROUPS = list(SPLITS)
# How a group's unemployment compares with everyone's (youth and the foreign-born higher, the
# post-secondary educated lower): sample values shaped like the published pattern, not real ones.
RISK = {"UNG": 1.6, "GAM": 0.9, "INR": 0.6, "UTR": 2.6, "FG": 2.3, "GY": 0.9, "EG": 0.55}


def share_fields() -> list[str]:
    """The record fields §0b lists: PERIOD, LAN, KOM, then SOK/AK pairs for the total, women, men
    and each group, the group's also for women and men."""
    fields = ["PERIOD", "LAN", "KOM", "TOTSOK", "TOTAK", "KVISOK", "KVIAK", "MANSOK", "MANAK"]
    for group in GROUPS:
        fields += [f"{group}{sex}{kind}" for sex in ["", "K", "M"] for kind in ["SOK", "AK"]]
    return fields


def _group_counts(force: dict[str, int], rates: dict[str, float]) -> dict[str, int]:
    """A municipality's labour force (…AK) and unemployed (…SOK) per group, for women (K), men (M)
    and both (the sum of the two), with the totals' labour-force fields."""
    counts = {"TOTAK": force["T"], "KVIAK": force["K"], "MANAK": force["M"]}
    for group, split in SPLITS.items():
        for sex in "KM":
            labour = round(force[sex] * split)
            counts[f"{group}{sex}AK"] = labour
            counts[f"{group}{sex}SOK"] = round(labour * rates[sex] * RISK[group])
        for kind in ("AK", "SOK"):
            counts[f"{group}{kind}"] = counts[f"{group}K{kind}"] + counts[f"{group}M{kind}"]
    return counts


def recorded_fields(prefix: str) -> list[str]:
    """The pivot-cache fields seen in AF's real file (recorded/af_statistics_files.TRANSCRIBED.json)."""
    files = recorded.load("af_statistics_files.TRANSCRIBED.json")["files"]
    return list(next(f for f in files if f["prefix"] == prefix)["pivot_cache_1_fields_seen"])


def _renamed(shared: dict[str, list[str]], renamed: dict[str, str]) -> dict[str, list[str]]:
    return {renamed.get(k, k): v for k, v in shared.items()}
