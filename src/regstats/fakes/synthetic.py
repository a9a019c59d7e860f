"""Deterministic synthetic values. Seeded per key so every run serves the same numbers.

Levels are rough orders of magnitude chosen to look plausible in charts; they are sample
data, not statistics, and every consumer labels them as such.
"""

from __future__ import annotations

import zlib
from datetime import date
from functools import cache

import numpy as np

from regstats.classifications import SNI_SECTIONS as SNI
from regstats.geography import COUNTIES, RIKET

# Rounded county sizes (thousands of inhabitants): only to give the sample sensible proportions.
POPULATION_K = {
    "01": 2450,
    "03": 400,
    "04": 300,
    "05": 470,
    "06": 370,
    "07": 205,
    "08": 246,
    "09": 61,
    "10": 157,
    "12": 1420,
    "13": 340,
    "14": 1760,
    "17": 283,
    "18": 307,
    "19": 281,
    "20": 288,
    "21": 288,
    "22": 243,
    "23": 132,
    "24": 276,
    "25": 249,
}
UNEMPLOYMENT_BASE = {
    "01": 6.4,
    "03": 5.6,
    "04": 8.1,
    "05": 7.0,
    "06": 5.4,
    "07": 6.1,
    "08": 6.4,
    "09": 4.6,
    "10": 7.6,
    "12": 8.6,
    "13": 5.1,
    "14": 6.5,
    "17": 7.1,
    "18": 7.6,
    "19": 8.2,
    "20": 6.0,
    "21": 8.1,
    "22": 6.6,
    "23": 4.4,
    "24": 5.0,
    "25": 4.9,
}
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


def new_firms(region: str, period: date) -> float:
    """About 1,7 new firms per 1 000 inhabitants a quarter, most in the first quarter."""
    if region == RIKET:
        return sum(new_firms(c, period) for c in COUNTIES)
    season = [1.2, 1.0, 0.8, 1.0][(period.month - 1) // 3]
    return float(_rng("nyaf", region, period).poisson(POPULATION_K[region] * 1.7 * season))


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


# ----- Arbetsförmedlingen, Försäkringskassan -------------------------------------------------
AF_AGES = {"16-24 år": 0.16, "25-54 år": 0.62, "55-65 år": 0.22}


def af_rate(region: str, sex: str, period: date) -> float:
    """AF's registered share runs a little above the BAS rate."""
    return unemployment(region, sex, period, "unemployment") + 0.4


def labour_force(region: str, sex: str, period: date) -> float:
    share = {"T": 1.0, "K": 0.48, "M": 0.52}[sex]
    return POPULATION_K[region] * 1000 * 0.52 * share * (1 + 0.002 * (period.year - 2020))


def weak_share(region: str, period: date) -> float:
    """Share of the unemployed with weak competitiveness (the rest are close to the market)."""
    return 0.50 + 0.08 * (UNEMPLOYMENT_BASE[region] - 6.0) / 4 + 0.01 * np.sin(_months(period) / 9)


def new_vacancies(region: str, period: date) -> float:
    season = [0.8, 1.0, 1.15, 1.2, 1.1, 0.9, 0.6, 0.95, 1.2, 1.1, 1.0, 0.75][period.month - 1]
    trend = 1 - 0.04 * max(0, period.year - 2022)
    return float(
        round(POPULATION_K[region] * 2.4 * season * trend * (1 + _rng("ledig", region, period).normal(0, 0.05)))
    )


def redundancy_persons(region: str, period: date) -> int:
    return int(_rng("varsel", region, period).poisson(POPULATION_K[region] / 10 * 1.6))


SNI_SECTIONS = {k: v for k, v in SNI.items() if k <= "S"}
SNI_WEIGHT = {"C": 3.0, "J": 3.4, "G": 2.0, "F": 1.6, "H": 1.2, "M": 1.4, "N": 1.1, "Q": 0.6}


def redundancy_by_industry(section: str, period: date) -> tuple[int, int]:
    rng = _rng("sni", section, period)
    notices = int(rng.poisson(9 * SNI_WEIGHT.get(section, 0.3)))
    persons = int(sum(rng.integers(5, 40, size=notices))) if notices else 0
    return notices, persons


def sick_pay_days(region: str, sex: str, period: date) -> float:
    """Around FK's real Riket level (10,3 days in Sept 2024: women 13,5, men 7,3)."""
    if region == RIKET:
        base = {"T": 10.3, "K": 13.5, "M": 7.3}[sex]
    else:
        base = {"T": 10.3, "K": 13.5, "M": 7.3}[sex] * (0.85 + 0.3 * (int(region) % 7) / 6)
    months = _months(period) - _months(date(2024, 9, 1))
    drift = {"T": -0.015, "K": 0.01, "M": -0.035}[sex] if region == "23" else -0.01
    return round(base + drift * months + 0.1 * np.sin(months / 4), 1)


def sick_leave_share(region: str, sex: str, period: date) -> float:
    return round(sick_pay_days(region, sex, period) / 3.6, 2)
