"""The one tidy schema every series is in, declared once (DESIGN.md, plus `measure`).

A row is one value: region, period (its first day), sex (T/K/M), breakdown (an SNI letter, a
diagnosis chapter, or ""), measure, value (NaN where suppressed) and status ("" or a symbol).
Beyond DESIGN.md's columns we keep `measure`: several series have more than one quantity (a rate
and its margin of error, bankruptcies and employees affected, five sentiment indices), and a
column keeps them in one self-describing file instead of one file per quantity.
"""

# What a parser produces: the tidy columns without the series id and the vintage.
TIDY_COLUMNS = ["region_code", "period", "sex", "breakdown", "measure", "value", "status"]
# What the store keeps: the same, with the series id and the vintage.
COLUMNS = ["series_id", *TIDY_COLUMNS, "vintage"]
# What identifies one value within a series.
KEY = ["measure", "region_code", "sex", "breakdown", "period"]
