"""The series catalog: `load_catalog()` returns every declared series, validated."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from regstats.catalog.model import PUBLISHER_NAMES, Measure, Query, Series, VariableSpec
from regstats.errors import NotFoundError

__all__ = ["PUBLISHER_NAMES", "Measure", "Query", "Series", "VariableSpec", "get_series", "load_catalog"]


@cache
def load_catalog() -> dict[str, Series]:
    text = resources.files("regstats.catalog").joinpath("series.yaml").read_text("utf-8")
    # libyaml's safe loader where PyYAML was built with it: five times faster, the same result.
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    series = [Series.model_validate(entry) for entry in raw["series"]]
    catalog = {s.id: s for s in series}
    if len(catalog) != len(series):
        raise ValueError("duplicate series id in series.yaml")
    return catalog


def get_series(series_id: str) -> Series:
    catalog = load_catalog()
    if series_id not in catalog:
        known = ", ".join(sorted(catalog))
        raise NotFoundError(f"Okänd serie {series_id!r}", hint=f"välj en av: {known} (se `regstats list`)")
    return catalog[series_id]
