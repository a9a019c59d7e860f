"""Recorded and transcribed publisher responses the fakes serve (see PROVENANCE.md)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any


@cache
def _text(name: str) -> str:
    return files(__package__).joinpath(name).read_text("utf-8-sig")


def load(name: str) -> Any:
    """A fresh parse each call: callers may change what they get."""
    return json.loads(_text(name))


def text(name: str) -> str:
    return _text(name)


def folder() -> Traversable:
    """The recordings' folder, to find every file of a kind (e.g. each table's metadata)."""
    return files(__package__)
