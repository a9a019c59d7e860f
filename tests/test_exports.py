import io

import pandas as pd

from regstats.views.exports import neutralise, to_csv, to_xlsx


def test_formula_like_text_is_neutralised_but_numbers_stay_numbers():
    frame = pd.DataFrame(
        {"Region": ['=HYPERLINK("x")', "+1", "-cmd", "@SUM(A1)", "Jämtland"], "Värde": [1.5, -2.0, 3.0, 4.0, 5.0]}
    )
    out = neutralise(frame)
    assert out["Region"].tolist() == ['\'=HYPERLINK("x")', "'+1", "'-cmd", "'@SUM(A1)", "Jämtland"]
    assert out["Värde"].tolist() == [1.5, -2.0, 3.0, 4.0, 5.0]


def test_csv_is_what_swedish_excel_opens():
    data = to_csv(pd.DataFrame({"Period": ["2026-10"], "Värde": [1234.5]}))
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == ["Period;Värde", "2026-10;1234,5"]


def test_xlsx_keeps_numbers_numeric():
    data = to_xlsx(pd.DataFrame({"Region": ["=1+1"], "Värde": [2.5]}))
    back = pd.read_excel(io.BytesIO(data))
    assert back["Region"].tolist() == ["'=1+1"] and back["Värde"].tolist() == [2.5]


def test_a_download_carries_what_it_is_first_in_csv_and_on_its_own_sheet_in_xlsx():
    about = [("Serie", "Konkurser (bankruptcies)"), ("Exempeldata", "JA")]
    frame = pd.DataFrame({"Period": ["2026-10"], "Värde": [3.0]})
    text = to_csv(frame, about).decode("utf-8-sig")
    assert text.splitlines()[:3] == ["# Serie: Konkurser (bankruptcies)", "# Exempeldata: JA", "Period;Värde"]
    back = pd.read_csv(io.StringIO(text), sep=";", decimal=",", comment="#")
    assert back["Värde"].tolist() == [3.0]
    sheets = pd.read_excel(io.BytesIO(to_xlsx(frame, about=about)), sheet_name=None)
    assert list(sheets) == ["data", "Om data"]
    assert sheets["Om data"].values.tolist() == [list(a) for a in about]
