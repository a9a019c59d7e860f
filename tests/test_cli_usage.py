"""The installed `regstats` command, run as a user runs it: every usage mistake is one Swedish line
"Fel: … — Åtgärd: …" with exit 2, never a traceback; help is Swedish; a log shows whole ids."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from regstats.catalog import load_catalog

REPO = Path(__file__).resolve().parents[1]
ENGLISH = [
    "Traceback",
    "Usage:",
    "Error:",
    "Options:",
    "Commands:",
    "Show this message",
    "Invalid value",
    "Missing argument",
    "No such",
    "<bool>",
    "INTEGER",
    "TEXT",
    "[default",
    "is not a valid",
]


def _regstats(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = shutil.which("regstats")
    assert command, "the console script is not installed: pip install -c requirements.lock -e ."
    environment = {**os.environ, "COLUMNS": "80", **(env or {})}
    environment.pop("REGSTATS_DEBUG", None)
    return subprocess.run([command, *args], capture_output=True, text=True, env=environment, cwd=cwd, timeout=120)


MISTAKES = [
    ("show",),
    ("show", "population", "--last", "abc"),
    ("show", "population", "--last", "0"),
    ("show", "population", "--last", "-1"),
    ("show", "population", "--as-of", "garbage"),
    ("show", "population", "--sex", "X"),
    ("show", "population", "--region", "<script>"),
    ("show", "population", "--format", "xml"),
    ("show", "population", "--measure", "nope"),
    ("show", "nope"),
    ("show", "sentiment", "--region", "23"),
    ("list", "--bogus"),
    ("bogus",),
    ("refresh", "--publisher", "eurostat"),
    ("refresh", "--series", "arbetsloshet"),
    ("import",),
    ("import", "finns-inte.xlsx"),
    ("export", "--format", "doc"),
    ("meeting", "create"),
    ("meeting", "create", "2026-13-01"),
    ("meeting", "edit", "2026-01-01"),
    ("meeting", "show", "2031-01-01"),
    ("rebuild",),
    ("record",),
]


@pytest.mark.parametrize("args", MISTAKES, ids=" ".join)
def test_a_usage_mistake_is_one_swedish_line_and_exit_2(args, tmp_path):
    result = _regstats(*args, cwd=tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Fel: ") and "Åtgärd:" in lines[-1], result.stderr
    assert not [word for word in ENGLISH if word in result.stderr + result.stdout], result.stderr
    assert "Obs:" not in result.stderr or len(lines) <= 2


@pytest.mark.parametrize("args", [(), ("meeting",)], ids=["regstats", "regstats meeting"])
def test_a_command_without_arguments_shows_its_help(args):
    result = _regstats(*args)
    assert result.returncode == 0 and result.stdout.startswith("Användning: regstats")
    assert "Kommandon:" in result.stdout and not result.stderr


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


def test_every_help_text_is_swedish():
    from regstats.cli import app

    commands = _commands(app)
    assert len(commands) >= 15
    for command in [(), *commands]:
        result = _regstats(*command, "--help")
        assert result.returncode == 0, command
        assert result.stdout.startswith("Användning:"), command
        assert not [word for word in [*ENGLISH, "monthly", "county", "Show the"] if word in result.stdout], (
            command,
            result.stdout,
        )


def test_the_swedish_catalog_is_compiled_and_matches_click():
    from regstats.cli import i18n  # imported here: the CLI's consoles size themselves on import

    with i18n.CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    with i18n.COMPILED.open("rb") as handle:
        compiled = read_mo(handle)

    def texts(messages) -> dict:
        def flat(text):
            return tuple(text) if isinstance(text, list | tuple) else (text,)

        return {flat(m.id): flat(m.string) for m in messages if m.id}

    assert texts(compiled) == texts(catalog), "messages.mo är äldre än messages.po: kör `python -m regstats.cli.i18n`"
    click_ids = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(Path(click.__file__).parent, keywords={"_": None, "ngettext": (1, 2)})
    }
    ours = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert ours <= click_ids, sorted(ours - click_ids)  # a click upgrade that renamed a text is seen here
    assert all(m.string for m in catalog if m.id), "every text is translated"


def test_lists_for_a_log_show_every_id_whole(tmp_path):
    """Not a terminal (cron, systemd): plain rows, never a cut id, and Swedish values."""
    result = _regstats("list", env={"COLUMNS": "40"})
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert [row[0] for row in rows] == list(load_catalog())
    assert {row[3] for row in rows} <= {"månad", "kvartal", "år"}


def test_relative_paths_work_in_path_options(tmp_path):
    (tmp_path / "sub").mkdir()
    result = _regstats("import", "../finns-inte.xlsx", cwd=tmp_path / "sub")
    assert result.returncode == 2 and "finns-inte.xlsx" in result.stderr and "Traceback" not in result.stderr


def test_a_refresh_logged_by_cron_shows_every_series_id_whole(fake, tmp_path):
    """Not a terminal, 80 columns (a cron mail, a systemd journal): whole ids, one row each."""
    env = {"COLUMNS": "80", "REGSTATS_DATA_DIR": str(tmp_path / "lager"), "REGSTATS_HTTP_TIMEOUT": "20"}
    result = _regstats("refresh", env=env)  # a second process on two busy cores: patient timeouts
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines() if "\t" in line]
    assert rows[0][:2] == ["Serie", "Resultat"]
    assert {row[0] for row in rows[1:]} == set(load_catalog())
    assert not [row[0] for row in rows if row[0].endswith("…")]  # never "unemployme…"
