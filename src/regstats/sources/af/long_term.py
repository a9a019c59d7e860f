"""AF's `web-inskrivna-arbetslosa-tid-utan-arbete-lan-kom`: the registered unemployed and those
without work for more than 6, 12 and 24 months, per municipality and month (§0b, verified on
dated readers: visible sheets Total, Kön, Ålder, Utbildningsnivå, Födelseland under four heading
rows; columns PERIOD, LÄN, KOMMUN, (KOEN,) ARBETSLÖSA, Utan arbete mer än 6/12/24 månader; small
counts masked as `<5`). Counties are sums of their municipalities, Riket of the counties; a share
is Σ long-term / Σ unemployed, with a masked part flagged, never guessed."""

from __future__ import annotations

from typing import IO

import pandas as pd

from regstats.errors import ContractError
from regstats.sources.af.sheets import read_long_tables
from regstats.sources.af.tally import Sums, county_code, file_of, period_of, share_of, tidy_row
from regstats.tidy import TIDY_COLUMNS

PREFIX = "web-inskrivna-arbetslosa-tid-utan-arbete-lan-kom"
COLUMNS = {
    "period": r"^PERIOD$",
    "county": r"^L[ÄA]N$",
    "municipality": r"^KOMMUN$",
    "unemployed": r"^ARBETSL[ÖO]SA$",
    "over_6": r"mer än 6 m[åa]n",
    "over_12": r"mer än 12 m[åa]n",
    "over_24": r"mer än 24 m[åa]n",
}
COUNTS = ["unemployed", "over_6", "over_12", "over_24"]
SEXES = {"kvinnor": "K", "kvinna": "K", "män": "M", "man": "M"}


SHEETS = {"Total": COLUMNS, "Kön": {**COLUMNS, "sex": r"^K(OE|Ö)N$"}}


def headers(source: IO[bytes]) -> dict[str, str]:
    """What doctor checks: both sheets have a header row with every column; no row is read."""
    found = read_long_tables(source, SHEETS, PREFIX, rows=False)
    return {f"{PREFIX} blad {sheet}": ", ".join(frame.attrs["headers"]) for sheet, frame in found.items()}


def long_term(files: dict[str, IO[bytes]]) -> pd.DataFrame:
    tables = read_long_tables(file_of(files, PREFIX), SHEETS, PREFIX)
    sums = Sums(COUNTS)
    for sheet, table in tables.items():
        for record in table.itertuples(index=False):
            if sheet == "Total":
                sex = "T"
            elif (sex := SEXES.get(str(record.sex).strip().casefold(), "")) == "":
                raise ContractError(f"{PREFIX}: okänt kön {record.sex!r} i bladet Kön")
            key = (period_of(record.period), county_code(record.county), sex)
            sums.add(key, [getattr(record, c) for c in COUNTS])
    sums = sums.with_riket()
    rows = []
    for key in sums.values:
        period, region, sex = key
        counts = {c: sums.get(key, c) for c in COUNTS}
        rows += [tidy_row(region, period, sex, c, *counts[c]) for c in COUNTS]
        rows += [
            tidy_row(region, period, sex, f"share_{c}", *share_of(counts[c], counts["unemployed"]))
            for c in COUNTS[1:]
        ]
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)
