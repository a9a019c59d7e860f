"""The deck definition: which slides, in what order, with which view and highlight rules.

A deck is a YAML file the analyst can edit; the default one ships with the package. It is
validated here so a typo names the slide and the field instead of failing at export time."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from regstats.errors import InputError
from regstats.geography import COUNTIES
from regstats.views.pages import CHARTS
from regstats.views.state import parse

RULES = ("level", "direction", "sex_divergence", "top_industry", "year_to_date", "sentiment")


class SlideSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["chart", "changes"] = "chart"
    title: str
    chart: str | None = None
    view: str = ""
    subject: str = ""
    highlights: tuple[Literal[RULES], ...] = ()  # type: ignore[valid-type]
    source: str | None = None  # replaces the source line written from the catalog

    @model_validator(mode="after")
    def _chart_known(self) -> SlideSpec:
        if self.kind == "chart":
            if self.chart not in CHARTS:
                raise ValueError(f"okänt diagram {self.chart!r}; finns: {', '.join(sorted(CHARTS))}")
            if problems := parse(self.view).problems:
                raise ValueError(f"vyn {self.view!r} går inte att tolka: {' '.join(problems)}")
        return self


class Deck(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    county: str = "23"
    slides: tuple[SlideSpec, ...]

    @field_validator("county")
    @classmethod
    def _county(cls, value: str) -> str:
        if value not in COUNTIES:
            raise ValueError(f"okänt län {value!r}")
        return value

    @model_validator(mode="after")
    def _unique(self) -> Deck:
        ids = [s.id for s in self.slides]
        if len(ids) != len(set(ids)):
            raise ValueError("bild-id måste vara unika")
        return self


def default_deck_text() -> str:
    return resources.files("regstats.meeting").joinpath("default_deck.yaml").read_text("utf-8")


def example_deck_text() -> str:
    """The round table's topics (unga, utrikes födda, långtidsarbetslösa …) in the deck format."""
    return resources.files("regstats.meeting").joinpath("example_deck.yaml").read_text("utf-8")


def parse_deck(text: str, origin: str = "bildspelet") -> Deck:
    try:
        return Deck.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as error:
        raise InputError(
            f"{origin} går inte att läsa: {error}", hint="jämför med standardbildspelet i regstats/meeting"
        ) from error


def load_deck(path: Path | None = None) -> tuple[Deck, str]:
    """The deck and its text; the text is what a meeting stores, so it can be rebuilt later."""
    text = path.read_text("utf-8") if path else default_deck_text()
    return parse_deck(text, str(path) if path else "standardbildspelet"), text
