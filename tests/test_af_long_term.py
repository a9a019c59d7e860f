"""Long-term unemployment from AF's time-without-work file (§0b): sheets Total and Kön under four
heading rows, columns found by their text in any order, sums over municipalities, shares as
Σ long-term / Σ unemployed, masked counts flagged."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pytest

from regstats.errors import ContractError
from regstats.sources.af.long_term import PREFIX, long_term
from tests.test_refresh_cli import line_of

HEADER = ["PERIOD", "LÄN", "KOMMUN", "ARBETSLÖSA", *[f"Utan arbete mer än {n} månader" for n in (6, 12, 24)]]
TOTAL = [
    ["2026-10", "Jämtlands län", "Östersund", 1000, 400, 250, 100],
    ["2026-10", "Jämtlands län", "Åre", 200, 90, 60, "<5"],
    ["2026-10", "Gotlands län", "Gotland", 500, 150, 100, 40],
]
BY_SEX = [
    ["2026-10", "Jämtlands län", "Östersund", "Kvinnor", 450, 180, 110, 40],
    ["2026-10", "Jämtlands län", "Östersund", "Män", 550, 220, 140, 60],
]


def _file(order: list[int] | None = None, sheets=("Total", "Kön")) -> dict[str, io.BytesIO]:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets:
        sheet = book.create_sheet(name)
        for heading in (["Inskrivna arbetslösa efter tid utan arbete"], ["Arbetsförmedlingen"], [], ["Antal"]):
            sheet.append(heading)
        header = HEADER if name != "Kön" else [*HEADER[:3], "KOEN", *HEADER[3:]]
        rows = TOTAL if name != "Kön" else BY_SEX
        columns = order if order and name == "Total" else list(range(len(header)))
        sheet.append([header[i] for i in columns])
        for row in rows:
            sheet.append([row[i] for i in columns])
        sheet.append([])
        sheet.append(["Källa: Arbetsförmedlingen"])
    buffer = io.BytesIO()
    book.save(buffer)
    return {PREFIX: io.BytesIO(buffer.getvalue())}


def _value(frame, region, measure, sex="T"):
    row = frame[(frame.region_code == region) & (frame.measure == measure) & (frame.sex == sex)]
    return row["value"].item(), row["status"].item()


@pytest.mark.parametrize("order", [None, [6, 0, 3, 5, 1, 4, 2]])
def test_counties_and_riket_sum_their_municipalities_in_any_column_order(order):
    frame = long_term(_file(order))
    assert _value(frame, "23", "unemployed") == (1200.0, "")
    assert _value(frame, "23", "over_12") == (310.0, "")
    assert np.isclose(_value(frame, "23", "share_over_12")[0], 100 * 310 / 1200)
    assert _value(frame, "23", "over_24") == (100.0, "<5")  # Åre's masked count is left out, and said
    assert _value(frame, "00", "unemployed") == (1700.0, "")
    assert np.isclose(_value(frame, "00", "share_over_6")[0], 100 * 640 / 1700)
    assert _value(frame, "23", "unemployed", "K") == (450.0, "")
    assert np.isclose(_value(frame, "23", "share_over_12", "M")[0], 100 * 140 / 550)


def test_a_missing_sheet_is_named_with_the_sheets_the_file_has():
    with pytest.raises(ContractError, match="bladet 'Kön' saknas; bladen är Total"):
        long_term(_file(sheets=("Total",)))


def test_a_renamed_column_is_refused_naming_what_was_looked_for():
    files = _file()
    book = openpyxl.load_workbook(files[PREFIX])
    book["Total"]["D5"] = "INSKRIVNA"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ContractError, match=r"bladet 'Total'.*ingen rubrikrad"):
        long_term({PREFIX: io.BytesIO(buffer.getvalue())})


def test_refresh_and_doctor_read_the_fake_file_by_its_headers(cli, fake, data_root):
    result = cli("refresh", "--series", "unemployment_long")
    assert result.code == 0, result.out
    assert "nya data" in line_of(result.out, "unemployment_long")
    doctor = cli("doctor", "--series", "unemployment_long")
    assert doctor.code == 0, doctor.out
    line = " ".join(line_of(doctor.out, "unemployment_long").split())
    assert "blad Kön (PERIOD, LÄN, KOMMUN, ARBETSLÖSA, Utan arbete mer än 6 månader" in line and "KOEN" in line
