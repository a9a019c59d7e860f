"""Downloads: exactly the rows on screen, or the whole series, as CSV or XLSX.

Text cells that a spreadsheet would read as a formula (starting with = + - @, or a tab or
carriage return) get a leading apostrophe, so a hostile label can never run in Excel.
"""

from __future__ import annotations

import io

import pandas as pd

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(DANGEROUS) else v)
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """regstats' one CSV dialect, for downloads and the command line alike: semicolon separator
    and decimal comma (what Swedish Excel opens correctly), formula-like text neutralised."""
    return neutralise(frame).to_csv(sep=";", decimal=",", index=False)


About = list[tuple[str, str]]  # (what, value): the context a downloaded file carries with it


def to_csv(frame: pd.DataFrame, about: About = ()) -> bytes:
    """A CSV file: the dialect in UTF-8 with a byte-order mark, so Excel reads å, ä and ö.
    `about` comes first as '# what: value' lines (pandas reads past them with comment='#')."""
    lines = "".join(f"# {what}: {' '.join(str(value).split())}\n" for what, value in about)
    return (lines + csv_text(frame)).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data", about: About = ()) -> bytes:
    """The rows on one sheet and, when given, what they are on a second sheet 'Om data'."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        if about:
            facts = pd.DataFrame(list(about), columns=["Uppgift", "Värde"])
            neutralise(facts).to_excel(writer, sheet_name="Om data", index=False)
    return buffer.getvalue()
