"""Meetings: a deck frozen to the data revision it was built from, plus the analyst's edits.

`<data>/meetings/<ÅÅÅÅ-MM-DD>.yaml` holds the deck text, one stored vintage per series and the
edited sentences. Slides are rebuilt from exactly those vintages, so a meeting's slides, PDF and
PPTX come out the same after newer data has arrived. The file is YAML so an analyst can read it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from regstats.errors import InputError, NotFoundError, RegstatsError, StoreError
from regstats.meeting.deck import Deck, load_deck, parse_deck
from regstats.store import StoredSeries
from regstats.store.atomic import write_checksum, write_text_atomically
from regstats.store.check import meeting_damaged
from regstats.store.manifest import timestamp
from regstats.store.reading import reading_store


class Meeting(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: date
    created: str
    saved: str = ""  # stamped on every save; the checksum beside the file names it (store.check)
    deck_text: str
    vintages: dict[str, str]
    sample: bool = False
    edits: dict[str, dict[str, str]] = {}  # slide id → sentence key → the analyst's text ("" hides it)

    @property
    def deck(self) -> Deck:
        return parse_deck(self.deck_text, f"bildspelet i mötet {self.date}")


class StoreData:
    """Series as a deck reads them: the current store, or the vintages a meeting froze."""

    def __init__(self, root: Path, vintages: dict[str, str] | None = None) -> None:
        self.store = reading_store(root)
        self.vintages = vintages
        self._cache: dict[str, StoredSeries | None] = {}
        self.problems: dict[str, str] = {}  # series id → why it could not be read

    def load(self, series_id: str) -> StoredSeries | None:
        if series_id not in self._cache:
            self._cache[series_id] = self._read(series_id)
        return self._cache[series_id]

    def _read(self, series_id: str) -> StoredSeries | None:
        """None when the series (or the vintage a meeting froze) is missing or damaged: its slide
        then says so (`problems`), and the rest of the deck is built."""
        try:
            if self.vintages is None:
                return self.store.read(series_id) if self.store.exists(series_id) else None
            vintage = self.vintages.get(series_id)
            return self.store.read_vintage(series_id, vintage) if vintage else None
        except RegstatsError as error:
            self.problems[series_id] = error.message
            return None


def meetings_dir(root: Path) -> Path:
    return root / "meetings"


def meeting_path(root: Path, day: date) -> Path:
    return meetings_dir(root) / f"{day.isoformat()}.yaml"


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{text!r} är inget datum", hint="skriv mötesdatumet som ÅÅÅÅ-MM-DD") from None


def list_meetings(root: Path) -> list[date]:
    days = []
    for path in meetings_dir(root).glob("*.yaml"):
        try:
            days.append(date.fromisoformat(path.stem))
        except ValueError:  # a stray file is not a meeting
            continue
    return sorted(days)


def previous_meeting(root: Path, day: date | None) -> date | None:
    """The latest meeting before `day` (before every later one when `day` is None: the current data)."""
    earlier = [d for d in list_meetings(root) if day is None or d < day]
    return earlier[-1] if earlier else None


def load_meeting(root: Path, day: date) -> Meeting:
    path = meeting_path(root, day)
    if not path.exists():
        raise NotFoundError(f"Mötet {day} finns inte", hint=f"skapa det med `regstats meeting create {day}`")
    if meeting_damaged(path):  # a flipped bit in a sentence still parses: never read it as the meeting
        raise StoreError(
            f"Mötesfilen {path.name} är skadad: innehållet stämmer inte med kontrollsumman",
            hint=f"återställ den från en säkerhetskopia, eller frys om mötet: regstats meeting create {day} --replace",
        )
    try:
        return Meeting.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except ValidationError as error:
        what = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'filen'}: {e['msg']}" for e in error.errors()[:3])
        raise StoreError(
            f"Mötesfilen {path.name} är trasig eller ofullständig ({what})",
            hint=f"återställ den från en säkerhetskopia, eller frys om mötet: regstats meeting create {day} --replace",
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError):
        raise StoreError(
            f"Mötesfilen {path.name} är trasig och går inte att läsa",
            hint=f"återställ den från en säkerhetskopia, eller frys om mötet: regstats meeting create {day} --replace",
        ) from None


def readable_previous_meeting(root: Path, day: date | None) -> date | None:
    """The latest meeting before `day` whose file reads: a broken earlier meeting is passed over
    (the changes slide names the one it compares with), never a reason for the deck to fail."""
    earlier = [d for d in list_meetings(root) if day is None or d < day]
    for candidate in reversed(earlier):
        try:
            load_meeting(root, candidate)
        except RegstatsError:
            continue
        return candidate
    return None


class _ReadableDumper(yaml.SafeDumper):
    """Multi-line text (the deck) as a literal block, so the meeting file reads like the deck file."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ReadableDumper.add_representer(str, _text)


def save_meeting(root: Path, meeting: Meeting) -> Path:
    path = meeting_path(root, meeting.date)
    saved = datetime.now(UTC).isoformat(timespec="microseconds")
    data = meeting.model_copy(update={"saved": saved}).model_dump(mode="json")
    text = yaml.dump(data, Dumper=_ReadableDumper, allow_unicode=True, sort_keys=False, width=100)
    write_text_atomically(path, text)
    write_checksum(path, saved)
    return path


def create_meeting(root: Path, day: date, deck_file: Path | None = None, replace: bool = False) -> Meeting:
    """Freeze the current vintage of every stored series. Replacing keeps the analyst's edits
    (and the deck, unless a new one is given): a re-frozen meeting only gets newer numbers."""
    store = reading_store(root)
    path = meeting_path(root, day)
    edits: dict[str, dict[str, str]] = {}
    deck_text = None
    if path.exists():
        if not replace:
            raise InputError(
                f"Mötet {day} finns redan och är fryst",
                hint=f"frys om det till senaste data med `regstats meeting create {day} --replace`",
            )
        old = load_meeting(root, day)
        edits, deck_text = old.edits, old.deck_text
    if deck_file is not None or deck_text is None:
        _, deck_text = load_deck(deck_file)
    current = {sid: store.read(sid) for sid in store.series_ids()}
    if not current:
        raise NotFoundError(f"Lagret {store.store_dir} är tomt", hint="kör `regstats refresh` först")
    vintages = {sid: stored.vintage for sid, stored in current.items()}
    sample = any(stored.is_sample for stored in current.values())
    meeting = Meeting(date=day, created=timestamp(), deck_text=deck_text, vintages=vintages, sample=sample, edits=edits)
    save_meeting(root, meeting)
    return meeting


def edit_sentence(root: Path, day: date, slide_id: str, key: str, text: str | None) -> Meeting:
    """Store the analyst's text for one generated sentence; `None` restores the generated one."""
    meeting = load_meeting(root, day)
    slides = {s.id: s for s in meeting.deck.slides}
    if slide_id not in slides:
        raise InputError(f"Bilden {slide_id!r} finns inte i mötet {day}", hint=f"bilder: {', '.join(slides)}")
    spec = slides[slide_id]
    prefixes = ("changes",) if spec.kind == "changes" else spec.highlights
    if not any(key == p or key.startswith(f"{p}-") for p in prefixes):
        raise InputError(
            f"Bilden {slide_id!r} har ingen mening med nyckeln {key!r}",
            hint=f"se nycklarna med `regstats meeting show {day}`",
        )
    edits = {k: dict(v) for k, v in meeting.edits.items()}
    if text is None:
        edits.get(slide_id, {}).pop(key, None)
    else:
        edits.setdefault(slide_id, {})[key] = text.strip()
    meeting.edits = {k: v for k, v in edits.items() if v}
    save_meeting(root, meeting)
    return meeting
