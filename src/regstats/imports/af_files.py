"""Arbetsförmedlingen's xlsx files, recognised by their pivot-cache fields or sheet headers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from regstats.errors import ContractError
from regstats.sources.af import recipes
from regstats.sources.af.pivot import open_workbook, pivot_caches

SHARE = "web-inskrivna-arbetslosa-andel-av-bas"
WEAK = "web-inskrivna-arbetslosa-svag-konkurrensformaga"
VACANCIES = "web-platser"
VARSEL = "web-varsel-*"


def kind_of(path: Path) -> str | None:
    """Which AF file this is, by content: the prefix it would have on AF's site."""
    with open_workbook(path) as archive:
        for cache in pivot_caches(archive):
            if set(recipes.SHARE_FIELDS) <= set(cache.fields):
                return SHARE
            if set(recipes.CLOSE_FIELDS) <= set(cache.fields):
                return WEAK
            if any(re.search(r"PLATSER", f, re.IGNORECASE) for f in cache.fields):
                return VACANCIES
    try:
        with path.open("rb") as handle:
            recipes.redundancies({VARSEL: handle})
        return VARSEL
    except ContractError:
        return None


def read_af_files(files: dict[str, Path]) -> dict[str, pd.DataFrame]:
    """kind → path for the files given together → series id → tidy frame."""
    opened = {kind: io.BytesIO(path.read_bytes()) for kind, path in files.items()}
    out = {}
    if SHARE in opened:
        out["unemployment_af"] = recipes.unemployment_share(opened)
    if WEAK in opened:
        if SHARE not in opened:
            raise ContractError(
                "Filen om svag konkurrensförmåga behöver arbetskraften ur andel-av-bas-filen",
                hint="importera båda filerna i samma kommando: regstats import SVAG.xlsx ANDEL.xlsx",
            )
        out["unemployment_close"] = recipes.unemployment_close(opened)
    if VACANCIES in opened:
        out["vacancies_new"] = recipes.vacancies(opened)
    if VARSEL in opened:
        out["redundancies"] = recipes.redundancies({VARSEL: opened[VARSEL]})
    return out
