"""Highlight rules on constructed series: rising, falling, flat, diverging by sex, missing data."""

import pandas as pd
import pytest

from regstats.analysis import highlights as h


def monthly(values, start="2026-01-01"):
    return pd.Series([float(v) for v in values], index=pd.date_range(start, periods=len(values), freq="MS"))


def test_level_against_riket_with_its_numbers():
    result = h.level_against_riket("Arbetslösheten", "Jämtlands län", 3.9, 6.8, "procent")
    assert result.text == "Arbetslösheten i Jämtlands län är 3,9 %, lägre än rikssnittet 6,8 %."
    assert h.level_against_riket("X", "Y", 6.85, 6.8, "procent").text.endswith("i nivå med rikssnittet 6,8 %.")
    assert h.level_against_riket("X", "Y", None, 6.8, "procent") is None


def a_year(first: float, last: float, between: float = 99.0) -> pd.Series:
    """Thirteen months from January 2025: a seasonal swing in between must not matter."""
    return monthly([first] + [between] * 11 + [last], start="2025-01-01")


@pytest.mark.parametrize(
    ("first", "last", "word"),
    [
        (4.0, 4.05, "ligger på oförändrad nivå"),
        (4.0, 4.3, "ökar något"),
        (4.0, 4.9, "ökar"),
        (5.0, 4.7, "minskar något"),
        (5.0, 3.5, "minskar"),
    ],
)
def test_direction_is_against_the_same_month_a_year_earlier(first, last, word):
    result = h.recent_direction("Arbetslösheten", a_year(first, last), "procent")
    assert result.text.startswith(f"Arbetslösheten {word} jämfört med januari 2025 (")


def test_direction_for_counts_is_in_per_cent_and_needs_a_year():
    assert h.recent_direction("Varslen", a_year(100, 108, between=20), "antal").text == (
        "Varslen ökar något jämfört med januari 2025 (100 → 108)."
    )
    assert h.recent_direction("Varslen", a_year(100, 130), "antal").text.startswith("Varslen ökar jämfört")
    assert h.recent_direction("Varslen", monthly([100, 90, 95, 130]), "antal") is None  # no same month: silent
    per_10k = h.recent_direction("Platserna", a_year(12.0, 10.0), "per 10 000 invånare")
    assert (
        per_10k.text
        == "Platserna minskar jämfört med januari 2025 (12,0 per 10 000 invånare → 10,0 per 10 000 invånare)."
    )


def test_women_and_men_diverging_is_said_once_and_only_then():
    women = monthly([13.0 + 0.05 * i for i in range(13)], start="2025-10-01")
    men = monthly([7.5 - 0.05 * i for i in range(13)], start="2025-10-01")
    result = h.sex_divergence("Sjukpenningtalet", women, men, "dagar")
    assert result.text == (
        "Sjukpenningtalet ökar bland kvinnor men minskar bland män jämfört med oktober 2025 "
        "(kvinnor 13,0 dagar → 13,6 dagar, män 7,5 dagar → 6,9 dagar). Nivån är 6,7 dagar högre för kvinnor än för män."
    )
    assert h.sex_divergence("S", women, women, "dagar") is None
    # Less than a year shown: over the window, and the sentence names where it starts.
    short = h.sex_divergence("S", women.iloc[-5:], men.iloc[-5:], "dagar")
    assert "jämfört med juni 2026" in short.text
    assert h.sex_divergence("S", women.iloc[-1:], men.iloc[-1:], "dagar") is None


def test_the_industry_with_most_persons_affected():
    rows = pd.DataFrame(
        {
            "breakdown": ["C", "J", "J"],
            "period": pd.to_datetime(["2026-09-01", "2026-09-01", "2026-10-01"]),
            "value": [300.0, 250.0, 200.0],
        }
    )
    labels = {"J": "Information och kommunikation", "C": "Tillverkning"}
    result = h.top_industry(rows, labels, "i riket")
    assert result.text == (
        "I riket berördes flest personer av varsel inom information och kommunikation: 450 de senaste tolv månaderna."
    )
    county = h.top_industry(rows[rows.breakdown == "C"], labels, "i Jämtlands län", riket=rows)
    assert county.text == (
        "I Jämtlands län berördes flest personer av varsel inom tillverkning: 300 de senaste tolv månaderna; "
        "i riket var det information och kommunikation (450)."
    )
    assert h.top_industry(rows.iloc[0:0], {}, "i riket") is None


def test_bankruptcies_so_far_this_year_against_earlier_years():
    values = [10] * 12 + [12] * 12 + [14] * 12 + [20] * 10
    result = h.year_to_date("Konkurser", monthly(values, start="2023-01-01"))
    assert result.text == (
        "Konkurser hittills i år (jan–okt): 200, fler än snittet för samma period 2023–2025 (120) "
        "och fler än samma period 2025 (140). Förändring mot 2025: +42,9 %."
    )
    assert h.year_to_date("Konkurser", monthly([5, 6])) is None  # no earlier year: say nothing


def test_sentiment_against_three_months_ago_and_the_mean():
    result = h.sentiment("Barometerindikatorn", monthly([91.0, 90.5, 91.2, 92.2]))
    assert result.text == (
        "I riket är barometerindikatorn 92,2, något högre än för tre månader sedan (91,0), "
        "och under det historiska medelvärdet 100."
    )
    assert h.sentiment("B", monthly([100.0])) is None


def test_the_level_names_the_month_it_describes():
    result = h.level_against_riket("Arbetslösheten", "Jämtlands län", 3.9, 6.8, "procent", pd.Timestamp("2026-10-01"))
    assert result.text == "Arbetslösheten i Jämtlands län var 3,9 % i oktober 2026, lägre än rikssnittet 6,8 %."


def test_a_change_of_exactly_the_threshold_counts_despite_binary_rounding():
    # 13,0 − 12,9 is 0,0999… as a float; as published (one decimal) it is 0,1: "ökar något".
    assert h.direction(13.0 - 12.9, "dagar") == "ökar något"
    women, men = monthly([12.9] * 12 + [13.0]), monthly([6.5] * 12 + [6.1])
    assert h.sex_divergence("Sjukpenningtalet", women, men, "dagar") is not None
