"""Installs are reproducible: uv.lock is the lock, requirements.lock its export in pip's format, which
the README, CI and the container install from; the lock pins every requirement pyproject.toml names
(within its bounds), every requirement has an upper bound on its major version, and this test
session runs on exactly the locked versions."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"


def _pins() -> dict[str, tuple[str, Requirement]]:
    pins = {}
    for line in LOCK.read_text("utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(requirement.name)] = (spec.version, requirement)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    names = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return [Requirement(r) for r in names]


def test_requirements_lock_is_the_export_of_uv_lock():
    """Read offline (`--frozen`): the two files cannot drift apart."""
    import subprocess
    import sys

    exported = subprocess.run(
        [
            sys.executable,
            "-m",
            "uv",
            "export",
            "--frozen",
            "--all-extras",
            "--no-hashes",
            "--no-emit-project",
            "--format",
            "requirements-txt",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def pins(text: str) -> list[str]:
        return [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]

    assert pins(exported) == pins(LOCK.read_text("utf-8")), "kör scripts/update-lock"


def test_the_lock_pins_every_declared_requirement_within_its_bounds():
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} saknas i requirements.lock: kör scripts/update-lock"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (name, pins[name][0])


def test_every_declared_requirement_has_an_upper_bound():
    for requirement in _declared():
        assert any(spec.operator in {"<", "<=", "==", "~="} for spec in requirement.specifier), requirement


def test_this_session_runs_on_the_locked_versions():
    """What `pip install -c requirements.lock …` gave: a new release elsewhere changes nothing here."""
    environment = default_environment()
    checked = 0
    for name, (version, requirement) in _pins().items():
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # an extra this install did not ask for (bench)
        assert installed == version, f"{name} {installed} installerad, låst {version}"
        checked += 1
    assert checked > 50


def test_readme_ci_and_container_install_from_the_lock():
    readme_commands = re.findall(r"^pip install .*$", (REPO / "README.md").read_text("utf-8"), re.M)[:2]
    assert len(readme_commands) == 2
    for command in readme_commands:
        assert "-c requirements.lock" in command, command
    assert "-c requirements.lock" in (REPO / ".ci" / "run").read_text("utf-8")
    dockerfile = (REPO / "Dockerfile").read_text("utf-8")
    assert "COPY pyproject.toml README.md requirements.lock" in dockerfile
    assert "pip install -c requirements.lock" in dockerfile
    assert "uv lock" in (REPO / "scripts" / "update-lock").read_text("utf-8") and (REPO / "uv.lock").exists()
