"""The catalog's model: every series is declared once as data (series.yaml) and validated here.

A declaration says what the series is (titles, unit, definition, licence, breaks) and how to
fetch it (one or more queries against a protocol). Protocol code reads the query; nothing
about a particular series is written in code.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Publisher = Literal["scb", "ki", "tva", "fk", "af", "kolada"]
# The publishers' names as a reader sees them: defined here once, for sources, views and reports.
PUBLISHER_NAMES: dict[str, str] = {
    "scb": "SCB",
    "ki": "Konjunkturinstitutet",
    "tva": "Tillväxtanalys",
    "fk": "Försäkringskassan",
    "af": "Arbetsförmedlingen",
    "kolada": "Kolada",
}
Frequency = Literal["monthly", "quarterly", "annual"]
GeographyLevel = Literal["riket", "county", "municipality"]
Role = Literal["region", "sex", "measure", "breakdown", "time", "fixed"]
Sex = Literal["T", "K", "M"]

_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Measure(_Strict):
    id: str
    title_sv: str
    title_en: str
    unit: str
    frequency: Frequency | None = None  # where it differs from the series' (population's 31 December)
    # A share in per cent of two other measures of the series, [numerator, denominator]: how a group
    # of counties gets its share (summed counts divided, never an average of the members' shares).
    ratio_of: tuple[str, str] | None = None


class SeriesBreak(_Strict):
    period: str
    description: str


class VariableSpec(_Strict):
    """How one table variable is selected and what it becomes in the tidy schema.

    Select by verified `codes` (a list, a code→tidy-value map, or a token: `counties_and_riket`,
    or `areas` for Riket, the counties and the 290 municipalities), or by `labels` (tidy value →
    regex over value labels) where the publisher's codes are not verified. A variable is found by
    `code`, or by `text` (a regex over the variable's label) where even the code is not verified.
    """

    code: str | None = None
    text: str | None = None
    role: Role = "fixed"
    codes: list[str] | dict[str, str] | Literal["counties_and_riket", "areas"] | None = None
    labels: dict[str, str] | None = None
    from_labels: bool = False
    codelist: str | None = None

    @model_validator(mode="after")
    def _identified(self) -> VariableSpec:
        if not (self.code or self.text):
            raise ValueError("a variable needs `code` or `text`")
        if self.role in {"measure", "breakdown"} and not (self.codes or self.labels):
            raise ValueError(f"a {self.role} variable needs `codes` or `labels`")
        return self

    @property
    def name(self) -> str:
        return self.code or f"/{self.text}/"


class Query(_Strict):
    """One request recipe; a series may splice several (e.g. a frozen table and its successor)."""

    protocol: Literal["pxweb2", "pxweb1", "fk", "af", "kolada"]
    endpoint: str | None = None  # another base URL of the same publisher (SCB's v1 API: scb_v1)
    fallback: Query | None = None  # used when this query's table cannot be found (e.g. no v2 id yet)
    table: str | None = None
    dataset: str | None = None  # fk: dataset; the table name is checked against its meta
    params: dict[str, str] = Field(default_factory=dict)  # fk: fixed parameters
    measures: dict[str, str] = Field(default_factory=dict)  # fk/kolada: publisher measure → tidy
    pages: list[str] = Field(default_factory=list)  # af: index pages, searched in order
    prefixes: list[str] = Field(default_factory=list)  # af: file-name prefixes, in recipe order
    recipe: str | None = None  # af: how the files become this series (regstats.sources.af.recipes)
    from_year: int | None = None  # fk/kolada: first year to ask for
    regions: dict[str, str] = Field(default_factory=dict)  # fk: dimension key → ALL | counties | municipalities
    breakdown: str | None = None  # fk: the dimension whose values become `breakdown` (its total → "")
    geography: dict[str, list[GeographyLevel]] = Field(default_factory=dict)  # kolada: KPI → levels it exists for
    riket_from_counties: bool = False  # the publisher has no Riket row: Riket = sum of the 21 counties
    search: str | None = None
    title_pattern: str | None = None
    folder: str | None = None
    frozen: bool = False
    variables: list[VariableSpec] = Field(default_factory=list)
    fixed: dict[str, str] = Field(default_factory=dict)
    periods_from: str | None = None
    periods_until: str | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Query:
        if self.protocol == "pxweb2" and not (self.table or (self.search and self.title_pattern)):
            raise ValueError("a pxweb2 query needs `table`, or `search` and `title_pattern`")
        if self.protocol == "pxweb1" and not (self.table or (self.folder and self.title_pattern)):
            raise ValueError("a pxweb1 query needs `table`, or `folder` and `title_pattern`")
        if self.protocol == "fk" and not (self.dataset and self.table and self.measures):
            raise ValueError("an fk query needs `dataset`, `table` and `measures`")
        if self.protocol == "af" and not (self.pages and self.prefixes and self.recipe):
            raise ValueError("an af query needs `pages`, `prefixes` and `recipe`")
        if self.protocol == "kolada" and not self.measures:
            raise ValueError("a kolada query needs `measures` (KPI id → measure)")
        if self.title_pattern:
            re.compile(self.title_pattern)
        return self


class Series(_Strict):
    id: str
    title_sv: str
    title_en: str
    unit: str
    definition: str
    publisher: Publisher
    frequency: Frequency
    geography: list[GeographyLevel] = Field(min_length=1)
    release_lag_days: int
    licence: str
    source_url: str
    notes: str
    breaks: list[SeriesBreak]
    official: bool = True
    preliminary: bool = False  # published values are revised later (shown as "preliminär")
    # The publisher's own unit bases (json-stat2 `unit.base`) this series is read in, scale included:
    # an answer in any other ('1000-tal personer' where 'antal' is expected) is refused on every
    # refresh, the first one too. Empty where the publisher states no unit (FK, AF, Kolada).
    publisher_units: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(min_length=1)
    queries: list[Query] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not _SNAKE.match(value):
            raise ValueError(f"series id {value!r} is not snake_case")
        return value

    @model_validator(mode="after")
    def _ratios_of_own_counts(self) -> Series:
        for measure in self.measures:
            for part in measure.ratio_of or ():
                if part not in self.measure_ids or self.measure(part).unit != "antal":
                    raise ValueError(f"{measure.id}: ratio_of names {part!r}, not a count of this series")
        return self

    @field_validator("title_sv", "title_en", "unit", "definition", "licence", "source_url")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value

    @property
    def measure_ids(self) -> list[str]:
        return [m.id for m in self.measures]

    @property
    def regional(self) -> bool:
        return "county" in self.geography

    def measure(self, measure_id: str) -> Measure:
        for measure in self.measures:
            if measure.id == measure_id:
                return measure
        raise KeyError(measure_id)

    def metadata(self) -> dict[str, str]:
        """Key-value metadata written into each Parquet file, so the file describes itself."""
        return {
            "id": self.id,
            "title_sv": self.title_sv,
            "title_en": self.title_en,
            "unit": self.unit,
            "definition": self.definition,
            "publisher": self.publisher,
            "frequency": self.frequency,
            "geography": ",".join(self.geography),
            "release_lag_days": str(self.release_lag_days),
            "licence": self.licence,
            "source_url": self.source_url,
            "notes": self.notes,
            "breaks": "; ".join(f"{b.period}: {b.description}" for b in self.breaks),
            "official": str(self.official).lower(),
            "preliminary": str(self.preliminary).lower(),
            "measures": ",".join(self.measure_ids),
            # Each measure's own unit: a series of counts and shares says which is which.
            "measure_units": json.dumps({m.id: m.unit for m in self.measures}, ensure_ascii=False),
        }
