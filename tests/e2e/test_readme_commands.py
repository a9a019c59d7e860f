"""The README's meeting commands, copied verbatim into a shell on a new store, all succeed —
the export line included, with its relative --out (it once crashed on `as_uri`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader

from tests.e2e.conftest import CHROMIUM, REPO


def _meeting_block() -> list[str]:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## För mötet", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)[1]
    return [line for line in block.splitlines() if line.strip()]


def test_the_readmes_meeting_commands_run_verbatim(tmp_path):
    assert shutil.which("regstats") and Path(CHROMIUM).exists()
    lines = _meeting_block()
    assert any(line.startswith("regstats export") and "--out export/" in line for line in lines)
    env = {**os.environ, "REGSTATS_DATA_DIR": str(tmp_path / "lager"), "REGSTATS_CHROMIUM": CHROMIUM}
    for line in lines:
        result = subprocess.run(
            ["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, (line, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, line
    exported = {p.suffix for p in (tmp_path / "export").iterdir()}
    assert {".pdf", ".pptx", ".png", ".html"} <= exported
    pdf = next((tmp_path / "export").glob("*.pdf"))
    pptx = next((tmp_path / "export").glob("*.pptx"))
    assert len(PdfReader(pdf).pages) == len(Presentation(pptx).slides) >= 5
    edited = "Egen mening."
    assert edited in "".join(page.extract_text() for page in PdfReader(pdf).pages)
