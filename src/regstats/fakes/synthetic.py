"""Deterministic synthetic values. Seeded per key so every run serves the same numbers.

Levels are rough orders of magnitude chosen to look plausible in charts; they are sample
data, not statistics, and every consumer labels them as such.
"""

from __future__ import annotations

import zlib
from datetime import date
from functools import cache

import numpy as np

from regstats.geography import COUNTIES, RIKET

# Rounded county sizes (thousands of inhabitants): only to give the sample sensible proportions.
POPULATION_K = {
    "01": 2450, "03": 400, "04": 300, "05": 470, "06": 370, "07": 205, "08": 246, "09": 61,
    "10": 157, "12": 1420, "13": 340, "14": 1760, "17": 283, "18": 307, "19": 281, "20": 288,
    "21": 288, "22": 243, "23": 132, "24": 276, "25": 249,
}  # fmt: skip
UNEMPLOYMENT_BASE = {
    "01": 6.4, "03": 5.6, "04": 8.1, "05": 7.0, "06": 5.4, "07": 6.1, "08": 6.4, "09": 4.6,
    "10": 7.6, "12": 8.6, "13": 5.1, "14": 6.5, "17": 7.1, "18": 7.6, "19": 8.2, "20": 6.0,
    "21": 8.1, "22": 6.6, "23": 4.4, "24": 5.0, "25": 4.9,
}  # fmt: skip
SEASON = [0.30, 0.20, 0.10, 0.0, -0.15, 0.20, 0.45, 0.10, -0.20, -0.30, -0.20, 0.0]
BANKRUPTCY_SEASON = [0.95, 1.0, 1.1, 1.0, 1.05, 0.95, 0.6, 0.95, 1.1, 1.2, 1.1, 1.0]


def _rng(*key: object) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32("|".join(map(str, key)).encode()))


def _months(period: date) -> int:
    return (period.year - 2000) * 12 + period.month - 1


@cache
def population(region: str, sex: str, period: date) -> float:
    if region == RIKET:
        return sum(population(code, sex, period) for code in COUNTIES)
    growth = 1 + 0.004 * (period.year - 2020) + 0.0003 * (period.month - 1)
    total = POPULATION_K[region] * 1000 * growth * (1 + _rng("pop", region, period).normal(0, 0.0005))
    share = {"T": 1.0, "K": 0.495, "M": 0.505}[sex]
    return float(round(total * share))


@cache
def _unemployment_noise(region: str, sex: str, measure: str) -> np.ndarray:
    """A slowly wandering AR(1) path per region, so months follow each other plausibly."""
    rng = _rng("unemp", region, sex, measure)
    path = np.zeros(12 * 40)
    for i in range(1, len(path)):
        path[i] = 0.9 * path[i - 1] + rng.normal(0, 0.08)
    return path


@cache
def unemployment(region: str, sex: str, period: date, measure: str) -> float:
    if region == RIKET:
        weights = {c: POPULATION_K[c] for c in COUNTIES}
        total = sum(weights.values())
        return round(sum(unemployment(c, sex, period, measure) * w for c, w in weights.items()) / total, 1)
    months = _months(period)
    rate = (
        UNEMPLOYMENT_BASE[region]
        + 0.35 * np.sin((months - 240) / 30)  # a business cycle
        + SEASON[period.month - 1]
        + {"T": 0.0, "K": -0.4, "M": 0.4}[sex]
        + _unemployment_noise(region, sex, measure)[months % 480]
    )
    if measure == "employment":
        return round(float(80.5 - 1.1 * (rate - 6.5) + {"T": 0, "K": -2.0, "M": 2.0}[sex]), 1)
    if measure == "aku":
        return round(float(rate + 0.9), 1)
    return round(float(max(rate, 0.5)), 1)


def aku_margin(region: str) -> float:
    people_k = sum(POPULATION_K.values()) if region == RIKET else POPULATION_K[region]
    return round(1.96 * 0.35 * (1000 / people_k) ** 0.5, 1)


@cache
def bankruptcies(region: str, period: date, measure: str) -> float:
    if region == RIKET:
        return sum(bankruptcies(c, period, measure) for c in COUNTIES)
    rng = _rng("konk", region, period)
    trend = 1 + 0.05 * max(0, period.year - 2022)
    lam = POPULATION_K[region] / 10 * 0.71 * BANKRUPTCY_SEASON[period.month - 1] * trend
    count = int(rng.poisson(lam))
    if measure == "employees":
        return float(int(rng.gamma(2.0, 1.8, size=count).sum())) if count else 0.0
    return float(count)


@cache
def _sentiment_path(indicator: str) -> np.ndarray:
    rng = _rng("ki", indicator)
    level = {"KIFI": 0.0, "BTOT": 1.0, "bhus": -6.0, "bhusmakro": -9.0, "bhusmikro": -3.0}.get(indicator, 0.0)
    path = np.zeros(12 * 40)
    for i in range(1, len(path)):
        path[i] = 0.93 * path[i - 1] + rng.normal(0, 2.2)
    return 100 + level + path


def sentiment(indicator: str, period: date) -> float:
    months = (period.year - 1996) * 12 + period.month - 1
    return round(float(_sentiment_path(indicator)[months % 480]), 1)
