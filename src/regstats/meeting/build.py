"""The edge that reads a meeting (or the current store) and builds its deck."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from regstats.meeting.deck import load_deck
from regstats.meeting.slides import BuiltDeck, build_deck
from regstats.meeting.snapshot import StoreData, load_meeting, readable_previous_meeting


def deck_for(root: Path, day: date | None = None, deck_file: Path | None = None) -> BuiltDeck:
    """A frozen meeting's deck, or (no `day`) a draft on the current data compared with the
    latest meeting."""
    before_day = readable_previous_meeting(root, day)
    before = None
    if before_day is not None:
        before = StoreData(root, load_meeting(root, before_day).vintages)
    if day is None:
        deck, _ = load_deck(deck_file)
        return build_deck(deck, StoreData(root), previous=before, previous_date=before_day)
    meeting = load_meeting(root, day)
    return build_deck(
        meeting.deck,
        StoreData(root, meeting.vintages),
        meeting=day,
        previous=before,
        previous_date=before_day,
        edits=meeting.edits,
    )
